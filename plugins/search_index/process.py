"""Build the search index in a process of its own, alongside the build.

The index's structures (every syllable's and pair's lists of posts, the
texts) take hundreds of megabytes at 10,000 posts; built in the build's
process they raised its peak from 387 to 660 MiB (issue #22). So the
documents are written, one record after another, to a temporary file as
the build describes them (``DocumentFile``), and a fresh Python (``python
-c``, this module; nothing of the build is inherited), started at the same
moment, follows that file: it indexes each post as soon as it is written,
while the build goes on describing and then runs the other generators (the
build's process alone works then, so the indexer has a core to itself);
it writes the word index once every post is described, and the lists once
the card photos come, the file's last record. The build tells it, through
its standard input, each time the file holds more (a byte), and when it
is done (the input closed); a build that ends without finishing the file
(an error, a kill) closes it too, and the indexer stops, leaving the
previous index as it was. Its outcome (the report, or what went wrong)
comes back on its standard output, after anything it printed: nothing of
the run is left on disk if the build is killed (a file for the outcome was
left in the temporary folder by every killed build). Where a file's name
may go while it is open (not Windows), the indexer is handed the documents
file open, and the build removes its name as soon as the indexer starts:
killed at any moment, the two leave no file behind.

A subprocess rather than ``multiprocessing``'s *spawn*: spawn imports the
main module again in the child, which fails for ``python -c`` or stdin and
runs the whole build again for a script without a ``__main__`` guard.
``result()`` waits for it at the end of the build and raises
SearchIndexError, with the indexer's own message, when it failed or died.
"""

from __future__ import annotations

import contextlib
import json
import os
import pickle
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO

from rich.console import Console

from newsroom.messages import Message
from progress import track
from search_index.documents import SearchDocument
from search_index.indexer import IndexBuilder, IndexReport, SearchIndexError, summary
from search_index.words import ordered

#: Hand the indexer its documents file open (``pass_fds``), then remove the
#: file's name at once: POSIX systems; Windows can do neither.
HAND_OVER = os.name == "posix"

#: Documents written between two flushes of the file for the indexer.
FLUSH_EVERY = 32
_HEADER = 8  # each record's length, little-endian, before its pickle


class DocumentFile:
    """A temporary file of documents, written one at a time as they are made.

    Each record is a pickle after its length, so that the indexer can read
    the file while it is written: ``("document", document, body)`` for each
    post, ``("described",)`` once all are, and ``("cards", cards)`` last.
    Every ``FLUSH_EVERY`` documents, and after the last two records, the
    file is flushed and ``flushed`` (if set) is called: the indexer's
    process is told there is more to read.
    """

    def __init__(self) -> None:
        handle, name = tempfile.mkstemp(prefix="search-documents-", suffix=".pickle")
        self.path = Path(name)
        self.count = 0
        self.flushed: Callable[[], None] | None = None
        self._stream = os.fdopen(handle, "wb")

    def add(self, document: SearchDocument) -> None:
        """Append ``document``.

        Its body goes as UTF-8 bytes encoded here: pickled as a string, its
        UTF-8 form would be kept inside the post's own body string (CPython
        caches it there) for the rest of the build, 60 MiB at 10,000 posts.
        """
        body = document.body_html
        if isinstance(body, str):  # always, but for the tests' failing bodies
            body = body.encode("utf-8")
        self._record(("document", replace(document, body_html=""), body))
        self.count += 1
        if not self.count % FLUSH_EVERY:
            self._flush()

    def described(self) -> None:
        """Say that every document is written, and hand them to the indexer now."""
        self._record(("described",))
        self._flush()

    def finish(self, cards: list[str] | None = None) -> Path:
        """Append the card photos (None: the documents' own), close; return the path."""
        self._record(("cards", None if cards is None else list(cards)))
        self._stream.close()
        if self.flushed is not None:
            self.flushed()
        return self.path

    def discard(self) -> None:
        """Close and remove the file."""
        self._stream.close()
        self.path.unlink(missing_ok=True)

    def _record(self, record: tuple) -> None:
        data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
        self._stream.write(len(data).to_bytes(_HEADER, "little"))
        self._stream.write(data)

    def _flush(self) -> None:
        self._stream.flush()
        if self.flushed is not None:
            self.flushed()


class Unfinished(Exception):
    """The document file ends before its last record: the build stopped."""


