"""A smoke test of ``make bench-search``'s harness: the static server and table."""

from __future__ import annotations

import gzip
import urllib.request

import brotli

from bench.search_bench import Case, precompress, serve, table
from bench.search_paired import summarize
from bench.search_tasks import page_tasks


def fetch(url: str, encoding: str) -> tuple[str | None, bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding})
    with urllib.request.urlopen(request) as response:
        return response.headers.get("Content-Encoding"), response.read()


def test_the_server_serves_the_files_make_publish_compresses(tmp_path):
    page = "<!doctype html><title>Tìm kiếm</title>" + "<p>Đoàn viên</p>" * 200
    (tmp_path / "tim-kiem").mkdir()
    (tmp_path / "tim-kiem" / "index.html").write_text(page)
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8" + bytes(500))
    assert precompress(tmp_path, tmp_path.parent / "cache") == 2
    # Written beside the page, as make publish writes them, decoding to its bytes.
    packed = tmp_path / "tim-kiem" / "index.html.br"
    assert brotli.decompress(packed.read_bytes()).decode() == page
    with serve(tmp_path) as base:
        coding, body = fetch(f"{base}/tim-kiem/", "gzip, deflate, br")
        assert coding == "br" and body == packed.read_bytes()
        assert len(body) < len(page.encode()) / 10
        coding, body = fetch(f"{base}/tim-kiem/index.html", "gzip")
        assert coding == "gzip" and gzip.decompress(body).decode() == page
        assert fetch(f"{base}/photo.jpg", "br")[0] is None  # images as they are
        # Nothing is compressed while a reader waits: no .br, the file as it is.
        (tmp_path / "tim-kiem" / "other.html").write_text(page)
        assert fetch(f"{base}/tim-kiem/other.html", "br") == (None, page.encode())


def test_the_table_has_a_row_per_case():
    steps = {"pause": 151.2, "find": 40.4, "show": 20.0, "excerpts": 0.2}
    cases = [
        Case("first: tan binh", 10, 40_960, 12, 0, 0.12, 8.0),
        Case("then: bí thư", 10, 40_960, 12, 0, 0.12, 8.0, steps=steps),
        Case("filter: year 2024", 8, 20_480, 6, 0, 0.1, 0.0, slowest=0.2, runs=3),
    ]
    lines = table(cases).splitlines()
    assert lines[0].startswith("| case | results | KB |")
    assert (
        lines[2]
        == "| first: tan binh | 10 | 40.0 | 12 | 0 | 0.120 | 8 | - / - / - / - | 0 |"
    )
    assert lines[3].endswith("| 8 | 151 / 40 / 20 / 0 | 0 |")
    assert "| 0.100 (0.200) |" in lines[4]  # the median and the slowest run


def meta(kind: str, pid: int, name: str, tid: int = 0) -> dict:
    """A trace's metadata event naming a process or a thread."""
    return {"ph": "M", "name": kind, "pid": pid, "tid": tid, "args": {"name": name}}


def task(pid: int, tid: int, wall_us: int, cpu_us: int, name: str = "") -> dict:
    """A trace's complete event (a task unless named otherwise)."""
    name = name or "ThreadControllerImpl::RunTask"
    return {"ph": "X", "name": name, "pid": pid, "tid": tid, "ts": 0,
            "dur": wall_us, "tdur": cpu_us}  # fmt: skip


def test_task_times_are_the_page_renderers_main_thread_only():
    events = [
        meta("process_name", 1, "Renderer"),
        meta("process_name", 2, "WebUI Top Renderer"),
        meta("thread_name", 1, "CrRendererMain", 10),
        meta("thread_name", 1, "Compositor", 11),
        meta("thread_name", 2, "CrRendererMain", 20),
        task(1, 10, 80_000, 12_000),  # the page: 80 ms waited for, 12 ms of CPU
        task(1, 11, 90_000, 90_000),  # its compositor thread
        task(2, 20, 150_000, 150_000),  # Chromium's own WebUI renderer
        task(1, 10, 5_000, 5_000, name="Layout"),  # inside a task, not one
    ]
    assert page_tasks(events) == [(80.0, 12.0)]


def test_a_paired_case_is_summarized_by_its_median_and_long_tasks():
    line = summarize("new", "unit x", [0.3, 0.1, 0.2, 0.4, 0.5], [0, 60, 0, 51.4, 0])
    assert line == (
        "new | unit x | 0.300 s (quartiles 0.150–0.450, slowest 0.500) | "
        "tasks > 50 ms: 2 of 5 (60, 51 ms)"
    )


def test_a_page_s_downloads_are_read_from_the_page_after_it_loads(tmp_path, browser):
    """Bytes as transferred (compressed), each download once: read from the
    page's Resource Timing once it has loaded, so that the harness does no work
    while the page loads."""
    from bench.search_bench import LONG_TASKS, downloads, now

    script = "fetch('data.json').then(r => r.json()).then(d => document.title = d.t);"
    page_html = "<!doctype html><title>x</title><script src='app.js'></script>"
    folder = tmp_path / "tim-kiem"  # compressed as the search page is
    folder.mkdir()
    (folder / "index.html").write_text(page_html + "<p>Đoàn viên</p>" * 300)
    (folder / "app.js").write_text(script + "\n// " + "đ" * 2000)
    (folder / "data.json").write_text('{"t": "Tìm kiếm", "pad": "%s"}' % ("a" * 5000))
    (folder / "photo.jpg").write_bytes(b"\xff\xd8" + bytes(700))  # not compressed
    assert precompress(tmp_path, tmp_path.parent / "cache") == 6  # .br and .gz
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    with serve(tmp_path) as base:
        page.goto(f"{base}/tim-kiem/")
        page.wait_for_function("document.title === 'Tìm kiếm'")
        page.wait_for_load_state("networkidle")
        fetched = {url.rsplit("/", 1)[1]: size for url, size, _ in downloads(page)}
        expected = {
            name: (folder / f"{name or 'index.html'}.br").stat().st_size
            for name in ("", "app.js", "data.json")
        }
        assert fetched == expected
        # A later case counts the downloads that started after its start only;
        # a file the cache had and the server said was unchanged (304) costs
        # its headers, not its body again.
        since = now(page)
        page.evaluate("fetch('app.js?again').then(r => r.text())")
        page.wait_for_function("performance.getEntriesByType('resource').length === 3")
        for entries in (4, 5):  # the photo, then asked again: 304, Not Modified
            page.evaluate("fetch('photo.jpg', {cache: 'no-cache'}).then(r => r.blob())")
            page.wait_for_function(
                f"performance.getEntriesByType('resource').length === {entries}"
            )
        again = downloads(page, since)
        assert [(url.rsplit("/", 1)[1], size) for url, size, _ in again] == [
            ("app.js?again", expected["app.js"]),
            ("photo.jpg", 702),
            ("photo.jpg", 0),
        ]
    context.close()
