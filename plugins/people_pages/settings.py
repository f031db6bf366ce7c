"""Defaults and validation of the PEOPLE_PAGES_* settings, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from unit_pages.settings import positive_int, url_patterns

DEFAULTS: dict[str, Any] = {
    # Site-relative URLs by language; pages are saved as URL + "index.html".
    "PEOPLE_PAGES_URL": {"vi": "nhan-vat/{key}/", "en": "en/people/{key}/"},
    "PEOPLE_PAGES_INDEX_URL": {"vi": "nhan-vat/", "en": "en/people/"},
    # Page 2 onwards of a person's posts, relative to the person's page.
    "PEOPLE_PAGES_PAGE_URL": {
        "vi": "{url}trang/{number}/",
        "en": "{url}page/{number}/",
    },
    "PEOPLE_PAGES_PER_PAGE": 20,
}


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

        def get(name: str) -> Any:
            return settings.get(name, DEFAULTS[name])

        return cls(
            url=url_patterns("PEOPLE_PAGES_URL", get("PEOPLE_PAGES_URL"), ("key",)),
            index_url=url_patterns(
                "PEOPLE_PAGES_INDEX_URL", get("PEOPLE_PAGES_INDEX_URL"), ()
            ),
            page_url=url_patterns(
                "PEOPLE_PAGES_PAGE_URL",
                get("PEOPLE_PAGES_PAGE_URL"),
                ("url", "number"),
            ),
            per_page=positive_int(
                "PEOPLE_PAGES_PER_PAGE", get("PEOPLE_PAGES_PER_PAGE")
            ),
        )
