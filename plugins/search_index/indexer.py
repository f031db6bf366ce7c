"""Run Pagefind over the posts' search documents and put its bundle in the output.

Pagefind receives the documents, sorted by path, through its service mode
(``service.py``), each with its post's URL; its bundle is rewritten in a fixed
order (``canonical.py``) and replaces the previous one in the output folder,
so two builds of the same posts write the same bytes. Nothing else of the
site is ever indexed: list pages, drafts and the 404 page have no search
document.
"""

from __future__ import annotations

import logging
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console

from newsroom.files import write_all
from newsroom.messages import Listing, Message, Number
from progress import Tracker, track

from .canonical import BundleFormatError, canonicalise
from .documents import SearchDocument, render
from .lists import LISTS_DIR, ListIndex
from .service import ServiceError, run_service
from .words import ordered

if TYPE_CHECKING:  # NumPy: imported by the indexer's process only
    from .word_index import WordIndex

logger = logging.getLogger(__name__)

#: Pagefind's ready-made interfaces; our search page uses only ``pagefind.js``.
UI_BUNDLES = (
    "pagefind-ui.js",
    "pagefind-ui.css",
    "pagefind-modular-ui.js",
    "pagefind-modular-ui.css",
    "pagefind-component-ui.js",
    "pagefind-component-ui.css",
    "pagefind-highlight.js",
)
#: Files of the bundle that are code rather than index data.
CODE_SUFFIXES = (".js", ".css", ".pagefind")


class SearchIndexError(RuntimeError):
    """Pagefind is missing or failed; the message says what to do."""


@dataclass
class IndexReport:
    """What one indexing run produced."""

    pages: Counter = field(default_factory=Counter)  # language -> posts indexed
    files: int = 0
    total_bytes: int = 0  # the whole bundle on disk
    index_bytes: int = 0  # the index data alone (no JavaScript, no WebAssembly)
    seconds: float = 0.0
    cpu_seconds: float = 0.0  # the indexer process's CPU, start-up included
    pid: int = 0  # the process that built it (``process.py``)
    peak_mib: float = 0.0  # that process's peak resident memory


def find_binary(configured: str = "") -> Path:
    """Return the Pagefind binary to run, or raise SearchIndexError."""
    if configured:
        path = Path(configured)
        if not path.is_file():
            raise SearchIndexError(f"SEARCH_INDEX_BINARY {configured!r} is not a file")
        return path
    try:
        from pagefind.service import get_executable
    except ImportError as error:
        raise SearchIndexError(
            "the pagefind package is not installed: pip install -r requirements.txt"
        ) from error
    found = get_executable()
    if found is None:
        raise SearchIndexError(
            "no Pagefind binary found: pip install -r requirements.txt "
            "(pagefind-bin), or set SEARCH_INDEX_BINARY"
        )
    return found


def page_url(document: SearchDocument) -> str:
    """Return the URL Pagefind gives a result: the post's, from the site root."""
    return "/" + document.url.lstrip("/")


def _counted(
    documents: Iterable[SearchDocument], progress: Tracker
) -> Iterable[SearchDocument]:
    """Yield each document, advancing the progress display as Pagefind takes it."""
    for document in documents:
        yield document
        progress.advance()


_CREATE = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0)


