"""Compute each post's URL and output path once, and remember them across builds.

Pelican formats ``url`` and ``save_as`` from settings every time a template
asks (a copy of the metadata, ``strftime`` and a ``str.format`` per call):
tens of thousands of times in a build with unit and people lists. We store
them with Pelican's own ``override_url`` and ``override_save_as``:

- when a post or page is created (``content_object_init``), so that Pelican's
  own validity check does not format them again;
- again once the content model has resolved the posts (a translation takes
  its original's date then), for the few whose slug, language or date moved.

When the site's URL patterns use nothing but ``slug``, ``lang`` and ``date``,
the values are kept in a memo keyed by them: a ``make devserver`` rebuild
formats only the URLs of edited posts. A pattern that uses anything else is
formatted every time, as Pelican does.
"""

from __future__ import annotations

from string import Formatter

from pelican.contents import Article, Page

from newsroom import incremental

_MEMO_FIELDS = {"slug", "lang", "date"}
_KINDS = ("ARTICLE", "DRAFT", "PAGE", "DRAFT_PAGE")
_LISTS = (
    "articles", "translations", "drafts", "drafts_translations",
    "hidden_articles", "hidden_translations", "pages", "hidden_pages",
    "draft_pages",
)  # fmt: skip

# key -> (url, save_as); one site's patterns at a time
_memo: dict[tuple, tuple[str, str]] = {}
_patterns: dict[str, object] = {"seen": None, "memo": False, "checked": None}
pattern_checks = {"checked": 0}  # times the URL patterns were looked at (tests)


def start_build() -> None:
    """Look at the URL patterns again in this build (the settings may change)."""
    _patterns["checked"] = None


def _memo_allowed(settings: dict) -> bool:
    """Tell whether every URL pattern depends on slug, language and date only.

    Worked out once per build and settings object (each post asks).
    """
    if _patterns.get("checked") is settings:
        return bool(_patterns["memo"])
    pattern_checks["checked"] += 1
    patterns = tuple(
        settings.get(f"{kind}_{lang}{what}", "")
        for kind in _KINDS
        for lang in ("", "LANG_")
        for what in ("URL", "SAVE_AS")
    )
    if _patterns["seen"] != patterns:
        _memo.clear()
        _patterns["seen"] = patterns
        _patterns["memo"] = all(
            (field or "").split(".")[0].split("[")[0] in _MEMO_FIELDS
            for pattern in patterns
            for _, field, _, _ in Formatter().parse(str(pattern))
            if field is not None
        )
    _patterns["checked"] = settings
    return bool(_patterns["memo"])


def _key(content) -> tuple:
    date = getattr(content, "date", None)
    return (
        type(content).__name__,
        content.status,
        content.in_default_lang,
        getattr(content, "slug", ""),
        content.lang,
        date.isoformat() if date is not None else None,
    )


def _freeze(content, memo: bool) -> None:
    """Store the content's URL and output path as they are now.

    A post as the last build had it (``newsroom.incremental.same_post``: its
    file, its translations' and the settings unchanged) keeps the values that
    build stored.
    """
    if incremental.same_post(content):
        return
    key = _key(content)
    if getattr(content, "_fast_build_url_key", None) == key:
        return  # frozen with these very values
    if hasattr(content, "_fast_build_url_key"):  # frozen before a change
        del content.override_url, content.override_save_as
    elif hasattr(content, "override_url") or hasattr(content, "override_save_as"):
        return  # the writer's own url or save_as: Pelican's to handle
    values = _memo.get(key) if memo else None
    if values is None:
        values = (content.url, content.save_as)
        if memo:
            _memo[key] = values
    content.override_url, content.override_save_as = values
    content._fast_build_url_key = key


def freeze_new_content(content) -> None:
    """Fix a new post's or page's URL (``content_object_init``).

    A post announced again by fast_build's memory is frozen already; what
    may have moved since (a translation's date) is frozen again once the
    content model has resolved the posts (``freeze_urls``).
    """
    if isinstance(content, (Article, Page)) and not hasattr(
        content, "_fast_build_url_key"
    ):
        _freeze(content, _memo_allowed(content.settings))


def freeze_urls(generators) -> int:
    """Fix every content object's ``url`` and ``save_as`` as they are now."""
    frozen = 0
    for generator in generators:
        memo = _memo_allowed(generator.settings)
        for name in _LISTS:
            for content in getattr(generator, name, None) or ():
                _freeze(content, memo)
                frozen += 1
    return frozen
