"""The search index is built in a process of its own, alongside rendering (#22).

The build's process must not hold the index's structures: the indexer is a
fresh (spawned) process fed a file of the documents; it writes the same bytes
as indexing in the build's process, and when it fails or dies the build says
so clearly.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from search_index.documents import SearchDocument
from search_index.indexer import SearchIndexError, build_index
from search_index.process import index_in_process, read_documents, write_documents
from tests.sitebuild import CONTENT, build


def _document(number: int, body: object = None) -> SearchDocument:
    return SearchDocument(
        url=f"2021/01/bai-{number}/",
        save_as=f"2021/01/bai-{number}/index.html",
        lang="vi" if number % 3 else "en",
        title=f"Bài số {number} Tân Bình",
        date=datetime(2021, 1, 1, tzinfo=UTC) + timedelta(days=number),
        summary=f"Tóm tắt {number}",
        units_label="Quận Đoàn Tân Bình",
        filters={"unit": [f"don-vi-{number % 4}"], "year": ["2021"]},
        body_html=body or f"<p>Đoàn thanh niên Cô Tô {number} hòa</p>",
    )


def _tree(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_documents_round_trip_through_the_file():
    documents = [_document(number) for number in range(5)]
    path = write_documents(documents)
    try:
        assert list(read_documents(path)) == documents
    finally:
        path.unlink()


def test_card_photos_written_after_the_documents_reach_them():
    documents = [_document(number) for number in range(3)]
    path = write_documents(documents, cards=["", "photos/b.jpg", ""])
    try:
        found = [document.card for document in read_documents(path)]
    finally:
        path.unlink()
    assert found == ["", "photos/b.jpg", ""]


def test_the_indexer_process_writes_what_the_build_process_would(tmp_path):
    documents = [_document(number) for number in range(30)]
    build_index(documents, tmp_path / "here", show_progress=False)
    report = index_in_process(documents, tmp_path / "there")
    assert report.pid not in (0, os.getpid())
    assert report.peak_mib > 0
    assert sum(report.pages.values()) == 30
    here, there = _tree(tmp_path / "here"), _tree(tmp_path / "there")
    assert here and here == there


def test_a_failing_indexer_is_a_clear_error_and_keeps_the_old_index(tmp_path):
    (tmp_path / ".pagefind.new").write_text("a file where a folder goes")
    with pytest.raises(SearchIndexError, match="cannot write the search index"):
        index_in_process([_document(1)], tmp_path)
    assert not (tmp_path / "pagefind").exists()


class _Exit:
    """Unpickled in the indexer, this ends it at once, as the kernel's OOM killer."""

    def __reduce__(self):
        return (os._exit, (3,))


def test_an_unexpected_failure_is_named_with_its_exception(tmp_path):
    with pytest.raises(SearchIndexError, match="the indexer failed: TypeError"):
        index_in_process([_document(1, body=3)], tmp_path)


def test_an_indexer_that_dies_is_reported_with_its_exit_code(tmp_path):
    with pytest.raises(SearchIndexError, match=r"stopped unexpectedly \(exit code 3\)"):
        index_in_process([_document(1, body=_Exit())], tmp_path)


def test_the_build_indexes_in_another_process_and_reports_its_failure(tmp_path):
    """A real build: the log names the indexer's process; a failure is an error."""
    result = build(CONTENT, tmp_path / "output", verbose=True)
    assert result.returncode == 0, result.log
    found = re.search(
        # (no "MiB" after the last figure: the console may wrap the line there)
        r"indexer process (\d+): peak (\d+) MiB, build process (\d+): peak (\d+)",
        result.log,
    )
    assert found, result.log
    assert found[1] != found[3]
    assert (result.output / "pagefind" / "lists" / "vi" / "words.json").is_file()

    # The next build cannot put its index in place: the build says why.
    (result.output / "pagefind").rename(tmp_path / "old-index")
    (result.output / "pagefind").write_text("in the way")
    failed = build(CONTENT, result.output)
    assert "Search index not built: cannot put the search index in place" in failed.log
    assert failed.returncode == 0  # an error logged: make publish refuses it
    assert not (result.output / ".pagefind.new").exists()


