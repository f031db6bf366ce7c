"""Defaults and validation of the UNIT_PAGES_* settings, in one place."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from newsroom.i18n import LANGUAGES

DEFAULTS: dict[str, Any] = {
    # Site-relative URLs by language; pages are saved as URL + "index.html".
    "UNIT_PAGES_URL": {"vi": "don-vi/{key}/", "en": "en/units/{key}/"},
    "UNIT_PAGES_INDEX_URL": {"vi": "don-vi/", "en": "en/units/"},
    "UNIT_PAGES_YEAR_URL": {
        "vi": "don-vi/{key}/{year}/",
        "en": "en/units/{key}/{year}/",
    },
    "UNIT_PAGES_FEED_URL": {
        "vi": "don-vi/{key}/feed.atom.xml",
        "en": "en/units/{key}/feed.atom.xml",
    },
    # Page 2 onwards of a paginated list, relative to the list's first page.
    "UNIT_PAGES_PAGE_URL": {"vi": "{url}trang/{number}/", "en": "{url}page/{number}/"},
    "UNIT_PAGES_PER_PAGE": 20,
    "UNIT_PAGES_FEED_MAX_ITEMS": 20,
    # How many posts an article lists under "more from the same units".
    "UNIT_PAGES_RELATED_COUNT": 5,
}


class SettingsError(ValueError):
    """A directory-page setting has a bad value; the message names both."""


def url_patterns(name: str, value: Any, fields: tuple[str, ...]) -> dict[str, str]:
    """Return the URL patterns ``value`` of setting ``name`` by language, checked."""
    if not isinstance(value, Mapping) or set(value) != set(LANGUAGES):
        raise SettingsError(
            f"{name} must map each of {', '.join(LANGUAGES)} to a URL pattern, "
            f"got {value!r}"
        )
    patterns = {}
    for lang, pattern in value.items():
        if not isinstance(pattern, str) or pattern.startswith("/"):
            raise SettingsError(
                f"{name}[{lang!r}] must be a site-relative URL without a leading "
                f"'/', got {pattern!r}"
            )
        sample = {field: "x" for field in fields}
        try:
            pattern.format(**sample)
        except (KeyError, IndexError, ValueError) as error:
            raise SettingsError(
                f"{name}[{lang!r}] may only use the fields "
                + ", ".join("{" + f + "}" for f in fields)
                + f", got {pattern!r}"
            ) from error
        missing = [f for f in fields if "{" + f + "}" not in pattern]
        if missing:
            raise SettingsError(
                f"{name}[{lang!r}] must contain "
                + ", ".join("{" + f + "}" for f in missing)
                + f", got {pattern!r}"
            )
        patterns[lang] = pattern
    return patterns


def positive_int(name: str, value: Any) -> int:
    """Return ``value`` of setting ``name`` as a positive whole number, checked."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 1:
        raise SettingsError(f"{name} must be a whole number from 1 up, got {value!r}")
    return value


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

        def get(name: str) -> Any:
            return settings.get(name, DEFAULTS[name])

        return cls(
            url=url_patterns("UNIT_PAGES_URL", get("UNIT_PAGES_URL"), ("key",)),
            index_url=url_patterns(
                "UNIT_PAGES_INDEX_URL", get("UNIT_PAGES_INDEX_URL"), ()
            ),
            year_url=url_patterns(
                "UNIT_PAGES_YEAR_URL", get("UNIT_PAGES_YEAR_URL"), ("key", "year")
            ),
            feed_url=url_patterns(
                "UNIT_PAGES_FEED_URL", get("UNIT_PAGES_FEED_URL"), ("key",)
            ),
            page_url=url_patterns(
                "UNIT_PAGES_PAGE_URL", get("UNIT_PAGES_PAGE_URL"), ("url", "number")
            ),
            per_page=positive_int("UNIT_PAGES_PER_PAGE", get("UNIT_PAGES_PER_PAGE")),
            feed_max_items=positive_int(
                "UNIT_PAGES_FEED_MAX_ITEMS", get("UNIT_PAGES_FEED_MAX_ITEMS")
            ),
            related_count=positive_int(
                "UNIT_PAGES_RELATED_COUNT", get("UNIT_PAGES_RELATED_COUNT")
            ),
        )
