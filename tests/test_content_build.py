"""Real builds: broken posts stop Pelican before it writes; drafts never publish."""

from __future__ import annotations

import gzip
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.content_sites import CASE_FOLDER, CASES_DIR, content_with
from tests.sitebuild import ROOT, build, copy_content
from tests.test_content_cases import expected

BROKEN = [
    "missing-title.md",  # Pelican alone would log it and skip it
    "not-utf8.md",  # Pelican alone would stop with a traceback
    "unsafe-script.md",
    "unknown-unit-suggestion.md",
    "stray-file.txt",
]
DRAFTS = Path(__file__).resolve().parent / "fixtures" / "content_drafts"
DRAFT_MARKERS = (
    b"ban-nhap-chua-duyet",
    "Bản nháp chưa duyệt".encode(),
    b"Unreviewed draft",
)


@pytest.fixture(scope="module")
def broken_build(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("broken")
    content = content_with(tmp / "content", *(CASES_DIR / n for n in BROKEN))
    return build(content, tmp / "output")


def test_a_broken_post_stops_the_build_before_anything_is_written(broken_build):
    assert broken_build.returncode == 1
    assert not broken_build.output.exists() or not any(broken_build.output.iterdir())
    assert "Build stopped before writing anything: 5 content error(s)" in (
        broken_build.log
    )
    assert "Posts published" not in broken_build.log


def test_only_our_message_is_logged_for_a_refused_post(broken_build):
    # Pelican's own "Could not process <path>" would read like a crash.
    assert "Could not process" not in broken_build.log
    first = next(line for line in broken_build.log.splitlines() if "ERROR" in line)
    assert "[error]" in first, broken_build.log


def test_any_other_reader_failure_is_still_logged_by_pelican(caplog):
    from content_model.problems import ContentError, Problem
    from content_model.refusals import PELICAN_GENERATORS_LOGGER, quiet_refusals
    from newsroom.messages import Message

    quiet_refusals()
    pelican_logger = logging.getLogger(PELICAN_GENERATORS_LOGGER)
    for error in (
        ContentError([Problem("a.md", 1, "title", Message("missing"))]),
        OSError(),
    ):
        try:
            raise error
        except Exception:
            pelican_logger.exception("Could not process %s", "a.md", exc_info=False)
    assert [record.getMessage() for record in caplog.records] == [
        "Could not process a.md"  # the OSError's
    ]


@pytest.mark.parametrize("name", BROKEN)
def test_the_build_names_each_broken_post_at_its_line(broken_build, name):
    where = expected(name)[0].split(": [error] ")[0]  # path:line
    assert f"{where}: [error]" in broken_build.log


def test_make_check_prints_every_problem_and_exits_1(tmp_path):
    content = content_with(tmp_path / "content", *(CASES_DIR / n for n in BROKEN))
    result = subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py", content],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": "plugins"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert sorted(result.stdout.splitlines()) == sorted(
        line for name in BROKEN for line in expected(name)
    )
    assert "5 error(s)" in result.stderr


def _texts(output: Path):
    """Yield the bytes of every file written, gunzipped where compressed."""
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


def test_the_published_site_has_no_draft_anywhere(tmp_path):
    content = content_with(tmp_path / "content", *sorted(DRAFTS.iterdir()), cases=False)
    assert (content / CASE_FOLDER / "ban-nhap-chua-duyet.md").exists()
    result = build(content, tmp_path / "output", settings="publishconf.py")
    assert result.returncode == 0, result.log
    assert "Posts published: 3 in Vietnamese, 3 in English" in result.log
    leaks = [
        str(path.relative_to(result.output))
        for path, data in _texts(result.output)
        if any(marker in data for marker in DRAFT_MARKERS)
    ]
    assert leaks == []
    assert (result.output / "index.html").exists()


def test_a_video_is_published_as_the_player_we_rebuilt(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"
    with post.open("a", encoding="utf-8") as file:
        file.write(
            '\n<iframe width="560" height="315" title="YouTube video player" '
            'src="HTTPS://WWW.YouTube.com/embed/abc?si=x1&amp;start=5" '
            'allow="autoplay; encrypted-media; picture-in-picture" '
            "allowfullscreen>Trình duyệt không hỗ trợ</iframe>\n"
        )
    result = build(content, tmp_path / "output")
    assert result.returncode == 0, result.log
    iframes = [
        tag
        for path in result.html_files()
        if b"<iframe" in path.read_bytes()
        for tag in BeautifulSoup(
            path.read_text("utf-8"), "html.parser", multi_valued_attributes=None
        )("iframe")
    ]
    assert iframes
    for iframe in iframes:
        assert iframe.attrs == {
            "width": "560",
            "height": "315",
            "title": "YouTube video player",
            "src": "https://www.youtube.com/embed/abc?si=x1&start=5",
            "allow": "autoplay; encrypted-media; picture-in-picture",
            "allowfullscreen": "",
            "loading": "lazy",
            "referrerpolicy": "strict-origin-when-cross-origin",
            "sandbox": "allow-scripts allow-same-origin allow-presentation "
            "allow-popups allow-popups-to-escape-sandbox",
        }
        assert iframe.contents == []