def test_the_devserver_indexes_in_the_background_through_the_indexer(tmp_path):
    """``make devserver``'s setting: the index follows the pages, from a thread."""
    background = {"SEARCH_INDEX_BACKGROUND": "true"}
    result = build(CONTENT, tmp_path / "output", extra=background, verbose=True)
    assert result.returncode == 0, result.log
    assert "Search index: updating in the background" in result.log
    assert (result.output / "pagefind" / "lists" / "vi" / "words.json").is_file()
    page = (result.output / "tim-kiem" / "index.html").read_text(encoding="utf-8")
    assert 'value="thanh-doan-tp-hcm"' in page  # its choices counted all the same


def test_a_build_driven_by_python_c_indexes_without_importing_main_again(tmp_path):
    """A script, ``python -c`` or stdin may drive Pelican: the indexer never
    imports the driver's main module again (multiprocessing's spawn did, which
    fails for ``-c`` and runs a guard-less script's whole build twice)."""
    code = (
        "import sys; from pathlib import Path; "
        "from tests.test_search_process import _document; "
        "from search_index.process import index_in_process; "
        f"report = index_in_process([_document(1)], Path({str(tmp_path)!r})); "
        "print('indexed', sum(report.pages.values()))"
    )
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root / "plugins"), str(root)]),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=root, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "indexed 1"
    assert (tmp_path / "pagefind" / "lists" / "vi" / "lists.json").is_file()


def _wait_for(path: Path, process) -> None:
    """Wait until the indexer has written ``path`` (or has stopped)."""
    while not path.exists():
        assert process._process.poll() is None, "the indexer stopped"
        time.sleep(0.01)


def test_the_indexer_indexes_each_post_as_the_build_describes_it(tmp_path):
    """The indexer starts with the document file, reads each part as it is
    flushed, writes the word index once every post is described, and the
    lists once the card photos come: the same bytes as indexing at the end."""
    from search_index.process import FLUSH_EVERY, DocumentFile, IndexProcess
    from search_index.words import ordered

    documents = ordered(_document(number) for number in range(2 * FLUSH_EVERY + 5))
    cards = [f"photos/{number}.jpg" if number % 4 else "" for number in range(69)]
    file = DocumentFile()
    indexing = IndexProcess(file, tmp_path / "followed")
    fresh = tmp_path / "followed" / ".pagefind.new" / "lists"
    for document in documents[:FLUSH_EVERY]:
        file.add(document)
    # The first flush reached the indexer: it indexed those posts already.
    _wait_for(fresh / "vi" / "text" / "0.txt", indexing)
    for document in documents[FLUSH_EVERY:]:
        file.add(document)
    file.described()
    _wait_for(fresh / "vi" / "words.json", indexing)  # before the cards
    assert not (fresh / "vi" / "lists.json").exists()
    file.finish(cards)
    report = indexing.result()
    assert sum(report.pages.values()) == len(documents)
    carded = [
        replace(document, card=card) if card else document
        for document, card in zip(documents, cards, strict=True)
    ]
    build_index(carded, tmp_path / "at-once", show_progress=False)
    followed, at_once = _tree(tmp_path / "followed"), _tree(tmp_path / "at-once")
    assert followed and followed == at_once
    assert report.files == len(followed)
    assert report.total_bytes == sum(map(len, followed.values()))
    assert not file.path.exists()


def test_a_build_that_stops_before_the_cards_keeps_the_old_index(tmp_path):
    from search_index.process import DocumentFile, IndexProcess

    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old.txt").write_text("the last build's index")
    file = DocumentFile()
    indexing = IndexProcess(file, tmp_path)
    file.add(_document(1))
    file.described()
    indexing.abandon()  # the build failed: the next build starts
    assert indexing._process.returncode == 0
    assert _tree(tmp_path) == {"pagefind/old.txt": b"the last build's index"}
    assert not file.path.exists()


def test_documents_out_of_order_are_refused(tmp_path):
    """The indexer numbers each language's posts as they come: newest first."""
    from search_index.process import DocumentFile, IndexProcess

    file = DocumentFile()
    indexing = IndexProcess(file, tmp_path)
    for number in (3, 6, 9):  # English, oldest first
        file.add(_document(number))
    file.described()
    file.finish()
    with pytest.raises(SearchIndexError, match="out of order"):
        indexing.result()
    assert not (tmp_path / "pagefind").exists()
    assert not (tmp_path / ".pagefind.new").exists()


