"""Read saved web pages, Facebook Page exports, WordPress exports and feeds.

- A saved page (``.html``): the article is the block whose paragraphs hold the
  most text (``<article>``, ``itemprop=articleBody`` first), with menus,
  share buttons, comments, related links and photo captions dropped.
- A Facebook "Download your information" export (``.json``): its strings are
  UTF-8 read as Latin-1 (``Ä\\x90oÃ\\xa0n``); each is repaired with
  ``text.encode('latin-1').decode('utf-8')`` and kept as is when that fails.
  Each post keeps its timestamp (a dateline for its year) and photo files.
- A WordPress export (WXR) through Pelican's own ``wp2fields``; an RSS or Atom
  feed through ``feedparser`` (Pelican's ``feed2fields`` keeps only the
  summary, so the entry's full content is read when the feed has it).
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bs4 import BeautifulSoup, Tag

from newsroom.messages import Message

from .page_photos import article_photos, describe, note_captions, remote_images
from .sources import SourceError, SourcePhoto, SourcePost, decode

ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
_CHROME = re.compile(
    r"comment|share|social|related|sidebar|menu|breadcrumb|footer|header|nav|advert|"
    r"banner|tags?\b|login|subscribe|popup|cookie|widget|rating|print|toolbar|author-box",
    re.IGNORECASE,
)
_DROP_TAGS = (
    "script",
    "style",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "noscript",
    "button",
    "figcaption",
    "svg",
    "select",
    "input",
)


def _text_weight(node: Tag) -> int:
    return sum(len(p.get_text(" ", strip=True)) for p in node.find_all("p"))


def article_text(html: str) -> tuple[str, datetime | None]:
    """Return a page's title and article paragraphs, and its publication time."""
    text, published, _ = read_article(html)
    return text, published


def read_article(html: str) -> tuple[str, datetime | None, Tag]:
    """Return a page's title and article text, publication time and article block.

    Every image of the block carries ``data-import-caption``, the caption read
    before captions are dropped from the text.
    """
    soup = BeautifulSoup(html, "html.parser")
    note_captions(soup)
    published = None
    for meta in soup.find_all("meta"):
        if meta.get("property") in {"article:published_time", "og:published_time"}:
            published = _parse_time(meta.get("content", ""))
    if published is None and (stamp := soup.find("time", attrs={"datetime": True})):
        published = _parse_time(stamp["datetime"])
    heading = soup.find("h1")
    title = heading.get_text(" ", strip=True) if heading else ""
    if not title:
        og = soup.find("meta", attrs={"property": "og:title"})
        title = (
            og.get("content", "")
            if og
            else (soup.title.string or "" if soup.title else "")
        )
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all(True):
        if tag.attrs is None:
            continue
        marks = " ".join([*tag.get("class", []), tag.get("id", "") or ""])
        if tag.name not in {"body", "html", "article", "main"} and _CHROME.search(
            marks
        ):
            tag.decompose()
    candidates = soup.find_all("article") or soup.find_all(
        attrs={"itemprop": "articleBody"}
    )
    if not candidates:
        candidates = [
            t for t in soup.find_all(["div", "section", "main"]) if t.find("p")
        ]
    body = max(candidates, key=_text_weight, default=soup.body or soup)
    blocks = []
    for block in body.find_all(["p", "h2", "h3", "h4", "li", "blockquote"]):
        if block.find(["p", "li"]):
            continue  # its children are read one by one
        text = block.get_text(" ", strip=True)
        if text and text != title:
            blocks.append(text)
    return "\n".join([title, *blocks]).strip(), published, body


def _parse_time(value: str) -> datetime | None:
    try:
        stamp = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return stamp.astimezone(ZONE) if stamp.tzinfo else stamp


def read_html(path: Path) -> list[SourcePost]:
    """Return the article of a saved web page."""
    text, published, body = read_article(decode(path))
    title = text.split("\n", 1)[0]
    photos, remote = article_photos(body, path.parent, title)
    return [SourcePost(text, str(path), published, photos, remote_photos=remote)]


