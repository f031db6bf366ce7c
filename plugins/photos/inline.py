"""Find the images of a rendered post body, resolve their paths, and replace them."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from newsroom.files import locate

# Pelican's link markers; our photos are never static files, so they are dropped.
_MARKERS = ("{static}", "{attach}", "{filename}", "|static|", "|attach|", "|filename|")
_SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")


@dataclass(frozen=True)
class InlineImage:
    """One ``<img>`` tag of a body: where it is and what it says."""

    start: int
    end: int
    src: str
    alt: str | None
    title: str | None
    index: int = 0  # its position among the body's <img> tags


class _ImageFinder(HTMLParser):
    """Collect the ``<img>`` start tags of an HTML fragment with their offsets."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0]
        for match in re.finditer("\n", html):
            self._line_starts.append(match.end())
        self.images: list[InlineImage] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag != "img":
            return
        text = self.get_starttag_text() or ""
        line, column = self.getpos()
        start = self._line_starts[line - 1] + column
        values = dict(attrs)
        self.images.append(
            InlineImage(
                start,
                start + len(text),
                (values.get("src") or "").strip(),
                values.get("alt"),
                values.get("title"),
                len(self.images),
            )
        )

    handle_startendtag = handle_starttag


def find_images(html: str) -> list[InlineImage]:
    """Return the ``<img>`` tags of ``html`` in document order."""
    finder = _ImageFinder(html)
    finder.feed(html)
    finder.close()
    return finder.images


def local_path(src: str) -> str | None:
    """Return an image's path relative to ``content/``; None for a remote or data URL.

    ``photos/2020/a.jpg``, ``/photos/2020/a.jpg`` and ``{static}/photos/2020/a.jpg``
    all name ``content/photos/2020/a.jpg``, like the front matter's ``photos``.
    """
    text = src.strip()
    for marker in _MARKERS:
        if text.startswith(marker):
            text = text[len(marker) :]
            break
    if text.startswith("//") or _SCHEME.match(text):
        return None
    path = unquote(urlsplit(text).path).lstrip("/")
    return PurePosixPath(path).as_posix() if path else ""


def resolve(path: str, content_root: Path) -> Path | None:
    """Return the file a content-relative path names, None if outside content/."""
    root = content_root.resolve()
    target = locate(root, path).resolve()  # anh.JPG for anh.jpg, NFD for NFC
    return target if target.is_relative_to(root) else None


def source_line(source_text: str, src: str, body_line: int, occurrence: int) -> int:
    """Return the line of the ``occurrence``-th use of ``src`` in a post's source."""
    lines = source_text.splitlines()
    seen = 0
    for number in range(max(body_line, 1), len(lines) + 1):
        count = lines[number - 1].count(src) if src else 0
        if seen + count > occurrence:
            return number
        seen += count
    return max(body_line, 1)


def replace_spans(html: str, replacements: Sequence[tuple[int, int, str]]) -> str:
    """Return ``html`` with each (start, end) span replaced by its text."""
    parts: list[str] = []
    position = 0
    for start, end, text in sorted(replacements):
        parts.append(html[position:start])
        parts.append(text)
        position = end
    parts.append(html[position:])
    return "".join(parts)
