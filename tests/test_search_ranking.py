"""Ranking of Vietnamese searches in Chromium, on a small fixed archive.

The archive is written by this module (posts about Tân Bình and Bình Tân,
Hòa/Hoà and Hóa, a phrase and its near misses, Cô Tô and "có thể"), built
once and searched in headless Chromium. The posts that should come last are
the newest, so that ordering by date alone fails every test.
"""

from __future__ import annotations

import shutil
import unicodedata
from urllib.parse import quote_plus

import pytest

from search_index.lists import value_file
from search_index.words import segments
from tests.browser import serve, wait_for_search
from tests.sitebuild import build, copy_content

UNIT = "Trung ương Đoàn"
FILLER = "Các đoàn viên thanh niên tham gia đầy đủ và nhiệt tình."
POSTS = {
    # slug: (year, title, body)
    "tan-binh-1": (2016, "Hội nghị giao ban quý I", "Họp tại quận Tân Bình."),
    "tan-binh-2": (2016, "Hội nghị giao ban quý II", "Đoàn viên Tân Bình ra quân."),
    "tan-binh-3": (2016, "Tuổi trẻ Tân Bình", "Ngày hội của quận."),
    "binh-tan-1": (2024, "Ra quân mùa hè", "Quận Bình Tân ra quân, tân niên bình an."),
    "binh-tan-2": (2024, "Giao lưu cuối năm", "Đoàn viên Bình Tân giao lưu tân xuân."),
    "binh-tan-3": (2024, "Bình Tân chào xuân", "Tuổi trẻ tân tiến, bình tĩnh."),
    "hoa-moi": (2016, "Xã Hòa Phú ra quân", "Đoàn xã Hòa Phú dọn vệ sinh."),
    "hoa-cu": (2016, "Hội thi ở Hoà Lợi", "Thanh niên Hoà Lợi dự thi."),
    "hoa-khac-1": (2024, "Tuổi trẻ Hoằng Hóa", "Huyện Hoằng Hóa tổ chức thi hóa học."),
    "hoa-khac-2": (2024, "Tặng hoa thầy cô", "Đoàn viên tặng hoa và hỏa tốc gửi thư."),
    "cum-tu-1": (2017, "Đối thoại", "Đồng chí bí thư chi đoàn khu phố phát biểu."),
    "cum-tu-2": (2017, "Sinh hoạt", "Bí thư chi đoàn báo cáo kết quả."),
    "cum-tu-3": (2017, "Bí thư chi đoàn giỏi", "Tuyên dương các đồng chí."),
    "gan-giong-1": (2025, "Họp chi đoàn", "Chi đoàn có bí thư mới."),
    "gan-giong-2": (2025, "Bầu bí thư", "Bí thư, chi đoàn và đoàn viên cùng dự."),
    "gan-giong-3": (2025, "Bí thư thăm hỏi", "Bí thư chi tiêu cho đoàn viên khó khăn."),
    # Every pair of the phrase (bí thư, thư chi, chi đoàn), never the phrase:
    "gan-giong-4": (2025, "Hội nghị liên tịch", "Bí thư chi bộ và chi đoàn cùng dự."),
    "co-to-1": (2016, "Tuổi trẻ huyện đảo Cô Tô ra quân", "Đoàn viên Cô Tô dọn biển."),
    "co-to-2": (2016, "Hành trình đến Cô Tô", "Chuyến đi của đoàn."),
    "co-the-1": (2025, "Ai cũng có thể tham gia", "Mọi người có thể đăng ký."),
    "co-the-2": (2025, "Sáng kiến hay", "Đoàn viên có thể góp ý, cô thầy có thể dự."),
    "co-the-3": (2025, "Việc tốt", "Có tổ đoàn viên làm tốt, có thể nhân rộng."),
}


