"""Parts shared by many pages are rendered once per build, then reused (#14, #22).

The site's footer and header navigation read the same on every page of a
language, a post's card on every list that shows it: ``bilingual.cards``
renders each once per build and language (and style) and counts its renders
(``CardCache.renders``). The site is
built in this process so the count can be read from the build state.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican

from bilingual.cards import CardCache
from newsroom import build
from tests.sitebuild import serial_settings

LANGUAGES = 2


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Counter, list[BeautifulSoup]]:
    """Build the tests' site once; return the fragment renders and its pages."""
    root = tmp_path_factory.mktemp("render-once")
    output = root / "output"
    settings = serial_settings(root)  # one process: every render is counted here
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


def test_a_posts_card_is_rendered_once_per_language_and_style(site):
    renders, pages = site
    cards = [str(c) for page in pages for c in page.find_all(class_="post-summary")]
    assert renders["partials/post_summary.html"] <= len(set(cards)) < len(cards)