def repair_mojibake(value: object) -> object:
    """Undo Facebook's UTF-8-as-Latin-1 escaping in every string of ``value``."""
    if isinstance(value, str):
        try:
            return value.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return value
    if isinstance(value, list):
        return [repair_mojibake(v) for v in value]
    if isinstance(value, dict):
        return {k: repair_mojibake(v) for k, v in value.items()}
    return value


def _find_media(path: Path, uri: str) -> Path | None:
    """Return the photo file ``uri`` names, relative to an export folder above."""
    for folder in path.parents:
        candidate = folder / uri
        if candidate.is_file():
            return candidate
    return None


def read_facebook(path: Path) -> list[SourcePost]:
    """Return the posts of a Facebook Page export (``posts/*.json``)."""
    try:
        data = repair_mojibake(json.loads(decode(path)))
    except json.JSONDecodeError as error:
        raise SourceError(
            path,
            Message("not a Facebook export (invalid JSON: %(error)s)", error=error.msg),
            error.lineno,
        ) from None
    items = (
        data
        if isinstance(data, list)
        else data.get("status_updates", data.get("posts"))
        if isinstance(data, dict)
        else None
    )
    if not isinstance(items, list):
        raise SourceError(
            path, Message("not a Facebook export: expected a list of posts")
        )
    posts = []
    for index, item in enumerate(items):
        if not isinstance(item, dict):
            continue
        texts = [
            d["post"]
            for d in item.get("data", [])
            if isinstance(d, dict) and d.get("post")
        ]
        photos = []
        for attachment in item.get("attachments", []):
            for entry in attachment.get("data", []):
                media = entry.get("media") if isinstance(entry, dict) else None
                if media and media.get("uri"):
                    found = _find_media(path, media["uri"])
                    if found and found.suffix.lower() in {
                        ".jpg",
                        ".jpeg",
                        ".png",
                        ".webp",
                    }:
                        caption = str(media.get("description") or "")
                        photos.append(
                            SourcePhoto(found, describe(caption, ""), caption)
                        )
                    if media.get("description") and not texts:
                        texts.append(media["description"])
        if not texts:
            continue
        stamp = item.get("timestamp")
        published = (
            datetime.fromtimestamp(stamp, ZONE) if isinstance(stamp, int) else None
        )
        posts.append(
            SourcePost("\n".join(texts), f"{path}#{index + 1}", published, photos)
        )
    return posts


def read_feed(path: Path) -> list[SourcePost]:
    """Return the posts of a WordPress export (WXR) or an RSS/Atom feed."""
    head = path.read_bytes()[:4096].decode("utf-8", errors="replace")
    posts = []
    if "wordpress.org/export" in head:
        from pelican.tools.pelican_import import wp2fields

        try:
            entries = list(wp2fields(str(path)))
        except (AttributeError, TypeError, ValueError) as error:
            raise SourceError(
                path,
                Message(
                    "not a readable WordPress export (%(error)s)", error=str(error)
                ),
            ) from None
        for index, fields in enumerate(entries):
            title, content, _, date, *_rest = fields
            kind = fields[8]
            if kind != "article":
                continue
            published = datetime.strptime(date, "%Y-%m-%d %H:%M") if date else None
            posts.append(
                SourcePost(
                    f"{title}\n{content}",
                    f"{path}#{index + 1}",
                    published,
                    remote_photos=remote_images(content),
                )
            )
        return posts
    import feedparser

    feed = feedparser.parse(str(path))
    for index, entry in enumerate(feed.entries):
        content = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            datetime(*parsed[:6], tzinfo=UTC).astimezone(ZONE) if parsed else None
        )
        posts.append(
            SourcePost(
                f"{entry.get('title', '')}\n{content}",
                f"{path}#{index + 1}",
                published,
                remote_photos=remote_images(content),
            )
        )
    return posts
