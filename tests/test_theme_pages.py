"""The theme's pages on the built site: event cards, sharing, JSON-LD, navigation."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml

from bilingual.roles import RoleComposer
from content_model.registry import load_registry
from tests.sitebuild import CONTENT, Build, build, copy_content

FIXTURES = Path(__file__).parent / "fixtures" / "theme"
LANGS = ("vi", "en")
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}
FEATURED = "ra-quan-tinh-nguyen-he-2019"


def front_matter(path: Path) -> dict:
    """Return the YAML front matter of a post file."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---", 2)[1])


def seeds() -> list[dict]:
    """Return each seed post: its slug, URLs, speakers, roles and counts."""
    found = []
    people = load_registry(CONTENT / "data")
    glossary = RoleComposer.from_registry(people)
    for path in sorted(CONTENT.glob("posts/*/*.md")):
        if path.name.endswith(".en.md"):
            continue
        data = front_matter(path)
        english = front_matter(path.with_name(path.stem + ".en.md"))
        roles_en = english.get("roles") or {}
        day = str(data["date"])[:10]  # "2020-12-18 08:00"
        found.append(
            {
                "slug": data["slug"],
                "url": {
                    "vi": f"/{day[:4]}/{day[5:7]}/{data['slug']}/",
                    "en": f"/en/{day[:4]}/{day[5:7]}/{data['slug']}/",
                },
                "date": day,
                "speakers": [s["name"] for s in data.get("speakers", [])],
                "roles": {
                    "vi": [s["role"] for s in data.get("speakers", [])],
                    # English roles are keyed by the speaker's key or name.
                    "en": [
                        roles_en.get(people.find_person(s["name"]).key)
                        or roles_en.get(s["name"])
                        for s in data.get("speakers", [])
                    ],
                },
                "counts": [
                    a["count"] for a in data.get("attendees", []) if "count" in a
                ],
                "tags": data.get("tags", []),
                # The translation's own English tag, else the glossary's.
                "tags_en": [
                    (english.get("tags") or {}).get(tag) or glossary.compose(tag)
                    for tag in data.get("tags", [])
                ],
            }
        )
    return found


SEEDS = seeds()
ARTICLES = [(seed, lang) for seed in SEEDS for lang in LANGS]
ARTICLE_IDS = [f"{seed['slug']}-{lang}" for seed, lang in ARTICLES]


def meta(page, name: str) -> str | None:
    """Return the content of ``<meta property=name>`` or ``<meta name=name>``."""
    tag = page.find("meta", attrs={"property": name}) or page.find(
        "meta", attrs={"name": name}
    )
    return tag["content"] if tag else None


def json_ld(page) -> list[dict]:
    """Return every JSON-LD block of a page, parsed."""
    return [
        json.loads(script.string)
        for script in page.find_all("script", type="application/ld+json")
    ]


def page_url(site: Build, path: Path) -> str:
    """Return the site URL of an output file ("/en/archives/")."""
    relative = path.relative_to(site.output).as_posix()
    return "/" + relative.removesuffix("index.html")


@pytest.fixture(scope="module")
def featured_site(tmp_path_factory) -> Build:
    """Build the real content plus a featured, Vietnamese-only older post."""
    root = tmp_path_factory.mktemp("theme")
    content = copy_content(root / "content")
    shutil.copytree(FIXTURES / "posts", content / "posts", dirs_exist_ok=True)
    result = build(content, root / "output")
    assert result.returncode == 0, result.log
    return result


