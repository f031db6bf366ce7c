"""The writers' guide: at /huong-dan/ in development builds, unpublished by default."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.sitebuild import CONTENT, ROOT, build

DOCS = ROOT / "docs"
# Fast builds: one post is enough to show the guide is there or not.
FAST = {"SEARCH_INDEX_ENABLED": "false", "PROGRESS_ENABLED": "false"}


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    """The tests' registries and one post (with its translation)."""
    content = tmp_path_factory.mktemp("guide") / "content"
    shutil.copytree(CONTENT / "data", content / "data")
    posts = content / "posts/2020"
    posts.mkdir(parents=True)
    for name in ("kiem-tra-cong-tac-doan-quang-ninh-2020.md",
                 "kiem-tra-cong-tac-doan-quang-ninh-2020.en.md"):  # fmt: skip
        shutil.copy(CONTENT / "posts/2020" / name, posts / name)
    return content


def test_the_development_site_shows_the_guide_in_both_languages(small_site, tmp_path):
    result = build(small_site, tmp_path / "output", extra=FAST)
    assert result.returncode == 0, result.log
    page = result.page("/huong-dan/")
    assert page.find("h1").get_text(strip=True) == "Hướng dẫn viết bài"
    body = page.find(class_="article__body")
    # Every front-matter field the guide promises is in its table.
    for field in ("title", "date", "event.organizer", "speakers", "attendees",
                  "photos", "status"):  # fmt: skip
        assert body.find("code", string=field), field
    assert body.find("table")  # Markdown tables rendered
    assert page.find("html")["lang"] == "vi"
    english = result.page("/en/writers-guide/")
    assert english.find("h1").get_text(strip=True) == "Writers' guide"
    assert english.find("html")["lang"] == "en"


def test_a_published_site_leaves_the_guide_out(small_site, tmp_path):
    result = build(small_site, tmp_path / "output", "publishconf.py", extra=FAST)
    assert result.returncode == 0, result.log
    assert not (result.output / "huong-dan").exists()
    assert not (result.output / "en/writers-guide").exists()


def test_a_setting_publishes_the_guide(small_site, tmp_path):
    extra = {**FAST, "WRITERS_GUIDE_ENABLED": "true"}
    result = build(small_site, tmp_path / "output", "publishconf.py", extra=extra)
    assert result.returncode == 0, result.log
    assert (result.output / "huong-dan/index.html").is_file()


BROKEN = {
    "loi.md": """---
title: Bài có lỗi
date: 12/18/2021 08:00
slug: bai-co-loi
lang: vi
summary: Tóm tắt.
speakrs: []
event:
  organizer: Quan Doan Tan Bnh
units: [Quận Đoàn Tân Bình]
speakers:
  - name: Phan Le Huy Hoang
    role: Bí thư
attendees:
  - group: Đoàn viên
    count: nhiều
photos:
  - src: photos/2021/khong-co.jpg
---
Nội dung <script>alert(1)</script>
""",
    "loi2.md": "---\ntitle: Lỗi YAML\ndate: 2021-03-01\nunits: [Quận Đoàn\n---\nx\n",
}


def test_the_guide_quotes_the_messages_check_prints(small_site, tmp_path):
    """Each error of the guide's table is what `check` prints, word for word,
    in the guide's language (Vietnamese for huong-dan, English for the twin)."""
    content = tmp_path / "content"
    shutil.copytree(small_site, content)
    (content / "posts/2021").mkdir()
    for name, text in BROKEN.items():
        (content / "posts/2021" / name).write_text(text, encoding="utf-8")
    for guide, lang in (("huong-dan-viet-bai.md", "vi"), ("writers-guide.md", "en")):
        result = subprocess.run(
            [sys.executable, "-m", "newsroom", "--content", str(content), "check"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            encoding="utf-8",
            timeout=120,
            env={**os.environ, "LANGUAGE": lang},
        )
        printed = re.findall(r"\[error\] (.+)", result.stdout)
        assert len(printed) == 9, result.stdout
        text = (DOCS / guide).read_text(encoding="utf-8")
        for message in printed:  # `…`, or ``…`` around a message with a backtick
            quoted = f"`` {message} ``" if "`" in message else f"`{message}`"
            assert quoted in text, (guide, message)
