"""The SEARCH_INDEX_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from newsroom.i18n import LANGUAGES
from newsroom.settings import (
    Invalid,
    Setting,
    SettingsError,
    SettingsTable,
    boolean,
    folder_inside_output,
    per_language,
    text,
    url_pattern,
    whole_number,
)

__all__ = [
    "DEFAULTS",
    "LANGUAGES",
    "SETTINGS",
    "SearchIndexSettingsError",
    "check",
    "setting",
]

#: The settings error of every plugin, under the name this plugin used.
SearchIndexSettingsError = SettingsError


def _browse_links(value: Any) -> dict[str, str]:
    """Check one language's {'units': URL, 'archives': URL}."""
    if not isinstance(value, Mapping) or set(value) != {"units", "archives"}:
        raise Invalid("{'units': URL, 'archives': URL}")
    return dict(value)


SETTINGS = SettingsTable(
    # Run Pagefind at the end of every build; False leaves the search pages
    # without an index (only for tests that never search).
    Setting("SEARCH_INDEX_ENABLED", True, boolean),
    # Folder of the output where Pagefind writes its bundle.
    Setting("SEARCH_INDEX_BUNDLE_DIR", "pagefind", folder_inside_output("pagefind")),
    # The Pagefind binary; empty: the one installed by the pagefind-bin package
    # (or PAGEFIND_BINARY_PATH, or `pagefind` on PATH).
    Setting("SEARCH_INDEX_BINARY", "", text),
    # The search page of each language, site-relative.
    Setting(
        "SEARCH_INDEX_PAGES",
        {"vi": "tim-kiem/", "en": "en/search/"},
        per_language(url_pattern(folder=True), "a folder URL like 'tim-kiem/'"),
    ),
    # Where the search page sends readers without JavaScript.
    Setting(
        "SEARCH_INDEX_BROWSE_LINKS",
        {
            "vi": {"units": "don-vi/", "archives": "luu-tru/"},
            "en": {"units": "en/units/", "archives": "en/archives/"},
        },
        per_language(_browse_links, "{'units': URL, 'archives': URL}"),
    ),
    # Results shown at once, and added by "Show more results".
    Setting("SEARCH_INDEX_PAGE_SIZE", 10, whole_number(1)),
    # Keep Pagefind's ready-made UI bundles (~400 KB the site never loads).
    Setting("SEARCH_INDEX_KEEP_UI_BUNDLES", False, boolean),
    # devserver: index in a background thread, so a rebuild returns at once and
    # search catches up seconds later; and skip indexing when no post's search
    # text changed since the last build of this process.
    Setting("SEARCH_INDEX_BACKGROUND", False, boolean),
    # Pagefind's target size of an index chunk (PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE;
    # 0: Pagefind's own). Pagefind weighs a chunk by the positions of the
    # unaccented word only, so Vietnamese chunks come out several times larger
    # than English ones; a smaller target makes a query download less.
    Setting("SEARCH_INDEX_CHUNK_SIZE", 2500, whole_number(0)),
    # Also write Pagefind's bundle (pagefind.js and its index) beside the site's
    # own index, for a page of your own that uses Pagefind; the theme's search
    # page never loads it (search-lists.js searches the index of words.py).
    Setting("SEARCH_INDEX_PAGEFIND", False, boolean),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


def setting(settings: Mapping[str, Any], name: str) -> Any:
    """Return a SEARCH_INDEX_* setting, falling back to its default."""
    return SETTINGS.get(settings, name)


def check(settings: dict) -> None:
    """Fill in the defaults and reject unusable values, naming the key and value."""
    SETTINGS.check(settings)
