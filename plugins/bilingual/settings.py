"""The BILINGUAL_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from newsroom.settings import (
    Invalid,
    Setting,
    SettingsTable,
    anything,
    path_text,
    per_language,
    text,
    url_pattern,
    whole_number,
)


def _pagination_rules(value: Any) -> Any:
    """Check (minimum page, URL, save_as) rules, as PAGINATION_PATTERNS holds."""
    expected = "a list of (minimum page, URL pattern, save_as pattern) rules"
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise Invalid(expected)
    for rule in value:
        if (
            isinstance(rule, (str, bytes))
            or not isinstance(rule, Iterable)
            or len(parts := tuple(rule)) != 3
            or not isinstance(parts[0], int)
            or not all(isinstance(part, str) for part in parts[1:])
        ):
            raise Invalid(expected)
    return value


SETTINGS = SettingsTable(
    # Where feeds are written, per language (site-relative).
    Setting(
        "BILINGUAL_FEEDS",
        {"vi": "feeds/all.atom.xml", "en": "en/feeds/all.atom.xml"},
        per_language(path_text, "feed paths"),
    ),
    # The page explaining the feeds in plain words, per language (a folder URL).
    Setting(
        "BILINGUAL_FOLLOW_PAGES",
        {"vi": "theo-doi/", "en": "en/follow/"},
        per_language(url_pattern(folder=True), "a folder URL ending with '/'"),
    ),
    # The sitemap index; its files are written beside it (sitemap-1.xml, …),
    # each with at most BILINGUAL_SITEMAP_MAX_URLS pages (the protocol's limit).
    Setting("BILINGUAL_SITEMAP", "sitemap.xml", path_text),
    Setting("BILINGUAL_SITEMAP_MAX_URLS", 50_000, whole_number(1, 50_000)),
    # Characters of text a feed entry carries from a post's body (and at most
    # from its summary), cut at a word with "…", plus a link to the post.
    Setting("BILINGUAL_FEED_EXCERPT_CHARS", 600, whole_number(1)),
    # The site's own robots.txt rules, if any (relative to PATH); the sitemap
    # line is added to them.
    Setting("BILINGUAL_ROBOTS_SOURCE", "extra/robots.txt", text),
    # Feeds, the sitemap and robots.txt need absolute URLs; with SITEURL empty
    # (development builds) they point to `make serve`'s address.
    Setting("BILINGUAL_FALLBACK_SITEURL", "http://127.0.0.1:8000", text),
    # How the English lists Pelican paginates number their pages
    # (PAGINATION_PATTERNS, in Vietnamese, serves the Vietnamese lists).
    Setting(
        "BILINGUAL_PAGINATION_PATTERNS_EN",
        (
            (1, "{url}", "{save_as}"),
            (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
        ),
        _pagination_rules,
    ),
    # The gettext catalogues; None: the theme's translations/ folder.
    Setting("BILINGUAL_CATALOGUE_PATH", None, anything),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
