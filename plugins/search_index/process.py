"""Build the search index in a process of its own, alongside rendering.

The index's structures (every syllable's and pair's lists of posts, the
texts) take hundreds of megabytes at 10,000 posts; built in the build's
process they raised its peak from 387 to 660 MiB (issue #22). So the
documents are written, one pickle after another, to a temporary file as
soon as they are known (``all_generators_finalized``), and a fresh Python
process (``multiprocessing``'s *spawn* context: nothing of the build is
inherited, and starting it forks no thread-holding process) reads them and
writes the index while this process renders the pages. ``result()`` waits
for it at the end of the build and raises SearchIndexError, with the
indexer's own message, when it failed or died.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import pickle
import resource
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from pathlib import Path

from .documents import SearchDocument
from .indexer import IndexReport, SearchIndexError, build_index

_CONTEXT = multiprocessing.get_context("spawn")


def write_documents(documents: Iterable[SearchDocument]) -> Path:
    """Write ``documents`` to a new temporary file, one pickle each; return it."""
    handle, name = tempfile.mkstemp(prefix="search-documents-", suffix=".pickle")
    with os.fdopen(handle, "wb") as stream:
        pickler = pickle.Pickler(stream, protocol=pickle.HIGHEST_PROTOCOL)
        for document in documents:
            pickler.dump(document)
            pickler.clear_memo()  # one document at a time: no memo of them all
    return Path(name)


def read_documents(path: Path) -> Iterator[SearchDocument]:
    """Yield the documents ``write_documents`` wrote, in order."""
    with path.open("rb") as stream:
        while True:
            try:
                yield pickle.load(stream)
            except EOFError:
                return


def _peak_mib() -> float:
    """Return this process's peak resident memory in MiB (Linux: KiB units)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _index_from_file(path: str, output: str, options: dict, connection) -> None:
    """The indexer process: index the documents of ``path``, send the outcome."""
    try:
        documents = list(read_documents(Path(path)))
        Path(path).unlink()  # read: even a build that fails later leaves none
        report = build_index(documents, Path(output), show_progress=False, **options)
        report.peak_mib = _peak_mib()
        report.pid = os.getpid()
        connection.send(("done", report))
    except SearchIndexError as error:
        connection.send(("error", str(error)))
    except BaseException as error:  # said to the build, not lost
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        connection.send(("error", f"the indexer failed: {detail}"))
    finally:
        connection.close()


class IndexProcess:
    """One indexing run in a process of its own; ``result()`` waits for it."""

    def __init__(
        self, documents: Iterable[SearchDocument], output: Path, **options
    ) -> None:
        """Write the documents to a file and start indexing them into ``output``.

        ``options`` are ``build_index``'s keyword arguments (``bundle_dir``,
        ``binary``, ``pagefind`` …), except ``show_progress``.
        """
        self._path = write_documents(documents)
        self._receive, send = _CONTEXT.Pipe(duplex=False)
        self._process = _CONTEXT.Process(
            target=_index_from_file,
            args=(str(self._path), str(output), options, send),
            name="search-index",
        )
        try:
            self._process.start()
        except BaseException:
            self._path.unlink(missing_ok=True)
            raise
        finally:
            send.close()  # only the indexer writes: its end closing means it ended

    def result(self) -> IndexReport:
        """Wait for the indexer; return its report or raise SearchIndexError."""
        try:
            try:
                outcome = self._receive.recv()
            except EOFError:  # it died without a word (killed, out of memory)
                outcome = None
            self._process.join()
        finally:
            self._receive.close()
            with contextlib.suppress(OSError):
                self._path.unlink()
        if outcome is None:
            raise SearchIndexError(
                "the indexer process stopped unexpectedly "
                f"(exit code {self._process.exitcode}); the previous index is kept"
            )
        kind, value = outcome
        if kind == "error":
            raise SearchIndexError(value)
        return value


def index_in_process(
    documents: Iterable[SearchDocument], output: Path, **options
) -> IndexReport:
    """Index ``documents`` into ``output`` in a process of its own and wait."""
    return IndexProcess(documents, output, **options).result()
