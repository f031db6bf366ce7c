"""What search engines and feed readers see: hreflang, sitemap, robots.txt, feeds.

Builds the real content plus the test-only posts once, with ``publishconf.py``
(SITEURL set), so every URL must be absolute.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import feedparser
import pytest
from bs4 import BeautifulSoup

from bilingual.sitemap import (
    SitemapPage,
    is_public,
    page_url,
    sitemap_xml,
    write_sitemaps,
)
from tests.bilingual_sites import (
    PUBLISHED_SITEURL,
    VI_ONLY_URL,
    build_fixture_site,
    content_with_fixtures,
    site_url,
)
from tests.sitebuild import Build, build

SITE = PUBLISHED_SITEURL + "/"
NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "xhtml": "http://www.w3.org/1999/xhtml",
}
NOT_INDEXED = {"404.html", "en/404.html"}


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Build:
    """The fixture site built as ``make publish`` builds it."""
    return build_fixture_site(
        tmp_path_factory.mktemp("bilingual-seo"), settings="publishconf.py"
    )


@pytest.fixture(scope="module")
def pages(published) -> dict[str, BeautifulSoup]:
    """Every HTML page, by absolute URL."""
    return {
        SITE + site_url(published, path): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in published.html_files()
    }


def hreflangs(page: BeautifulSoup) -> dict[str, str]:
    """Return a page's ``hreflang`` links: {hreflang: href}."""
    links = page.select('head link[rel="alternate"][hreflang]')
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), "a hreflang value is repeated"
    return found


def test_every_page_with_a_counterpart_has_all_three_hreflangs(pages):
    missing = []
    for url, page in pages.items():
        relative = url.removeprefix(SITE)
        if relative in NOT_INDEXED or relative == VI_ONLY_URL:
            assert not hreflangs(page), url
            continue
        if set(hreflangs(page)) != {"vi", "en", "x-default"}:
            missing.append(url)
    assert not missing, "\n".join(missing)


def test_hreflang_links_are_absolute_reciprocal_and_self_referencing(pages):
    checked = 0
    for url, page in pages.items():
        links = hreflangs(page)
        if not links:
            continue
        own = page.html["lang"]
        assert links[own] == url, f"{url} does not list itself"
        assert links["x-default"] == links["vi"]
        for lang in ("vi", "en"):
            target = links[lang]
            assert target.startswith(SITE), target
            assert target in pages, f"{url} → {target}: no such page"
            assert hreflangs(pages[target]) == links, f"{url} ⇄ {target}"
            checked += 1
    assert checked >= 60  # every list, archive, topic and post, both ways


def test_the_vietnamese_only_post_declares_no_english_page(pages):
    page = pages[SITE + VI_ONLY_URL]
    assert not hreflangs(page)
    switch = page.select_one(".language-switcher a")
    assert switch["href"] == SITE + "en/"


def sitemap_files(output: Path) -> list[Path]:
    """Return the sitemap files the index ``sitemap.xml`` lists, in order."""
    index = ET.parse(output / "sitemap.xml").getroot()
    assert index.tag == f"{{{NS['sm']}}}sitemapindex"
    locs = [loc.text for loc in index.findall("sm:sitemap/sm:loc", NS)]
    assert locs and all(loc.startswith(SITE) for loc in locs)
    return [output / loc.removeprefix(SITE) for loc in locs]


def sitemap_entries(published: Build) -> list[ET.Element]:
    """Return the ``<url>`` elements of every sitemap file of the index."""
    entries = []
    for path in sitemap_files(published.output):
        root = ET.parse(path).getroot()
        assert root.tag == f"{{{NS['sm']}}}urlset"
        entries += root.findall("sm:url", NS)
    return entries


def alternates_of(entry: ET.Element) -> dict[str, str]:
    """Return a sitemap entry's alternates: {hreflang: href}."""
    links = entry.findall("xhtml:link", NS)
    assert all(link.get("rel") == "alternate" for link in links)
    assert all(link.get("href") and not link.get("ref") for link in links)
    return {link.get("hreflang"): link.get("href") for link in links}


def test_the_sitemap_lists_every_public_page_once(published, pages):
    locs = [
        entry.findtext("sm:loc", namespaces=NS) for entry in sitemap_entries(published)
    ]
    repeated = [loc for loc, count in Counter(locs).items() if count > 1]
    assert not repeated
    public = {url for url in pages if url.removeprefix(SITE) not in NOT_INDEXED}
    assert set(locs) == public
    assert all(loc.startswith(SITE) for loc in locs)


