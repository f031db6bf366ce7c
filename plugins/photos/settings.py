"""Defaults and validation of the PHOTOS_* settings, in one place."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from .errors import SettingsError

# Bump whenever processing changes its output for the same settings, so that
# every cached variant (and every output URL) is rebuilt.
PROCESSING_VERSION = 1

#: Size of the sharing image (og:image), the size Facebook and Zalo recommend.
SHARING_SIZE = (1200, 630)

DEFAULTS: dict[str, Any] = {
    "PHOTOS_WIDTHS": (480, 960, 1600),
    "PHOTOS_QUALITY": 80,
    "PHOTOS_MAX_PIXELS": 50_000_000,
    "PHOTOS_CACHE_PATH": "cache/photos",
    "PHOTOS_OUTPUT_DIR": "photos",
}

_MAX_WIDTH = 10_000


def _widths(value: Any) -> tuple[int, ...]:
    """Return the widths sorted and unique, or raise SettingsError."""
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise SettingsError(
            f"PHOTOS_WIDTHS must be a list of widths in pixels, got {value!r}"
        )
    widths = tuple(value)
    if not widths or not all(
        isinstance(w, int) and not isinstance(w, bool) and 0 < w <= _MAX_WIDTH
        for w in widths
    ):
        raise SettingsError(
            "PHOTOS_WIDTHS must be a non-empty list of whole numbers from 1 to "
            f"{_MAX_WIDTH}, got {value!r}"
        )
    return tuple(sorted(set(widths)))


def _output_dir(value: Any) -> str:
    """Return the output folder as a clean relative POSIX path."""
    text = str(value).replace("\\", "/").strip("/") if isinstance(value, str) else ""
    parts = PurePosixPath(text).parts
    if not text or any(part in ("..", ".") for part in parts):
        raise SettingsError(
            "PHOTOS_OUTPUT_DIR must be a folder inside the output, such as "
            f"'photos', got {value!r}"
        )
    return "/".join(parts)


@dataclass(frozen=True)
class PhotoSettings:
    """Validated photo settings; build from Pelican with ``from_pelican``."""

    widths: tuple[int, ...] = DEFAULTS["PHOTOS_WIDTHS"]
    quality: int = DEFAULTS["PHOTOS_QUALITY"]
    max_pixels: int = DEFAULTS["PHOTOS_MAX_PIXELS"]
    cache_path: Path = field(default=Path(DEFAULTS["PHOTOS_CACHE_PATH"]))
    output_dir: str = DEFAULTS["PHOTOS_OUTPUT_DIR"]

    def __post_init__(self) -> None:
        quality, max_pixels = self.quality, self.max_pixels
        if (
            isinstance(quality, bool)
            or not isinstance(quality, int)
            or not (1 <= quality <= 100)
        ):
            raise SettingsError(
                f"PHOTOS_QUALITY must be a whole number from 1 to 100, got {quality!r}"
            )
        if (
            isinstance(max_pixels, bool)
            or not isinstance(max_pixels, int)
            or max_pixels <= 0
        ):
            raise SettingsError(
                "PHOTOS_MAX_PIXELS must be a positive whole number of pixels, "
                f"got {max_pixels!r}"
            )
        if not isinstance(self.cache_path, (str, os.PathLike)) or not str(
            self.cache_path
        ):
            raise SettingsError(
                f"PHOTOS_CACHE_PATH must be a folder path, got {self.cache_path!r}"
            )
        object.__setattr__(self, "widths", _widths(self.widths))
        object.__setattr__(self, "cache_path", Path(self.cache_path))
        object.__setattr__(self, "output_dir", _output_dir(self.output_dir))

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> PhotoSettings:
        """Read the PHOTOS_* settings; the cache defaults to CACHE_PATH/photos."""
        cache_path = settings.get("PHOTOS_CACHE_PATH")
        if cache_path is None:
            cache_path = Path(settings.get("CACHE_PATH") or "cache") / "photos"
        return cls(
            widths=settings.get("PHOTOS_WIDTHS", DEFAULTS["PHOTOS_WIDTHS"]),
            quality=settings.get("PHOTOS_QUALITY", DEFAULTS["PHOTOS_QUALITY"]),
            max_pixels=settings.get("PHOTOS_MAX_PIXELS", DEFAULTS["PHOTOS_MAX_PIXELS"]),
            cache_path=cache_path,
            output_dir=settings.get("PHOTOS_OUTPUT_DIR", DEFAULTS["PHOTOS_OUTPUT_DIR"]),
        )

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
                "quality": self.quality,
                "sharing": SHARING_SIZE,
            },
            sort_keys=True,
        )