# --- Articles ---------------------------------------------------------------


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_article_has_event_card_with_speakers_and_counts(site, seed, lang):
    card = site.page(seed["url"][lang]).select_one(".event-card")
    assert card is not None
    text = card.get_text(" ", strip=True)
    for name in seed["speakers"]:
        assert name in text
    for count in seed["counts"]:
        assert str(count) in text
    assert card.find("time")["datetime"] == seed["date"]


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_article_json_ld_is_a_news_article_about_an_event(site, seed, lang):
    page = site.page(seed["url"][lang])
    blocks = [b for b in json_ld(page) if b.get("@type") == "NewsArticle"]
    assert len(blocks) == 1
    data = blocks[0]
    assert data["@context"] == "https://schema.org"
    assert data["headline"] and len(data["headline"]) <= 110
    assert data["datePublished"].startswith(seed["date"])
    assert data["datePublished"].endswith("+07:00")
    assert data["inLanguage"] == {"vi": "vi-VN", "en": "en-US"}[lang]
    assert data["author"]["name"]
    assert data["publisher"]["@type"] == "Organization"
    assert data["publisher"]["logo"]["url"].startswith("http")
    assert data["image"] and all(url.startswith("http") for url in data["image"])
    assert data["url"] == page.find("link", rel="canonical")["href"]
    event = data["about"]
    assert event["@type"] == "Event"
    assert event["name"]
    assert event["startDate"].startswith(seed["date"])
    assert event["location"]["@type"] == "Place" and event["location"]["name"]
    assert event["organizer"]["@type"] == "Organization"
    assert event["organizer"]["name"]
    people = data["mentions"]
    assert [p["name"] for p in people] == seed["speakers"]
    assert all(p["@type"] == "Person" for p in people)
    expected = [
        english if lang == "en" and english else vietnamese
        for vietnamese, english in zip(
            seed["roles"]["vi"], seed["roles"]["en"], strict=True
        )
    ]
    assert [p["jobTitle"] for p in people] == expected


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_article_has_open_graph_and_twitter_tags(site, seed, lang):
    page = site.page(seed["url"][lang])
    assert meta(page, "og:type") == "article"
    assert meta(page, "og:title") == page.find("h1").get_text(strip=True)
    assert meta(page, "og:description")
    canonical = page.find("link", rel="canonical")["href"]
    assert canonical.startswith("http") and canonical.endswith(seed["url"][lang])
    assert meta(page, "og:url") == canonical
    assert meta(page, "og:image").startswith("http")
    assert meta(page, "og:locale") == OG_LOCALES[lang]
    other = "en" if lang == "vi" else "vi"
    assert meta(page, "og:locale:alternate") == OG_LOCALES[other]
    assert meta(page, "article:published_time").startswith(seed["date"])
    assert meta(page, "article:published_time").endswith("+07:00")
    assert meta(page, "twitter:card") == "summary_large_image"
    assert meta(page, "twitter:image") == meta(page, "og:image")


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_sharing_image_exists_at_1200_by_630(site, seed, lang):
    from PIL import Image

    page = site.page(seed["url"][lang])
    url = meta(page, "og:image")
    path = site.output / re.sub(r"^https?://[^/]+/", "", url)
    with Image.open(path) as image:
        assert image.size == (1200, 630)
    assert (meta(page, "og:image:width"), meta(page, "og:image:height")) == (
        "1200",
        "630",
    )
    assert meta(page, "og:image:alt")


def test_default_sharing_card_is_a_1200_by_630_png():
    from PIL import Image

    card = Path(__file__).parent.parent / "theme/static/images/og-default.png"
    with Image.open(card) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_article_links_its_units_and_topics(site, seed, lang):
    page = site.page(seed["url"][lang])
    topics = page.select(
        '.term-list a[href*="/chu-de/"], .term-list a[href*="/topics/"]'
    )
    english = zip(seed["tags"], seed["tags_en"], strict=True)
    expected = seed["tags"] if lang == "vi" else [en or vi for vi, en in english]
    assert [a.get_text() for a in topics] == expected
    for link, english in zip(topics, seed["tags_en"], strict=True):
        assert (site.output / link["href"].strip("/") / "index.html").is_file()
        # A tag without English is marked Vietnamese on English pages.
        assert link.get("lang") == (None if lang == "vi" or english else "vi")


