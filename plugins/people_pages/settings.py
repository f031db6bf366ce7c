"""The PEOPLE_PAGES_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsroom.settings import (
    Setting,
    SettingsTable,
    per_language,
    url_pattern,
    whole_number,
)

_URL = "a site-relative URL pattern"
SETTINGS = SettingsTable(
    # Site-relative URLs by language; pages are saved as URL + "index.html".
    Setting(
        "PEOPLE_PAGES_URL",
        {"vi": "nhan-vat/{key}/", "en": "en/people/{key}/"},
        per_language(url_pattern("key"), _URL),
    ),
    Setting(
        "PEOPLE_PAGES_INDEX_URL",
        {"vi": "nhan-vat/", "en": "en/people/"},
        per_language(url_pattern(), _URL),
    ),
    # Page 2 onwards of a person's posts, relative to the person's page.
    Setting(
        "PEOPLE_PAGES_PAGE_URL",
        {"vi": "{url}trang/{number}/", "en": "{url}page/{number}/"},
        per_language(url_pattern("url", "number"), _URL),
    ),
    Setting("PEOPLE_PAGES_PER_PAGE", 20, whole_number(1)),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


@dataclass(frozen=True)
class PeoplePagesSettings:
    """The validated PEOPLE_PAGES_* settings."""

    url: dict[str, str]
    index_url: dict[str, str]
    page_url: dict[str, str]
    per_page: int

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> PeoplePagesSettings:
        """Read and check the PEOPLE_PAGES_* settings; raise SettingsError if bad."""
        return cls(**SETTINGS.fields(settings, "PEOPLE_PAGES_"))
