"""Build the search index in a process of its own, alongside rendering.

The index's structures (every syllable's and pair's lists of posts, the
texts) take hundreds of megabytes at 10,000 posts; built in the build's
process they raised its peak from 387 to 660 MiB (issue #22). So the
documents are written, one pickle after another, to a temporary file as
soon as they are known (``all_generators_finalized``), and a fresh Python
(``python -m search_index.process``, this module; nothing of the build is
inherited) reads them and writes the index while this process renders the
pages. A subprocess rather than ``multiprocessing``'s *spawn*: spawn imports
the main module again in the child, which fails for ``python -c`` or stdin
and runs the whole build again for a script without a ``__main__`` guard.
``result()`` waits for it at the end of the build and raises
SearchIndexError, with the indexer's own message, when it failed or died.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from rich.console import Console

from search_index.documents import SearchDocument
from search_index.indexer import IndexReport, SearchIndexError, build_index


class Cards(list):
    """The card photo of each document, in order ("" for none): the file's last record.

    The photos are published after the posts are described, so the cards
    come at the end instead of holding every document in memory until then.
    """


class DocumentFile:
    """A temporary file of documents, written one at a time as they are made."""

    def __init__(self) -> None:
        handle, name = tempfile.mkstemp(prefix="search-documents-", suffix=".pickle")
        self.path = Path(name)
        self.count = 0
        self._stream = os.fdopen(handle, "wb")
        self._pickler = pickle.Pickler(self._stream, protocol=pickle.HIGHEST_PROTOCOL)

    def add(self, document: SearchDocument) -> None:
        """Append ``document``.

        Its body goes as UTF-8 bytes encoded here: pickled as a string, its
        UTF-8 form would be kept inside the post's own body string (CPython
        caches it there) for the rest of the build, 60 MiB at 10,000 posts.
        """
        body = document.body_html
        if isinstance(body, str):  # always, but for the tests' failing bodies
            body = body.encode("utf-8")
        self._pickler.dump((replace(document, body_html=""), body))
        self._pickler.clear_memo()  # one document at a time: no memo of them all
        self.count += 1

    def finish(self, cards: list[str] | None = None) -> Path:
        """Append the documents' card photos, if given, close; return the path."""
        if cards is not None:
            self._pickler.dump(Cards(cards))
        self._stream.close()
        return self.path

    def discard(self) -> None:
        """Close and remove the file."""
        self._stream.close()
        self.path.unlink(missing_ok=True)


def write_documents(
    documents: Iterable[SearchDocument], cards: list[str] | None = None
) -> Path:
    """Write ``documents`` (and their ``cards``) to a new temporary file."""
    file = DocumentFile()
    for document in documents:
        file.add(document)
    return file.finish(cards)


def read_documents(path: Path) -> Iterator[SearchDocument]:
    """Yield the documents ``write_documents`` wrote, in order, with their cards."""
    with path.open("rb") as stream:
        records = []
        while True:
            try:
                records.append(pickle.load(stream))
            except EOFError:
                break
    cards = records.pop() if records and isinstance(records[-1], Cards) else None
    for number, (document, body) in enumerate(records):
        changes = {"body_html": body.decode() if isinstance(body, bytes) else body}
        if cards and cards[number]:
            changes["card"] = cards[number]
        yield replace(document, **changes)


def _peak_mib() -> float:
    """Return this process's peak resident memory in MiB (Linux: KiB units)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _index_from_file(path: str, output: str, options: dict, result: str) -> None:
    """The indexer process: index the documents of ``path``, write the outcome."""
    try:
        documents = list(read_documents(Path(path)))
        Path(path).unlink()  # read: even a build that fails later leaves none
        # A console of its own, plain as Pelican's: importing Pelican's would
        # load all of Pelican in this process, for one summary line.
        report = build_index(
            documents, Path(output), show_progress=False, console=Console(), **options
        )
        report.peak_mib = _peak_mib()
        report.pid = os.getpid()
        outcome = ("done", report)
    except SearchIndexError as error:
        outcome = ("error", str(error))
    except Exception as error:  # said to the build, not lost
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        outcome = ("error", f"the indexer failed: {detail}")
    Path(result).write_bytes(pickle.dumps(outcome))


_ENTRY = (
    "import sys; from search_index.process import main; sys.exit(main(sys.argv[1:]))"
)


class IndexProcess:
    """One indexing run in a process of its own; ``result()`` waits for it."""

    def __init__(
        self, documents: Iterable[SearchDocument] | Path, output: Path, **options
    ) -> None:
        """Start indexing ``documents`` (or a ``DocumentFile``'s) into ``output``.

        ``options`` are ``build_index``'s keyword arguments (``bundle_dir``,
        ``binary``, ``pagefind`` …), except ``show_progress``.
        """
        self._path = (
            documents if isinstance(documents, Path) else write_documents(documents)
        )
        self._result = self._path.with_suffix(".result")
        # The child finds the plugins where this process does.
        paths = os.pathsep.join(entry for entry in sys.path if entry)
        command = [
            # -c, not -m: the package imports this module, so ``-m`` would run
            # it a second time (runpy's warning) as ``__main__``.
            sys.executable, "-c", _ENTRY,
            str(self._path), str(output), json.dumps(options), str(self._result),
        ]  # fmt: skip
        try:
            self._process = subprocess.Popen(
                command,
                env={**os.environ, "PYTHONPATH": paths},
                stdin=subprocess.DEVNULL,
            )
        except OSError as error:
            self._path.unlink(missing_ok=True)
            raise SearchIndexError(f"cannot start the indexer: {error}") from error

    def result(self) -> IndexReport:
        """Wait for the indexer; return its report or raise SearchIndexError."""
        code = self._process.wait()
        try:
            outcome = pickle.loads(self._result.read_bytes())
        except (OSError, EOFError, pickle.UnpicklingError):
            outcome = None  # it died without a word (killed, out of memory)
        finally:
            for path in (self._path, self._result):
                with contextlib.suppress(OSError):
                    path.unlink()
        if outcome is None:
            raise SearchIndexError(
                "the indexer process stopped unexpectedly "
                f"(exit code {code}); the previous index is kept"
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


def main(argv: list[str] | None = None) -> int:
    """``python -m search_index.process DOCUMENTS OUTPUT OPTIONS RESULT``."""
    path, output, options, result = argv if argv is not None else sys.argv[1:]
    # Run as ``-m``, this file is ``__main__``: use the package's module, whose
    # classes (``Cards``) are those the build pickled.
    from search_index import process

    process._index_from_file(path, output, json.loads(options), result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
