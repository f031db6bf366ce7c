"""The writers' guide: at /huong-dan/ in development builds, unpublished by default."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

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


def test_every_link_of_the_guide_reaches_a_page_of_the_site(small_site, tmp_path):
    """The guides link to each other and to docs/ by file name (right on GitHub);
    on the site each such link goes to a page that exists, or shows the path."""
    result = build(small_site, tmp_path / "output", extra=FAST)
    assert result.returncode == 0, result.log
    for url, other in (("/huong-dan/", "/en/writers-guide/"),
                       ("/en/writers-guide/", "/huong-dan/")):  # fmt: skip
        body = result.page(url).find(class_="article__body")
        hrefs = [a["href"] for a in body.find_all("a", href=True)]
        assert other in {urlsplit(urljoin(url, href)).path for href in hrefs}, url
        for href in hrefs:
            target = urlsplit(urljoin(url, href))
            if target.scheme or not target.path:
                continue  # another site
            path = result.output / unquote(target.path).strip("/")
            assert (path / "index.html" if href.endswith("/") else path).is_file(), (
                url,
                href,
            )
        # A file the site does not show: its place in the repository.
        assert body.find("code", string="docs/xuat-ban.md"), url


@pytest.mark.parametrize(
    ("markdown_text", "html"),
    [
        ("[twin](b.md#photos)", '<a href="../en/b/#photos">twin</a>'),
        ("[b.md](./b.md)", '<a href="../en/b/">b.md</a>'),
        ("Read [c.md](c.md), then", "Read <code>docs/c.md</code>, then"),
        (
            "[how we **publish**](sub/c.md#cdn).",
            "<span>how we <strong>publish</strong> "
            "(<code>docs/sub/c.md</code>)</span>.",
        ),
        ("[web](https://example.org/b.md)", '<a href="https://example.org/b.md">web'),
        ("[root](/b.md)", '<a href="/b.md">root</a>'),
        ("[photo](pic.png)", '<a href="pic.png">photo</a>'),
        ("`[b](b.md)`", "<code>[b](b.md)</code>"),
    ],
)
def test_a_link_to_a_sibling_file_becomes_its_page_or_its_path(
    markdown_text, html, tmp_path
):
    from writers_guide.plugin import render_guide

    guide = tmp_path / "a.md"
    guide.write_text(f"# Guide\n\n{markdown_text}\n", encoding="utf-8")
    _, body = render_guide(guide, {"extensions": ["extra"]}, {"b.md": "../en/b/"})
    assert html in str(body)


@pytest.mark.parametrize(
    ("here", "target", "link"),
    [
        ("huong-dan/", "en/writers-guide/", "../en/writers-guide/"),
        ("en/writers-guide/", "huong-dan/", "../../huong-dan/"),
        ("huong-dan/", "huong-dan/", "./"),
        ("huong-dan/", "", "../"),
        ("huong-dan.html", "en/guide.html", "en/guide.html"),
    ],
)
def test_a_guide_links_to_the_other_relative_to_its_own_page(here, target, link):
    from writers_guide.links import relative_address

    assert relative_address(here, target) == link
    assert (
        urljoin(f"https://example.org/{here}", link) == f"https://example.org/{target}"
    )


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
