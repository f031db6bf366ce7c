"""Run Pagefind over the posts' search documents and put its bundle in the output.

The documents are written to a temporary folder that mirrors the posts' output
paths (so Pagefind gives each result the post's URL), Pagefind indexes that
folder alone, and its bundle replaces the previous one in the output folder.
Nothing else of the site is ever indexed: list pages, drafts and the 404 page
have no search document.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import tempfile
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from progress import Tracker, track
from progress.tracker import REFRESH

from .documents import SearchDocument, render

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


def write_documents(
    documents: Iterable[SearchDocument], folder: Path, progress: Tracker | None = None
) -> Counter:
    """Write each document where its post lives; return the count per language."""
    counts: Counter = Counter()
    for document in documents:
        path = folder / document.save_as
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(render(document), encoding="utf-8")
        counts[document.lang] += 1
        if progress is not None:
            progress.advance()
    return counts


def _run_pagefind(command: list[str], cwd: str, progress: Tracker) -> tuple[int, str]:
    """Run Pagefind, keeping the progress display alive; return its code and output."""
    with subprocess.Popen(
        command,
        cwd=cwd,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    ) as process:
        while True:
            try:
                output, _ = process.communicate(timeout=REFRESH)
                return process.returncode, output or ""
            except subprocess.TimeoutExpired:
                progress.tick()


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
) -> IndexReport:
    """Index ``documents`` with Pagefind into ``output/bundle_dir``.

    Shows its progress (``show_progress=False``: only the summary line, as
    from a background thread). Raise SearchIndexError when Pagefind is
    missing or fails; the previous bundle is then left as it was.
    """
    documents = list(documents)
    enabled = None if show_progress else False
    with track("Search index", len(documents), "posts", enabled=enabled) as progress:
        report = _build(
            documents, output, bundle_dir, binary, keep_ui_bundles, progress
        )
        languages = ", ".join(
            f"{count} {lang}" for lang, count in sorted(report.pages.items())
        )
        progress.summary = f"{sum(report.pages.values())} posts ({languages}) indexed"
    return report


def _build(
    documents: list[SearchDocument],
    output: Path,
    bundle_dir: str,
    binary: str,
    keep_ui_bundles: bool,
    progress: Tracker,
) -> IndexReport:
    """Write the documents, run Pagefind, swap the bundle in; see ``build_index``."""
    started = time.perf_counter()
    executable = find_binary(binary)
    report = IndexReport()
    target = output / bundle_dir
    fresh = output / f".{target.name}.new"
    shutil.rmtree(fresh, ignore_errors=True)
    with tempfile.TemporaryDirectory(prefix="search-index-") as temporary:
        site = Path(temporary) / "site"
        site.mkdir()
        report.pages = write_documents(documents, site, progress)
        progress.status = "Pagefind is indexing them"
        command = [
            str(executable),
            "--site",
            str(site),
            "--output-path",
            str(fresh.resolve()),
            "--quiet",
        ]
        # Run from the temporary folder: Pagefind reads a pagefind.yml in its
        # working directory, and none of ours should apply.
        returncode, pagefind_output = _run_pagefind(command, temporary, progress)
    if returncode != 0:
        shutil.rmtree(fresh, ignore_errors=True)
        message = pagefind_output.strip().splitlines()[-5:]
        raise SearchIndexError(
            f"Pagefind exited with {returncode}: " + " | ".join(message)
        )
    for line in pagefind_output.splitlines():
        if line.strip():
            logger.debug("pagefind: %s", line.strip())
    if not keep_ui_bundles:
        for name in UI_BUNDLES:
            (fresh / name).unlink(missing_ok=True)
    shutil.rmtree(target, ignore_errors=True)
    fresh.rename(target)
    _measure(target, report)
    report.seconds = time.perf_counter() - started
    return report
