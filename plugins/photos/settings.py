"""The PHOTOS_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsroom.settings import (
    Invalid,
    Setting,
    SettingsTable,
    folder_inside_output,
    whole_number,
)

# Bump whenever processing changes its output for the same settings, so that
# every cached variant (and every output URL) is rebuilt.
PROCESSING_VERSION = 2

#: Size of the sharing image (og:image), the size Facebook and Zalo recommend.
SHARING_SIZE = (1200, 630)

#: Shape of the card image in lists (width:height): every card lines up.
CARD_ASPECT = (3, 2)

_MAX_WIDTH = 10_000


def _widths(value: Any) -> tuple[int, ...]:
    """Check a list of widths; return them sorted and unique."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise Invalid("a list of widths in pixels")
    widths = tuple(value)
    if not widths or not all(
        isinstance(w, int) and not isinstance(w, bool) and 0 < w <= _MAX_WIDTH
        for w in widths
    ):
        raise Invalid(f"a non-empty list of whole numbers from 1 to {_MAX_WIDTH}")
    return tuple(sorted(set(widths)))


def _cache_path(value: Any) -> Path | None:
    """Check a folder path; None means CACHE_PATH/photos."""
    if value is None:
        return None
    if not isinstance(value, (str, os.PathLike)) or not str(value):
        raise Invalid("a folder path")
    return Path(value)


SETTINGS = SettingsTable(
    Setting("PHOTOS_WIDTHS", (480, 960, 1600), _widths),
    # Widths of the cropped card image shown in lists (one column on phones,
    # three on wide screens; the larger for high-density screens).
    Setting("PHOTOS_CARD_WIDTHS", (360, 720, 1080), _widths),
    Setting("PHOTOS_QUALITY", 80, whole_number(1, 100)),
    Setting("PHOTOS_MAX_PIXELS", 50_000_000, whole_number(1, unit="pixels")),
    # None: CACHE_PATH/photos.
    Setting("PHOTOS_CACHE_PATH", None, _cache_path),
    Setting("PHOTOS_OUTPUT_DIR", "photos", folder_inside_output("photos")),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
_FIELDS = {
    "widths": "PHOTOS_WIDTHS",
    "card_widths": "PHOTOS_CARD_WIDTHS",
    "quality": "PHOTOS_QUALITY",
    "max_pixels": "PHOTOS_MAX_PIXELS",
    "cache_path": "PHOTOS_CACHE_PATH",
    "output_dir": "PHOTOS_OUTPUT_DIR",
}


@dataclass(frozen=True)
class PhotoSettings:
    """Validated photo settings; build from Pelican with ``from_pelican``."""

    widths: tuple[int, ...] = DEFAULTS["PHOTOS_WIDTHS"]
    card_widths: tuple[int, ...] = DEFAULTS["PHOTOS_CARD_WIDTHS"]
    quality: int = DEFAULTS["PHOTOS_QUALITY"]
    max_pixels: int = DEFAULTS["PHOTOS_MAX_PIXELS"]
    cache_path: Path = field(default=Path("cache/photos"))
    output_dir: str = DEFAULTS["PHOTOS_OUTPUT_DIR"]

    def __post_init__(self) -> None:
        # Every field passes its setting's check, built here or from Pelican.
        for attribute, name in _FIELDS.items():
            value = SETTINGS.value({name: getattr(self, attribute)}, name)
            object.__setattr__(self, attribute, value)
        if self.cache_path is None:
            object.__setattr__(self, "cache_path", Path("cache/photos"))

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> PhotoSettings:
        """Read the PHOTOS_* settings; the cache defaults to CACHE_PATH/photos."""
        values = SETTINGS.values(settings)
        if values["PHOTOS_CACHE_PATH"] is None:
            cache = Path(settings.get("CACHE_PATH") or "cache") / "photos"
            values["PHOTOS_CACHE_PATH"] = cache
        return cls(**{attribute: values[name] for attribute, name in _FIELDS.items()})

    def output_dir_for(self, *parts: str | int) -> str:
        """Return the output folder for a group of photos, e.g. ``photos/2020``."""
        return "/".join([self.output_dir, *(str(p).strip("/") for p in parts)])

    @property
    def fingerprint(self) -> str:
        """Return the text of every setting that changes processed files."""
        return json.dumps(
            {
                "version": PROCESSING_VERSION,
                "widths": self.widths,
                "card_widths": self.card_widths,
                "card_aspect": CARD_ASPECT,
                "quality": self.quality,
                "sharing": SHARING_SIZE,
            },
            sort_keys=True,
        )
