"""What the search page waits for before its first results, in Chromium (#20).

Speed is measured by ``make bench-search``, never here; these tests pin the
mechanisms that cut the waits that are not work: the search in the address
(what unit and person pages link to) fetched while the page loads, before
search.js runs; the index files of a query asked for together, not one after
another; the files of the words being typed fetched during the pause, so the
search after it waits for none; the result cards asked for before the texts.

The tests' site has one word shard and one pair shard; a test that needs to
tell the files of different words apart serves it as if it had ``SHARDS`` of
each (every shard answers with the one real shard, which holds every word).
Each test has a context of its own (an empty cache; routes turn the cache off).
"""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from search_index.lists import decode
from search_index.words import fnv1a, pair_shard_key
from tests.browser import record_downloads, serve, wait_for_search

LISTS = "/pagefind/lists/vi/"
SHARDS = 64
INDEX = ("/words/", "/pairs/", "/prefix/")


@pytest.fixture(scope="module")
def base_url(site):
    """Serve the tests' site (conftest's session build) on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


def word_file(folded: str) -> str:
    return f"{LISTS}words/{fnv1a(folded) % SHARDS}.json"


def pair_file(first: str, second: str) -> str:
    return f"{LISTS}pairs/{fnv1a(pair_shard_key(first, second)) % SHARDS}.json"


class Requests(list):
    """The paths the page asked for, in order."""

    def index_files(self, since: int = 0) -> list[str]:
        return [path for path in self[since:] if any(part in path for part in INDEX)]

    def wait_for(self, page, paths: set[str], seconds: float = 5.0) -> bool:
        """Wait until every one of ``paths`` was asked for; return whether it was."""
        deadline = time.monotonic() + seconds
        while not paths <= set(self):
            if time.monotonic() > deadline:
                return False
            page.wait_for_timeout(20)
        return True


def record_requests(page, base_url: str) -> Requests:
    requests = Requests()
    page.on("request", lambda request: requests.append(request.url[len(base_url) :]))
    return requests


class Held(list):
    """Routes held until released; ``serve`` answers each (None: the real file)."""

    def __init__(self, serve=None):
        super().__init__()
        self.serve = serve
        self.holding = True

    def __call__(self, route) -> None:
        if self.holding:
            self.append(route)
        else:
            self.answer(route)

    def answer(self, route) -> None:
        if self.serve:
            self.serve(route)
        else:
            route.continue_()

    def release(self) -> None:
        self.holding = False
        for route in self:
            self.answer(route)


def sharded(page, site, hold: bool = False) -> Held:
    """Serve the site's index as if it had SHARDS word and pair shards."""
    folder = site.output / LISTS.strip("/")
    page.route(
        f"**{LISTS}words.json",
        lambda route: route.fulfill(json={"words": SHARDS, "pairs": SHARDS}),
    )

    def shard(route) -> None:
        kind = "words" if "/words/" in route.request.url else "pairs"
        body = (folder / kind / "0.json").read_text(encoding="utf-8")
        route.fulfill(body=body, content_type="application/json")

    held = Held(shard)
    held.holding = hold
    page.route(f"**{LISTS}words/*.json", held)
    page.route(f"**{LISTS}pairs/*.json", held)
    return held


def searches(page) -> int:
    return int(page.eval_on_selector("#search-results", "l => l.dataset.searches"))


@pytest.mark.browser
def test_a_filter_in_the_address_is_fetched_before_search_js_runs(fresh_page, base_url):
    page = fresh_page
    requests = record_requests(page, base_url)
    downloads = record_downloads(page)
    script = Held()
    page.route("**/theme/js/search.*.js", script)
    page.goto(f"{base_url}/tim-kiem/?unit=huyen-doan-co-to", wait_until="commit")
    # search.js is held: the unit's list and the cards of its first results
    # (beside the list: no file of posts/) are asked for by search-lists.js,
    # which the page's head loads, while the page loads.
    unit = f"{LISTS}unit/huyen-doan-co-to"
    assert requests.wait_for(page, {f"{unit}.txt", f"{unit}.json"}), requests
    assert script  # still held
    script.release()
    wait_for_search(page)
    assert page.locator("#search-results li").count() == 1
    for name in (f"{unit}.txt", f"{unit}.json", f"{LISTS}lists.json"):
        assert len(downloads.matching(name)) == 1, name  # once each
    assert not downloads.matching(f"{LISTS}posts/")


