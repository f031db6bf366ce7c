"""Automatic summaries are text: a post that begins with a photo or a player.

The site is built in this process (Pelican's own ``Pelican.run``) so that the
test reads ``article.summary`` itself, the one source of every list, feed,
meta description, JSON-LD and search excerpt, and then the pages written.
"""

from __future__ import annotations

import json

from pelican import Pelican, signals
from pelican.settings import read_settings
from PIL import Image

from content_model.summary import text_summary
from tests.sitebuild import ROOT, Build, copy_content

POST = """---
title: Ảnh đầu bài
date: 2021-05-02 08:00
slug: anh-dau-bai
lang: vi
units: [Quận Đoàn Tân Bình]
---
![Đoàn viên trồng cây](photos/t/cay.jpg "Trồng cây bên hồ")

<iframe src="https://www.youtube.com/embed/abc123" title="Video"></iframe>

Sáng nay, đoàn viên **Tân Bình** trồng cây & dọn rác.

| Đội | Số cây |
| --- | --- |
| A | 10 |

Đoạn thứ hai.
"""
TEXT = "Sáng nay, đoàn viên Tân Bình trồng cây &amp; dọn rác. Đoạn thứ hai."


def _record(generator) -> None:
    _summaries.update({a.slug: a.summary for a in generator.articles})


_summaries: dict[str, str] = {}


def test_a_post_beginning_with_a_photo_has_a_text_summary(tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "photos" / "t").mkdir(parents=True)
    Image.new("RGB", (900, 600), (20, 60, 200)).save(content / "photos/t/cay.jpg")
    (content / "posts" / "2021" / "anh-dau-bai.md").write_text(POST, encoding="utf-8")
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(tmp_path / "output"),
            "PHOTOS_CACHE_PATH": str(tmp_path / "cache"),
            "CACHE_PATH": str(tmp_path / "pelican-cache"),
            "SEARCH_INDEX_ENABLED": False,
        },
    )
    _summaries.clear()
    signals.article_generator_finalized.connect(_record)
    try:
        Pelican(settings).run()
    finally:
        signals.article_generator_finalized.disconnect(_record)
    assert _summaries["anh-dau-bai"] == TEXT
    site = Build(0, "", tmp_path / "output")
    page = site.page("/2021/05/anh-dau-bai/")
    assert page.find("picture")  # the photo is in the post itself
    assert page.find("meta", attrs={"name": "description"})["content"] == (
        "Sáng nay, đoàn viên Tân Bình trồng cây & dọn rác. Đoạn thứ hai."
    )
    (ld,) = page.find_all("script", type="application/ld+json")
    assert json.loads(ld.string)["description"].startswith("Sáng nay")
    card = site.page("/").find("a", href="/2021/05/anh-dau-bai/").find_parent("article")
    assert card.find(class_="post-summary__text").get_text() == (
        "Sáng nay, đoàn viên Tân Bình trồng cây & dọn rác. Đoạn thứ hai."
    )


def test_pelican_summary_settings_still_apply():
    body = "<p><img src='a.jpg' alt='a'></p>\n<p>một hai ba</p>\n<p>bốn năm</p>"
    assert text_summary(body, {"SUMMARY_MAX_LENGTH": 4}) == "một hai ba bốn …"
    assert text_summary(body, {"SUMMARY_MAX_PARAGRAPHS": 2}) == "một hai ba"
    assert text_summary(body, {"SUMMARY_MAX_LENGTH": None}) == "một hai ba bốn năm"
    assert text_summary("<figure><picture></picture></figure>", {}) == ""
