"""The foundation: the three seed posts, in Vietnamese and English, at their URLs."""

from __future__ import annotations

import pytest

SEEDS = {
    "giao-ban-quan-uy-quan-doan-2020-lan-2": ("2020/12", "2020-12-18"),
    "doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021": ("2021/04", "2021-04-06"),
    "kiem-tra-cong-tac-doan-quang-ninh-2020": ("2020/11", "2020-11-27"),
}
NEWEST_FIRST = [
    "doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021",
    "giao-ban-quan-uy-quan-doan-2020-lan-2",
    "kiem-tra-cong-tac-doan-quang-ninh-2020",
]
KEY_FACTS = {
    ("giao-ban-quan-uy-quan-doan-2020-lan-2", "vi"): [
        "Hội nghị giao ban",
        "Phạm Thị Thành",
        "Phan Lê Huy Hoàng",
        "63",
        "Phó Bí thư Quận Đoàn",
        "Sáng 18/12/2020",
    ],
    ("giao-ban-quan-uy-quan-doan-2020-lan-2", "en"): [
        "Phạm Thị Thành",
        "Phan Lê Huy Hoàng",
        "63",
        "Deputy Secretary",
        "Tan Binh District Youth Union",
        "Friday, 18 December 2020",
    ],
    ("doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021", "vi"): [
        "117",
        "La Thanh Tuấn",
        "Đoàn Long",
        "47",
        "Bí thư Quận Đoàn Tân Bình",
        "Chiều 06/04/2021",
    ],
    ("doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021", "en"): [
        "117",
        "La Thanh Tuấn",
        "Đoàn Long",
        "47",
        "Secretary of the Tan Binh",
        "Tuesday, 6 April 2021",
    ],
    ("kiem-tra-cong-tac-doan-quang-ninh-2020", "vi"): [
        "Hoàng Văn Hải",
        "Phó Bí thư Thường trực Tỉnh đoàn",
        "Đầm Hà",
        "Cô Tô",
        "Móng Cái",
        "Cẩm Phả",
        "27/11/2020",
    ],
    ("kiem-tra-cong-tac-doan-quang-ninh-2020", "en"): [
        "Hoàng Văn Hải",
        "Standing Deputy Secretary",
        "Dam Ha",
        "Co To",
        "Quang Ninh Provincial Youth Union",
        "Friday, 27 November 2020",
    ],
}


def article_url(slug: str, lang: str) -> str:
    """Return the URL of a seed article in ``lang``."""
    prefix = "/en" if lang == "en" else ""
    return f"{prefix}/{SEEDS[slug][0]}/{slug}/"


@pytest.mark.parametrize("slug", SEEDS)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_article_page_exists_with_title_and_facts(site, slug, lang):
    page = site.page(article_url(slug, lang))
    assert page.html["lang"] == lang
    title = page.find("h1").get_text(strip=True)
    assert title
    assert page.title.get_text().startswith(title)
    text = page.get_text(" ", strip=True)
    for fact in KEY_FACTS[(slug, lang)]:
        assert fact in text, f"{fact!r} missing from {article_url(slug, lang)}"
    published = page.find("time")["datetime"]
    assert published.startswith(SEEDS[slug][1]) and published.endswith("+07:00")


@pytest.mark.parametrize("slug", SEEDS)
def test_translations_link_to_each_other(site, slug):
    vi, en = article_url(slug, "vi"), article_url(slug, "en")
    vi_links = {a["href"] for a in site.page(vi).select('a[hreflang="en"]')}
    en_links = {a["href"] for a in site.page(en).select('a[hreflang="vi"]')}
    assert vi_links == {en}
    assert en_links == {vi}


@pytest.mark.parametrize(("home", "lang"), [("/", "vi"), ("/en/", "en")])
def test_home_lists_every_post_newest_first(site, home, lang):
    page = site.page(home)
    assert page.html["lang"] == lang
    links = [a["href"] for a in page.select(".post-summary__title a")]
    assert links == [article_url(slug, lang) for slug in NEWEST_FIRST]


def test_english_titles_on_the_english_home(site):
    titles = [a.get_text() for a in site.page("/en/").select(".post-summary__title a")]
    assert titles[0].startswith("Dialogue between the Standing Committee")
    assert not site.page("/en/").select(".badge")


def test_no_facebook_leftovers_anywhere(site):
    for path in site.html_files():
        text = path.read_text(encoding="utf-8")
        for leftover in ("Trả lời", "Hình ảnh có thể có", "Hình minh họa"):
            assert leftover not in text, f"{leftover!r} in {path}"


def test_titles_have_no_emoji_and_are_sentence_case(site):
    for slug in SEEDS:
        title = site.page(article_url(slug, "vi")).find("h1").get_text()
        assert all(ord(ch) < 0x2190 or ch in "“”–…" for ch in title), title
        assert title != title.upper()