def test_every_sitemap_entry_with_a_counterpart_has_both_alternates(published, pages):
    checked = 0
    for entry in sitemap_entries(published):
        loc = entry.findtext("sm:loc", namespaces=NS)
        alternates = alternates_of(entry)
        if loc == SITE + VI_ONLY_URL:
            assert alternates == {}
            continue
        assert set(alternates) == {"vi", "en", "x-default"}, loc
        assert loc in alternates.values(), f"{loc} lacks its self-link"
        assert alternates == hreflangs(pages[loc]), loc
        checked += 1
    assert checked >= 40


def test_one_sitemap_file_holds_every_page_of_a_small_site(published):
    assert [path.name for path in sitemap_files(published.output)] == ["sitemap-1.xml"]


def test_a_sitemap_record_carries_no_dict_of_its_own():
    """One record per page lives to the end of the build (27,500 at 10,000
    posts, issue #22): slots, not a ``__dict__`` each."""
    page = SitemapPage.of("tin/", {"vi": "tin/"}, "2020-12-18T00:00:00+07:00")
    assert not hasattr(page, "__dict__")
    assert not isinstance(page.alternates, dict)  # a tuple: a third of the size
    assert (page.alternate("vi"), page.alternate("en")) == ("tin/", None)
    home = SitemapPage.of("", {"vi": "", "en": "en/"})
    assert (home.alternate("vi"), home.alternate("en")) == ("", "en/")


def test_the_writer_splits_at_the_protocols_limit_of_50000_urls(tmp_path):
    pages = [
        SitemapPage.of(f"{n:06d}/", {"vi": f"{n:06d}/"}, "2020-01-01T00:00:00+07:00")
        for n in range(50_001)
    ]
    written = write_sitemaps(pages, PUBLISHED_SITEURL, tmp_path, "sitemap.xml", 50_000)
    assert written == ["sitemap.xml", "sitemap-1.xml", "sitemap-2.xml"]
    counts = [
        len(ET.parse(tmp_path / name).getroot().findall("sm:url", NS))
        for name in written[1:]
    ]
    assert counts == [50_000, 1]
    assert [p.name for p in sitemap_files(tmp_path)] == [
        "sitemap-1.xml",
        "sitemap-2.xml",
    ]
    # a smaller site later: the second file goes, the index lists one
    write_sitemaps(pages[:10], PUBLISHED_SITEURL, tmp_path, "sitemap.xml", 50_000)
    assert not (tmp_path / "sitemap-2.xml").exists()
    assert [p.name for p in sitemap_files(tmp_path)] == ["sitemap-1.xml"]