def read_records(
    source: Path | BinaryIO, more: Callable[[], bool] | None = None
) -> Iterator[tuple]:
    """Yield the records of a ``DocumentFile`` (its path, or the file open),
    up to its last (the cards).

    The file may still be being written: at the end of what is there,
    ``more()`` waits until the writer has flushed more (True) or will write
    no more (False). Raise Unfinished when the file ends short.
    """
    buffer = bytearray()
    waiting = more is not None
    if isinstance(source, Path):
        source = source.open("rb", buffering=0)
    with source as stream:
        while True:
            chunk = stream.read(1 << 20)
            if not chunk:
                if not waiting:
                    raise Unfinished(source)
                waiting = more()  # once False, one last look
                continue
            buffer += chunk
            start = 0
            while len(buffer) - start >= _HEADER:
                size = int.from_bytes(buffer[start : start + _HEADER], "little")
                end = start + _HEADER + size
                if end > len(buffer):
                    break
                record = pickle.loads(buffer[start + _HEADER : end])
                start = end
                yield record
                if record[0] == "cards":
                    return
            del buffer[:start]


def _document(record: tuple) -> SearchDocument:
    """Return the document of a ``("document", document, body)`` record."""
    _, document, body = record
    return replace(
        document, body_html=body.decode() if isinstance(body, bytes) else body
    )


def write_documents(
    documents: Iterable[SearchDocument], cards: list[str] | None = None
) -> Path:
    """Write ``documents`` (and their ``cards``) to a new temporary file."""
    file = DocumentFile()
    for document in documents:
        file.add(document)
    file.described()
    return file.finish(cards)


def read_documents(path: Path) -> Iterator[SearchDocument]:
    """Yield the documents ``write_documents`` wrote, in order, with their cards."""
    records = list(read_records(path))
    cards = records[-1][1] or []
    documents = [_document(record) for record in records if record[0] == "document"]
    for number, document in enumerate(documents):
        card = cards[number] if number < len(cards) else ""
        yield replace(document, card=card) if card else document


def peak_mib() -> float:
    """Return this process's peak resident memory in MiB (0: not known here).

    ``resource`` is Unix's (Linux counts in KiB); Windows has none.
    """
    try:
        import resource
    except ImportError:
        return 0.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _index(records: Iterable[tuple], output: Path, options: dict) -> IndexReport:
    """Index the records of a document file into ``output`` as they come."""
    pagefind = None
    if options.get("pagefind"):
        pagefind = (
            options.get("binary", ""),
            options.get("keep_ui_bundles", False),
            options.get("chunk_size", 0),
        )
    # A console of its own, plain as Pelican's: importing Pelican's would load
    # all of Pelican in this process, for one summary line.
    with track(Message("Search index"), enabled=False, console=Console()) as progress:
        builder = IndexBuilder(
            output, options.get("bundle_dir", "pagefind"), pagefind, progress
        )
        try:
            for record in records:
                if record[0] == "document":
                    builder.add(_document(record))
                elif record[0] == "described":
                    builder.described()
                else:
                    report = builder.finish(record[1])
        except BaseException:
            builder.abandon()
            raise
        progress.summary = summary(report)
    return report


def _told_more() -> bool:
    """Wait for the build to say it flushed more documents (True) or is done.

    The build writes a byte to this process's input after each flush, and
    closes it when it is done or ends (an error, a kill): then False.
    """
    try:
        return bool(os.read(sys.stdin.fileno(), 1 << 12))
    except (OSError, ValueError, AttributeError):  # no input at all
        return False


#: Between what the indexer printed and its outcome on its standard output.
OUTCOME_MARK = b"\x00search-index-outcome\x00"


def _index_from_file(path: str, output: str, options: dict) -> tuple:
    """The indexer process: index the documents of ``path``; return the outcome.

    ``path`` is ``fd:N`` when the build handed the file over open, as file
    descriptor N (its name is gone by now). The build may still be writing
    the file (``read_records``): it says so on this process's input.
    """
    if path.startswith("fd:"):
        source = os.fdopen(int(path[3:]), "rb", buffering=0)
    else:  # Windows: by its name, which stays while the build has it open
        source = Path(path)
    records = read_records(source, _told_more)
    try:
        report = _index(records, Path(output), options)
        report.peak_mib = peak_mib()
        report.pid = os.getpid()
        report.cpu_seconds = time.process_time()
        outcome = ("done", report)
    except Unfinished:
        outcome = ("error", "the build stopped before describing every post")
    except SearchIndexError as error:
        outcome = ("error", str(error))
    except Exception as error:  # said to the build, not lost
        detail = traceback.format_exception_only(type(error), error)[-1].strip()
        outcome = ("error", f"the indexer failed: {detail}")
    finally:
        if not path.startswith("fd:"):
            with contextlib.suppress(OSError):  # even a failed build leaves none
                Path(path).unlink()
    return outcome