@pytest.mark.parametrize(("seed", "lang"), ARTICLES, ids=ARTICLE_IDS)
def test_article_prints_its_url_after_the_title(site, seed, lang):
    page = site.page(seed["url"][lang])
    title = page.find("h1")
    printed = title.find_next_sibling("p")
    assert "print-only" in printed["class"]
    assert printed.get_text(strip=True) == page.find("link", rel="canonical")["href"]


def test_neighbours_in_time_stay_in_one_language(featured_site):
    newest_first = [
        "doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021",
        "giao-ban-quan-uy-quan-doan-2020-lan-2",
        "kiem-tra-cong-tac-doan-quang-ninh-2020",
    ]
    by_slug = {seed["slug"]: seed for seed in SEEDS}
    middle = by_slug[newest_first[1]]
    for lang in LANGS:
        nav = featured_site.page(middle["url"][lang]).select_one(".post-nav")
        assert (
            nav.select_one('a[rel="next"]')["href"]
            == (by_slug[newest_first[0]]["url"][lang])
        )
        assert (
            nav.select_one('a[rel="prev"]')["href"]
            == (by_slug[newest_first[2]]["url"][lang])
        )
    oldest = by_slug[newest_first[2]]
    # The Vietnamese-only 2019 post precedes it in Vietnamese, not in English.
    vi_prev = featured_site.page(oldest["url"]["vi"]).select_one('a[rel="prev"]')
    assert vi_prev["href"] == f"/2019/06/{FEATURED}/"
    assert featured_site.page(oldest["url"]["en"]).select_one('a[rel="prev"]') is None


def test_articles_need_no_javascript(site):
    """Scripts only add to a page (share buttons, photo viewer): our own, no more."""
    for seed, lang in ARTICLES:
        page = site.page(seed["url"][lang])
        for script in page.find_all("script"):
            if script.get("type") in ("application/ld+json", "application/json"):
                continue
            assert script.get("type") == "module", seed["url"][lang]
            assert script["src"].startswith("/theme/js/"), script
        # Without script: share by plain links; the script-only buttons hidden.
        share = page.select_one(".share")
        assert [a["href"].split("?")[0] for a in share.select("a")] == [
            "https://www.facebook.com/sharer/sharer.php",
            "https://sp.zalo.me/share_inline",
        ]
        assert all(b.find_parent("li").has_attr("hidden") for b in share("button"))


# --- Home -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_home_lists_featured_first_then_latest(featured_site, lang):
    home = featured_site.page("/en/" if lang == "en" else "/")
    summaries = home.select(".home__latest .post-summary")
    assert "post-summary--featured" in summaries[0]["class"]
    first = summaries[0].select_one(".post-summary__title a")
    assert first["href"] == f"/2019/06/{FEATURED}/"
    if lang == "en":
        assert first["lang"] == "vi"
        assert summaries[0].select_one(".badge")
    dates = [s.find("time")["datetime"] for s in summaries[1:]]
    assert dates == sorted(dates, reverse=True)
    assert len(summaries) == len(SEEDS) + 1


@pytest.mark.parametrize("lang", LANGS)
def test_home_has_latest_by_unit_and_ways_in(site, lang):
    home = site.page("/en/" if lang == "en" else "/")
    sections = home.select(".unit-section")
    assert sections
    names = [
        s.select_one(".unit-section__title").get_text(strip=True) for s in sections
    ]
    assert (
        "Tan Binh District Youth Union" if lang == "en" else "Quận Đoàn Tân Bình"
    ) in (names)
    for section in sections:
        dates = [t["datetime"] for t in section.find_all("time")]
        assert dates and dates == sorted(dates, reverse=True)
    ways = [a["href"] for a in home.select(".explore a")]
    expected = (
        ["/en/units/", "/en/people/", "/en/archives/", "/en/search/"]
        if lang == "en"
        else ["/don-vi/", "/nhan-vat/", "/luu-tru/", "/tim-kiem/"]
    )
    assert ways == expected


# --- Archives and topics ----------------------------------------------------