@pytest.mark.browser
def test_the_index_files_of_a_query_are_asked_for_together(fresh_page, base_url, site):
    page = fresh_page
    held = sharded(page, site, hold=True)  # no shard arrives until all are asked for
    requests = record_requests(page, base_url)
    page.goto(f"{base_url}/tim-kiem/?q=quang+ninh", wait_until="commit")
    # The words' shards and their pair's shard: not the pair once the words
    # have arrived (a round trip after another).
    wanted = {word_file("quang"), word_file("ninh"), pair_file("quang", "ninh")}
    assert len(wanted) == 3
    asked = requests.wait_for(page, wanted)
    held.release()
    assert asked, requests.index_files()
    wait_for_search(page)
    assert page.locator("#search-results li").count() >= 1


def _typing(page, site, base_url):
    """The search page ready for typing, its clock paused so that the pause in
    typing never ends by itself; return the recorded requests."""
    sharded(page, site)
    requests = record_requests(page, base_url)
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)
    page.focus("#search-q")
    page.clock.install(time=1_000_000)
    page.clock.pause_at(1_001_000)
    return requests


@pytest.mark.browser
def test_the_files_of_a_word_being_typed_are_fetched_during_the_pause(
    fresh_page, base_url, site
):
    page = fresh_page
    requests = _typing(page, site, base_url)
    page.keyboard.type("quang n")  # the space searches "quang" at once
    before = searches(page)
    # The last syllable's own shard and the pairs it may complete.
    assert requests.wait_for(page, {word_file("n"), pair_file("quang", "n")})
    assert searches(page) == before  # fetched while typing, not by a search
    since = len(requests)
    page.clock.run_for(1000)
    page.wait_for_url("**q=quang+n")
    wait_for_search(page)
    assert searches(page) == before + 1
    assert requests.index_files(since) == []  # the search waited for no file


@pytest.mark.browser
def test_the_completions_of_a_syllable_being_typed_are_fetched_during_the_pause(
    fresh_page, base_url, site
):
    page = fresh_page
    requests = _typing(page, site, base_url)
    page.keyboard.type("nin")  # no word: completed to "ninh", "nien"
    wanted = {word_file("nin"), f"{LISTS}prefix/6e-69.json", word_file("ninh")}
    assert requests.wait_for(page, wanted), requests.index_files()
    since = len(requests)
    page.clock.run_for(1000)
    page.wait_for_url("**q=nin")
    wait_for_search(page)
    assert page.locator("#search-results li").count() >= 1
    assert requests.index_files(since) == []


@pytest.mark.browser
def test_the_cards_are_asked_for_before_the_texts(fresh_page, base_url):
    page = fresh_page
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)
    requests = record_requests(page, base_url)
    page.fill("#search-q", "quang ninh")
    page.press("#search-q", "Enter")
    page.wait_for_url("**q=quang+ninh")
    wait_for_search(page)
    cards = [i for i, path in enumerate(requests) if "/posts/" in path]
    texts = [i for i, path in enumerate(requests) if "/text/" in path]
    assert cards and texts
    assert max(cards) < min(texts), requests


TB_2020 = "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"
TB_2021 = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
CHOSEN = (
    ("unit", "thanh-doan-tp-hcm"),
    ("person", "phan-le-huy-hoang"),
    ("year", "2021"),
)
FILTER_LISTS = re.compile(r".*/pagefind/lists/vi/(unit|person|year)/[^/]+\.txt$")
FILTER_CARDS = re.compile(r".*/pagefind/lists/vi/(unit|person|year)/[^/]+\.json$")
CONFIG = re.compile(
    r'<script type="application/json" id="search-config">(.*?)</script>'
)


def config(page: Path) -> dict:
    """Return the search page's config (search.html)."""
    return json.loads(CONFIG.search(page.read_text(encoding="utf-8")).group(1))


def shown(page, base_url: str) -> list[str]:
    """Return the result URLs shown, site-relative, in order."""
    hrefs = page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.href)"
    )
    return [href[len(base_url) :] for href in hrefs]


def _open_combination_lists_held(page, base_url: str, requests, cards: str) -> int:
    """Open ``CHOSEN`` in the address with its lists held until the lists and
    the file of ``cards`` were all asked for; release them, wait for the
    results; return how many requests came before the release."""
    lists = Held()
    page.route(FILTER_LISTS, lists)
    query = "&".join(f"{name}={value}" for name, value in CHOSEN)
    page.goto(f"{base_url}/tim-kiem/?{query}", wait_until="commit")
    wanted = {f"{LISTS}{name}/{value}.txt" for name, value in CHOSEN}
    asked = requests.wait_for(page, wanted | {f"{LISTS}{cards}"})
    since = len(requests)
    lists.release()
    assert asked, requests
    wait_for_search(page)
    return since


