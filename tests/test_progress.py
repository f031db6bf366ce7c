"""Progress of long work: a bar in a terminal, plain lines in logs, one summary.

The tracker is driven with a real ``rich`` console writing to memory (as a
terminal and as a log file); then a real build shows its reading, photo and
search-index progress in its log.
"""

from __future__ import annotations

import io
import json
import re

from PIL import Image
from rich.console import Console

from progress import duration, track
from tests.sitebuild import build, copy_content


def console(terminal: bool) -> tuple[Console, io.StringIO]:
    """Return a console writing to memory, as a terminal or as a log file."""
    sink = io.StringIO()
    return Console(file=sink, force_terminal=terminal, width=120), sink


def test_a_log_gets_plain_lines_with_counts_time_left_and_a_summary():
    log, sink = console(terminal=False)
    with track("Importing", 4, "posts", console=log, interval=0) as work:
        for _ in range(4):
            work.advance()
        work.summary = "4 posts imported"
    lines = sink.getvalue().splitlines()
    assert re.fullmatch(
        r"Importing: 1/4 posts \(25%\), \d+\.\d s, about \d+\.\d s left", lines[0]
    )
    assert lines[3].startswith("Importing: 4/4 posts (100%), ")
    assert re.fullmatch(r"Importing: 4 posts imported in \d+\.\d s", lines[-1])
    assert len(lines) == 5
    assert "\x1b" not in sink.getvalue()  # no terminal codes in a log


def test_plain_lines_wait_for_the_interval():
    log, sink = console(terminal=False)
    with track("Exporting", None, "files", console=log, interval=3600) as work:
        work.advance(250)
        work.summary = "250 files exported"
    (line,) = sink.getvalue().splitlines()  # the summary alone
    assert re.fullmatch(r"Exporting: 250 files exported in \d+\.\d s", line)


def test_a_terminal_gets_a_bar_that_goes_away():
    terminal, sink = console(terminal=True)
    with track("Deploying", 3, "files", console=terminal, delay=0) as work:
        assert work.live
        work.advance()
        work.status = "uploading"
        work.tick()
        work.summary = "3 files deployed"
    assert not work.live
    screen = sink.getvalue()
    assert "━" in screen and "files" in screen
    assert "Deploying: 3 files deployed in " in screen
    assert "Deploying: 1/3" not in screen  # no plain lines in a terminal


def test_quick_work_in_a_terminal_shows_no_bar():
    terminal, sink = console(terminal=True)
    with track("Photos", 2, "photos", console=terminal, delay=3600) as work:
        work.advance(2)
    assert not work.live
    assert sink.getvalue() == ""  # no summary asked for: the caller prints its own


def test_durations_read_well():
    assert [duration(s) for s in (0.42, 12.4, 125)] == ["0.4 s", "12 s", "2 min 05 s"]
    assert [duration(s, "vi") for s in (0.42, 12.4, 125)] == [
        "0,4 giây",
        "12 giây",
        "2 phút 05 giây",
    ]


def test_writers_read_the_lines_in_vietnamese(monkeypatch):
    """What a writer's ``make html`` prints: Vietnamese words, numbers and times."""
    from newsroom.messages import Message, Number

    monkeypatch.setenv("LANGUAGE", "vi")
    log, sink = console(terminal=False)
    with track(Message("Reading posts"), 1700, Message("files"), console=log) as work:
        work.interval = 0
        work.advance(425)
        work.summary = Message("%(count)s drafts written", count=Number(1700))
    lines = sink.getvalue().splitlines()
    assert re.fullmatch(
        r"Đọc bài: 425/1\.700 tệp \(25%\), \d+,\d giây, còn khoảng \d+,\d giây",
        lines[0],
    )
    assert re.fullmatch(
        r"Đọc bài: đã viết 1\.700 bản nháp trong \d+,\d giây", lines[-1]
    )


