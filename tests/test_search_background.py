"""devserver indexing: in a background thread, newest job wins, unchanged skipped."""

from __future__ import annotations

import threading
from datetime import datetime
from zoneinfo import ZoneInfo

from search_index.background import BackgroundIndexer, documents_digest
from search_index.documents import SearchDocument


def _document(body: str) -> SearchDocument:
    return SearchDocument(
        url="2021/04/a/",
        save_as="2021/04/a/index.html",
        lang="vi",
        title="Tiêu đề",
        date=datetime(2021, 4, 6, 14, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")),
        summary="",
        units_label="",
        filters={"unit": ["quan-doan-tan-binh"]},
        body_html=body,
    )


def test_digest_changes_only_with_the_search_text():
    same = documents_digest([_document("<p>Đoàn</p>")])
    assert same == documents_digest([_document("<p>Đoàn</p>")])
    assert same != documents_digest([_document("<p>Đoàn viên</p>")])


def test_jobs_run_in_order_and_a_waiting_job_is_replaced_by_a_newer_one():
    indexer = BackgroundIndexer()
    started, release, ran = threading.Event(), threading.Event(), []

    def slow():
        started.set()
        release.wait(5)
        ran.append("first")

    indexer.submit(slow)
    assert started.wait(5)
    indexer.submit(lambda: ran.append("stale"))
    indexer.submit(lambda: ran.append("newest"))
    release.set()
    indexer.wait(5)
    assert ran == ["first", "newest"]


def test_a_failing_job_does_not_stop_the_next(caplog):
    indexer = BackgroundIndexer()
    ran = []
    indexer.submit(lambda: 1 / 0)
    indexer.wait(5)
    indexer.submit(lambda: ran.append("next"))
    indexer.wait(5)
    assert ran == ["next"]
    assert "background indexing failed" in caplog.text
