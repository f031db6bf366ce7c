"""Atom feeds per language, with absolute links and one id per feed.

The English feed lists every post, like the English lists: a Vietnamese post
without a translation is included as a Vietnamese entry (``xml:lang="vi"`` on
the entry, its Vietnamese title, summary and body, a ``vietnamese-only``
category) linking to the Vietnamese page, so English subscribers are told of
it and never get a dead link. ``write_atom_feed`` serves other plugins too
(per-unit feeds).
"""

from __future__ import annotations

import logging
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pelican.generators import Generator

from fast_build.unchanged import unchanged_feed
from vietnamese import iso_with_offset

from .alternates import HOME, LANGUAGES, join_url
from .catalogue import N_, translate
from .english_pages import in_language

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
    """Append an Atom element with optional text and attributes."""
    element = ET.SubElement(parent, tag, attrs)
    if text is not None:
        element.text = text
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
    published = iso_with_offset(item.date)
    modified = getattr(item, "modified", None)
    _add(entry, "published", published)
    _add(entry, "updated", iso_with_offset(modified) if modified else published)
    for unit in getattr(item, "units", ()):
        _add(entry, "category", term=unit.key, label=unit.display_name(lang))
    if untranslated:
        label = translate(
            settings["BILINGUAL_CATALOGUE_PATH"], info.lang, N_("Vietnamese only")
        )
        category = _add(entry, "category", term=UNTRANSLATED_TERM, label=label)
        category.set(XML_LANG, info.lang)
    if getattr(item, "summary", None):
        _add(entry, "summary", _plain(item.summary), type="text")
    content = item.get_content(base)  # links made absolute, as readers need
    if content:
        _add(entry, "content", str(content), type="html")


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
    _add(
        feed, "updated", iso_with_offset(updated) if updated else "1970-01-01T00:00:00Z"
    )
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
    items = list(items)[:limit]
    path = Path(output_path) / info.save_as
    if unchanged_feed(settings, path, items, info):
        return path  # devserver: same entries as the last build wrote
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(atom_feed(info, items, settings))
    logger.info("Writing %s", path)
    return path


def site_feed(lang: str, settings: dict) -> FeedInfo:
    """Describe the site-wide feed in ``lang``."""
    english = lang == "en"
    return FeedInfo(
        lang=lang,
        save_as=settings["BILINGUAL_FEEDS"][lang],
        page_url=HOME[lang],
        title=settings["SITENAME_EN"] if english else settings["SITENAME"],
        subtitle=settings.get("SITESUBTITLE_EN" if english else "SITESUBTITLE", ""),
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
            items = [in_language(post, lang) for post in articles]
            write_atom_feed(
                self.output_path, site_feed(lang, self.settings), items, self.settings
            )
