"""The same page in each language: the ``alternates`` convention and its URLs.

Every generator passes ``page_lang`` and ``alternates`` ({lang: site-relative
URL}, the page's own language included) to its templates. Articles and pages
derive theirs from their translations; the Vietnamese home from ``HOME``. A
paginated list passes the alternates of its first page: page N of one language
maps to page N of the other (English lists hold every post, so the page counts
agree).
"""

from __future__ import annotations

from pelican.paginator import Page, PaginationRule

from newsroom.i18n import DEFAULT_LANGUAGE
from newsroom.pages import save_as

HOME = {"vi": "", "en": "en/"}


def content_alternates(content) -> dict[str, str]:
    """Return ``{lang: url}`` for a post or page and its translations."""
    found = {content.lang: content.url}
    for translation in getattr(content, "translations", ()):
        found.setdefault(translation.lang, translation.url)
    return found


def pagination_rules(settings: dict, lang: str) -> list[PaginationRule]:
    """Return the pagination rules of Pelican's lists in ``lang``.

    ``PAGINATION_PATTERNS`` numbers the Vietnamese lists ("trang/2/"),
    ``BILINGUAL_PAGINATION_PATTERNS_EN`` the English ones ("page/2/").
    """
    name = (
        "BILINGUAL_PAGINATION_PATTERNS_EN"
        if lang == "en"
        else "BILINGUAL_PAGINATION_PATTERNS_VI"
    )
    rules = settings.get(name, settings["PAGINATION_PATTERNS"])
    return [PaginationRule(*rule) for rule in rules]


def _paginated(url: str, page: Page, lang: str) -> str:
    """Return the URL of page ``page.number`` of the ``lang`` list at ``url``."""
    settings = {
        **page.settings,
        "PAGINATION_PATTERNS": pagination_rules(page.settings, lang),
    }
    return Page(save_as(url), url, [], page.number, page.paginator, settings).url


def page_alternates(context) -> dict[str, str]:
    """Return the alternates of the page being rendered (empty if it has none)."""
    given = context.get("alternates")
    if given:
        alternates = dict(given)
    else:
        content = context.get("article") or context.get("page")
        if content is not None and hasattr(content, "url") and content.lang:
            return content_alternates(content)
        if context.get("page_name") == "index":
            alternates = dict(HOME)
        else:
            return {}
    page = context.get("articles_page")
    own = alternates.get(context.get("page_lang") or DEFAULT_LANGUAGE)
    if isinstance(page, Page) and page.number > 1 and own != page.url:
        alternates = {
            lang: _paginated(url, page, lang) for lang, url in alternates.items()
        }
    return alternates


def join_url(base: str, url: str) -> str:
    """Join a site URL (possibly empty) and a site-relative URL."""
    return f"{base.rstrip('/')}/{url.lstrip('/')}"
