"""fast_build's render processes take pages run by run, so they finish together (#22).

Split by count, or a whole batch to each process, the pages left one process
rendering alone at the end of a build for a second or more while the other
core idled (measured at 1,000 posts: the last batch of 1,000 pages went to a
child, and the final flush's few pages were done long before it). Each
process now takes the next run of pages when it is done with its last, and
the final flush also takes the runs a child has not reached yet; every page
is still rendered exactly once, and a failure anywhere fails the build.
"""

from __future__ import annotations

import itertools
import os
import time

import pytest
from pelican.settings import DEFAULT_CONFIG

from fast_build.parallel_writer import (
    CHUNK_PAGES,
    DeferredWriter,
    PendingPage,
    RenderError,
    _Chunks,
)


def _pages(log: str, indexes, quick_in: int, fail_at: int | None = None):
    """Pages that append ``pid index`` to ``log``; slow outside process ``quick_in``."""

    def job(index: int):
        def run() -> None:
            if os.getpid() != quick_in:
                time.sleep(0.02)
            if index == fail_at:
                raise ValueError(f"page {index} failed")
            descriptor = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
            try:
                os.write(descriptor, f"{os.getpid()} {index}\n".encode())
            finally:
                os.close(descriptor)

        return run

    return [PendingPage(None, {}, path=f"<job {i}>", job=job(i)) for i in indexes]


def _writer(tmp_path) -> DeferredWriter:
    settings = {
        **DEFAULT_CONFIG,
        "FAST_BUILD_WORKERS": 2,
        "FAST_BUILD_PARALLEL_MIN": 1,
        "FAST_BUILD_MEMORY_BUDGET": 0,  # no limit: always fork
    }
    return DeferredWriter(str(tmp_path / "output"), settings=settings)


def _rendered(log) -> list[tuple[int, int]]:
    lines = log.read_text().split("\n")
    return [tuple(int(part) for part in line.split()) for line in lines if line]


def test_every_page_is_rendered_once_and_the_quicker_process_takes_more(tmp_path):
    log = tmp_path / "rendered.log"
    count = 20 * CHUNK_PAGES
    writer = _writer(tmp_path)
    writer._pending = _pages(str(log), range(count), quick_in=os.getpid())
    writer.flush()
    rendered = _rendered(log)
    assert sorted(index for _, index in rendered) == list(range(count))
    by_process = [pid for pid, _ in rendered]
    here = by_process.count(os.getpid())
    # The child sleeps 20 ms a page; this process renders at once, so it
    # takes nearly every run (by count it would have rendered half).
    assert here >= count - 2 * CHUNK_PAGES, (here, count)


def test_the_final_flush_takes_the_runs_a_busy_child_has_not_reached(tmp_path):
    log = tmp_path / "rendered.log"
    count = 20 * CHUNK_PAGES
    writer = _writer(tmp_path)
    # A batch handed to a child while the generators go on ...
    writer._pending = _pages(str(log), range(count), quick_in=os.getpid())
    writer.flush(final=False)
    # ... and the last few pages: this process renders them, then the runs
    # of the first batch that the (slow) child has not taken yet.
    writer._pending = _pages(str(log), range(count, count + 4), quick_in=os.getpid())
    writer.flush()
    rendered = _rendered(log)
    assert sorted(index for _, index in rendered) == list(range(count + 4))
    first_batch_here = [
        index for pid, index in rendered if pid == os.getpid() and index < count
    ]
    assert len(first_batch_here) >= count // 2, len(first_batch_here)


def test_a_page_failing_anywhere_fails_the_flush_and_the_rest_is_rendered(tmp_path):
    log = tmp_path / "rendered.log"
    count = 6 * CHUNK_PAGES
    writer = _writer(tmp_path)
    # Every process is slow; whichever takes the first run fails on its first
    # page: the failure is raised, and every other run is still rendered.
    writer._pending = _pages(str(log), range(count), quick_in=-1, fail_at=0)
    with pytest.raises(RenderError, match="page 0 failed"):
        writer.flush()
    indexes = sorted(index for _, index in _rendered(log))
    assert set(range(CHUNK_PAGES, count)) <= set(indexes)
    assert len(indexes) == len(set(indexes))
    assert writer._children == []  # every child was waited for


def test_runs_cover_a_long_list_once_without_filling_the_pipe():
    # More runs of the asked size than a pipe holds starts: the runs grow.
    count = 1_000_000
    chunks = _Chunks(count, 4)
    try:
        runs = list(chunks)
    finally:
        chunks.close()
    assert chunks.size > 4
    assert runs[0].start == 0 and runs[-1].stop >= count
    assert all(a.stop == b.start for a, b in itertools.pairwise(runs))
