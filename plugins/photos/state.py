"""The photos plugin's section of the build state (see ``newsroom.build``)."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from newsroom.build import BuildState, current

from .batch import PhotoBatch, PhotoJob, process_photos
from .cache import SourceDigests
from .settings import PhotoSettings

logger = logging.getLogger(__name__)


class PhotoState:
    """The settings and running counts of one build, made when it starts."""

    def __init__(self, build: BuildState) -> None:
        """Read the PHOTOS_* settings (raising SettingsError) for this build."""
        self.settings = PhotoSettings.from_pelican(build.settings)
        self.output_path = build.output_path
        # Shared by the check and the processing, so each file is hashed once.
        self.digests = SourceDigests(self.settings.cache_path)
        self.processed = self.cached = self.failed = 0

    def process(self, jobs: Iterable[PhotoJob]) -> PhotoBatch:
        """Process photos with this build's settings into its output folder."""
        batch = process_photos(
            jobs, self.output_path, self.settings, digests=self.digests
        )
        self.processed += batch.processed
        self.cached += batch.cached
        self.failed += len(batch.errors)
        return batch


def photo_state() -> PhotoState:
    """Return the photos section of the build in progress."""
    return current().section(PhotoState)


def finish(pelican: Any) -> None:
    """Log the build's photo counts (receiver of ``finalized``)."""
    del pelican
    build = current()
    if not build.has(PhotoState):
        return
    state = build.section(PhotoState)
    if state.processed or state.cached or state.failed:
        logger.info(
            "Photos in this build: %d processed, %d from cache, %d failed",
            state.processed,
            state.cached,
            state.failed,
        )
