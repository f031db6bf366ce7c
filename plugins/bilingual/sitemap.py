"""``/sitemap.xml`` (an index of sitemap files of at most 50,000 URLs each, with
hreflang alternates), and ``/robots.txt`` pointing to it.

Every page Pelican's writer writes is recorded from the ``content_written``
signal (its context says its language and alternates), so pages of every
plugin are listed without a scan of the output. Drafts, hidden posts and
``noindex`` pages (the 404 pages) are left out.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as escape_xml

from newsroom.i18n import DEFAULT_LANGUAGE, LANGUAGES
from newsroom.incremental import (
    complete,
    keep,
    skipping,
    unchanged_pages,
    unchanged_text,
)
from vietnamese import iso_with_offset

from .alternates import join_url, page_alternates
from .xml_text import xml_safe

logger = logging.getLogger(__name__)

SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"


@dataclass(frozen=True, slots=True)
class SitemapPage:
    """One public page: its URL, its alternates and when it last changed.

    One per page, kept until the sitemap is written at the end of the build
    (27,500 at 10,000 posts), when the build's memory peaks: slots, no
    ``__dict__`` each, and the alternates a tuple of URLs in ``LANGUAGES``
    order (None: no page in that language), made by ``of`` from a dict.
    """

    url: str
    alternates: tuple[str | None, ...]
    lastmod: str | None = None

    @classmethod
    def of(
        cls, url: str, alternates: Mapping[str, str], lastmod: str | None = None
    ) -> SitemapPage:
        """Return the record of ``url`` with its alternates by language."""
        return cls(url, tuple(alternates.get(lang) for lang in LANGUAGES), lastmod)

    def alternate(self, lang: str) -> str | None:
        """Return the URL of this page in ``lang``, if it has one."""
        return self.alternates[LANGUAGES.index(lang)]


@dataclass
class SitemapState:
    """The pages written during one build, by URL; reset when a build starts.

    ``kept`` is the last sitemap written (``make devserver``): a build that
    leaves some pages as they were keeps their entries from it.
    """

    pages: dict[str, SitemapPage] = field(default_factory=dict)
    kept: dict[str, SitemapPage] = field(default_factory=dict)
    reused: int = 0  # entries this build took from the last sitemap (tests)
    # the path each public page was written at -> its URL (devserver)
    urls: dict[str, str] = field(default_factory=dict)
    rebuilding: bool = False  # this build may leave pages as they were
    base: str | None = None  # the site URL of the last sitemap
    text_key: str = ""  # what the last sitemap was written from (devserver)

    def clear(self) -> None:
        """Forget every page (a new process starts)."""
        self.pages.clear()
        self.kept.clear()
        self.urls.clear()
        self.base, self.text_key = None, ""


state = SitemapState()


def page_url(output_file: str) -> str:
    """Return the URL of a written file: ``a/b/index.html`` is ``a/b/``."""
    name = output_file.replace("\\", "/").lstrip("/")
    if name == "index.html":
        return ""
    if name.endswith("/index.html"):
        return name[: -len("index.html")]
    return name


def is_public(context: dict) -> bool:
    """Tell whether a written page belongs in the sitemap."""
    name = str(context.get("output_file") or "")
    if not name.endswith(".html") or context.get("noindex"):
        return False
    for key in ("article", "page"):
        content = context.get(key)
        status = getattr(content, "status", "published")
        if content is not None and status != "published":
            return False
    drafts = str(context.get("DRAFT_SAVE_AS") or "drafts/").split("/")[0]
    return not (drafts and name.startswith(f"{drafts}/"))


def record_page(path, context: dict | None = None) -> None:
    """Remember a page the writer wrote, if it is public (``content_written``)."""
    if not context:
        return
    url = page_url(str(context.get("output_file") or ""))
    if not is_public(context):
        return
    content = context.get("article") or context.get("page")
    changed = getattr(content, "modified", None) or getattr(content, "date", None)
    alternates = page_alternates(context)
    # the page's own URL is most often one of its alternates: one string for both
    url = next((other for other in alternates.values() if other == url), url)
    state.pages[url] = SitemapPage.of(
        url, alternates, iso_with_offset(changed) if changed else None
    )
    if state.rebuilding:
        state.urls[str(path)] = url  # a next build may leave it as it is


def _take_unchanged() -> None:
    """Give the pages a ``make devserver`` build left as the last build wrote
    them, from the same inputs, the entries the last sitemap had (18,000 of
    18,100 pages after a one-post edit at 10,000 posts)."""
    for path in unchanged_pages():
        url = state.urls.get(path)
        last = state.kept.get(url) if url is not None else None
        if last is not None:  # else not public
            state.pages[url] = last
            state.reused += 1


def sitemap_chunks(pages: list[SitemapPage], base: str) -> Iterator[str]:
    """Yield the sitemap document of ``pages``, with absolute URLs under ``base``.

    Streamed, not built as a tree: an archive of 10,000 posts has 27,000
    pages, whose element tree alone would take 100 MB.
    """
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield f'<urlset xmlns="{SITEMAP_NS}" xmlns:xhtml="{XHTML_NS}">\n'
    for page in sorted(pages, key=lambda p: p.url):
        lines = ["  <url>", f"    <loc>{escape(join_url(base, page.url))}</loc>"]
        if page.lastmod:
            lines.append(f"    <lastmod>{escape(page.lastmod)}</lastmod>")
        targets = [
            (lang, url)
            for lang in LANGUAGES
            if (url := page.alternate(lang)) is not None
        ]
        if len(targets) >= 2:  # a counterpart exists: declare the alternates
            targets.append(("x-default", page.alternate(DEFAULT_LANGUAGE)))
            lines += [
                f'    <xhtml:link rel="alternate" hreflang="{escape(lang)}" '
                f'href="{_attribute(join_url(base, url))}" />'
                for lang, url in targets
            ]
        lines.append("  </url>\n")
        yield "\n".join(lines)
    yield "</urlset>\n"


def sitemap_index_chunks(
    parts: list[tuple[str, str | None]], base: str
) -> Iterator[str]:
    """Yield the sitemap index of ``parts`` (site path, newest lastmod or None)."""
    yield "<?xml version='1.0' encoding='utf-8'?>\n"
    yield f'<sitemapindex xmlns="{SITEMAP_NS}">\n'
    for path, lastmod in parts:
        lines = ["  <sitemap>", f"    <loc>{escape(join_url(base, path))}</loc>"]
        if lastmod:
            lines.append(f"    <lastmod>{escape(lastmod)}</lastmod>")
        lines.append("  </sitemap>\n")
        yield "\n".join(lines)
    yield "</sitemapindex>\n"


def write_sitemaps(
    pages: list[SitemapPage], base: str, output: Path, index_as: str, limit: int
) -> list[str]:
    """Write the sitemap files (``limit`` URLs each) and their index; return paths.

    Search engines read at most 50,000 URLs (and 50 MB) per sitemap file; the
    index at ``index_as`` lists the files, written beside it as
    ``sitemap-1.xml``, ``sitemap-2.xml``, … Files left from a larger build go.
    """
    if limit < 1:
        raise ValueError(f"BILINGUAL_SITEMAP_MAX_URLS must be at least 1, not {limit}")
    pages = sorted(pages, key=lambda p: p.url)
    stem = index_as.rsplit(".", 1)[0]
    parts: list[tuple[str, str | None]] = []
    for number, start in enumerate(range(0, max(len(pages), 1), limit), start=1):
        chunk = pages[start : start + limit]
        path = f"{stem}-{number}.xml"
        with open(output / path, "w", encoding="utf-8") as sitemap:
            sitemap.writelines(sitemap_chunks(chunk, base))
        dates = [page.lastmod for page in chunk if page.lastmod]
        parts.append((path, max(dates) if dates else None))
    number = len(parts) + 1
    while (output / f"{stem}-{number}.xml").is_file():  # from an earlier, larger build
        (output / f"{stem}-{number}.xml").unlink()
        number += 1
    with open(output / index_as, "w", encoding="utf-8") as index:
        index.writelines(sitemap_index_chunks(parts, base))
    return [index_as, *(path for path, _ in parts)]


def escape(value: str) -> str:
    """Return ``value`` as XML element text: escaped, invalid characters dropped."""
    return escape_xml(xml_safe(value))


def _attribute(value: str) -> str:
    return escape_xml(xml_safe(value), {'"': "&quot;", "\n": "&#10;", "\t": "&#09;"})


def sitemap_xml(pages: list[SitemapPage], base: str) -> bytes:
    """Return the sitemap document of ``pages`` with absolute URLs under ``base``."""
    return "".join(sitemap_chunks(pages, base)).encode("utf-8")


def robots_txt(sitemap_url: str, existing: str = "") -> str:
    """Return robots.txt: the site's own rules, or allow-all, plus the sitemap."""
    lines = existing.strip().splitlines() or ["User-agent: *", "Disallow:"]
    if not any(line.lower().startswith("sitemap:") for line in lines):
        lines += ["", f"Sitemap: {sitemap_url}"]
    return "\n".join(lines) + "\n"


