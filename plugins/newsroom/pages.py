"""Write a generated page in its language, with its alternates and its pages.

Every generator of list and directory pages (units, people, archives, the
English home, search, 404) writes through ``write_page`` or
``write_paginated``: the page gets ``page_lang`` and ``alternates`` (the same
page in every language, which the language switcher and hreflang read), and
``RELATIVE_URLS`` is honoured everywhere. Pages are numbered by Pelican's own
``Paginator`` with the pagination rules of the page's language passed
explicitly (``trang/2/`` in Vietnamese, ``page/2/`` in English).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, ClassVar

from pelican.paginator import Page, PaginationRule, Paginator

if TYPE_CHECKING:
    from .build import BuildState
    from .settings import DirectoryPagesSettings


def page_url_of(index: Any, patterns: Mapping[str, str], key: str, lang: str) -> str:
    """Return the URL of the page of ``key`` (a unit, a person) in ``lang``.

    "" when ``index`` (the build's index of such pages) gives it none: only
    what has published posts has a page.
    """
    if index is None or not index.has_page(key):
        return ""
    return patterns.get(lang, next(iter(patterns.values()))).format(key=key)


class DirectoryState:
    """A directory of pages' section of the build state (unit_pages,
    people_pages): its checked settings and, once the posts are read, the
    index of the entries that have a page.

    Kept until the next build starts, not cleared at ``finalized``: pages may
    still be rendering then (see fast_build). A subclass names ``SETTINGS``.
    """

    SETTINGS: ClassVar[type[DirectoryPagesSettings]]

    def __init__(self, build: BuildState) -> None:
        self.settings = self.SETTINGS.from_pelican(build.settings)
        self.index: Any = None

    def url_of(self, entry_or_key: Any, lang: str) -> str:
        """Return the site-relative URL of an entry's page ("" when it has none)."""
        key = getattr(entry_or_key, "key", entry_or_key)
        return page_url_of(self.index, self.settings.url, key, lang)


def save_as(url: str) -> str:
    """Return the file a site-relative URL is served from ("a/" → "a/index.html")."""
    return url + "index.html" if url.endswith("/") or not url else url


def folder_rules(pattern: str) -> list[PaginationRule]:
    """Return Pelican pagination rules numbering a folder list with ``pattern``.

    ``pattern`` names page 2 onwards from the first page's URL
    (``"{url}trang/{number}/"``); page 1 is the list's own URL.
    """
    return [
        PaginationRule(1, "{url}", "{save_as}"),
        PaginationRule(2, pattern, save_as(pattern)),
    ]


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list, as templates read it (``pager``)."""

    items: Sequence[Any]
    number: int
    total: int
    url: str
    previous_url: str | None = None
    next_url: str | None = None


def pelican_pages(
    items: Sequence[Any],
    per_page: int | None,
    url: str,
    rules: Sequence[PaginationRule],
    settings: Mapping[str, Any] | None = None,
) -> list[Page]:
    """Return Pelican's pages of ``items``, ``per_page`` a page (one when empty).

    No ``per_page`` (``None`` or 0): every item on one page, as Pelican does.
    ``rules`` are the ``PAGINATION_PATTERNS`` of the list's language; the
    other settings Pelican's paginator reads (``DEFAULT_ORPHANS``) come from
    ``settings``.
    """
    options = {"DEFAULT_ORPHANS": 0, **(settings or {})}
    options["PAGINATION_PATTERNS"] = [PaginationRule(*rule) for rule in rules]
    paginator = Paginator(save_as(url), url, items, options, per_page)
    return [paginator.page(number) for number in paginator.page_range]


def pagers(pages: Sequence[Page]) -> list[Pager]:
    """Return the ``Pager`` of each of Pelican's ``pages`` of one list."""
    urls = [page.url for page in pages]
    return [
        Pager(
            page.object_list,
            page.number,
            len(pages),
            urls[index],
            urls[index - 1] if index > 0 else None,
            urls[index + 1] if index + 1 < len(urls) else None,
        )
        for index, page in enumerate(pages)
    ]


def paginate(
    items: Sequence[Any],
    per_page: int,
    url: str,
    rules: Sequence[PaginationRule],
    settings: Mapping[str, Any] | None = None,
) -> list[Pager]:
    """Return the pages of ``items`` as templates read them (see ``pelican_pages``)."""
    return pagers(pelican_pages(items, per_page, url, rules, settings))


def write_page(
    generator: Any,
    writer: Any,
    template: str,
    urls: Mapping[str, str],
    lang: str,
    path: str | None = None,
    **variables: Any,
) -> None:
    """Render ``template`` to ``urls[lang]`` with ``page_lang`` and ``alternates``.

    ``urls`` maps every language to the site-relative URL of the same page
    in that language; it becomes ``alternates``. The file is ``path``, or
    the one the URL is served from.
    """
    writer.write_file(
        path or save_as(urls[lang]),
        generator.get_template(template),
        generator.context,
        relative_urls=generator.settings.get("RELATIVE_URLS", False),
        paginated={},  # numbered here, never again by the writer
        url=urls[lang],
        page_lang=lang,
        alternates=dict(urls),
        **variables,
    )


def write_paginated(
    generator: Any,
    writer: Any,
    template: str,
    urls: Mapping[str, str],
    lang: str,
    items: Sequence[Any],
    per_page: int | None,
    rules: Mapping[str, Sequence[PaginationRule]],
    listed: Callable[[Any, str], Any] | None = None,
    page_variables: Callable[[Pager], Mapping[str, Any]] | None = None,
    pelican_names: str | None = None,
    **variables: Any,
) -> list[Pager]:
    """Write every page of the list of ``items`` in ``lang``; return its pages.

    Page N's alternates are page N in every language (``rules`` numbers the
    pages of each). Each page gets ``pager``, and ``entries``: its items, each
    passed through ``listed(item, lang)`` when given, and what
    ``page_variables(pager)`` returns (e.g. what only page 1 shows). With
    ``pelican_names="articles"``, pages get Pelican's own variables instead
    (``articles``, ``articles_page``, ``articles_paginator``...), for
    templates written for Pelican's lists.
    """
    pages = {
        code: pelican_pages(
            items, per_page, urls[code], rules[code], generator.settings
        )
        for code in urls
    }
    own = pages[lang]
    listing = pagers(own)
    for number, pager in enumerate(listing):
        extra = dict(variables)
        if page_variables is not None:
            extra.update(page_variables(pager))
        if pelican_names:
            extra.update(
                {
                    pelican_names: items,
                    f"{pelican_names}_paginator": own[number].paginator,
                    f"{pelican_names}_page": own[number],
                    f"{pelican_names}_previous_page": _neighbour(own, number - 1),
                    f"{pelican_names}_next_page": _neighbour(own, number + 1),
                }
            )
        else:
            extra["pager"] = pager
            extra["entries"] = [
                listed(item, lang) if listed else item for item in pager.items
            ]
        write_page(
            generator,
            writer,
            template,
            {code: pages[code][number].url for code in urls},
            lang,
            path=own[number].save_as,
            **extra,
        )
    return listing


def _neighbour(pages: list[Page], index: int) -> Page | None:
    return pages[index] if 0 <= index < len(pages) else None
