"""Photos: Pillow processing into sRGB, metadata-free WebP/JPEG variants, cached."""

from __future__ import annotations

from .batch import (
    PhotoBatch,
    PhotoJob,
    PhotoResult,
    Variant,
    process_photo,
    process_photos,
    safe_stem,
)
from .errors import PhotoError, SettingsError
from .reading import PhotoInfo, check_photo
from .settings import DEFAULTS, SHARING_SIZE, PhotoSettings
from .sharing import BRAND_BLUE, draw_site_card, write_site_card
from .state import STATE, PhotoState

__all__ = [
    "BRAND_BLUE",
    "DEFAULTS",
    "SHARING_SIZE",
    "STATE",
    "PhotoBatch",
    "PhotoError",
    "PhotoInfo",
    "PhotoJob",
    "PhotoResult",
    "PhotoSettings",
    "PhotoState",
    "SettingsError",
    "Variant",
    "check_photo",
    "draw_site_card",
    "process_photo",
    "process_photos",
    "register",
    "safe_stem",
    "write_site_card",
]


def register() -> None:
    """Connect the plugin's receivers to Pelican's signals."""
    # Imported here so worker processes and plain scripts need not load Pelican.
    from pelican import signals

    from .state import configure, finish

    signals.initialized.connect(configure)
    signals.finalized.connect(finish)