def post_file(slug: str, year: int, title: str, body: str) -> str:
    return (
        f"---\ntitle: {title}\ndate: {year}-05-10 08:00\nslug: {slug}\nlang: vi\n"
        f"units: [{UNIT}]\n---\n{body} {FILLER}\n"
    )


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):
    """Build the archive (only these posts) once and serve it."""
    root = tmp_path_factory.mktemp("search-ranking")
    content = copy_content(root / "content")
    shutil.rmtree(content / "posts")
    for slug, (year, title, body) in POSTS.items():
        folder = content / "posts" / str(year)
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{slug}.md").write_text(post_file(slug, year, title, body))
    result = build(content, root / "output")
    assert result.returncode == 0, result.log
    with serve(result.output) as url:
        yield url


@pytest.fixture(scope="module")
def page(browser, base_url):
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    tab.close()
    assert not errors, errors


def slugs(page, base_url: str, query: str) -> list[str]:
    """Search ``query`` from the URL; return the slugs of the results in order."""
    page.goto(f"{base_url}/tim-kiem/?q={quote_plus(query)}")
    wait_for_search(page)
    hrefs = page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
    )
    return [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


TAN_BINH = {"tan-binh-1", "tan-binh-2", "tan-binh-3"}
BINH_TAN = {"binh-tan-1", "binh-tan-2", "binh-tan-3"}
PHRASE = {"cum-tu-1", "cum-tu-2", "cum-tu-3"}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["tan binh", "Tân Bình"])
def test_word_order_and_adjacency_count(page, base_url, query):
    found = slugs(page, base_url, query)
    assert set(found[:3]) == TAN_BINH
    assert set(found[3:]) >= BINH_TAN  # still found, after


@pytest.mark.browser
@pytest.mark.parametrize("query", ["Hòa", "hoà"])
def test_exact_diacritics_first_and_tone_placement_is_equivalent(page, base_url, query):
    found = slugs(page, base_url, query)
    assert set(found[:2]) == {"hoa-moi", "hoa-cu"}
    assert set(found[2:]) >= {"hoa-khac-1", "hoa-khac-2"}  # hóa, hoa, hỏa: after


@pytest.mark.browser
@pytest.mark.parametrize("query", ['"bí thư chi đoàn"', '"bi thu chi doan"'])
def test_a_quoted_phrase_finds_every_post_with_it_and_only_those(page, base_url, query):
    assert set(slugs(page, base_url, query)) == PHRASE
    assert page.inner_text("#search-status") == "Tìm thấy 3 bài viết."


@pytest.mark.browser
def test_a_quoted_phrase_with_diacritics_keeps_them(page, base_url):
    assert set(slugs(page, base_url, '"Cô Tô"')) == {"co-to-1", "co-to-2"}
    # Without diacritics, "có tổ" is the same phrase.
    assert set(slugs(page, base_url, '"co to"')) == {"co-to-1", "co-to-2", "co-the-3"}


@pytest.mark.browser
@pytest.mark.parametrize("query", ["co t", "cô t"])
def test_a_last_syllable_being_typed_completes_to_co_to_first(page, base_url, query):
    found = slugs(page, base_url, query)
    assert set(found[:2]) == {"co-to-1", "co-to-2"}


@pytest.mark.browser
def test_a_long_query_still_finds_the_closest_posts(page, base_url):
    words = "Họp tại quận Tân Bình " + " ".join(["hội nghị xyz"] * 60)
    assert len(words) > 500
    found = slugs(page, base_url, words)
    assert found and found[0] == "tan-binh-1"


@pytest.mark.browser
def test_the_page_reads_words_as_the_index_wrote_them(page, base_url):
    """search-lists.js and words.py/lists.py must agree on every word and key."""
    words = ["Hoà", "HOÀ", "Thuý", "quý", "Đoàn", "khoẻ", "ðiện", "x2", "Tân", "oà"]
    words.append(unicodedata.normalize("NFD", "Bình Tân, Hoà"))
    values = ["quan-doan-tan-binh", "2021", "Đoàn/..", "a b"]
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)
    found = page.evaluate(
        """async ([words, values]) => {
            const config = JSON.parse(
                document.getElementById('search-config').textContent);
            const lists = await import(config.listsScript);
            return [words.map((w) => lists.segments(w).flat()),
                    values.map(lists.valueFile)];
        }""",
        [words, values],
    )
    expected = [[list(pair) for run in segments(w) for pair in run] for w in words]
    assert found == [expected, [value_file(value) for value in values]]