def test_a_build_over_the_limit_writes_several_sitemap_files(tmp_path, published):
    small = build(
        content_with_fixtures(tmp_path),
        tmp_path / "output",
        settings="publishconf.py",
        extra={
            "DEFAULT_PAGINATION": "2",
            "SITEURL": f'"{PUBLISHED_SITEURL}"',
            "BILINGUAL_SITEMAP_MAX_URLS": "7",
        },
    )
    assert small.returncode == 0, small.log
    files = sitemap_files(small.output)
    sizes = [len(ET.parse(path).getroot().findall("sm:url", NS)) for path in files]
    assert len(files) >= 3 and max(sizes) == 7 and 1 <= sizes[-1] <= 7
    assert len(sitemap_entries(small)) == len(sitemap_entries(published))
    robots = (small.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()


def test_robots_txt_points_to_the_sitemap(published):
    robots = (published.output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}sitemap.xml" in robots.splitlines()
    assert "User-agent: *" in robots


@pytest.mark.parametrize(
    ("context", "public"),
    [
        ({"output_file": "2020/12/x/index.html"}, True),
        ({"output_file": "404.html", "noindex": True}, False),
        ({"output_file": "feeds/all.atom.xml"}, False),
        ({"output_file": "drafts/x/index.html", "DRAFT_SAVE_AS": "drafts/x"}, False),
        (
            {
                "output_file": "a/index.html",
                "article": type("A", (), {"status": "draft"}),
            },
            False,
        ),
        (
            {
                "output_file": "a/index.html",
                "article": type("A", (), {"status": "hidden"}),
            },
            False,
        ),
    ],
)
def test_only_public_pages_enter_the_sitemap(context, public):
    assert is_public(context) is public


def test_the_streamed_sitemap_escapes_what_xml_needs():
    pages = [
        SitemapPage.of("tin/a&b/", {"vi": "tin/a&b/", "en": 'en/"q"/'}, "2020-12-18"),
        SitemapPage.of("don-vi/", {"vi": "don-vi/"}),
    ]
    root = ET.fromstring(sitemap_xml(pages, "https://doan.example"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    xhtml = "{http://www.w3.org/1999/xhtml}link"
    second, first = root.findall("s:url", ns)  # sorted by URL
    assert first.find("s:loc", ns).text == "https://doan.example/tin/a&b/"
    assert first.find("s:lastmod", ns).text == "2020-12-18"
    links = {link.get("hreflang"): link.get("href") for link in first.iter(xhtml)}
    assert links == {
        "vi": "https://doan.example/tin/a&b/",
        "en": 'https://doan.example/en/"q"/',
        "x-default": "https://doan.example/tin/a&b/",
    }
    assert second.find("s:lastmod", ns) is None
    assert list(second.iter(xhtml)) == []  # no counterpart: no alternates


def test_page_urls_from_written_files():
    assert page_url("index.html") == ""
    assert page_url("en/page/2/index.html") == "en/page/2/"
    assert page_url("404.html") == "404.html"


@pytest.fixture(scope="module")
def feeds(published) -> dict[str, feedparser.FeedParserDict]:
    """The two site-wide feeds, parsed."""
    return {
        lang: feedparser.parse(
            (published.output / path / "feeds" / "all.atom.xml").read_bytes()
        )
        for lang, path in (("vi", ""), ("en", "en"))
    }


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_feeds_parse_without_errors(feeds, lang):
    feed = feeds[lang]
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert feed.feed.language == lang


def test_each_feed_has_its_own_id_and_absolute_links(feeds):
    assert feeds["vi"].feed.id != feeds["en"].feed.id
    for lang, home in (("vi", SITE), ("en", SITE + "en/")):
        feed = feeds[lang]
        links = {link.rel: link.href for link in feed.feed.links}
        assert links["alternate"] == home
        assert links["self"] == feed.feed.id
        for entry in feed.entries:
            assert entry.link.startswith(SITE) and entry.id == entry.link


def test_feeds_list_every_post_in_their_language(feeds):
    vi, en = feeds["vi"].entries, feeds["en"].entries
    assert len(vi) == len(en) == 5
    assert [e.link.removeprefix(SITE) for e in en][:2] == [
        "en/2022/07/vai-tro-chua-dich-2022/",
        VI_ONLY_URL,
    ]
    translated = en[0]
    assert translated.title.startswith("Tan Binh District Youth Union reviews")
    assert translated.summary.startswith("On the afternoon of 8 July 2022")
    assert {tag.label for tag in translated.tags} == {"Tan Binh District Youth Union"}


def test_the_english_feed_marks_an_untranslated_post_vietnamese(published, feeds):
    entry = feeds["en"].entries[1]
    assert entry.title.startswith("Ra quân chiến dịch Mùa hè xanh")
    assert entry.link == SITE + VI_ONLY_URL
    assert "vietnamese-only" in {tag.term for tag in entry.tags}
    raw = (published.output / "en" / "feeds" / "all.atom.xml").read_text("utf-8")
    assert '<entry xml:lang="vi">' in raw


def test_pages_advertise_their_language_feed(pages):
    for url, lang in ((SITE, "vi"), (SITE + "en/", "en")):
        link = pages[url].select_one('link[type="application/atom+xml"]')
        prefix = "en/" if lang == "en" else ""
        assert link["href"] == f"{SITE}{prefix}feeds/all.atom.xml"


def test_every_feed_of_the_site_validates(published):
    # The site-wide feeds and any other (per-unit feeds, for instance).
    paths = sorted(published.output.rglob("*.atom.xml"))
    assert len(paths) >= 2
    ids = []
    for path in paths:
        feed = feedparser.parse(path.read_bytes())
        where = path.relative_to(published.output)
        assert not feed.bozo, f"{where}: {feed.get('bozo_exception')}"
        ids.append(feed.feed.id)
        hrefs = [link.href for link in feed.feed.links]
        hrefs += [entry.link for entry in feed.entries]
        assert all(href.startswith(SITE) for href in hrefs), where
    assert len(set(ids)) == len(ids)
