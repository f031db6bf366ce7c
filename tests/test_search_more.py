"""Search results past the first page: "Show more results" in Chromium.

A tmp copy of the tests' site gets ``COUNT`` small generated posts that share a
word and a unit, so a phrase search and a unit search both find more than one
page of results (``SEARCH_INDEX_PAGE_SIZE``, 10), and ``NEAR`` newer posts
that hold every pair of words of the phrase ``PHRASE`` but not the phrase.
"""

from __future__ import annotations

import re
from urllib.parse import quote_plus

import pytest

from tests.browser import serve, wait_for_search
from tests.sitebuild import Build, build, copy_content

COUNT = 27
WORD = "hiến máu"
POST = """---
title: Ngày hội hiến máu tình nguyện lần {number}
date: 2022-{month:02d}-{day:02d} 08:00
slug: hien-mau-{number}
lang: vi
summary: Đoàn viên tham gia ngày hội hiến máu lần {number}.
units: [Quận Đoàn Tân Bình]
---
Sáng nay, đoàn viên thanh niên tham gia ngày hội hiến máu tình nguyện lần {number}.
"""


PHRASE = "hiến máu tình nguyện"
NEAR = 8
NEAR_POST = """---
title: Chuyện ở điểm hiến máu số {number}
date: 2023-03-{day:02d} 08:00
slug: gan-giong-{number}
lang: vi
summary: Một buổi sáng ở điểm hiến máu.
units: [Quận Đoàn Tân Bình]
---
Buổi hiến máu diễn ra từ sáng. Những giọt máu tình nguyện được gửi về bệnh viện.
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Build:
    """Build the tests' site plus ``COUNT`` posts about blood donation."""
    root = tmp_path_factory.mktemp("search-more")
    content = copy_content(root / "content")
    posts = content / "posts" / "2022"
    posts.mkdir()
    for number in range(1, COUNT + 1):
        text = POST.format(number=number, month=1 + number % 12, day=1 + number)
        (posts / f"hien-mau-{number}.md").write_text(text, encoding="utf-8")
    (content / "posts" / "2023").mkdir()
    for number in range(1, NEAR + 1):
        text = NEAR_POST.format(number=number, day=number)
        path = content / "posts" / "2023" / f"gan-giong-{number}.md"
        path.write_text(text, encoding="utf-8")
    result = build(content, root / "output")
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def base_url(site):
    """Serve the built site on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


@pytest.fixture
def page(tab):
    """The module's tab (conftest's ``tab``), reset for each test."""
    return tab


def shown(page) -> list[str]:
    """Return the result URLs shown, in order."""
    return page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("params", "minimum"),
    [
        ({"q": WORD}, COUNT),
        ({"unit": "quan-doan-tan-binh"}, COUNT + 2),  # and the two seed posts
    ],
)
def test_show_more_reaches_every_result_and_moves_focus(
    page, base_url, params, minimum
):
    query = "&".join(f"{name}={quote_plus(value)}" for name, value in params.items())
    page.goto(f"{base_url}/tim-kiem/?{query}")
    wait_for_search(page)
    announced = int(re.search(r"\d+", page.inner_text("#search-status")).group())
    assert announced >= minimum
    assert len(shown(page)) == 10
    clicks = 0
    while page.is_visible("#search-more"):
        before = len(shown(page))
        page.focus("#search-more")
        page.keyboard.press("Enter")  # as a keyboard user would
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li').length > {before}",
            timeout=5000,
        )
        wait_for_search(page)
        clicks += 1
        first_new = page.locator("#search-results li").nth(before).locator("a")
        assert first_new.evaluate("a => a === document.activeElement")
    found = shown(page)
    assert len(found) == announced == len(set(found))
    assert clicks == (announced - 1) // 10
    if "unit" not in params:
        assert sum(url.count("hien-mau-") for url in found) == COUNT


@pytest.mark.browser
@pytest.mark.parametrize("phrase", [PHRASE, "hien mau tinh nguyen"])
def test_a_quoted_phrase_counts_only_the_posts_that_hold_it(page, base_url, phrase):
    """The posts holding the phrase's pairs are candidates; the near misses
    (every pair, never the phrase) are never shown, no page comes up short
    while candidates are left, and the count is a bound ("tối đa") until every
    candidate is checked, then exact."""
    quoted = quote_plus('"' + phrase + '"')
    page.goto(f"{base_url}/tim-kiem/?q={quoted}")
    wait_for_search(page)
    status = page.inner_text("#search-status")
    assert status.startswith("Tìm thấy tối đa "), status
    bound = int(re.search(r"\d+", status).group())
    assert COUNT <= bound <= COUNT + NEAR
    pages = [len(shown(page))]
    while page.is_visible("#search-more"):
        before = len(shown(page))
        page.click("#search-more")
        page.wait_for_function(
            f"document.querySelectorAll('#search-results li').length > {before}",
            timeout=5000,
        )
        wait_for_search(page)
        pages.append(len(shown(page)) - before)
    found = shown(page)
    assert all(url.count("hien-mau-") for url in found), found
    assert len(found) == len(set(found)) == COUNT
    assert pages[:-1] == [10] * (len(pages) - 1)  # only the last page is short
    assert page.inner_text("#search-status") == f"Tìm thấy {COUNT} bài viết."
