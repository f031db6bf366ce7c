"""Read the sources: plain text (one or several posts), saved pages, exports, feeds."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from newsroom.messages import Message

from .cleaning import split_posts

_SOURCE_HEADER = re.compile(
    r"^\s*#\s*source:\s*(\S+)\s*$", re.IGNORECASE | re.MULTILINE
)


class SourceError(ValueError):
    """A source file that cannot be read, with the message for the writer."""

    def __init__(self, path: Path, message: Message, line: int = 1) -> None:
        super().__init__(path, message, line)
        self.path, self.message, self.line = path, message, line

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [error] source: {self.message}"


def decode(path: Path) -> str:
    """Return a source file's text (UTF-8, with or without a byte-order mark)."""
    data = path.read_bytes()
    try:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16")
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SourceError(
            path,
            Message("not UTF-8 text: save the file as UTF-8 and import it again"),
            line,
        ) from None


@dataclass
class SourcePhoto:
    """A photo file of a source post, with the alt text and caption it came with."""

    path: Path
    alt: str = ""  # a description written in the source, "" when it has none
    caption: str = ""


@dataclass
class SourcePost:
    """One source post: its text, where it came from, when it was published."""

    text: str
    origin: str
    published: datetime | None = None
    photos: list[SourcePhoto] = field(default_factory=list)
    url: str = ""
    remote_photos: list[str] = field(default_factory=list)  # never downloaded


def _read_text(path: Path) -> list[SourcePost]:
    raw = decode(path)
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
    """Return the posts of one source file, by its format; raise SourceError."""
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


SOURCE_SUFFIXES = {".txt", ".html", ".htm", ".json", ".xml", ".rss", ".atom"}


def _saved_page_resource(path: Path) -> bool:
    """Return True for a file a browser saved with a page (``page_files/…``)."""
    for folder in path.parents:
        if folder.name.endswith("_files"):
            stem = folder.name[: -len("_files")]
            if any((folder.parent / f"{stem}{s}").is_file() for s in (".html", ".htm")):
                return True
    return False


def source_files(src: Path) -> list[Path]:
    """Return the source files of a file or a folder, sorted.

    The frames and scripts a browser saved with a page are not posts.
    """
    if src.is_dir():
        return sorted(
            p
            for p in src.rglob("*")
            if p.is_file()
            and p.suffix.casefold() in SOURCE_SUFFIXES
            and not _saved_page_resource(p)
        )
    return [src]
