"""Read the sources: plain text (one or several posts), saved pages, exports, feeds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .cleaning import split_posts

_SOURCE_HEADER = re.compile(
    r"^\s*#\s*source:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE
)


@dataclass
class SourcePost:
    """One source post: its text, where it came from, when it was published."""

    text: str
    origin: str
    published: datetime | None = None
    photos: list[Path] = field(default_factory=list)
    url: str = ""


def _read_text(path: Path) -> list[SourcePost]:
    raw = path.read_bytes().decode("utf-8-sig", errors="replace")
    url = ""
    header = _SOURCE_HEADER.match(raw)
    if header:
        url = header[1]
        raw = raw[header.end() :]
    posts = split_posts(raw)
    return [
        SourcePost(
            text, f"{path}#{index + 1}" if len(posts) > 1 else str(path), url=url
        )
        for index, text in enumerate(posts)
    ]


def read_source(path: Path) -> list[SourcePost]:
    """Return the posts of one source file, by its format."""
    suffix = path.suffix.casefold()
    if suffix in {".html", ".htm"}:
        from .web import read_html

        return read_html(path)
    if suffix == ".json":
        from .web import read_facebook

        return read_facebook(path)
    if suffix in {".xml", ".rss", ".atom"}:
        from .web import read_feed

        return read_feed(path)
    return _read_text(path)


SOURCE_SUFFIXES = {".txt", ".md", ".html", ".htm", ".json", ".xml", ".rss", ".atom"}


def source_files(src: Path) -> list[Path]:
    """Return the source files of a file or a folder, sorted."""
    if src.is_dir():
        return sorted(
            p
            for p in src.rglob("*")
            if p.is_file() and p.suffix.casefold() in SOURCE_SUFFIXES
        )
    return [src]
