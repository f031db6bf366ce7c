"""Per-build state of the photos plugin and the Pelican signal receivers."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from .batch import PhotoBatch, PhotoJob, process_photos
from .cache import SourceDigests
from .settings import PhotoSettings

logger = logging.getLogger(__name__)


class PhotoState:
    """Settings and running counts of one Pelican build; reset on ``finalized``."""

    def __init__(self) -> None:
        self.settings: PhotoSettings | None = None
        self.output_path: Path | None = None
        # Shared by the check and the processing, so each file is hashed once.
        self.digests: SourceDigests | None = None
        self.processed = self.cached = self.failed = 0

    def configure(self, settings: Mapping[str, Any], output_path: str | Path) -> None:
        """Validate the PHOTOS_* settings (raising SettingsError) and remember them."""
        self.settings = PhotoSettings.from_pelican(settings)
        self.output_path = Path(output_path)
        self.digests = SourceDigests(self.settings.cache_path)

    def process(self, jobs: Iterable[PhotoJob]) -> PhotoBatch:
        """Process photos with this build's settings into its output folder."""
        if self.settings is None or self.output_path is None:
            raise RuntimeError("photos plugin used before Pelican was initialised")
        batch = process_photos(
            jobs, self.output_path, self.settings, digests=self.digests
        )
        self.processed += batch.processed
        self.cached += batch.cached
        self.failed += len(batch.errors)
        return batch

    def reset(self) -> None:
        """Forget this build, so the next one (``make devserver``) starts afresh."""
        self.settings = self.output_path = self.digests = None
        self.processed = self.cached = self.failed = 0


STATE = PhotoState()


def configure(pelican: Any) -> None:
    """Read the settings when Pelican starts (receiver of ``initialized``)."""
    STATE.configure(pelican.settings, pelican.output_path)


def finish(pelican: Any) -> None:
    """Log the build's photo counts and reset (receiver of ``finalized``)."""
    if STATE.processed or STATE.cached or STATE.failed:
        logger.info(
            "Photos in this build: %d processed, %d from cache, %d failed",
            STATE.processed,
            STATE.cached,
            STATE.failed,
        )
    STATE.reset()
