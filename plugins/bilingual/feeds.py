"""Atom feeds per language, with absolute links and one id per feed.

The English feed lists every post, like the English lists: a Vietnamese post
without a translation is included as a Vietnamese entry (``xml:lang="vi"`` on
the entry, its Vietnamese title, summary and body, a ``vietnamese-only``
category) linking to the Vietnamese page, so English subscribers are told of
it and never get a dead link. An entry carries the summary and an excerpt of
the text (``BILINGUAL_FEED_EXCERPT_CHARS``) with a link to the post, never the
whole post, and no character XML 1.0 forbids. ``write_atom_feed`` serves other
plugins too (per-unit feeds).
"""

from __future__ import annotations

import html
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html import escape
from itertools import islice
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from newsroom.build import BuildState, current, started
from newsroom.files import write_if_changed
from newsroom.i18n import LANGUAGES, in_language, site_name, site_subtitle
from newsroom.incremental import unchanged_feed

from .alternates import HOME, join_url
from .catalogue import N_, translate
from .templating import isoformat
from .xml_text import xml_safe

logger = logging.getLogger(__name__)

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "xml:lang"
UNTRANSLATED_TERM = "vietnamese-only"


@dataclass(frozen=True)
class FeedInfo:
    """What describes one feed: its language, its file and the page it mirrors."""

    lang: str
    save_as: str  # site-relative path of the feed file, e.g. "en/feeds/all.atom.xml"
    page_url: str  # site-relative URL of the HTML page it mirrors, e.g. "en/"
    title: str
    subtitle: str = ""


def feed_base(settings: dict) -> str:
    """Return the absolute base URL of feed links (never empty)."""
    return (
        settings.get("FEED_DOMAIN")
        or settings.get("SITEURL")
        or settings["BILINGUAL_FALLBACK_SITEURL"]
    )


def _add(parent: ET.Element, tag: str, text: str | None = None, **attrs) -> ET.Element:
    """Append an Atom element with optional text and attributes, all XML-safe."""
    element = ET.SubElement(
        parent, tag, {name: xml_safe(str(value)) for name, value in attrs.items()}
    )
    if text is not None:
        element.text = xml_safe(text)
    return element


def _plain(value) -> str:
    """Return the plain text of a summary, which is HTML (titles are plain text)."""
    return Markup(str(value or "")).striptags()


def _entry(feed: ET.Element, item, info: FeedInfo, base: str, settings: dict) -> None:
    """Append the entry of one listed post (a ListedPost)."""
    entry = _add(feed, "entry")
    untranslated = bool(getattr(item, "untranslated", False))
    lang = item.lang
    if untranslated:
        entry.set(XML_LANG, lang)
    link = join_url(base, item.url)
    _add(entry, "id", link)
    _add(entry, "title", item.title, type="text")
    _add(entry, "link", rel="alternate", type="text/html", href=link, hreflang=lang)
    published = isoformat(item.date)
    modified = getattr(item, "modified", None)
    _add(entry, "published", published)
    _add(entry, "updated", isoformat(modified) if modified else published)
    for unit in item.news.units:
        _add(entry, "category", term=unit.key, label=unit.display_name(lang))
    if untranslated:
        label = translate(
            settings["BILINGUAL_CATALOGUE_PATH"], info.lang, N_("Vietnamese only")
        )
        category = _add(entry, "category", term=UNTRANSLATED_TERM, label=label)
        category.set(XML_LANG, info.lang)
    summary, content = _texts(item, link, settings)
    if summary:
        _add(entry, "summary", summary, type="text")
    _add(entry, "content", content, type="html")


class FeedTexts:
    """Each listed post's feed summary and excerpt, worked out once per build.

    A post is an entry of many feeds (the site's, each of its units' and their
    parents'), always with the same texts for a given link and language. Once
    every page and feed is written (``finalized``) they are let go
    (``release_texts``): kept to the end, 6,000 excerpts at 10,000 posts
    would add to the build's peak, which comes then. ``made`` and ``reused``
    count this process's texts (tests).
    """

    def __init__(self, build: BuildState | None) -> None:
        del build
        self.texts: dict[tuple, tuple[str, str]] = {}
        self.made = 0
        self.reused = 0


def _texts(item, link: str, settings: dict) -> tuple[str, str]:
    """Return the entry's summary (plain text) and content (HTML)."""
    limit = settings["BILINGUAL_FEED_EXCERPT_CHARS"]
    memo = current().section(FeedTexts) if started() else FeedTexts(None)
    key = (link, item.lang, limit, settings["BILINGUAL_CATALOGUE_PATH"])
    found = memo.texts.get(key)
    if found is None:
        summary = excerpt(text_start(getattr(item, "summary", None), limit), limit)
        found = memo.texts[key] = (summary, _content(item, link, limit, settings))
        memo.made += 1
    else:
        memo.reused += 1
    return found


def release_texts(*_args) -> None:
    """Let the feeds' texts go: every feed is written (``finalized``).

    A feed written later (none is) would work its texts out again.
    """
    if started() and current().has(FeedTexts):
        current().section(FeedTexts).texts.clear()


