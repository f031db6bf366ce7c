"""The SEARCH_INDEX_* settings: defaults in one place, checked once at start-up."""

from __future__ import annotations

from newsroom.i18n import LANGUAGES

DEFAULTS: dict[str, object] = {
    # Run Pagefind at the end of every build; False leaves the search pages
    # without an index (only for tests that never search).
    "SEARCH_INDEX_ENABLED": True,
    # Folder of the output where Pagefind writes its bundle.
    "SEARCH_INDEX_BUNDLE_DIR": "pagefind",
    # The Pagefind binary; empty: the one installed by the pagefind-bin package
    # (or PAGEFIND_BINARY_PATH, or `pagefind` on PATH).
    "SEARCH_INDEX_BINARY": "",
    # The search page of each language, site-relative.
    "SEARCH_INDEX_PAGES": {"vi": "tim-kiem/", "en": "en/search/"},
    # Where the search page sends readers without JavaScript.
    "SEARCH_INDEX_BROWSE_LINKS": {
        "vi": {"units": "don-vi/", "archives": "luu-tru/"},
        "en": {"units": "en/units/", "archives": "en/archives/"},
    },
    # Results shown at once, and added by "Show more results".
    "SEARCH_INDEX_PAGE_SIZE": 10,
    # Keep Pagefind's ready-made UI bundles (~400 KB the site never loads).
    "SEARCH_INDEX_KEEP_UI_BUNDLES": False,
    # devserver: index in a background thread, so a rebuild returns at once and
    # search catches up seconds later; and skip indexing when no post's search
    # text changed since the last build of this process.
    "SEARCH_INDEX_BACKGROUND": False,
}


class SearchIndexSettingsError(ValueError):
    """A SEARCH_INDEX_* setting has a value the plugin cannot use."""


def setting(settings: dict, name: str):
    """Return a SEARCH_INDEX_* setting, falling back to its default."""
    return settings.get(name, DEFAULTS[name])


def _fail(name: str, value: object, expected: str) -> SearchIndexSettingsError:
    return SearchIndexSettingsError(f"{name} = {value!r}: expected {expected}")


def check(settings: dict) -> None:
    """Fill in the defaults and reject unusable values, naming the key and value."""
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    for name in (
        "SEARCH_INDEX_ENABLED",
        "SEARCH_INDEX_KEEP_UI_BUNDLES",
        "SEARCH_INDEX_BACKGROUND",
    ):
        if not isinstance(settings[name], bool):
            raise _fail(name, settings[name], "True or False")
    bundle = settings["SEARCH_INDEX_BUNDLE_DIR"]
    if not isinstance(bundle, str) or not bundle.strip("/") or ".." in bundle:
        raise _fail(
            "SEARCH_INDEX_BUNDLE_DIR", bundle, "a folder name inside the output"
        )
    if not isinstance(settings["SEARCH_INDEX_BINARY"], str):
        raise _fail(
            "SEARCH_INDEX_BINARY", settings["SEARCH_INDEX_BINARY"], "a path or ''"
        )
    size = settings["SEARCH_INDEX_PAGE_SIZE"]
    if not isinstance(size, int) or isinstance(size, bool) or size < 1:
        raise _fail("SEARCH_INDEX_PAGE_SIZE", size, "a positive integer")
    pages = settings["SEARCH_INDEX_PAGES"]
    if not isinstance(pages, dict) or set(pages) != set(LANGUAGES):
        raise _fail("SEARCH_INDEX_PAGES", pages, "a URL for each of 'vi' and 'en'")
    for lang, url in pages.items():
        if not isinstance(url, str) or not url.endswith("/") or url.startswith("/"):
            raise _fail(
                "SEARCH_INDEX_PAGES", pages, f"{lang!r}: a folder URL like 'tim-kiem/'"
            )
    links = settings["SEARCH_INDEX_BROWSE_LINKS"]
    if not isinstance(links, dict) or any(
        not isinstance(links.get(lang), dict)
        or set(links[lang]) != {"units", "archives"}
        for lang in LANGUAGES
    ):
        raise _fail(
            "SEARCH_INDEX_BROWSE_LINKS",
            links,
            "{'vi': {'units': URL, 'archives': URL}, 'en': {...}}",
        )
