"""Search on a built site: the pages, the Pagefind index, and searching in Chromium.

One fixture site (the real content plus ``tests/fixtures/search/posts``) is built
once for the module and served on 127.0.0.1; one browser runs every search.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path
from urllib.parse import quote_plus, unquote_plus

import pytest
from bs4.element import NavigableString, TemplateString

from search_index.lists import decode
from tests.browser import record_downloads, serve, wait_for_search
from tests.sitebuild import Build, build, copy_content

FIXTURES = Path(__file__).parent / "fixtures" / "search" / "posts"

TB_2020 = "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"
TB_2021 = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
QN_2020 = "/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"
STREET = "/2022/03/lam-sach-duong-pho-2022/"  # has "đường", never "dương"
PRAISE = "/2022/05/tuyen-duong-thanh-nien-2022/"  # has "dương" five times
DRAFT_WORD = "zyxoka"  # only in a draft
PUBLISHED = {
    TB_2020,
    TB_2021,
    QN_2020,
    STREET,
    PRAISE,
    *(f"/en{url}" for url in (TB_2020, TB_2021, QN_2020)),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Build:
    """Build the real content plus the search test posts."""
    root = tmp_path_factory.mktemp("search-site")
    content = copy_content(root / "content")
    posts = content / "posts" / "2022"
    posts.mkdir()
    for post in FIXTURES.glob("*.md"):
        shutil.copy(post, posts / post.name)
    result = build(content, root / "output")
    assert result.returncode == 0, result.log
    return result


def cards(site: Build, lang: str) -> list[dict]:
    """Return the result cards of the site's index in post-number order."""
    root = site.output / "pagefind" / "lists" / lang / "posts"
    blocks = sorted(root.glob("*.json"), key=lambda path: int(path.stem))
    return [card for path in blocks for card in json.loads(path.read_text())]


def numbers(site: Build, lang: str, path: str) -> list[int]:
    """Return the post numbers of one list of the index (lists.py's format)."""
    return decode((site.output / "pagefind" / "lists" / lang / path).read_text())


# --- the pages and the index, as written ----------------------------------------


@pytest.mark.parametrize(
    ("url", "lang", "units", "archives", "other", "other_lang"),
    [
        ("/tim-kiem/", "vi", "/don-vi/", "/luu-tru/", "/en/search/", "en"),
        ("/en/search/", "en", "/en/units/", "/en/archives/", "/tim-kiem/", "vi"),
    ],
)
def test_search_page_in_each_language(
    site, url, lang, units, archives, other, other_lang
):
    page = site.page(url)
    assert page.html["lang"] == lang
    form = page.find("form", role="search")
    assert form.find("input", attrs={"type": "search", "name": "q"})
    for name in ("unit", "person", "year"):
        assert form.find("select", attrs={"name": name})
    assert page.find(id="search-results")
    status = page.find(id="search-status")
    assert status["aria-live"] == "polite"
    assert status["role"] == "status"
    noscript = page.find("noscript")
    assert {a["href"] for a in noscript.find_all("a")} == {units, archives}
    assert page.find("a", href=other, hreflang=other_lang)  # the language switcher
    scripts = [s["src"] for s in page.find_all("script", type="module")]
    assert [
        s for s in scripts if re.fullmatch(r"/theme/js/search\.[0-9a-f]{10}\.js", s)
    ]
    assert not page.find("script", type=None)  # no inline code (CSP-friendly)
    config = json.loads(page.find(id="search-config").string)
    assert config["bundle"] == "/pagefind/"


def test_filter_choices_are_named_in_the_page_language_with_counts(site):
    vi = site.page("/tim-kiem/").find("select", attrs={"name": "unit"})
    en = site.page("/en/search/").find("select", attrs={"name": "unit"})
    choice = vi.find("option", value="thanh-doan-tp-hcm")
    # In the list's <template> until the list is used (search.js).
    text = choice.get_text(types=(NavigableString, TemplateString))
    assert text.strip() == "Thành đoàn TP. Hồ Chí Minh (2)"
    assert en.find("option", value="quan-doan-tan-binh")["data-label"] == (
        "Tan Binh District Youth Union"
    )
    years = site.page("/tim-kiem/").find("select", attrs={"name": "year"})
    assert [o["value"] for o in years.find_all("option")] == [
        "",
        "2022",
        "2021",
        "2020",
    ]