#: Tags that separate words become a space; the others (b, a, span…) nothing.
_BLOCK_TAG = re.compile(
    r"</?(?:address|article|aside|blockquote|br|d[dlt]|div|fig(?:caption|ure)"
    r"|footer|h[1-6r]|header|li|main|nav|ol|p|pre|section|t[dhr]|table|ul)\b[^>]*>",
    re.IGNORECASE,
)
_TAG = re.compile(r"<[^>]*>")


def _cut_open(head: str, opener: str, closer: str) -> str:
    """Drop what follows the last ``opener`` of ``head`` if it is not closed."""
    position = head.rfind(opener)
    return head[:position] if position > head.rfind(closer) else head


def text_start(fragment, limit: int) -> str:
    """Return the visible text of an HTML fragment, or its first ``limit``+ chars.

    Only as much of the fragment as the excerpt needs is read, so a 10 MB post
    costs no more than a short one.
    """
    fragment = str(fragment or "")
    budget = 4 * limit + 64
    while True:
        head = fragment[:budget]
        if budget < len(fragment):  # the cut may open a tag or an entity
            head = _cut_open(_cut_open(head, "<", ">"), "&", ";")
        text = _TAG.sub("", _BLOCK_TAG.sub(" ", head))
        text = " ".join(html.unescape(text).split())
        if len(text) > limit or budget >= len(fragment):
            return text
        budget *= 4


def excerpt(text: str, limit: int) -> str:
    """Return ``text`` cut to at most ``limit`` characters at a word, with "…".

    Feeds carry an excerpt, never the whole post: a very long post must not
    make every feed that lists it as long (issue #13).
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    head = text[: max(limit - 1, 1)]
    if text[len(head)] != " " and " " in head:  # inside a word: drop it
        head = head.rsplit(" ", 1)[0]
    return head.rstrip(" ,;:") + "…"


def _content(item, link: str, limit: int, settings: dict) -> str:
    """Return the entry's HTML: an excerpt of the post's text and a link to it."""
    text = excerpt(text_start(item.news.body, limit), limit)
    label = translate(
        settings["BILINGUAL_CATALOGUE_PATH"], item.lang, N_("Read the full post")
    )
    read_more = f'<p><a href="{escape(link)}">{escape(label)}</a></p>'
    return (f"<p>{escape(text)}</p>" if text else "") + read_more


def atom_feed(info: FeedInfo, items: list, settings: dict) -> bytes:
    """Return the Atom document of ``items`` (newest first, already in language)."""
    base = feed_base(settings)
    # Plain names with an xmlns attribute: ElementTree's namespace prefixes are
    # global, and the sitemap needs a different default namespace.
    feed = ET.Element("feed", xmlns=ATOM)
    feed.set(XML_LANG, info.lang)
    self_url = join_url(base, info.save_as)
    _add(feed, "id", self_url)
    _add(feed, "title", info.title, type="text")
    if info.subtitle:
        _add(feed, "subtitle", info.subtitle, type="text")
    _add(
        feed,
        "link",
        rel="alternate",
        type="text/html",
        href=join_url(base, info.page_url),
        hreflang=info.lang,
    )
    _add(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    dates = [getattr(i, "modified", None) or i.date for i in items]
    updated = max(dates) if dates else None
    _add(feed, "updated", isoformat(updated) if updated else "1970-01-01T00:00:00Z")
    author = _add(feed, "author")
    _add(author, "name", info.title)
    _add(author, "uri", join_url(base, HOME[info.lang]))
    for item in items:
        _entry(feed, item, info, base, settings)
    ET.indent(feed)
    return ET.tostring(feed, encoding="utf-8", xml_declaration=True) + b"\n"


def write_atom_feed(output_path: str | Path, info: FeedInfo, items, settings) -> Path:
    """Write the Atom feed of ``items`` under ``output_path``; return its path."""
    limit = settings.get("FEED_MAX_ITEMS") or None
    items = list(islice(items, limit))  # only the newest are made
    path = Path(output_path) / info.save_as
    if unchanged_feed(settings, path, items, info):
        return path  # devserver: same entries as the last build wrote
    path.parent.mkdir(parents=True, exist_ok=True)
    write_if_changed(path, atom_feed(info, items, settings))
    logger.info("Writing %s", path)
    return path


def site_feed(lang: str, settings: dict) -> FeedInfo:
    """Describe the site-wide feed in ``lang``."""
    return FeedInfo(
        lang=lang,
        save_as=settings["BILINGUAL_FEEDS"][lang],
        page_url=HOME[lang],
        title=site_name(settings, lang),
        subtitle=site_subtitle(settings, lang),
    )


class FeedsGenerator(Generator):
    """Write ``/feeds/all.atom.xml`` and ``/en/feeds/all.atom.xml``."""

    def generate_context(self):
        """Nothing to read: the articles generator has read every post."""

    def generate_output(self, writer):
        """Write one feed per language, newest posts first."""
        del writer  # feeds are not templates: written directly
        articles = self.context.get("articles", [])
        for lang in LANGUAGES:
            items = (in_language(post, lang) for post in articles)
            write_atom_feed(
                self.output_path, site_feed(lang, self.settings), items, self.settings
            )