def _send_outcome(outcome: tuple) -> None:
    """Write ``outcome`` after the mark on standard output, for ``result()``.

    A build that is gone (killed) reads nothing: the pipe is broken and
    nothing is kept.
    """
    sys.stdout.flush()
    with contextlib.suppress(OSError):  # BrokenPipeError: no one to tell
        stream = sys.stdout.buffer
        stream.write(OUTCOME_MARK + pickle.dumps(outcome))
        stream.flush()


_ENTRY = (
    "import sys; from search_index.process import main; sys.exit(main(sys.argv[1:]))"
)


class IndexProcess:
    """One indexing run in a process of its own; ``result()`` waits for it."""

    def __init__(
        self,
        documents: Iterable[SearchDocument] | DocumentFile,
        output: Path,
        **options,
    ) -> None:
        """Start indexing ``documents`` (or a ``DocumentFile``'s) into ``output``.

        A ``DocumentFile`` may still be being written, its documents in
        post-number order (``words.ordered``): the indexer reads each part
        as the file tells it (``flushed``). ``options`` are ``build_index``'s
        keyword arguments (``bundle_dir``, ``binary``, ``pagefind`` …), except
        ``show_progress``.
        """
        follow = isinstance(documents, DocumentFile)
        if follow:
            self._path = documents.path
        else:
            self._path = write_documents(ordered(documents))
        # The child finds the plugins where this process does.
        paths = os.pathsep.join(entry for entry in sys.path if entry)
        handed = os.open(self._path, os.O_RDONLY) if HAND_OVER else None
        command = [
            # -c, not -m: the package imports this module, so ``-m`` would run
            # it a second time (runpy's warning) as ``__main__``.
            sys.executable, "-c", _ENTRY,
            f"fd:{handed}" if handed is not None else str(self._path),
            str(output), json.dumps(options),
        ]  # fmt: skip
        try:
            self._process = subprocess.Popen(
                command,
                env={**os.environ, "PYTHONPATH": paths},
                stdin=subprocess.PIPE if follow else subprocess.DEVNULL,
                stdout=subprocess.PIPE,  # what it prints, then its outcome
                pass_fds=() if handed is None else (handed,),
            )
        except OSError as error:
            self._path.unlink(missing_ok=True)
            raise SearchIndexError(f"cannot start the indexer: {error}") from error
        finally:
            if handed is not None:
                os.close(handed)  # the child has its own
        if handed is not None:
            self._path.unlink(missing_ok=True)  # both have it open: no name left
        if follow:
            documents.flushed = self._tell

    def _tell(self) -> None:
        """Tell the indexer the document file has more to read."""
        with contextlib.suppress(OSError):  # it stopped: result() says why
            self._process.stdin.write(b".")
            self._process.stdin.flush()

    def _close_input(self) -> None:
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.close()

    def _outcome(self) -> tuple | None:
        """Wait for the indexer; show what it printed; return its outcome.

        None when it died without one (killed, out of memory).
        """
        # Its input is closed and its errors go to ours: reading its output
        # to the end cannot wait on it.
        with self._process.stdout as stream:
            printed = stream.read()
        self._process.wait()
        with contextlib.suppress(OSError):
            self._path.unlink()
        printed, mark, outcome = printed.partition(OUTCOME_MARK)
        if printed:
            sys.stdout.write(printed.decode("utf-8", "replace"))
            sys.stdout.flush()
        try:
            return pickle.loads(outcome) if mark else None
        except (EOFError, pickle.UnpicklingError):
            return None

    def abandon(self) -> None:
        """Stop the indexer (the build will not finish its file); keep the old index."""
        self._close_input()  # it stops at the end of what is written
        self._outcome()

    def result(self) -> IndexReport:
        """Wait for the indexer; return its report or raise SearchIndexError."""
        self._close_input()
        outcome = self._outcome()
        code = self._process.returncode
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
    """``python -c … DOCUMENTS OUTPUT OPTIONS``: index, then send the outcome."""
    path, output, options = argv if argv is not None else sys.argv[1:]
    # Run as ``-m``, this file is ``__main__``: use the package's module.
    from search_index import process

    process._send_outcome(process._index_from_file(path, output, json.loads(options)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