def test_the_index_holds_the_published_posts_only(site):
    urls = {"/" + card["url"] for lang in ("vi", "en") for card in cards(site, lang)}
    assert urls == PUBLISHED
    # The draft was written (development settings), yet it is not indexed.
    drafts = (site.output / "drafts").rglob("*.html")
    assert any(DRAFT_WORD in path.read_text(encoding="utf-8") for path in drafts)
    bundle = site.output / "pagefind"
    assert not any(
        DRAFT_WORD in path.read_text(encoding="utf-8") for path in bundle.rglob("*.*")
    )
    assert not (bundle / "pagefind.js").exists()  # SEARCH_INDEX_PAGEFIND is off


def test_each_post_is_indexed_with_parent_units_people_year_and_words(site):
    vi = cards(site, "vi")
    number = [card["url"] for card in vi].index(TB_2021.lstrip("/"))
    for unit in ("trung-uong-doan", "thanh-doan-tp-hcm", "quan-doan-tan-binh"):
        assert number in numbers(site, "vi", f"unit/{unit}.txt")
    assert number in numbers(site, "vi", "person/doan-long.txt")
    assert number in numbers(site, "vi", "year/2021.txt")
    assert vi[number]["date"] == "06/04/2021"
    assert vi[number]["units"].startswith("Quận Đoàn Tân Bình")
    text = site.output / "pagefind" / "lists" / "vi" / "text" / f"{number}.txt"
    assert "Đoàn Long" in text.read_text()
    english = next(c for c in cards(site, "en") if c["url"] == "en" + TB_2021)
    assert english["date"] == "6 April 2021"


@pytest.mark.parametrize(
    ("page_url", "search_link"),
    [
        ("/don-vi/quan-doan-tan-binh/", "/tim-kiem/?unit=quan-doan-tan-binh"),
        ("/en/units/quan-doan-tan-binh/", "/en/search/?unit=quan-doan-tan-binh"),
        ("/nhan-vat/doan-long/", "/tim-kiem/?person=doan-long"),
        ("/en/people/doan-long/", "/en/search/?person=doan-long"),
    ],
)
def test_unit_and_people_pages_link_to_their_search(site, page_url, search_link):
    assert site.page(page_url).find("a", href=search_link)