@pytest.mark.browser
def test_filters_combined_in_the_address_show_their_results_after_one_round(
    fresh_page, base_url, site
):
    # A search a reader shares (unit + person + year): every file its first
    # results need is asked for before any list arrives (the lists are held):
    # the lists and the cards of one small value (all its posts', the results'
    # among them), and nothing once they are in: no file of posts/, which
    # would be asked for only once the lists are intersected (a second round,
    # two on a host's six connections).
    page = fresh_page
    requests = record_requests(page, base_url)
    downloads = record_downloads(page)
    # The cards of the first value, smallest filter first, that is not big
    # (the page's config says which: lists.py card_plan).
    plan = config(site.output / "tim-kiem/index.html")["cards"]
    assert plan["order"][0] == "person" and not plan["big"]["person"]
    cards = "person/phan-le-huy-hoang.json"
    since = _open_combination_lists_held(page, base_url, requests, cards)
    assert shown(page, base_url) == [TB_2021]
    assert [path for path in requests[since:] if LISTS in path] == []
    assert not downloads.matching(f"{LISTS}posts/")
    # One value's cards are enough: the other values' are not fetched.
    assert len([path for path in requests if FILTER_CARDS.match(path)]) == 1


def _with_config(page, change) -> None:
    """Serve the search page with its config changed by ``change(config)``."""

    def rewrite(route) -> None:
        html = route.fetch().text()
        found = CONFIG.search(html)
        data = json.loads(found.group(1))
        change(data)
        text = json.dumps(data).replace("<", "\\u003c")
        html = html[: found.start(1)] + text + html[found.end(1) :]
        route.fulfill(body=html, content_type="text/html; charset=utf-8")

    page.route("**/tim-kiem/?*", rewrite)


def _listed(site, name: str, value: str) -> list[int]:
    return decode((site.output / LISTS.strip("/") / f"{name}/{value}.txt").read_text())


@pytest.mark.browser
def test_big_values_without_a_year_take_the_first_page_of_one_then_posts(
    fresh_page, base_url, site
):
    # A value with more than lists.py's ALL posts has only its first page's
    # cards beside its list (the page's config names it big). Big values
    # only, no year: the first page of the first value, smallest filter
    # first, comes with the lists (its newest posts: the newest results when
    # the other values hold them); results it does not hold take their cards
    # from posts/. Served as if every value were big, the person's first page
    # holding only its newest post, marked to tell where each card came from.
    page = fresh_page
    requests = record_requests(page, base_url)
    chosen = {"unit": ["quan-doan-tan-binh"], "person": ["phan-le-huy-hoang"]}
    _with_config(page, lambda data: data["cards"].update(big=chosen))
    beside = site.output / LISTS.strip("/") / "person/phan-le-huy-hoang.json"
    newest = json.loads(beside.read_bytes())[0]
    assert f"/{newest['url']}" == TB_2021
    first_page = [{**newest, "title": "Trang đầu"}]
    page.route(
        f"**{LISTS}person/phan-le-huy-hoang.json",
        lambda route: route.fulfill(
            body=json.dumps(first_page), content_type="application/json"
        ),
    )
    page.goto(f"{base_url}/tim-kiem/?unit=quan-doan-tan-binh&person=phan-le-huy-hoang")
    wait_for_search(page)
    assert shown(page, base_url) == [TB_2021, TB_2020]
    cards = json.loads((site.output / LISTS.strip("/") / "posts/0.json").read_bytes())
    titles = {f"/{card['url']}": card["title"] for card in cards}
    assert page.eval_on_selector_all(
        "#search-results li h2 a", "links => links.map(a => a.textContent)"
    ) == ["Trang đầu", titles[TB_2020]]
    assert [path for path in requests if FILTER_CARDS.match(path)] == [
        f"{LISTS}person/phan-le-huy-hoang.json"
    ]
    assert f"{LISTS}posts/0.json" in requests


