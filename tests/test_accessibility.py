"""Accessibility in a real browser: axe-core on the main page kinds, keyboard, layout.

One headless Chromium (Debian's, driven by Playwright) serves the whole module.
axe-core comes from the pinned ``axe-playwright-python`` wheel, which ships
``axe.min.js``; it is injected into each page and run with the WCAG 2.x A and
AA rules, in the light and the dark colour scheme.
"""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
#: The page kinds the budget names, in both languages: (kind, URL).
PAGES = [
    ("home", "/"),
    ("home", "/en/"),
    ("article", "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"),
    ("article", "/en/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"),
    ("archive", "/luu-tru/"),
    ("archive", "/en/archives/2020/"),
    ("topic", "/chu-de/tan-binh/"),
    ("unit", "/don-vi/quan-doan-tan-binh/"),
    ("unit", "/en/units/quan-doan-tan-binh/"),
    ("unit year", "/don-vi/trung-uong-doan/2020/"),  # sub-unit links: target size
    ("person", "/nhan-vat/phan-le-huy-hoang/"),
    ("person", "/en/people/phan-le-huy-hoang/"),
    ("search", "/tim-kiem/"),
    ("search", "/en/search/"),
]
#: Kinds the theme itself writes: they must exist. Others come from their plugins.
THEME_KINDS = {"home", "article", "archive", "topic"}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging each request."""

    def log_message(self, format, *args):
        del format, args


@pytest.fixture(scope="module")
def base_url(site) -> Iterator[str]:
    """Serve the built site on a free port of 127.0.0.1."""
    handler = functools.partial(_QuietHandler, directory=str(site.output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.fixture(scope="module")
def axe_source() -> str:
    """Return axe-core's source as shipped in the pinned wheel."""
    return (
        resources.files("axe_playwright_python")
        .joinpath("axe.min.js")
        .read_text(encoding="utf-8")
    )


def require(site, kind: str, url: str) -> None:
    """Skip a page another plugin writes when it is not in this build."""
    if not (site.output / url.strip("/") / "index.html").is_file():
        if kind in THEME_KINDS:
            pytest.fail(f"{url} was not built")
        pytest.skip(f"{url}: the {kind} pages are not in this build")


def run_axe(page, source: str, rules: list[str] | None = None) -> list[dict]:
    """Run axe-core on the loaded page (WCAG A/AA, or only ``rules``).

    axe is injected once per document; only its violations come back (its
    passes would be ~100 KB of JSON per run, never read).
    """
    if page.evaluate("typeof axe === 'undefined'"):
        page.evaluate(source)
    only = (
        {"type": "rule", "values": rules}
        if rules
        else {"type": "tag", "values": AXE_TAGS}
    )
    return page.evaluate(
        "only => axe.run(document, {runOnly: only}).then(r => r.violations)", only
    )


def summary(violations: list[dict]) -> str:
    """Describe violations: rule, impact and the first offending nodes."""
    lines = []
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"][:3]]
        lines.append(f"{violation['id']} ({violation['impact']}): {targets}")
    return "\n".join(lines)


def test_axe_finds_a_seeded_violation(tab, axe_source):
    tab.goto("about:blank")  # a new document: axe injected into it
    tab.set_content('<html><body><img src="x.png"><a href="/"></a></body></html>')
    rules = {violation["id"] for violation in run_axe(tab, axe_source)}
    assert {"image-alt", "link-name", "html-has-lang"} <= rules


#: The rules the dark colour scheme can break: it changes colours only.
DARK_RULES = ["color-contrast", "link-in-text-block"]


@pytest.mark.parametrize(("kind", "url"), PAGES, ids=[url for _, url in PAGES])
def test_axe_light_and_dark_and_no_sideways_scrolling_on_a_small_phone(
    site, base_url, tab, axe_source, kind, url
):
    """One load of the page for three checks, each reported on its own:

    axe's WCAG A/AA rules in the light colour scheme; its colour rules in the
    dark one (the scheme switched on the loaded page: tokens.css's
    ``prefers-color-scheme`` query and no transition, so the same colours as
    a page opened dark); no sideways scrolling at 360 px wide (the viewport
    narrowed on the loaded page: the layout is CSS alone, no script reads the
    width).
    """
    require(site, kind, url)
    tab.goto(base_url + url)
    failures = []
    if violations := run_axe(tab, axe_source):
        failures.append(f"{url} (axe):\n{summary(violations)}")
    tab.emulate_media(color_scheme="dark")
    if violations := run_axe(tab, axe_source, rules=DARK_RULES):
        failures.append(f"{url} (axe dark):\n{summary(violations)}")
    tab.set_viewport_size({"width": 360, "height": 740})
    width = tab.evaluate("document.documentElement.scrollWidth")
    if width > 360:
        failures.append(f"{url} (360px) is {width}px wide at 360px")
    assert not failures, "\n".join(failures)


def test_first_tab_shows_the_skip_link_and_it_moves_focus(site, base_url, tab):
    page = tab
    page.goto(base_url + PAGES[2][1])
    page.keyboard.press("Tab")
    focused = page.evaluate(
        """() => {
          const el = document.activeElement, box = el.getBoundingClientRect();
          const style = getComputedStyle(el);
          return {cls: el.className, top: box.top, height: box.height,
                  bg: style.backgroundColor, shadow: style.boxShadow};
        }"""
    )
    assert focused["cls"] == "skip-link"
    assert focused["top"] >= 0 and focused["height"] > 0  # on screen
    assert focused["bg"] != "rgba(0, 0, 0, 0)" and focused["shadow"] != "none"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_stacked_diacritics_are_not_clipped(site, base_url, tab):
    page = tab
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(base_url + PAGES[2][1])
    page.evaluate(
        "document.querySelector('h1').textContent = 'Ặ Ỗ Ẫ Ậ Ễ Ệ Ộ Ợ Ự Ỷ ặ ỗ ẫ'"
    )
    metrics = page.evaluate(
        """() => [...document.querySelectorAll('h1, h2, h3, .breadcrumbs span')]
          .map(el => {
            const style = getComputedStyle(el);
            return {tag: el.tagName, lh: parseFloat(style.lineHeight),
                    fs: parseFloat(style.fontSize), overflow: style.overflow,
                    scroll: el.scrollHeight, client: el.clientHeight};
          })"""
    )
    for item in metrics:
        assert item["lh"] >= 1.3 * item["fs"] - 0.5, item
        if item["overflow"] != "visible":
            assert item["scroll"] <= item["client"] + 1, item


def test_print_hides_navigation_and_prints_the_url(site, base_url, tab):
    page = tab
    page.goto(base_url + PAGES[2][1])
    page.emulate_media(media="print")
    shown = page.evaluate(
        """() => Object.fromEntries(['.site-header', '.breadcrumbs', '.post-nav',
          '.site-footer', '.print-only'].map(s => {
            const el = document.querySelector(s);
            return [s, el ? getComputedStyle(el).display !== 'none' : null];
          }))"""
    )
    assert shown == {
        ".site-header": False,
        ".breadcrumbs": False,
        ".post-nav": False,
        ".site-footer": False,
        ".print-only": True,
    }


def test_axe_source_is_the_pinned_one(axe_source):
    assert axe_source.startswith("/*! axe v4.")
    assert Path(
        str(resources.files("axe_playwright_python").joinpath("axe.min.js"))
    ).is_file()