# --- searching in Chromium ------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site):
    """Serve the built site on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


@pytest.fixture
def page(tab):
    """The module's tab (conftest's ``tab``: one context and its cache, reset for
    each test; fails on any script error). Each test opens its first page with
    ``goto``, so its ``go_back`` steps stay within its own history."""
    return tab


def search(page, base_url: str, path: str, **params: str) -> list[str]:
    """Open the search page with ``params`` and return the result URLs in order."""
    query = "&".join(f"{name}={quote_plus(value)}" for name, value in params.items())
    page.goto(f"{base_url}{path}" + (f"?{query}" if query else ""))
    wait_for_search(page)
    return results(page)


def results(page) -> list[str]:
    """Return the result URLs shown, in order."""
    return page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
    )


@pytest.mark.browser
@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"q": "tan binh"}, {TB_2020, TB_2021}),
        ({"q": "quang ninh"}, {QN_2020}),
        ({"q": "doan long"}, {TB_2021}),
        ({"unit": "tinh-doan-quang-ninh"}, {QN_2020}),
        ({"unit": "thanh-doan-tp-hcm"}, {TB_2020, TB_2021}),
        ({"q": "tan binh", "year": "2020"}, {TB_2020}),
        ({"person": "phan-le-huy-hoang"}, {TB_2020, TB_2021}),
        ({"q": DRAFT_WORD}, set()),
    ],
)
def test_vietnamese_searches(page, base_url, params, expected):
    assert set(search(page, base_url, "/tim-kiem/", **params)) == expected


@pytest.mark.browser
def test_the_url_sets_the_form_and_the_count_is_announced(page, base_url):
    found = search(page, base_url, "/tim-kiem/", q="tan binh", year="2020")
    assert found == [TB_2020]
    assert page.input_value("#search-q") == "tan binh"
    assert page.input_value("#search-year") == "2020"
    assert page.inner_text("#search-status") == "Tìm thấy 1 bài viết."
    # Filter choices keep the counts of the build: counting them for each query
    # would download every filter's lists.
    page.focus("#search-unit")  # the choices come when the list is used
    assert page.inner_text("#search-unit option[value='quan-doan-tan-binh']").endswith(
        "(2)"
    )
    assert not page.is_disabled("#search-unit option[value='tinh-doan-quang-ninh']")
    first = page.locator("#search-results li").first
    assert first.locator("time").get_attribute("datetime").startswith("2020-12-18")
    assert [m.lower() for m in first.locator("mark").all_inner_texts()][:2] == [
        "tân",
        "bình",
    ]


@pytest.mark.browser
def test_english_search_finds_english_pages_only(page, base_url):
    found = search(page, base_url, "/en/search/", q="tan binh")
    assert set(found) == {f"/en{TB_2020}", f"/en{TB_2021}"}
    assert page.inner_text("#search-status") == "2 posts found."
    everything = search(page, base_url, "/en/search/", q="youth union")
    assert everything and all(url.startswith("/en/") for url in everything)


@pytest.mark.browser
def test_doan_finds_doan_with_d_stroke(page, base_url):
    found = search(page, base_url, "/tim-kiem/", q="doan")
    assert {TB_2020, TB_2021, QN_2020, STREET} <= set(found)
    marks = page.locator("#search-results mark").all_inner_texts()
    assert "đoàn" in {mark.lower() for mark in marks}


@pytest.mark.browser
def test_duong_finds_duong_with_d_stroke(page, base_url):
    found = search(page, base_url, "/tim-kiem/", q="duong")
    assert {STREET, PRAISE} <= set(found)
    street = page.locator("#search-results li", has=page.locator(f"a[href='{STREET}']"))
    assert "đường" in street.locator("mark").all_inner_texts()


@pytest.mark.browser
def test_a_query_with_diacritics_ranks_exact_words_first(page, base_url):
    found = search(page, base_url, "/tim-kiem/", q="đường")
    assert found.index(STREET) < found.index(PRAISE)
    found = search(page, base_url, "/tim-kiem/", q="dương")
    assert found.index(PRAISE) < found.index(STREET)


@pytest.mark.browser
def test_a_query_typed_in_nfd_works_as_nfc(page, base_url):
    expected = search(page, base_url, "/tim-kiem/", q="đường")
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)
    typed = unicodedata.normalize("NFD", "đường")
    assert typed != "đường"
    page.fill("#search-q", typed)
    page.press("#search-q", "Enter")
    wait_for_search(page)
    assert results(page) == expected
    assert unquote_plus(page.url.split("q=", 1)[1]) == "đường"


@pytest.mark.browser
def test_filters_and_the_back_button_keep_the_url_in_step(page, base_url):
    search(page, base_url, "/tim-kiem/", q="tan binh")
    page.focus("#search-year")
    page.select_option("#search-year", "2021")
    page.wait_for_url("**/tim-kiem/?q=tan+binh&year=2021")  # after a short pause
    wait_for_search(page)
    assert page.url.endswith("/tim-kiem/?q=tan+binh&year=2021")
    assert results(page) == [TB_2021]
    page.fill("#search-q", "quang ninh")
    page.press("#search-q", "Enter")
    wait_for_search(page)
    assert results(page) == []  # Quảng Ninh has no 2021 post
    page.go_back()
    wait_for_search(page)
    assert page.input_value("#search-q") == "tan binh"
    assert results(page) == [TB_2021]
    page.go_back()
    wait_for_search(page)
    assert page.input_value("#search-year") == ""
    assert set(results(page)) == {TB_2020, TB_2021}


@pytest.mark.browser
def test_one_query_downloads_little(browser, base_url):
    fresh = browser.new_context()  # nothing cached yet
    page = fresh.new_page()
    downloads = record_downloads(page)
    search(page, base_url, "/tim-kiem/", q="tan binh")
    fresh.close()
    search_files = downloads.matching("/pagefind/")
    assert not downloads.matching("pagefind-worker")
    assert 0 < sum(size for _, size in search_files) < 200_000


@pytest.mark.browser
def test_a_filter_only_search_loads_no_index(browser, base_url):
    fresh = browser.new_context()  # nothing cached yet
    page = fresh.new_page()
    downloads = record_downloads(page)
    found = search(page, base_url, "/tim-kiem/", unit="thanh-doan-tp-hcm", year="2021")
    fresh.close()
    assert found == [TB_2021]
    assert not downloads.matching("/pagefind/pagefind")  # no Pagefind at all
    assert not downloads.matching(".pf_")  # no index chunk, filter or fragment
    lists = downloads.matching("/pagefind/lists/vi/")
    assert 0 < sum(size for _, size in lists) < 10_000


@pytest.mark.browser
def test_filter_only_results_come_newest_first_with_their_summary(page, base_url):
    found = search(page, base_url, "/tim-kiem/", person="phan-le-huy-hoang")
    assert found == [TB_2021, TB_2020]
    first = page.locator("#search-results li").first
    assert first.locator("time").get_attribute("datetime").startswith("2021-")
    assert first.locator(".search-result__excerpt").inner_text().strip()
    assert page.inner_text("#search-status") == "Tìm thấy 2 bài viết."


def searches_run(page) -> int:
    """Return how many searches the page has run (search.js counts them)."""
    return int(page.eval_on_selector("#search-results", "l => l.dataset.searches"))


def end_the_pause(page) -> None:
    """Move the stopped clock past the filter's pause, let it run again and
    wait for the year's search to be shown."""
    page.clock.run_for(200)
    page.clock.resume()  # the search's own steps wait on animation frames
    page.wait_for_function(
        "new URLSearchParams(location.search).has('year')", polling=50
    )
    wait_for_search(page)


