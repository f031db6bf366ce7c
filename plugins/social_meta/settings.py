"""The SOCIAL_META_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from typing import Any

from newsroom.settings import (
    Setting,
    SettingsTable,
    pair_of_whole_numbers,
    path_text,
    text,
)

SETTINGS = SettingsTable(
    # Absolute site URL for canonical and og:url when SITEURL is relative (dev);
    # empty: the bilingual plugin's BILINGUAL_FALLBACK_SITEURL, as the sitemap.
    Setting("SOCIAL_META_SITEURL", "", text),
    # The default sharing card, relative to the site root (1200x630).
    Setting("SOCIAL_META_DEFAULT_IMAGE", "theme/images/og-default.png", path_text),
    Setting("SOCIAL_META_DEFAULT_IMAGE_SIZE", (1200, 630), pair_of_whole_numbers),
    # The publisher's logo for NewsArticle, relative to the site root.
    Setting("SOCIAL_META_LOGO", "theme/images/logo.png", path_text),
    Setting("SOCIAL_META_LOGO_SIZE", (600, 60), pair_of_whole_numbers),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
