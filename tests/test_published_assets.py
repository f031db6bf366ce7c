"""A published site loads its styles, scripts and search from any host.

``make publish`` writes links, canonical addresses, sharing tags and feeds
with the absolute SITEURL; the theme's files and the search's data are loaded
from the site's root on the host that serves the page (theme_assets'
``asset_url``), so a preview or staging host, or the output served locally,
shows the site as it is.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.browser import serve, wait_for_search
from tests.sitebuild import Build, build, shared_build
from tests.test_photos_site import photo_settings, site_with, write_good_photos

PUBLIC = "https://tintuc.example"
UNDER = "https://tintuc.example/tin"  # a site under a path of its host
ARTICLE = "2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"


def _published(tmp_path_factory, name: str, siteurl: str) -> Build:
    def make(folder: Path) -> Build:
        content = site_with(folder, "good")  # the tests' site and posts with photos
        write_good_photos(content)
        extra = {"SITEURL": json.dumps(siteurl), "PROGRESS_ENABLED": "false"}
        return build(
            content,
            folder / "output",
            "publishconf.py",
            extra={**extra, **photo_settings(folder / "cache")},
        )

    result = shared_build(tmp_path_factory, name, make)
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="module")
def under_a_path(tmp_path_factory) -> Build:
    return _published(tmp_path_factory, "published-under-a-path", UNDER)


@pytest.fixture(scope="module")
def at_the_root(tmp_path_factory) -> Build:
    return _published(tmp_path_factory, "published-at-the-root", PUBLIC)


def _loaded(soup: BeautifulSoup) -> list[str]:
    """Return the URLs a page loads by itself: styles, icons, scripts, preloads,
    photos (every width of every ``srcset``) and the full-size photo links."""
    return [
        *(link["href"] for link in soup.find_all("link", rel=True, href=True)
          if set(link["rel"]) & {"stylesheet", "icon", "preload", "modulepreload"}),
        *(script["src"] for script in soup.find_all("script", src=True)),
        *(img["src"] for img in soup.find_all("img", src=True)),
        *(candidate.split()[0]
          for tag in soup.find_all(["img", "source"], srcset=True)
          for candidate in tag["srcset"].split(",")),
        *(a["href"] for a in soup.find_all("a", attrs={"data-viewer-item": True})),
    ]  # fmt: skip


def test_every_page_loads_the_theme_from_the_site_s_root(under_a_path):
    pages = under_a_path.html_files()
    assert len(pages) > 50
    photos = sum("/photos/" in url for path in pages for url in _loaded(
        BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")))  # fmt: skip
    assert photos > 20  # lead photos, galleries, body images and cards
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        loaded = _loaded(soup)
        assert loaded, path
        for url in loaded:
            assert url.startswith("/tin/") and not url.startswith("//"), (path, url)
        canonical = soup.find("link", rel="canonical")
        if canonical is not None:
            assert canonical["href"].startswith(f"{UNDER}/"), path
        for name in ("og:url", "og:image"):  # sharing keeps the public address
            tag = soup.find("meta", property=name)
            if tag is not None:
                assert tag["content"].startswith(f"{UNDER}/"), (path, name)


def test_the_search_reads_its_data_from_the_site_s_root(under_a_path):
    page = under_a_path.page("/tim-kiem/")
    config = json.loads(page.find("script", id="search-config").string)
    assert config["baseUrl"] == "/tin/"
    assert config["bundle"].startswith("/tin/")
    assert config["lists"].startswith("/tin/")
    assert config["listsScript"].startswith("/tin/theme/js/")


@pytest.mark.browser
def test_a_published_page_served_elsewhere_has_its_styles_and_search(
    at_the_root, browser
):
    """Served from 127.0.0.1, not from its public host: styled, searchable."""
    tab = browser.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    with serve(at_the_root.output) as base:
        tab.goto(f"{base}/{ARTICLE}")
        accent = tab.evaluate(
            "getComputedStyle(document.documentElement)"
            ".getPropertyValue('--color-accent').trim()"
        )
        assert accent == "#0054a6"  # tokens.css, from the stylesheet
        tab.goto(f"{base}/tim-kiem/?unit=quan-doan-tan-binh")
        wait_for_search(tab)
        hrefs = tab.eval_on_selector_all(
            "#search-results li h2 a", "links => links.map(a => a.getAttribute('href'))"
        )
        assert hrefs, tab.inner_text("#search-status")
    tab.close()
    assert not errors, errors