def pause_clock(page) -> None:
    """Install the page's fake clock and stop it: after ``install()`` alone it
    still runs with the real one, so a slow machine's key presses could outlast
    a pause; stopped, only ``run_for`` moves it."""
    page.clock.install()
    page.clock.pause_at(page.evaluate("Date.now()") + 1000)


@pytest.mark.browser
def test_arrow_keys_on_a_filter_search_once_with_one_history_entry(browser, base_url):
    own = browser.new_context()  # the clock installed below stays in it
    page = own.new_page()
    search(page, base_url, "/tim-kiem/", q="tan binh")
    before = page.evaluate("history.length")
    # The page's clock stands still while the keys are pressed: a loaded
    # machine spreading three presses over more than the pause must not
    # decide the count (an installed clock still runs until paused).
    pause_clock(page)
    page.focus("#search-year")
    for _ in range(3):
        page.keyboard.press("ArrowDown")
    page.clock.run_for(300)  # less than the pause: nothing searched yet
    assert searches_run(page) == 1
    end_the_pause(page)
    page.clock.run_for(1000)  # no late search for a key pressed on the way
    assert page.evaluate("history.length") == before + 1
    assert searches_run(page) == 2
    page.go_back()
    wait_for_search(page)
    assert page.input_value("#search-year") == ""
    own.close()


@pytest.mark.browser
def test_a_change_fired_after_the_key_is_released_still_waits(browser, base_url):
    """A loaded browser may fire a closed list's change after the keyup.

    The arrow key's change must still wait for the pause, not search at once.
    """
    own = browser.new_context()
    page = own.new_page()
    search(page, base_url, "/tim-kiem/", q="tan binh")
    pause_clock(page)
    page.focus("#search-year")
    page.evaluate(
        """() => {
        const select = document.getElementById('search-year');
        const key = {key: 'ArrowDown', bubbles: true};
        for (const type of ['keydown', 'keyup'])
            select.dispatchEvent(new KeyboardEvent(type, key));
        select.selectedIndex = 1;
        select.dispatchEvent(new Event('change', {bubbles: true}));
    }"""
    )
    page.clock.run_for(300)  # less than the pause
    assert searches_run(page) == 1
    end_the_pause(page)
    assert searches_run(page) == 2
    own.close()


@pytest.mark.browser
def test_results_are_not_held_back_for_the_announcement(page, base_url):
    """The status is emptied when the search starts, not after the results.

    Emptying it once the results were shown, then waiting for screen readers,
    kept every search 50 ms longer; the page marks its steps for the benchmark.
    """
    search(page, base_url, "/tim-kiem/", q="tan binh")
    page.evaluate(
        """() => {
        window.changes = [];
        const status = document.getElementById('search-status');
        const results = document.getElementById('search-results');
        new MutationObserver(() => window.changes.push('status:' + status.textContent))
            .observe(status, {childList: true, characterData: true, subtree: true});
        new MutationObserver(() => window.changes.push('results'))
            .observe(results, {childList: true});
        performance.clearMarks();
    }"""
    )
    page.fill("#search-q", "thanh niên")
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=thanh+ni%C3%AAn")
    wait_for_search(page)
    changes = page.evaluate("window.changes")
    assert changes[0] == "status:"
    assert changes.index("status:") < changes.index("results")
    assert changes[-1].startswith("status:Tìm thấy")
    marks = page.evaluate(
        "performance.getEntriesByType('mark').map(m => m.name)"
        ".filter(n => n.startsWith('search:'))"
    )
    # The pause after fill() may have run a search before Enter ran another.
    assert marks[-4:] == [
        "search:start",
        "search:ranked",
        "search:shown",
        "search:done",
    ]


@pytest.mark.browser
def test_the_count_is_announced_again_for_the_same_count(page, base_url):
    search(page, base_url, "/tim-kiem/", q="tan binh")
    page.evaluate(
        """() => {
        window.statusTexts = [];
        new MutationObserver(() => window.statusTexts.push(
            document.getElementById('search-status').textContent
        )).observe(document.getElementById('search-status'),
                   {childList: true, characterData: true, subtree: true});
    }"""
    )
    page.fill("#search-q", "tân bình")  # another query, the same two posts
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=t%C3%A2n+b%C3%ACnh")
    wait_for_search(page)
    texts = page.evaluate("window.statusTexts")
    assert texts[-1] == "Tìm thấy 2 bài viết."
    assert "" in texts  # emptied first, so screen readers say it again
