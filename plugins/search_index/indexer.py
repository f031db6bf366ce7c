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
import shutil
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from progress import Tracker, track

from .canonical import BundleFormatError, canonicalise
from .documents import SearchDocument, render
from .lists import write_lists
from .service import ServiceError, run_service

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


def _measure(bundle: Path, report: IndexReport) -> None:
    for path in bundle.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            report.files += 1
            report.total_bytes += size
            if not path.name.endswith(CODE_SUFFIXES):
                report.index_bytes += size


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
    documents = list(documents)
    enabled = None if show_progress else False
    with track(
        "Search index", len(documents), "posts", enabled=enabled, console=console
    ) as progress:
        options = (binary, keep_ui_bundles, chunk_size) if pagefind else None
        report = _build(documents, output, bundle_dir, options, progress)
        languages = ", ".join(
            f"{count} {lang}" for lang, count in sorted(report.pages.items())
        )
        progress.summary = f"{sum(report.pages.values())} posts ({languages}) indexed"
    return report


def _build(
    documents: list[SearchDocument],
    output: Path,
    bundle_dir: str,
    pagefind: tuple[str, bool, int] | None,
    progress: Tracker,
) -> IndexReport:
    """Write the index (and Pagefind's, given its options), swap the bundle in."""
    started = time.perf_counter()
    report = IndexReport()
    target = output / bundle_dir
    fresh = output / f".{target.name}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    ordered = sorted(documents, key=lambda document: document.save_as)
    if pagefind is not None:
        _pagefind(ordered, fresh, *pagefind, progress)
    try:
        write_lists(_counted(ordered, progress) if pagefind is None else ordered, fresh)
    except OSError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"cannot write the search index: {error}") from error
    report.pages = Counter(document.lang for document in ordered)
    shutil.rmtree(target, ignore_errors=True)
    try:
        fresh.rename(target)
    except OSError as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(
            f"cannot put the search index in place: {error}"
        ) from error
    _measure(target, report)
    report.seconds = time.perf_counter() - started
    return report


def _pagefind(
    ordered: list[SearchDocument],
    fresh: Path,
    binary: str,
    keep_ui_bundles: bool,
    chunk_size: int,
    progress: Tracker,
) -> None:
    """Write Pagefind's bundle of the documents into ``fresh``."""
    executable = find_binary(binary)
    pages = (
        (page_url(document), render(document))
        for document in _counted(ordered, progress)
    )
    try:
        files = canonicalise(run_service(executable, pages, chunk_size))
        for name, data in sorted(files.items()):
            if name in UI_BUNDLES and not keep_ui_bundles:
                continue
            path = fresh / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
    except (ServiceError, BundleFormatError, OSError) as error:
        shutil.rmtree(fresh, ignore_errors=True)
        raise SearchIndexError(f"Pagefind failed: {error}") from error
