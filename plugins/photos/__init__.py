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
from .checking import CheckReport, check_photos
from .errors import PhotoError, SettingsError
from .gallery import PublishedPhoto
from .reading import PhotoInfo, check_photo
from .settings import DEFAULTS, SHARING_SIZE, PhotoSettings
from .sharing import BRAND_BLUE, draw_site_card, write_site_card
from .state import PhotoState, photo_state

__all__ = [
    "BRAND_BLUE",
    "DEFAULTS",
    "SHARING_SIZE",
    "CheckReport",
    "PhotoBatch",
    "PhotoError",
    "PhotoInfo",
    "PhotoJob",
    "PhotoResult",
    "PhotoSettings",
    "PhotoState",
    "PublishedPhoto",
    "SettingsError",
    "Variant",
    "check_photo",
    "check_photos",
    "draw_site_card",
    "photo_state",
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

    from content_model.addresses import reserved_addresses
    from newsroom import build

    from .macros import add_photo_macros
    from .plugin import (
        check_posts,
        configure,
        finish,
        publish_photos,
        reserve_addresses,
        start_build,
    )

    build.connect()
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_photo_macros)
    signals.article_generator_init.connect(start_build)
    signals.article_generator_finalized.connect(check_posts)
    signals.page_generator_finalized.connect(check_posts)
    signals.all_generators_finalized.connect(publish_photos)
    signals.finalized.connect(finish)
    reserved_addresses.connect(reserve_addresses)
