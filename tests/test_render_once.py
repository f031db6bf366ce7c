"""Parts shared by many pages are rendered once per build, then reused (#14, #22).

The site's footer and header navigation, and each post's row in a unit's
lists (its unit's pages and year pages, and every parent unit's), read the
same on every page that shows them: ``bilingual.cards`` renders each once per
build and language and counts its renders (``CardCache.renders``). The site is
built in this process so the count can be read from the build state.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

from bilingual.cards import CardCache
from newsroom import build
from tests.sitebuild import ROOT, copy_content

LANGUAGES = 2


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Counter, list[BeautifulSoup]]:
    """Build the tests' site once; return the fragment renders and its pages."""
    root = tmp_path_factory.mktemp("render-once")
    output = root / "output"
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(copy_content(root / "site")),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(root / "cache"),
            "SEARCH_INDEX_ENABLED": False,
            "FAST_BUILD_WORKERS": 1,  # one process: every render is counted here
        },
    )
    Pelican(settings).run()
    renders = Counter(build.current().section(CardCache).renders)
    pages = [
        BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for path in sorted(Path(output).rglob("*.html"))
        if path.relative_to(output).parts[0] != "admin"
    ]
    return renders, pages


def test_the_footer_is_rendered_once_per_language(site):
    renders, pages = site
    footers = [str(page.find("footer", class_="site-footer")) for page in pages]
    assert all(footer != "None" for footer in footers)
    assert len(set(footers)) == LANGUAGES
    assert renders["partials/site_footer.html"] == LANGUAGES < len(pages)


def test_the_navigation_is_rendered_once_per_language_and_current_section(site):
    renders, pages = site
    navs = {str(page.find("nav", class_="site-nav")) for page in pages}
    # One per language, and one more for each section's own page (aria-current).
    assert any('aria-current="page"' in nav for nav in navs)
    assert renders["partials/site_nav.html"] == len(navs) < len(pages)


@pytest.mark.parametrize(
    ("template", "tag", "css_class"),
    [
        ("partials/unit_post.html", "div", "unit-post"),
        ("partials/unit_year_item.html", "li", "unit-year__item"),
    ],
)
def test_a_posts_row_in_unit_lists_is_rendered_once(site, template, tag, css_class):
    renders, pages = site
    shown = [str(row) for page in pages for row in page.find_all(tag, class_=css_class)]
    # Each distinct row (post, language, sub-units it came from) was rendered
    # once, though parent units' pages show it again.
    assert renders[template] == len(set(shown)) < len(shown)


def test_a_posts_card_is_rendered_once_per_language_and_style(site):
    renders, pages = site
    cards = [str(c) for page in pages for c in page.find_all(class_="post-summary")]
    assert renders["partials/post_summary.html"] <= len(set(cards)) < len(cards)