# A build's side of the indexer, in a process of its own that the test ends:
# it writes documents, prints the indexer's pid and the file's path, then
# ends as asked (the file finished or not), or waits to be killed.
_BUILD_SIDE = """
import os, sys, time
from tests.test_search_process import _document
from search_index.process import DocumentFile, IndexProcess
from search_index.words import ordered

how, output = sys.argv[1:]
file = DocumentFile()
indexing = IndexProcess(file, output)
if how == "killed at once":
    print(indexing._process.pid, file.path, flush=True)
    time.sleep(600)
for document in ordered(_document(number) for number in range(40)):
    file.add(document)
file.described()
if how == "finished":
    file.finish()
print(indexing._process.pid, file.path, flush=True)
if how == "killed":
    time.sleep(600)
os._exit(0)  # no result() or abandon(): as a build killed by the system
"""


def _start_build_side(how: str, tmp_path: Path) -> tuple[subprocess.Popen, int, Path]:
    root = Path(__file__).resolve().parent.parent
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(root / "plugins"), str(root)]),
        "TMPDIR": str(tmp_path / "tmp"),  # the temporary folder the test watches
    }
    (tmp_path / "tmp").mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", _BUILD_SIDE, how, str(tmp_path / "output")],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        text=True,
    )
    pid, path = process.stdout.readline().split()
    return process, int(pid), Path(path)


def _ended(pid: int) -> bool:
    """Tell whether process ``pid`` has ended (a zombie no one reaps has)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rpartition(")")[2].split()[0] == "Z"


def _wait_until(condition, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.02)


@pytest.mark.parametrize("how", ["unfinished", "finished"])
def test_a_build_that_ends_without_asking_leaves_nothing_in_the_temporary_folder(
    tmp_path, how
):
    """The build dies (killed) before it reads the indexer's outcome: the
    indexer stops (the file unfinished) or finishes, and no file of the run
    is left in the temporary folder. A file for the outcome was left before."""
    process, indexer, _ = _start_build_side(how, tmp_path)
    assert process.wait(timeout=60) == 0
    _wait_until(lambda: _ended(indexer), "the indexer did not stop")
    assert sorted(path.name for path in (tmp_path / "tmp").iterdir()) == []
    index = tmp_path / "output" / "pagefind" / "lists" / "vi" / "lists.json"
    assert index.is_file() == (how == "finished")


@pytest.mark.skipif(os.name == "nt", reason="an open file's name stays on Windows")
@pytest.mark.parametrize("how", ["killed at once", "killed"])
def test_a_build_and_indexer_killed_together_leave_no_documents_file(tmp_path, how):
    """The build hands the indexer the documents file open and removes its
    name as it starts it: a build killed with its indexer (a process group's
    SIGKILL), even before the indexer has read a byte, leaves none."""
    process, indexer, path = _start_build_side(how, tmp_path)
    try:
        assert not path.exists()  # from the indexer's start on
    finally:
        for pid in (process.pid, indexer):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        process.wait()
    _wait_until(lambda: _ended(indexer), "the indexer did not stop")
    assert sorted(path.name for path in (tmp_path / "tmp").iterdir()) == []


def test_where_a_file_cannot_be_handed_over_the_indexer_opens_it_by_name(
    tmp_path, monkeypatch
):
    """Windows' route: the indexer reads the documents file by its name, and
    the name is removed once the indexer is done."""
    from search_index import process

    monkeypatch.setattr(process, "HAND_OVER", False)
    documents = [_document(number) for number in range(30)]
    file = process.DocumentFile()
    indexing = process.IndexProcess(file, tmp_path / "by-name")
    assert file.path.exists()  # the indexer opens it by this name
    for document in process.ordered(documents):
        file.add(document)
    file.described()
    file.finish()
    assert sum(indexing.result().pages.values()) == 30
    assert not file.path.exists()
    build_index(documents, tmp_path / "here", show_progress=False)
    assert _tree(tmp_path / "by-name") == _tree(tmp_path / "here")