def write_sitemap(pelican) -> None:
    """Write sitemap.xml and robots.txt once every page is known (``finalized``)."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    base = settings.get("SITEURL") or settings["BILINGUAL_FALLBACK_SITEURL"]
    save_as = settings["BILINGUAL_SITEMAP"]
    as_before = False
    if skipping(settings) and not complete():
        # make devserver: the pages left as they were keep their entries; when
        # every page written has its last entry, the sitemap's text is the
        # last one (not described again: 27,000 entries at 10,000 posts)
        as_before = base == state.base and all(
            state.kept.get(url) == page for url, page in state.pages.items()
        )
        _take_unchanged()
        state.kept = {**state.kept, **state.pages}
    elif skipping(settings):  # every page was asked for: exactly those
        _take_unchanged()
        state.kept = dict(state.pages)
    else:  # a one-off build: no next build takes anything from it
        state.kept = {}
        state.urls.clear()
    # by URL, as the sitemap lists them: the text key follows what is written
    pages = sorted(
        (state.kept if skipping(settings) else state.pages).values(),
        key=lambda page: page.url,
    )
    state.pages.clear()
    limit = settings["BILINGUAL_SITEMAP_MAX_URLS"]
    if skipping(settings):
        if not (as_before and state.text_key):
            state.text_key = repr((base, pages))
        state.base = base
    if (
        skipping(settings)  # devserver: the same pages as last time?
        and unchanged_text(settings, output / save_as, state.text_key)
    ):
        for number in range(1, max(len(pages) - 1, 0) // max(limit, 1) + 2):
            keep(output / f"{save_as.rsplit('.', 1)[0]}-{number}.xml")  # its parts
    else:
        written = write_sitemaps(pages, base, output, save_as, limit)
        logger.info(
            "Writing %s (%d pages in %d files)",
            output / save_as,
            len(pages),
            len(written) - 1,
        )
    own_rules = Path(settings["PATH"]) / settings["BILINGUAL_ROBOTS_SOURCE"]
    existing = own_rules.read_text(encoding="utf-8") if own_rules.is_file() else ""
    robots = robots_txt(join_url(base, save_as), existing)
    if not unchanged_text(settings, output / "robots.txt", robots):
        (output / "robots.txt").write_text(robots, encoding="utf-8")


def start_build(generator=None, *_args) -> None:
    """Forget the pages a failed build may have left recorded; tell whether
    the build may leave pages as they were (``make devserver``)."""
    state.pages.clear()
    state.reused = 0
    settings = getattr(generator, "settings", None)
    state.rebuilding = settings is not None and skipping(settings)