def test_a_build_shows_reading_photos_and_search_progress(tmp_path):
    content = copy_content(tmp_path / "content")
    folder = content / "photos" / "test"
    folder.mkdir(parents=True)
    for number in range(3):
        Image.new("RGB", (900, 600), (number * 80, 60, 200)).save(
            folder / f"anh-{number}.jpg"
        )
    post = content / "posts" / "2021" / "anh-2021.md"
    post.write_text(
        "---\ntitle: Ba ảnh\ndate: 2021-05-02 08:00\nslug: ba-anh\nlang: vi\n"
        "summary: Ba ảnh.\nunits: [Quận Đoàn Tân Bình]\nphotos:\n"
        + "".join(f"  - src: photos/test/anh-{n}.jpg\n    alt: Ảnh\n" for n in "012")
        + "---\nNội dung.\n",
        encoding="utf-8",
    )
    result = build(
        content,
        tmp_path / "output",
        extra={
            "PROGRESS_INTERVAL": "0",
            "PHOTOS_CACHE_PATH": json.dumps(str(tmp_path / "cache")),
        },
    )
    assert result.returncode == 0, result.log
    log = result.log
    assert "Reading posts: 7/7 files (100%)" in log
    assert "Processing photos: 1/3 photos (33%)" in log
    assert "Processing photos: 3/3 photos (100%)" in log
    assert re.search(r"Writing pages: \d+ pages, ", log)
    # The indexer runs in a process of its own while the pages render, and
    # says once what it indexed (no bar mixed into the pages' progress).
    assert re.search(r"Search index: 7 posts \(.+\) indexed in [\d.]+ s", log)
    assert re.search(r"Search index: 7 posts \(3 en, 4 vi\) indexed in \d", log)
    assert log.index("Reading posts") < log.index("Processing photos")
    assert log.index("Processing photos") < log.index("Search index")


PELICAN_DONE = (
    "Done: Processed 1700 articles, 0 drafts, 2 hidden articles, 1 page, "
    "0 hidden pages and 0 draft pages in 7.20 seconds."
)


def _printed(line: str) -> str:
    from progress.done_line import DoneLine

    log, sink = console(terminal=False)
    log.push_render_hook(DoneLine())
    log.print(line)
    return " ".join(sink.getvalue().split())


def test_pelicans_done_line_reads_in_vietnamese(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "vi")
    assert _printed(PELICAN_DONE) == (
        "Xong: đã xử lý 1.700 bài, 0 bản nháp, 2 bài ẩn, 1 trang, 0 trang ẩn và "
        "0 trang nháp trong 7,20 giây."
    )
    other = "Done: something Pelican may say one day"
    assert _printed(other) == other  # an unknown wording stays as it is
    assert _printed("Đã đăng: 3 bài") == "Đã đăng: 3 bài"


def test_pelicans_done_line_stays_as_pelican_wrote_it_in_english(monkeypatch):
    monkeypatch.setenv("LANGUAGE", "en")
    assert _printed(PELICAN_DONE) == PELICAN_DONE


def test_a_writers_build_ends_with_the_done_line_in_vietnamese(tmp_path):
    """``python -m newsroom build`` as a writer runs it, in Vietnamese."""
    import os
    import subprocess
    import sys

    from tests.sitebuild import CONTENT, ROOT

    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    done = subprocess.run(
        [sys.executable, "-m", "newsroom", "--content", str(CONTENT),
         "--output", str(tmp_path / "output"), "build"],
        cwd=ROOT, capture_output=True, text=True, encoding="utf-8",
        env={**environment, "LANGUAGE": "vi", "COLUMNS": "300"}, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    printed = done.stdout + done.stderr
    assert re.search(r"Xong: đã xử lý 6 bài, 0 bản nháp, .* giây\.", printed)
    assert "Done: Processed" not in printed
    assert re.search(
        r"Chỉ mục tìm kiếm: đã lập chỉ mục 6 bài \(3 tiếng Anh, 3 tiếng Việt\) "
        r"trong \d+,\d giây",
        " ".join(printed.split()),
    )
