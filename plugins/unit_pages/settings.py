"""The UNIT_PAGES_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsroom.settings import (
    LANGUAGES,
    DirectoryPagesSettings,
    Setting,
    SettingsError,
    SettingsTable,
    directory_pages,
    url_patterns,
    whole_number,
)

__all__ = ["DEFAULTS", "LANGUAGES", "SETTINGS", "SettingsError", "UnitPagesSettings"]

SETTINGS = SettingsTable(
    *directory_pages(
        "UNIT_PAGES_",
        url={"vi": "don-vi/{key}/", "en": "en/units/{key}/"},
        index_url={"vi": "don-vi/", "en": "en/units/"},
    ),
    Setting(
        "UNIT_PAGES_YEAR_URL",
        {"vi": "don-vi/{key}/{year}/", "en": "en/units/{key}/{year}/"},
        url_patterns("key", "year"),
    ),
    Setting(
        "UNIT_PAGES_FEED_URL",
        {"vi": "don-vi/{key}/feed.atom.xml", "en": "en/units/{key}/feed.atom.xml"},
        url_patterns("key"),
    ),
    Setting("UNIT_PAGES_FEED_MAX_ITEMS", 20, whole_number(1)),
    # How many posts an article lists under "more from the same units".
    Setting("UNIT_PAGES_RELATED_COUNT", 5, whole_number(1)),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


@dataclass(frozen=True)
class UnitPagesSettings(DirectoryPagesSettings):
    """The validated UNIT_PAGES_* settings."""

    TABLE = SETTINGS
    PREFIX = "UNIT_PAGES_"

    year_url: dict[str, str]
    feed_url: dict[str, str]
    feed_max_items: int
    related_count: int
