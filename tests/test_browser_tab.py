"""conftest's ``tab``: a module's shared tab starts every test as a new one would.

The first test leaves the tab dirty (a phone's width, dark and print media, a
route that blocks the page); the second, in the same module and so the same
tab, must see none of it. Their order is the module's.
"""

from __future__ import annotations

import pytest

from tests.browser import serve

STATE = """() => ({
    width: innerWidth,
    height: innerHeight,
    dark: matchMedia('(prefers-color-scheme: dark)').matches,
    print: matchMedia('print').matches,
})"""


@pytest.fixture(scope="module")
def page_url(tmp_path_factory):
    """Serve one small page on 127.0.0.1; return its URL."""
    folder = tmp_path_factory.mktemp("tab")
    (folder / "ok.html").write_text("<!doctype html><title>ok</title>", "utf-8")
    with serve(folder) as url:
        yield f"{url}/ok.html"


def test_a_test_may_leave_the_tab_dirty(tab, page_url):
    tab.set_viewport_size({"width": 360, "height": 740})
    tab.emulate_media(media="print", color_scheme="dark")
    tab.goto(page_url)
    assert tab.evaluate(STATE) == {
        "width": 360,
        "height": 740,
        "dark": True,
        "print": True,
    }
    tab.route("**/ok.html", lambda route: route.abort())


def test_the_next_test_gets_it_clean(tab, page_url):
    tab.goto(page_url)  # not blocked by the route left behind
    assert tab.title() == "ok"
    assert tab.evaluate(STATE) == {
        "width": 1280,
        "height": 720,
        "dark": False,
        "print": False,
    }