class IndexBuilder:
    """Write the index of posts given one at a time, as the build describes them.

    ``add`` takes each language's documents in post-number order (``ordered``:
    newest first, then by path; the languages may interleave) and writes
    each post's text at once; ``described`` says every document is given
    and writes the word index; ``finish`` adds the card photos, writes the
    lists (and Pagefind's bundle if asked), puts the index in place and
    returns the report. Everything goes to a fresh folder first, so a
    failure (SearchIndexError) leaves the previous index as it was.
    """

    def __init__(
        self,
        output: Path,
        bundle_dir: str = "pagefind",
        pagefind: tuple[str, bool, int] | None = None,
        progress: Tracker | None = None,
    ) -> None:
        self.started = time.perf_counter()
        self.report = IndexReport()
        self._target = output / bundle_dir
        self._fresh = output / f".{self._target.name}.new"
        shutil.rmtree(self._fresh, ignore_errors=True)
        self._pagefind = pagefind
        self._progress = progress
        self._documents: list[SearchDocument] = []  # kept for Pagefind only
        self._lists: dict[str, ListIndex] = {}  # each language's
        self._words: dict[str, WordIndex] = {}  # until they are written
        self._last: dict[str, tuple] = {}
        self._placed: list[tuple[str, int]] = []  # each document's language, number
        self._folders: set[str] = set()  # made already: one mkdir each
        self._described = False

    def add(self, document: SearchDocument) -> None:
        """Index the next document (in its language's post-number order)."""
        if self._described:
            raise ValueError("a document added after described()")
        lang = document.lang
        last = self._last.get(lang)  # the date and path of its language's last
        if last is not None and (last[0], document.save_as) < (
            document.date,
            last[1],
        ):
            self._fail(
                f"the documents came out of order ({document.save_as} after {last[1]})"
            )
        self._last[lang] = (document.date, document.save_as)
        if lang not in self._lists:
            from .word_index import WordIndex  # NumPy: in the indexer's process only

            root = f"{LISTS_DIR}/{lang}"
            self._lists[lang], self._words[lang] = ListIndex(root), WordIndex(root)
        words = self._words[lang]
        self._placed.append((lang, words.count))
        self._lists[lang].add(document)
        self._write(*words.add(document))
        self.report.pages[lang] += 1
        if self._pagefind is not None:
            self._documents.append(document)
        elif self._progress is not None:
            self._progress.advance()

    def described(self) -> None:
        """Every document is added: write the word index (not the lists yet)."""
        if self._described:
            return
        self._described = True
        self._last.clear()
        while self._words:  # each language's tables let go once written
            _, words = self._words.popitem()
            for name, data in words.files().items():
                self._write(name, data)

    def finish(self, cards: list[str] | None = None) -> IndexReport:
        """Give the documents their card photos, write the rest, swap the index in.

        ``cards`` holds each document's card photo ("" for none), in the
        order they were added; None keeps those the documents carry.
        """
        self.described()
        photos: dict[str, dict[int, str]] = {lang: {} for lang in self._lists}
        if cards is not None:
            for (lang, number), card in zip(self._placed, cards, strict=True):
                photos[lang][number] = card
        if self._pagefind is not None:
            documents = self._documents
            if cards is not None:
                documents = [
                    replace(document, card=card) if card else document
                    for document, card in zip(documents, cards, strict=True)
                ]
            ordered = sorted(documents, key=lambda document: document.save_as)
            self._write_pagefind(ordered, *self._pagefind)
        for lang, lists in sorted(self._lists.items()):
            for name, data in lists.files(photos[lang]).items():
                self._write(name, data)
        shutil.rmtree(self._target, ignore_errors=True)
        try:
            self._fresh.rename(self._target)
        except OSError as error:
            shutil.rmtree(self._fresh, ignore_errors=True)
            raise SearchIndexError(
                f"cannot put the search index in place: {error}"
            ) from error
        self.report.seconds = time.perf_counter() - self.started
        return self.report

    def abandon(self) -> None:
        """Remove what was written: the build stopped before giving every post."""
        shutil.rmtree(self._fresh, ignore_errors=True)

    def _fail(self, message: str) -> None:
        self.abandon()
        raise SearchIndexError(f"cannot write the search index: {message}")

    def _write(self, name: str, data: bytes, code: bool = False) -> None:
        """Write file ``name`` of the index and count it in the report.

        With ``os`` calls on plain strings: 4,000 files at 1,000 posts, each
        through ``pathlib`` and a buffered file cost more than the kernel's work.
        """
        path = os.path.join(self._fresh, name)
        try:
            folder = os.path.dirname(path)
            if folder not in self._folders:
                os.makedirs(folder, exist_ok=True)
                self._folders.add(folder)
            handle = os.open(path, _CREATE, 0o666)
            try:
                write_all(handle, data)
            finally:
                os.close(handle)
        except OSError as error:
            self._fail(str(error))
        self.report.files += 1
        self.report.total_bytes += len(data)
        if not code:
            self.report.index_bytes += len(data)

    def _write_pagefind(
        self,
        ordered: list[SearchDocument],
        binary: str,
        keep_ui_bundles: bool,
        chunk_size: int,
    ) -> None:
        """Write Pagefind's bundle of the documents (sorted by path)."""
        executable = find_binary(binary)
        progress = self._progress
        pages = (
            (page_url(document), render(document))
            for document in (
                _counted(ordered, progress) if progress is not None else ordered
            )
        )
        try:
            files = canonicalise(run_service(executable, pages, chunk_size))
        except (ServiceError, BundleFormatError) as error:
            self.abandon()
            raise SearchIndexError(f"Pagefind failed: {error}") from error
        for name, data in sorted(files.items()):
            if name in UI_BUNDLES and not keep_ui_bundles:
                continue
            self._write(name, data, code=name.endswith(CODE_SUFFIXES))


def build_index(
    documents: Iterable[SearchDocument],
    output: Path,
    bundle_dir: str = "pagefind",
    binary: str = "",
    keep_ui_bundles: bool = False,
    show_progress: bool = True,
    chunk_size: int = 0,
    pagefind: bool = False,
    console: Console | None = None,
) -> IndexReport:
    """Index ``documents`` with Pagefind into ``output/bundle_dir``.

    Shows its progress (``show_progress=False``: only the summary line, as
    from a background thread) on ``console`` (default: Pelican's). Raise
    SearchIndexError when Pagefind is missing or fails; the previous bundle
    is then left as it was.
    """
    documents = ordered(documents)
    enabled = None if show_progress else False
    with track(
        Message("Search index"),
        len(documents),
        Message("posts"),
        enabled=enabled,
        console=console,
    ) as progress:
        options = (binary, keep_ui_bundles, chunk_size) if pagefind else None
        builder = IndexBuilder(output, bundle_dir, options, progress)
        for document in documents:
            builder.add(document)
        report = builder.finish()
        progress.summary = summary(report)
    return report


#: A language as the summary names it: its code in English ("3 en, 4 vi"),
#: its name in Vietnamese ("3 tiếng Anh, 4 tiếng Việt").
_NAMES = {"en": Message("en"), "vi": Message("vi")}


def summary(report: IndexReport) -> Message:
    """Return the progress line's summary of ``report``: the posts per language."""
    languages = Listing(
        Message("%(count)s %(language)s", count=Number(count), language=_NAMES[lang])
        if lang in _NAMES
        else f"{count} {lang}"
        for lang, count in sorted(report.pages.items())
    )
    return Message(
        "%(count)s posts (%(languages)s) indexed",
        count=Number(sum(report.pages.values())),
        languages=languages,
    )