@pytest.mark.browser
def test_big_values_with_a_year_take_the_cards_of_that_year_in_one_round(
    fresh_page, base_url, site
):
    # Every chosen value big (more than lists.py's ALL posts), a year among
    # them: a value whose posts no year holds more than ALL of has its cards
    # beside its list year by year (the config names it "sliced"); that
    # year's file is asked for with the lists, and holds the results' cards:
    # no file of posts/. Served here as if the unit and person were big and
    # the person sliced: the slice holds what lists.py writes, the cards of
    # the person's posts of 2021 in list order.
    page = fresh_page
    requests = record_requests(page, base_url)
    downloads = record_downloads(page)

    def all_big(data) -> None:
        data["cards"]["big"] = {name: [value] for name, value in CHOSEN}
        data["cards"]["sliced"] = {"unit": [], "person": ["phan-le-huy-hoang"]}

    _with_config(page, all_big)
    year = set(_listed(site, "year", "2021"))
    posts = site.output / LISTS.strip("/") / "posts"
    block = json.loads((posts.parent / "lists.json").read_text())["block"]
    slice_cards = [
        json.loads((posts / f"{number // block}.json").read_text())[number % block]
        for number in _listed(site, "person", "phan-le-huy-hoang")
        if number in year
    ]
    page.route(
        f"**{LISTS}person/phan-le-huy-hoang.2021.json",
        lambda route: route.fulfill(
            body=json.dumps(slice_cards), content_type="application/json"
        ),
    )
    cards = "person/phan-le-huy-hoang.2021.json"
    _open_combination_lists_held(page, base_url, requests, cards)
    assert shown(page, base_url) == [TB_2021]
    assert not downloads.matching(f"{LISTS}posts/")
    assert [path for path in requests if FILTER_CARDS.match(path)] == [
        f"{LISTS}person/phan-le-huy-hoang.2021.json"
    ]


@pytest.mark.browser
def test_search_js_preloads_the_lists_and_cards_of_combined_filters(
    fresh_page, base_url
):
    # Chromium may run search.js before search-lists.js (both once the page
    # is parsed): search.js then asks for the lists and the cards of the same
    # small value itself, while search-lists.js is held back here.
    page = fresh_page
    requests = record_requests(page, base_url)
    module = Held()
    page.route("**/theme/js/search-lists.*.js", module)
    query = "&".join(f"{name}={value}" for name, value in CHOSEN)
    page.goto(f"{base_url}/tim-kiem/?{query}", wait_until="commit")
    wanted = {f"{LISTS}{name}/{value}.txt" for name, value in CHOSEN}
    wanted.add(f"{LISTS}person/phan-le-huy-hoang.json")
    asked = requests.wait_for(page, wanted)
    assert module  # still held
    module.release()
    assert asked, requests
    wait_for_search(page)
    assert shown(page, base_url) == [TB_2021]
    assert len([path for path in requests if FILTER_CARDS.match(path)]) == 1


@pytest.mark.browser
def test_search_js_preloads_the_year_of_a_big_value_with_its_cards_year_by_year(
    fresh_page, base_url
):
    # As above, with search-lists.js held back: search.js asks for the same
    # year's file of cards itself (the module would, once it runs).
    page = fresh_page
    requests = record_requests(page, base_url)

    def all_big(data) -> None:
        data["cards"]["big"] = {name: [value] for name, value in CHOSEN}
        data["cards"]["sliced"] = {"unit": ["thanh-doan-tp-hcm"], "person": []}

    _with_config(page, all_big)
    module = Held()
    page.route("**/theme/js/search-lists.*.js", module)
    query = "&".join(f"{name}={value}" for name, value in CHOSEN)
    page.goto(f"{base_url}/tim-kiem/?{query}", wait_until="commit")
    wanted = {f"{LISTS}{name}/{value}.txt" for name, value in CHOSEN}
    wanted.add(f"{LISTS}unit/thanh-doan-tp-hcm.2021.json")
    asked = requests.wait_for(page, wanted)
    assert module  # still held
    module.release()
    assert asked, requests
    assert [path for path in requests if FILTER_CARDS.match(path)] == [
        f"{LISTS}unit/thanh-doan-tp-hcm.2021.json"
    ]


@pytest.mark.browser
def test_big_values_with_a_year_none_has_year_by_year_take_the_years_first_page(
    fresh_page, base_url, site
):
    # The central unit with a year: no value has its cards year by year (the
    # unit has a year of more than ALL posts), so the year's first page (its
    # newest posts, which the unit holds) comes with the lists. Served as if
    # both values were big and none sliced.
    page = fresh_page
    requests = record_requests(page, base_url)
    downloads = record_downloads(page)
    chosen = {"unit": ["thanh-doan-tp-hcm"], "year": ["2021"]}
    _with_config(page, lambda data: data["cards"].update(big=chosen, sliced={}))
    page.goto(f"{base_url}/tim-kiem/?unit=thanh-doan-tp-hcm&year=2021")
    wait_for_search(page)
    year = _listed(site, "year", "2021")
    assert set(_listed(site, "unit", "thanh-doan-tp-hcm")) >= set(year)
    assert len(shown(page, base_url)) == len(year) > 0
    assert [path for path in requests if FILTER_CARDS.match(path)] == [
        f"{LISTS}year/2021.json"
    ]
    assert not downloads.matching(f"{LISTS}posts/")
