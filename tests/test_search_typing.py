"""The search page while the reader types and chooses, in Chromium (issue #20).

Speed is measured by ``make bench-search``, never here; these tests pin the
behaviour that makes it fast without making it wrong: titles before excerpts,
a key cancelling the running search, a stale search never showing its results,
a syllable searched when a space ends it, a mouse choice applied at once, the
files every search reads fetched with the page, and fetched once.

The tests' site (``tests/fixtures/site``, built once per session) is served
on 127.0.0.1. The tests share the module's tab (conftest's ``tab``); a test
that installs the page's clock or counts downloads has a context of its own
(an empty cache). A test that holds requests routes them, which turns the
tab's HTTP cache off, so each of them is asked for again.
"""

from __future__ import annotations

import json

import pytest

from tests.browser import record_downloads, serve, wait_for_search

QN_2020 = "/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"
TB_2020 = "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"
TB_2021 = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
LISTS = "/pagefind/lists/vi/"


@pytest.fixture(scope="module")
def base_url(site):
    """Serve the tests' site (conftest's session build) on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


@pytest.fixture
def page(tab):
    """The module's tab (conftest's ``tab``), reset for each test."""
    return tab


def number_of(site, url: str) -> int:
    """Return the post number of ``url`` in the Vietnamese index (lists.py)."""
    first = site.output / LISTS.strip("/") / "posts" / "0.json"
    cards = json.loads(first.read_text())
    return [card["url"] for card in cards].index(url.lstrip("/"))


class Held(list):
    """Requests held until the test releases them; later ones go through."""

    holding = True

    def __call__(self, route) -> None:
        if self.holding:
            self.append(route)
        else:
            route.continue_()


def hold(page, pattern: str) -> Held:
    """Hold every request matching ``pattern`` until ``release``."""
    held = Held()
    page.route(pattern, held)
    return held


def release(page, held: Held) -> None:
    """Let the held requests go, and wait until the page has their responses."""
    held.holding = False
    for route in held:
        with page.expect_response(route.request.url):
            route.continue_()
    page.evaluate("new Promise((done) => setTimeout(done, 100))")  # their handlers


def shown(page) -> list[str]:
    return page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
    )


def open_search(page, base_url: str) -> None:
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)


@pytest.mark.browser
def test_titles_and_the_count_come_before_the_excerpts(page, base_url, site):
    held = hold(page, f"**{LISTS}text/{number_of(site, TB_2020)}.txt")
    open_search(page, base_url)
    page.fill("#search-q", "tan binh")
    page.press("#search-q", "Enter")
    page.wait_for_selector(f"#search-results a[href='{TB_2020}']")
    page.wait_for_function("document.getElementById('search-status').textContent")
    assert set(shown(page)) == {TB_2020, TB_2021}
    assert page.inner_text("#search-status") == "Tìm thấy 2 bài viết."
    first = page.locator("#search-results li", has=page.locator(f"a[href='{TB_2020}']"))
    excerpt = first.locator(".search-result__excerpt")
    assert excerpt.get_attribute("data-pending") == ""  # its text is on the way
    assert excerpt.inner_text() == ""
    assert page.get_attribute("#search-results", "aria-busy") == "true"
    release(page, held)
    wait_for_search(page)
    assert excerpt.get_attribute("data-pending") is None
    assert {m.lower() for m in excerpt.locator("mark").all_inner_texts()} >= {"tân"}


@pytest.mark.browser
def test_a_key_typed_during_a_search_cancels_it(page, base_url):
    open_search(page, base_url)
    page.evaluate(
        """() => {
        window.added = [];
        new MutationObserver((changes) => {
            for (const change of changes) for (const node of change.addedNodes) {
                window.added.push(node.querySelector('a').getAttribute('href'));
            }
        }).observe(document.getElementById('search-results'), {childList: true});
    }"""
    )
    held = hold(page, f"**{LISTS}posts/*.json")  # the search waits for its cards
    page.fill("#search-q", "quang ninh")
    page.press("#search-q", "Enter")
    page.wait_for_function("document.getElementById('search-results').dataset.searches")
    while not held:
        page.wait_for_timeout(20)
    page.keyboard.type("x")  # "quang ninhx": no post
    release(page, held)
    page.wait_for_url("**q=quang+ninhx")
    wait_for_search(page)
    assert shown(page) == []
    assert page.inner_text("#search-status") == "Không tìm thấy bài viết nào."
    # The cancelled search never showed its results, not even for a moment.
    assert page.evaluate("window.added") == []


@pytest.mark.browser
def test_a_stale_search_never_replaces_newer_results(page, base_url, site):
    held = hold(page, f"**{LISTS}text/{number_of(site, QN_2020)}.txt")
    open_search(page, base_url)
    page.fill("#search-q", "quang ninh")
    page.press("#search-q", "Enter")
    page.wait_for_selector(f"#search-results a[href='{QN_2020}']")
    page.fill("#search-q", "tan binh")  # while the first still waits for a text
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=tan+binh")
    wait_for_search(page)
    release(page, held)
    assert set(shown(page)) == {TB_2020, TB_2021}
    assert page.inner_text("#search-status") == "Tìm thấy 2 bài viết."
    assert page.get_attribute("#search-results", "aria-busy") == "false"
    assert page.locator("#search-results [data-pending]").count() == 0


WATCH = """(name) => {
    // Registered after search.js's own listener: sees what it did at once.
    window.searchesAt = [];
    const field = name === 'q' ? document.getElementById('search-q')
        : document.getElementById(`search-${name}`);
    const list = document.getElementById('search-results');
    field.addEventListener(name === 'q' ? 'input' : 'change',
        () => window.searchesAt.push(Number(list.dataset.searches || 0)));
}"""


@pytest.mark.browser
def test_a_space_ending_a_syllable_searches_at_once(fresh_page, base_url):
    page = fresh_page  # the clock installed below stays in its context
    open_search(page, base_url)
    page.evaluate(WATCH, "q")
    before = int(page.eval_on_selector("#search-results", "l => l.dataset.searches"))
    page.focus("#search-q")
    page.clock.install(time=1_000_000)
    page.clock.pause_at(1_001_000)  # no pause in typing ends while keys are pressed
    page.keyboard.type("tan binh ")
    # No search per letter; one at the space after "tan" and after "binh",
    # without waiting for the pause in typing.
    assert page.evaluate("window.searchesAt") == [
        before,
        before,
        before,
        before + 1,
        before + 1,
        before + 1,
        before + 1,
        before + 1,
        before + 2,
    ]
    page.clock.run_for(1000)
    page.wait_for_url("**q=tan+binh")
    wait_for_search(page)
    assert set(shown(page)) == {TB_2020, TB_2021}


@pytest.mark.browser
def test_a_filter_chosen_with_the_mouse_applies_at_once(page, base_url):
    open_search(page, base_url)
    page.evaluate(WATCH, "year")
    before = int(page.eval_on_selector("#search-results", "l => l.dataset.searches"))
    page.focus("#search-year")
    page.select_option("#search-year", "2021")  # as a click in the list does
    assert page.evaluate("window.searchesAt") == [before + 1]
    page.wait_for_url("**/tim-kiem/?year=2021")
    wait_for_search(page)
    assert shown(page) == [TB_2021]


@pytest.mark.browser
def test_enter_applies_the_choice_arrow_keys_stopped_on(browser, base_url):
    context = browser.new_context()
    page = context.new_page()
    open_search(page, base_url)
    page.clock.install(time=1_000_000)
    page.clock.pause_at(1_001_000)  # the pause after the arrow keys never ends
    page.focus("#search-year")
    page.keyboard.press("ArrowDown")  # 2021
    page.keyboard.press("ArrowDown")  # 2020
    page.keyboard.press("ArrowUp")  # 2021
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem/?year=2021")
    page.wait_for_selector(f"#search-results a[href='{TB_2021}']")
    assert shown(page) == [TB_2021]
    # The page's own search, then the one Enter applied: none per arrow key.
    assert page.eval_on_selector("#search-results", "l => l.dataset.searches") == "2"
    context.close()


@pytest.mark.browser
def test_the_page_fetches_what_every_search_reads_with_itself_once(
    fresh_page, base_url
):
    page = fresh_page  # nothing cached yet
    downloads = record_downloads(page)
    page.goto(f"{base_url}/tim-kiem/?unit=quan-doan-tan-binh")
    wait_for_search(page)
    page.focus("#search-q")
    page.keyboard.type("qu")  # the completions of "qu" are fetched while typing
    page.wait_for_function("q => location.search.includes('q=qu')", arg=None)
    wait_for_search(page)
    links = page.eval_on_selector_all(
        "head link[rel=preload], head link[rel=modulepreload], head script[src]",
        "links => links.map(l => [l.rel || l.type, l.getAttribute('href') || l.src,"
        " l.crossOrigin, l.async])",
    )
    names = {h.rsplit("/", 1)[1].split(".")[0]: (r, c, a) for r, h, c, a in links}
    assert names["search"][0] == "modulepreload"
    # Loaded from the head as soon as it arrives: it begins the search of the
    # address (the unit's list, the first cards) while the page loads.
    assert names["search-lists"][0::2] == ("module", True)
    assert names["lists"][:2] == names["words"][:2] == ("preload", "anonymous")
    unit = "unit/quan-doan-tan-binh"
    files = ("lists.json", "words.json", "search-lists", "search.")
    for name in (*files, f"{unit}.txt", f"{unit}.json"):
        fetched = [url for url, _ in downloads.responses if f"/{name}" in url]
        assert len(fetched) == 1, (name, fetched)  # a preload the page then used
    assert downloads.matching(f"{LISTS}prefix/")


@pytest.mark.browser
def test_the_choices_wait_until_a_list_is_used(page, base_url):
    page.goto(f"{base_url}/tim-kiem/?unit=quan-doan-tan-binh")
    wait_for_search(page)
    count = "s => s.options.length"
    # "All units" and the choice in the address, with its name; no other yet.
    assert page.eval_on_selector("#search-unit", count) == 2
    assert "Tân Bình" in page.eval_on_selector(
        "#search-unit", "s => s.selectedOptions[0].textContent"
    )
    assert page.eval_on_selector("#search-person", count) == 1
    page.focus("#search-unit")
    values = page.eval_on_selector_all(
        "#search-unit option", "os => os.map(o => o.value)"
    )
    assert len(values) > 2 and len(values) == len(set(values))  # once each
    assert page.input_value("#search-unit") == "quan-doan-tan-binh"
    page.click("#search-person", no_wait_after=True)  # a pointer fills it too
    assert page.eval_on_selector("#search-person", count) > 1
