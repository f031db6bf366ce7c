"""Feeds carry an excerpt, never a whole post, and are always well-formed XML.

Issue #13: a 10 MB post made every feed listing it 10 MB (124 MB of output),
and a NUL in a post made every Atom feed invalid XML. The XML writers (feeds
and sitemap) must never write an invalid document, whatever slips past the
validator.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import feedparser
import pytest

from bilingual.feeds import FeedInfo, atom_feed, excerpt
from bilingual.sitemap import SitemapPage, sitemap_xml
from bilingual.xml_text import xml_safe
from newsroom.i18n import ListedPost
from newsroom.post import NewsPost
from tests.bilingual_sites import PUBLISHED_SITEURL
from tests.sitebuild import ROOT, build, copy_content

LIMIT = 600
SETTINGS = {
    "SITEURL": PUBLISHED_SITEURL,
    "BILINGUAL_CATALOGUE_PATH": str(ROOT / "theme" / "translations"),
    "BILINGUAL_FEED_EXCERPT_CHARS": LIMIT,
    "BILINGUAL_FALLBACK_SITEURL": "http://127.0.0.1:8000",
}
#: One of each kind of character XML 1.0 forbids.
FORBIDDEN = "\x00\x01\x08\x0b\x0c\x0e\x1f\ud800\udfff\ufffe\uffff"
INFO = FeedInfo(lang="vi", save_as="feeds/all.atom.xml", page_url="", title="Tin")


def listed(number: int, **fields) -> ListedPost:
    """Return a post as feeds list it, with the fields given."""
    unit = SimpleNamespace(key="quan-doan", display_name=lambda lang: "Quận Đoàn")
    post = SimpleNamespace(
        title=f"Bài {number}",
        url=f"2020/01/bai-{number}/",
        lang="vi",
        date=datetime(2020, 1, 1, tzinfo=timezone(timedelta(hours=7))),
        units=[unit],
        summary=f"Tóm tắt {number}",
        content=f"<p>Nội dung {number}</p>",
    )
    vars(post).update(fields)
    post.news = NewsPost.for_content(post)  # the body is the post's content
    post.news.units = vars(post).pop("units")
    return ListedPost(post, "vi", False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngắn gọn.", "Ngắn gọn."),
        ("  một\n\n hai\tba  ", "một hai ba"),
        ("một hai ba bốn", "một hai…"),  # "bốn" would pass the limit: cut before it
        ("một hai, ba bốn", "một hai…"),  # no dangling comma before the ellipsis
        ("abcdefghijklmnop", "abcdefghi…"),  # one long word: cut inside it
        ("một hai ba bốn năm", "một hai…"),
    ],
)
def test_excerpts_cut_at_a_word_with_an_ellipsis(text, expected):
    assert excerpt(text, 10) == expected
    assert len(excerpt(text, 10)) <= 10


def test_a_feed_of_very_long_posts_stays_small():
    huge = "<p>" + "Đoàn viên thanh niên tình nguyện. " * 300_000 + "</p>"  # 10 MB
    items = [listed(n, content=huge, summary=huge) for n in range(3)]
    document = atom_feed(INFO, items, SETTINGS)
    assert len(huge) > 10_000_000
    assert len(document) < 3 * (2 * LIMIT * 2 + 1500)  # UTF-8, markup, links
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.get("bozo_exception")
    for entry in feed.entries:
        assert len(entry.summary) <= LIMIT and entry.summary.endswith("…")
        assert "…</p>" in entry.content[0].value
        assert f'<a href="{entry.link}">Đọc toàn bài</a>' in entry.content[0].value


def test_no_forbidden_character_reaches_a_feed():
    bad = f"a{FORBIDDEN}b"
    unit = SimpleNamespace(key=f"don-vi{FORBIDDEN}", display_name=lambda lang: bad)
    item = listed(
        1,
        title=bad,
        url=f"2020/01/bai{FORBIDDEN}/",
        units=[unit],
        summary=bad,
        content=f"<p>{bad}</p>",
    )
    info = FeedInfo("vi", "feeds/all.atom.xml", "", title=bad, subtitle=bad)
    document = atom_feed(info, [item], SETTINGS)
    root = ET.fromstring(document)  # expat: strict XML 1.0
    assert root.find("{http://www.w3.org/2005/Atom}title").text == "ab"
    feed = feedparser.parse(document)
    assert not feed.bozo, feed.get("bozo_exception")
    entry = feed.entries[0]  # control characters that are spaces became spaces
    assert entry.title.replace(" ", "") == entry.summary.replace(" ", "") == "ab"


def test_no_forbidden_character_reaches_the_sitemap():
    pages = [
        SitemapPage.of(
            f"2020/01/bai{FORBIDDEN}/",
            {"vi": f"2020/01/bai{FORBIDDEN}/", "en": f"en/2020/{FORBIDDEN}x/"},
            f"2020-01-01{FORBIDDEN}",
        )
    ]
    document = sitemap_xml(pages, PUBLISHED_SITEURL)
    root = ET.fromstring(document)
    ns = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    assert root.find("sm:url/sm:loc", ns).text.endswith("/2020/01/bai/")


def test_xml_safe_keeps_every_character_xml_allows():
    allowed = "\t\n\r Ư đ \ud7ff\ue000\ufffd\U00010000\U0010ffff"
    assert xml_safe(allowed) == allowed
    assert xml_safe(FORBIDDEN) == ""


def test_a_very_long_post_leaves_every_feed_small(tmp_path):
    """The site's feeds (site-wide and per unit) with a 500 KB post in them."""
    content = copy_content(tmp_path / "content")
    post = content / "posts" / "2020" / "kiem-tra-cong-tac-doan-quang-ninh-2020.md"
    text = post.read_text(encoding="utf-8")
    paragraph = text.rsplit("\n\n", 1)[1].strip()
    post.write_text(
        text + ("\n\n" + paragraph) * (500_000 // len(paragraph)), encoding="utf-8"
    )
    assert post.stat().st_size > 500_000
    result = build(content, tmp_path / "output", "publishconf.py")
    assert result.returncode == 0, result.log
    feeds = sorted(result.output.rglob("*.atom.xml"))
    with_post = 0
    for path in feeds:
        data = path.read_bytes()
        where = path.relative_to(result.output)
        ET.fromstring(data)
        assert not feedparser.parse(data).bozo, where
        assert len(data) < 16_000, where
        with_post += b"kiem-tra-cong-tac-doan-quang-ninh-2020" in data
    assert with_post >= 8  # both site feeds and the feeds of its seven units
