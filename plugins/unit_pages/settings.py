"""The UNIT_PAGES_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsroom.settings import (
    LANGUAGES,
    Setting,
    SettingsError,
    SettingsTable,
    per_language,
    url_pattern,
    whole_number,
)

__all__ = ["DEFAULTS", "LANGUAGES", "SETTINGS", "SettingsError", "UnitPagesSettings"]

_URL = "a site-relative URL pattern"
SETTINGS = SettingsTable(
    # Site-relative URLs by language; pages are saved as URL + "index.html".
    Setting(
        "UNIT_PAGES_URL",
        {"vi": "don-vi/{key}/", "en": "en/units/{key}/"},
        per_language(url_pattern("key"), _URL),
    ),
    Setting(
        "UNIT_PAGES_INDEX_URL",
        {"vi": "don-vi/", "en": "en/units/"},
        per_language(url_pattern(), _URL),
    ),
    Setting(
        "UNIT_PAGES_YEAR_URL",
        {"vi": "don-vi/{key}/{year}/", "en": "en/units/{key}/{year}/"},
        per_language(url_pattern("key", "year"), _URL),
    ),
    Setting(
        "UNIT_PAGES_FEED_URL",
        {"vi": "don-vi/{key}/feed.atom.xml", "en": "en/units/{key}/feed.atom.xml"},
        per_language(url_pattern("key"), _URL),
    ),
    # Page 2 onwards of a paginated list, relative to the list's first page.
    Setting(
        "UNIT_PAGES_PAGE_URL",
        {"vi": "{url}trang/{number}/", "en": "{url}page/{number}/"},
        per_language(url_pattern("url", "number"), _URL),
    ),
    Setting("UNIT_PAGES_PER_PAGE", 20, whole_number(1)),
    Setting("UNIT_PAGES_FEED_MAX_ITEMS", 20, whole_number(1)),
    # How many posts an article lists under "more from the same units".
    Setting("UNIT_PAGES_RELATED_COUNT", 5, whole_number(1)),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


@dataclass(frozen=True)
class UnitPagesSettings:
    """The validated UNIT_PAGES_* settings."""

    url: dict[str, str]
    index_url: dict[str, str]
    year_url: dict[str, str]
    feed_url: dict[str, str]
    page_url: dict[str, str]
    per_page: int
    feed_max_items: int
    related_count: int

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> UnitPagesSettings:
        """Read and check the UNIT_PAGES_* settings; raise SettingsError if bad."""
        return cls(**SETTINGS.fields(settings, "UNIT_PAGES_"))
