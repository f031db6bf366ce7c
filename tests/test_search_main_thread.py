"""The search page never holds the main thread long, in Chromium (issue #20).

The central unit's list holds every post (10,000 at the size of #20's targets),
and the page opened with it in the address (what the unit page links to)
decodes it while loading; a word search decodes, merges and ranks the lists of
its syllables, the commonest of which hold most of the archive. These tests
pin what keeps each task short without timing it (a timing would not hold on a
loaded machine): the list is decoded as lists.py wrote it, the results are
made for the page of results shown, not one object with its functions for
each of the 10,000 posts, and a word search gives the main thread back
between its steps.

The large list is written by lists.py's own ``encode`` and served in place of
a unit's list of the tests' site (built once per session).
"""

from __future__ import annotations

import random

import pytest

from search_index.lists import encode
from tests.browser import serve, wait_for_search

LISTS = "/pagefind/lists/vi/"
UNIT = "quan-doan-tan-binh"
POSTS = 10_000


@pytest.fixture(scope="module")
def base_url(site):
    """Serve the tests' site (conftest's session build) on 127.0.0.1."""
    with serve(site.output) as url:
        yield url


def whole_archive() -> list[int]:
    """Every post but a few, so that the gaps take one, two and three digits."""
    chooser = random.Random(20)
    numbers = [n for n in range(POSTS) if chooser.random() > 0.05]
    return [*numbers, POSTS + 2_000, POSTS + 60_000]  # gaps of 36**2 and more


def open_with_list(page, base_url: str, numbers: list[int]) -> None:
    """Open the search page with the unit's list replaced by ``numbers``."""
    body = encode(numbers)
    page.route(
        f"**{LISTS}unit/{UNIT}.txt",
        lambda route: route.fulfill(body=body, content_type="text/plain"),
    )
    page.goto(f"{base_url}/tim-kiem/")
    wait_for_search(page)


LIBRARY = """async (run) => {
    const config = JSON.parse(document.getElementById('search-config').textContent);
    const lists = await import(config.listsScript);
    return new Function('lists', 'config', `return (async () => { ${run} })()`)(
        lists, config);
}"""


@pytest.mark.browser
def test_a_list_of_the_whole_archive_is_decoded_as_written(tab, base_url):
    numbers = whole_archive()
    open_with_list(tab, base_url, numbers)
    decoded = tab.evaluate(
        LIBRARY,
        f"""const text = await (await fetch(config.lists + 'unit/{UNIT}.txt')).text();
            return [lists.decode(text), lists.decode(''), lists.decode(null)];""",
    )
    assert decoded == [numbers, [], []]


@pytest.mark.browser
def test_results_are_made_for_the_page_shown_not_for_every_post(tab, base_url):
    numbers = whole_archive()
    open_with_list(tab, base_url, numbers)
    found = tab.evaluate(
        LIBRARY,
        f"""const results = await lists.filterResults(
                config.lists, config.baseUrl, {{unit: '{UNIT}'}});
            const page = results.slice(10, 20);
            return {{
                array: Array.isArray(results),
                length: results.length,
                ids: page.map((result) => result.id),
                functions: page.every((result) =>
                    ['card', 'text', 'data'].every((name) =>
                        typeof result[name] === 'function')),
            }};""",
    )
    # The count of every post found, and one page of them made when asked.
    assert found == {
        "array": False,
        "length": len(numbers),
        "ids": [f"post-{number}" for number in numbers[10:20]],
        "functions": True,
    }


@pytest.mark.browser
def test_a_word_search_gives_the_main_thread_back_between_its_steps(tab, base_url):
    tab.goto(f"{base_url}/tim-kiem/")
    wait_for_search(tab)
    ran = tab.evaluate(
        LIBRARY,
        """const query = '"bí thư chi đoàn" tan binh';
            await lists.wordResults(config.lists, config.baseUrl, query, {});
            // Every file is fetched now: without a pause, the search would
            // run to its end in microtasks, before any task queued here.
            const order = [];
            scheduler.postTask(() => order.push('task'), {priority: 'user-blocking'});
            await lists.wordResults(config.lists, config.baseUrl, query, {});
            order.push('results');
            return order;""",
    )
    assert ran == ["task", "results"]