@pytest.mark.parametrize(
    ("lang", "index"), [("vi", "/luu-tru/"), ("en", "/en/archives/")]
)
def test_archives_list_every_post_by_year_and_month(featured_site, lang, index):
    page = featured_site.page(index)
    assert page.html["lang"] == lang
    years = [h.get_text(" ", strip=True) for h in page.select(".archive-year__title")]
    assert [y.split()[0] for y in years] == ["2021", "2020", "2019"]
    listed = []
    for link in page.select(".archive-year__title a"):
        year_page = featured_site.page(link["href"])
        months = [h["id"] for h in year_page.select(".archive-month__title")]
        assert months == sorted(months, reverse=True)
        listed += [a["href"] for a in year_page.select(".post-summary__title a")]
    expected = {seed["url"][lang] for seed in SEEDS} | {f"/2019/06/{FEATURED}/"}
    assert sorted(listed) == sorted(expected)


def test_archive_month_links_reach_their_sections(site):
    page = site.page("/luu-tru/")
    for link in page.select(".archive-months a"):
        path, anchor = link["href"].split("#")
        assert site.page(path).find(id=anchor) is not None
    assert site.page("/luu-tru/2020/").find(id="thang-12").get_text() == "Tháng 12/2020"
    assert site.page("/en/archives/2020/").find(id="month-12").get_text() == (
        "December 2020"
    )


def test_topic_pages_list_the_posts_with_the_tag(site):
    page = site.page("/chu-de/tan-binh/")
    links = {a["href"] for a in page.select(".post-summary__title a")}
    assert links == {s["url"]["vi"] for s in SEEDS if "tân bình" in s["tags"]}
    english = site.page("/en/topics/tan-binh/")
    assert english.html["lang"] == "en"
    assert {a["href"] for a in english.select(".post-summary__title a")} == {
        s["url"]["en"] for s in SEEDS if "tân bình" in s["tags"]
    }


# --- Every page -------------------------------------------------------------


def test_every_page_has_title_description_canonical_and_open_graph(site):
    for path in site.html_files():
        page = site.page(page_url(site, path)) if path.name == "index.html" else None
        if page is None:
            continue
        where = page_url(site, path)
        assert page.title.get_text(strip=True), where
        assert meta(page, "description"), where
        canonical = page.find("link", rel="canonical")
        assert canonical and canonical["href"].startswith("http"), where
        for name in ("og:title", "og:description", "og:url", "og:image", "og:locale"):
            assert meta(page, name), f"{name} missing on {where}"
        assert meta(page, "twitter:card"), where


def test_titles_of_theme_pages_are_unique(site):
    titles: dict[str, str] = {}
    pattern = re.compile(r"^/(en/)?(\d{4}/|luu-tru/|archives/|chu-de/|topics/|$)")
    for path in site.html_files():
        where = page_url(site, path)
        if path.name != "index.html" or not pattern.match(where):
            continue
        title = site.page(where).title.get_text(strip=True)
        assert title not in titles, f"{where} has the title of {titles.get(title)}"
        titles[title] = where


def test_every_page_below_home_has_breadcrumbs(site):
    homes = {"/", "/en/"}
    for path in site.html_files():
        if path.name != "index.html":
            continue  # 404.html: nowhere in the tree
        where = page_url(site, path)
        crumbs = site.page(where).select_one("nav.breadcrumbs")
        if where in homes:
            assert crumbs is None
            continue
        assert crumbs is not None, f"no breadcrumbs on {where}"
        links = crumbs.select("a")
        assert links[0]["href"] == ("/en/" if where.startswith("/en/") else "/")
        assert crumbs.select('[aria-current="page"]')


def test_every_page_starts_with_a_skip_link_to_main(site):
    for path in site.html_files():
        page = site.page(page_url(site, path)) if path.name == "index.html" else None
        if page is None:
            continue
        first = page.body.find("a")
        assert first["href"] == "#main" and "skip-link" in first["class"]
        assert page.find(id="main").name == "main"
