"""A smoke test of ``make bench-search``'s harness: the compressing server and table."""

from __future__ import annotations

import gzip
import urllib.request

import brotli

from bench.search_bench import Case, serve, table


def fetch(url: str, encoding: str) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_the_server_compresses_text_as_a_static_host_does(tmp_path):
    page = "<!doctype html><title>Tìm kiếm</title>" + "<p>Đoàn viên</p>" * 200
    (tmp_path / "tim-kiem").mkdir()
    (tmp_path / "tim-kiem" / "index.html").write_text(page)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8" + bytes(500))
    with serve(tmp_path) as base:
        coding, body = fetch(f"{base}/tim-kiem/", "gzip, deflate, br")
        assert coding == "br" and brotli.decompress(body).decode() == page
        assert len(body) < len(page.encode()) / 10
        coding, body = fetch(f"{base}/tim-kiem/index.html", "gzip")
        assert coding == "gzip" and gzip.decompress(body).decode() == page
        assert fetch(f"{base}/photo.jpg", "br")[0] is None  # images as they are


def test_the_table_has_a_row_per_case():
    steps = {"pause": 151.2, "find": 40.4, "show": 20.0, "announce": 0.2}
    cases = [
        Case("first: tan binh", 10, 40_960, 12, 0, 0.12, 8.0),
        Case("then: bí thư", 10, 40_960, 12, 0, 0.12, 8.0, steps=steps),
    ]
    lines = table(cases).splitlines()
    assert lines[0].startswith("| case | results | KB |")
    assert (
        lines[2]
        == "| first: tan binh | 10 | 40.0 | 12 | 0 | 0.120 | 8 | - / - / - / - | 0 |"
    )
    assert lines[3].endswith("| 8 | 151 / 40 / 20 / 0 | 0 |")
