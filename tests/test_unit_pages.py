"""Unit pages: roll-up, pagination, year archives, charts, feeds and links."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

from content_model.registry import Registry, Unit
from newsroom.pages import folder_rules, paginate
from newsroom.post import NewsPost
from tests.directory_site import GENERATED, directory_site, generated_slug
from unit_pages.chart import build_chart
from unit_pages.index import build_unit_index, flatten_tree, related_posts
from unit_pages.settings import SettingsError, UnitPagesSettings

SEED_URLS = {
    "giao-ban": "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/",
    "doi-thoai": "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/",
    "quang-ninh": "/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/",
}
UNITS_WITH_POSTS = [
    "trung-uong-doan",
    "thanh-doan-tp-hcm",
    "quan-doan-tan-binh",
    "quan-uy-tan-binh",
    "tinh-doan-quang-ninh",
    "huyen-doan-dam-ha",
    "huyen-doan-co-to",
    "thanh-doan-cam-pha",
    "thanh-doan-mong-cai",
    "doan-thanh-nien-khoi-cac-co-quan-tinh-quang-ninh",
    "doan-thanh-nien-quan-su-tinh-quang-ninh",
]
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml"


def unit_page(lang: str, key: str) -> str:
    """Return the URL of a unit's page in ``lang``."""
    return f"/en/units/{key}/" if lang == "en" else f"/don-vi/{key}/"


def listed(page) -> list[str]:
    """Return the post URLs a list page or year archive shows, in order."""
    return [a["href"] for a in page.select(".post-summary__title a, .unit-year__title")]


def marks(page) -> list[str]:
    """Return the sub-unit marks of a unit page's posts, in order ("" if none)."""
    return [
        " ".join(p.get_text(" ", strip=True) for p in box.select(".unit-post__via"))
        for box in page.select(".unit-post")
    ]


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    """The real content plus test-only people and generated posts."""
    return directory_site(tmp_path_factory)


@pytest.fixture(scope="module")
def directory_pages(directory) -> dict:
    """Every page of the directory site, parsed once for the tests that read all."""
    return {
        path: directory.page(str(path.relative_to(directory.output)))
        for path in directory.html_files()
    }


# --- the real site -----------------------------------------------------------


@pytest.mark.parametrize("key", UNITS_WITH_POSTS)
def test_every_unit_with_posts_has_a_page_in_both_languages(site, key):
    vi, en = site.page(unit_page("vi", key)), site.page(unit_page("en", key))
    assert vi.html["lang"] == "vi"
    assert en.html["lang"] == "en"
    assert vi.find("h1").get_text(strip=True)
    alternates = {
        link["hreflang"]: urlparse(link["href"]).path
        for link in vi.head.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["vi"] == unit_page("vi", key)
    assert alternates["en"] == unit_page("en", key)


def test_units_without_posts_have_no_page(site):
    assert not (site.output / "don-vi" / "no-such-unit").exists()
    written = {p.name for p in (site.output / "don-vi").iterdir() if p.is_dir()}
    assert written == set(UNITS_WITH_POSTS)


def test_tan_binh_lists_both_of_its_posts_newest_first(site):
    page = site.page("/don-vi/quan-doan-tan-binh/")
    assert page.find("h1").get_text(strip=True) == "Quận Đoàn Tân Bình"
    assert listed(page) == [SEED_URLS["doi-thoai"], SEED_URLS["giao-ban"]]
    assert marks(page) == ["", ""]  # both posts name the unit itself


def test_the_city_union_lists_tan_binh_posts_through_roll_up(site):
    page = site.page("/don-vi/thanh-doan-tp-hcm/")
    assert listed(page) == [SEED_URLS["doi-thoai"], SEED_URLS["giao-ban"]]
    # The dialogue names the city union itself; the review meeting only its
    # district union, so it is marked with the sub-unit it came through.
    assert marks(page) == ["", "Quận Đoàn Tân Bình"]
    via = page.select_one(".unit-post__via a")
    assert via["href"] == "/don-vi/quan-doan-tan-binh/"


def test_quang_ninh_lists_its_post_and_the_centre_lists_every_post(site):
    assert listed(site.page("/don-vi/tinh-doan-quang-ninh/")) == [
        SEED_URLS["quang-ninh"]
    ]
    assert listed(site.page("/don-vi/huyen-doan-co-to/")) == [SEED_URLS["quang-ninh"]]
    centre = site.page("/don-vi/trung-uong-doan/")
    assert listed(centre) == [
        SEED_URLS["doi-thoai"],
        SEED_URLS["giao-ban"],
        SEED_URLS["quang-ninh"],
    ]
    # Each marked with the highest unit the post names below the centre.
    assert marks(centre) == [
        "Thành đoàn TP. Hồ Chí Minh",
        "Quận Đoàn Tân Bình",
        "Tỉnh đoàn Quảng Ninh",
    ]


def test_breadcrumbs_climb_the_parents(site):
    page = site.page("/don-vi/quan-doan-tan-binh/")
    crumbs = [li.get_text(" ", strip=True) for li in page.select(".breadcrumbs li")]
    assert crumbs[-3:] == [
        "Trung ương Đoàn TNCS Hồ Chí Minh",
        "Thành đoàn TP. Hồ Chí Minh",
        "Quận Đoàn Tân Bình",
    ]
    links = [a["href"] for a in page.select(".breadcrumbs a")]
    assert "/don-vi/trung-uong-doan/" in links
    assert "/don-vi/thanh-doan-tp-hcm/" in links


def test_the_english_page_uses_english_names_titles_and_kind(site):
    page = site.page("/en/units/quan-doan-tan-binh/")
    assert page.find("h1").get_text(strip=True) == "Tan Binh District Youth Union"
    text = page.get_text(" ", strip=True)
    assert "District level" in text
    assert "Ho Chi Minh City Youth Union" in text  # breadcrumbs
    titles = [a.get_text() for a in page.select(".post-summary__title a")]
    assert titles[0].startswith("Dialogue between the Standing Committee")
    assert not page.select(".badge")  # every seed post is translated
    assert listed(page) == [
        "/en" + SEED_URLS["doi-thoai"],
        "/en" + SEED_URLS["giao-ban"],
    ]


def test_the_vietnamese_page_shows_the_kind_and_sub_units_with_counts(site):
    page = site.page("/don-vi/tinh-doan-quang-ninh/")
    assert "Cấp tỉnh, thành phố" in page.select_one(".unit-page__meta").get_text()
    children = {
        li.a.get_text(strip=True): li.select_one(".post-count [aria-hidden]").get_text()
        for li in page.select(".unit-page__children li")
    }
    assert children["Huyện đoàn Cô Tô"] == "1"
    assert children["Thành đoàn Móng Cái"] == "1"


def test_people_at_the_units_events_with_their_latest_role(site):
    page = site.page("/don-vi/quan-doan-tan-binh/")
    people = {
        li.select_one(".person__name").get_text(strip=True): li
        for li in page.select(".unit-page__people li")
    }
    assert set(people) >= {"Phan Lê Huy Hoàng", "Phạm Thị Thành", "Đoàn Long"}
    latest = people["Phan Lê Huy Hoàng"].select_one(".person__role").get_text()
    assert latest == "Quận ủy viên, Bí thư Quận Đoàn Tân Bình"
    link = people["Phan Lê Huy Hoàng"].select_one("a.person__name")["href"]
    assert link == "/nhan-vat/phan-le-huy-hoang/"
    english = site.page("/en/units/quan-doan-tan-binh/")
    roles = [r.get_text() for r in english.select(".unit-page__people .person__role")]
    assert any("Secretary of the Tan Binh District Youth Union" in r for r in roles)


def test_year_archives_are_linked_and_list_that_year(site):
    page = site.page("/don-vi/quan-doan-tan-binh/")
    years = [a["href"] for a in page.select(".unit-page__years a")]
    assert years == [
        "/don-vi/quan-doan-tan-binh/2021/",
        "/don-vi/quan-doan-tan-binh/2020/",
    ]
    archive = site.page("/don-vi/quan-doan-tan-binh/2020/")
    assert listed(archive) == [SEED_URLS["giao-ban"]]
    assert "2020" in archive.find("h1").get_text()
    english = site.page("/en/units/thanh-doan-tp-hcm/2021/")
    assert listed(english) == ["/en" + SEED_URLS["doi-thoai"]]


def test_the_tree_of_units_nests_children_under_parents_with_counts(site):
    for lang in ("vi", "en"):
        page = site.page("/en/units/" if lang == "en" else "/don-vi/")
        assert page.html["lang"] == lang
        link = page.select_one(
            f'.unit-tree a[href="{unit_page(lang, "quan-doan-tan-binh")}"]'
        )
        parents = [
            li.find("a", recursive=False)["href"] for li in link.find_parents("li")[1:]
        ]
        assert parents == [
            unit_page(lang, "thanh-doan-tp-hcm"),
            unit_page(lang, "trung-uong-doan"),
        ]
        centre = page.select_one(f'a[href="{unit_page(lang, "trung-uong-doan")}"]')
        count = centre.find_next_sibling(class_="post-count")
        assert count.select_one("[aria-hidden]").get_text() == "3"


def test_every_unit_page_has_an_accessible_chart(site):
    pages = [
        site.page(unit_page(lang, key))
        for key in UNITS_WITH_POSTS
        for lang in ("vi", "en")
    ]
    for page in pages:
        svg = page.select_one("svg")
        assert svg is not None
        assert svg["role"] == "img"
        title_id, desc_id = svg["aria-labelledby"].split()
        assert svg.find("title", id=title_id).get_text(strip=True)
        assert svg.find("desc", id=desc_id).get_text(strip=True)
        labels = [t.get_text() for t in svg.select(".activity-chart__label")]
        assert len(labels) == 2 and all(labels)
    chart = site.page("/don-vi/thanh-doan-tp-hcm/").select_one("svg")
    assert [r.title.get_text() for r in chart.select("rect")] == [
        "Tháng 12/2020: 1",
        "Tháng 04/2021: 1",
    ]
    assert "tháng 12/2020" in chart.desc.get_text()


@pytest.mark.parametrize(
    ("url", "text"),
    [
        (
            "/en/units/tinh-doan-quang-ninh/",
            "From November 2020 to November 2020 (1 month), 1 post in all. "
            "Busiest month: November 2020, with 1 post.",
        ),
        (
            "/en/units/quan-doan-tan-binh/",
            "From December 2020 to April 2021 (5 months), 2 posts in all. "
            "Busiest month: April 2021, with 1 post.",
        ),
        (
            "/don-vi/tinh-doan-quang-ninh/",
            "Từ tháng 11/2020 đến tháng 11/2020 (1 tháng), tổng cộng 1 bài. "
            "Tháng nhiều bài nhất: tháng 11/2020, với 1 bài.",
        ),
    ],
)
def test_the_chart_description_counts_in_the_right_plural(site, url, text):
    assert site.page(url).select_one("svg desc").get_text() == text


def test_every_svg_on_every_page_has_a_title(directory_pages):
    for path, page in directory_pages.items():
        for svg in page.find_all("svg"):
            if svg.get("aria-hidden") == "true":
                continue  # decorative icons
            assert svg.find("title") and svg.find("title").get_text(strip=True), path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_each_unit_has_an_atom_feed_advertised_in_its_head(site, lang):
    page = site.page(unit_page(lang, "quan-doan-tan-binh"))
    feeds = [
        urlparse(link["href"]).path
        for link in page.head.select(f'link[rel="alternate"][type="{ATOM_TYPE}"]')
    ]
    feed_path = unit_page(lang, "quan-doan-tan-binh") + "feed.atom.xml"
    assert feed_path in feeds
    feed = ET.parse(site.output / feed_path.lstrip("/")).getroot()
    assert feed.tag == f"{ATOM}feed"
    entries = [
        urlparse(entry.find(f"{ATOM}link").get("href")).path
        for entry in feed.findall(f"{ATOM}entry")
    ]
    prefix = "/en" if lang == "en" else ""
    assert entries == [prefix + SEED_URLS["doi-thoai"], prefix + SEED_URLS["giao-ban"]]
    ids = {
        ET.parse(site.output / f.lstrip("/")).getroot().findtext(f"{ATOM}id")
        for f in (
            unit_page(lang, key) + "feed.atom.xml"
            for key in ("quan-doan-tan-binh", "thanh-doan-tp-hcm")
        )
    }
    assert len(ids) == 2  # one id per feed


def test_articles_link_their_units_speakers_and_more_from_the_unit(site):
    page = site.page(SEED_URLS["giao-ban"])
    meta = [a["href"] for a in page.select(".article__meta a")]
    assert meta == ["/don-vi/quan-uy-tan-binh/", "/don-vi/quan-doan-tan-binh/"]
    card = page.select_one(".event-card")
    speakers = [a["href"] for a in card.select("a.speaker__name")]
    assert speakers == ["/nhan-vat/pham-thi-thanh/", "/nhan-vat/phan-le-huy-hoang/"]
    assert card.find("a", href="/don-vi/quan-uy-tan-binh/")  # the organiser
    more = [a["href"] for a in page.select(".more-from-unit a")]
    assert more == [SEED_URLS["doi-thoai"]]  # shares Quận Đoàn Tân Bình; not itself
    english = site.page("/en" + SEED_URLS["giao-ban"])
    assert [a["href"] for a in english.select(".more-from-unit a")] == [
        "/en" + SEED_URLS["doi-thoai"]
    ]
    assert english.select_one("a.speaker__name")["href"] == "/en/people/pham-thi-thanh/"


# --- the site with test-only posts ---------------------------------------------


def test_a_long_list_is_paginated_with_rel_prev_and_next(directory):
    first = directory.page("/don-vi/huyen-doan-co-to/")
    assert len(first.select(".post-summary")) == 20
    assert listed(first)[0].endswith(f"/{generated_slug(GENERATED)}/")
    head_next = first.head.select_one('link[rel="next"]')["href"]
    nav_next = first.select_one('.pagination a[rel="next"]')["href"]
    assert head_next == nav_next == "/don-vi/huyen-doan-co-to/trang/2/"
    assert first.head.select_one('link[rel="prev"]') is None
    second = directory.page(head_next)
    assert len(second.select(".post-summary")) == GENERATED + 1 - 20
    assert (
        second.head.select_one('link[rel="prev"]')["href"]
        == "/don-vi/huyen-doan-co-to/"
    )
    assert second.select_one('.pagination a[rel="prev"]')
    assert second.head.select_one('link[rel="next"]') is None
    assert set(listed(first)).isdisjoint(listed(second))
    assert listed(second)[-1] == SEED_URLS["quang-ninh"]  # oldest last
    english = directory.page("/en/units/huyen-doan-co-to/page/2/")
    assert english.html["lang"] == "en"
    alternates = {
        link["hreflang"]: urlparse(link["href"]).path
        for link in english.head.select('link[rel="alternate"][hreflang]')
    }
    assert alternates["vi"] == "/don-vi/huyen-doan-co-to/trang/2/"


def test_rolled_up_posts_are_marked_and_untranslated_ones_badged(directory):
    page = directory.page("/en/units/tinh-doan-quang-ninh/")
    boxes = page.select(".unit-post")
    assert len(boxes) == 20
    newest = boxes[0]
    assert newest.select_one(".unit-post__via").get_text(strip=True) == (
        "Co To District Youth Union"
    )
    title = newest.select_one(".post-summary__title a")
    assert title["lang"] == "vi"  # post 23 has no English translation
    assert newest.select_one(".badge").get_text(strip=True) == "Vietnamese only"
    translated = boxes[1].select_one(".post-summary__title a")
    assert not translated.has_attr("lang")
    assert translated["href"].startswith("/en/")


def test_people_who_spoke_for_a_unit_show_their_latest_role_there(directory):
    page = directory.page("/don-vi/tinh-doan-quang-ninh/")
    roles = {
        li.select_one(".person__name").get_text(strip=True): li.select_one(
            ".person__role"
        ).get_text()
        for li in page.select(".unit-page__people li")
    }
    assert roles["Hoàng Văn Hải"] == "Bí thư Tỉnh đoàn"


def test_every_unit_and_people_link_on_every_page_resolves(directory, directory_pages):
    prefixes = ("/don-vi/", "/en/units/", "/nhan-vat/", "/en/people/")
    checked = 0
    for path, page in directory_pages.items():
        for tag in page.find_all(["a", "link"], href=True):
            target = urlparse(tag["href"]).path
            if not target.startswith(prefixes):
                continue
            written = directory.output / target.lstrip("/")
            if target.endswith("/"):
                written = written / "index.html"
            assert written.is_file(), f"{path}: {tag['href']} is not written"
            checked += 1
    assert checked > 500  # the check really looked at the directory links


# --- pure helpers ----------------------------------------------------------------


def _registry() -> Registry:
    """Return a three-level registry: centre > province > two districts."""
    registry = Registry()
    for unit in (
        Unit("centre", "Trung ương", kind="central"),
        Unit("province", "Tỉnh đoàn", kind="province", parent="centre"),
        Unit("east", "Huyện đoàn Đông", kind="district", parent="province"),
        Unit("west", "Huyện đoàn Tây", kind="district", parent="province"),
    ):
        registry.add_unit(unit)
    return registry


def _post(slug: str, days: int, registry: Registry, *units: str) -> SimpleNamespace:
    """Return a stand-in post with the given units."""
    when = datetime(2024, 1, 1, tzinfo=timezone(timedelta(hours=7)))
    return SimpleNamespace(
        slug=slug,
        date=when + timedelta(days=days),
        news=NewsPost(units=[registry.units[key] for key in units]),
    )


def test_the_index_rolls_posts_up_once_and_marks_the_highest_named_unit():
    registry = _registry()
    posts = [
        _post("a", 1, registry, "east"),
        _post("b", 2, registry, "east", "west"),
        _post("c", 3, registry, "province", "west"),
    ]
    index = build_unit_index(posts, registry)
    assert [e.post.slug for e in index.posts["centre"]] == ["c", "b", "a"]
    assert [[u.key for u in e.via] for e in index.posts["centre"]] == [
        ["province"],
        ["east", "west"],
        ["east"],
    ]
    assert index.posts["province"][0].via == ()  # named directly
    assert index.count("province") == 3
    assert index.count("west") == 2
    assert not index.has_page("nowhere")
    tree = index.tree("vi")
    assert [n.unit.key for n in tree] == ["centre"]
    assert [n.unit.key for n in tree[0].children[0].children] == ["east", "west"]


def test_the_index_looks_up_each_units_ancestors_once():
    registry = _registry()
    calls = Counter()
    ancestors = registry.ancestors

    def counting(key):
        calls[key] += 1
        return ancestors(key)

    registry.ancestors = counting
    posts = [_post(f"p{i}", i, registry, "east", "west") for i in range(300)]
    index = build_unit_index(posts, registry)
    assert index.count("centre") == 300
    assert calls == {"east": 1, "west": 1}


def test_related_posts_share_a_unit_newest_first_without_the_post_itself():
    registry = _registry()
    posts = [_post(f"p{i}", i, registry, "east" if i % 2 else "west") for i in range(9)]
    index = build_unit_index(posts, registry)
    related = related_posts(posts[3], index, 3)
    assert [p.slug for p in related] == ["p7", "p5", "p1"]


def test_the_chart_spans_every_month_and_scales_round():
    counts = {(2020, 11): 1, (2021, 2): 7}
    chart = build_chart(counts, "en")
    assert chart.months == 4
    assert [bar.count for bar in chart.bars] == [1, 7]
    assert [tick.label for tick in chart.y_ticks] == ["0", "2", "4", "6", "8"]
    assert [tick.label for tick in chart.x_ticks] == [
        "Nov 2020",
        "Dec 2020",
        "Jan 2021",
        "Feb 2021",
    ]
    assert chart.peak == "February 2021"
    assert chart.peak_count == 7
    assert build_chart({}, "vi") is None
    long = build_chart({(2015, 3): 2, (2024, 12): 1}, "vi")
    assert [tick.label for tick in long.x_ticks][:3] == ["2015", "2016", "2017"]
    positions = [tick.position for tick in long.x_ticks]
    assert all(b - a >= 40 for a, b in itertools.pairwise(positions))


def test_a_chart_over_more_than_eight_months_counts_years_and_names_each():
    chart = build_chart({(2020, 12): 1, (2021, 4): 1, (2023, 5): 2}, "vi")
    assert chart.period == "year"
    assert [tick.label for tick in chart.x_ticks] == ["2020", "2021", "2022", "2023"]
    assert [(bar.month, bar.count) for bar in chart.bars] == [
        ("2020", 1),
        ("2021", 1),
        ("2023", 2),
    ]
    assert [(row.label, row.count) for row in chart.rows] == [
        ("2020", 1),
        ("2021", 1),
        ("2023", 2),
    ]
    assert (chart.peak, chart.peak_count, chart.years) == ("2023", 2, 4)
    # Twelve years still fit a label each (the archive's whole range).
    long = build_chart({(2015, 1): 1, (2026, 12): 1}, "en")
    assert [tick.label for tick in long.x_ticks] == [str(y) for y in range(2015, 2027)]
    short = build_chart({(2020, 11): 1, (2021, 6): 2}, "en")
    assert short.period == "month"
    assert [(row.label, row.count) for row in short.rows] == [
        ("November 2020", 1),
        ("June 2021", 2),
    ]


def test_pages_link_to_their_neighbours():
    rules = folder_rules("{url}trang/{number}/")
    pages = paginate(list(range(45)), 20, "don-vi/x/", rules)
    assert [len(p.items) for p in pages] == [20, 20, 5]
    assert [p.url for p in pages] == [
        "don-vi/x/",
        "don-vi/x/trang/2/",
        "don-vi/x/trang/3/",
    ]
    assert pages[0].previous_url is None and pages[0].next_url == "don-vi/x/trang/2/"
    assert pages[2].previous_url == "don-vi/x/trang/2/" and pages[2].next_url is None
    assert len(paginate([], 20, "u/", folder_rules("{url}{number}/"))) == 1


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("UNIT_PAGES_PER_PAGE", 0, "expected a whole number from 1 up"),
        ("UNIT_PAGES_PER_PAGE", "20", "UNIT_PAGES_PER_PAGE = '20': expected"),
        ("UNIT_PAGES_URL", {"vi": "don-vi/{key}/"}, "mapping each of 'vi', 'en'"),
        (
            "UNIT_PAGES_URL",
            {"vi": "/don-vi/{key}/", "en": "en/{key}/"},
            "UNIT_PAGES_URL['vi'] = '/don-vi/{key}/': expected a site-relative URL "
            "without a leading '/'",
        ),
        (
            "UNIT_PAGES_URL",
            {"vi": "don-vi/", "en": "en/{key}/"},
            "UNIT_PAGES_URL['vi'] = 'don-vi/': expected a URL containing {key}",
        ),
        (
            "UNIT_PAGES_YEAR_URL",
            {"vi": "{key}/{yr}/", "en": "{key}/{year}/"},
            "expected a URL using only {key}, {year}",
        ),
    ],
)
def test_bad_settings_are_reported_with_their_name_and_value(name, value, message):
    with pytest.raises(SettingsError) as error:
        UnitPagesSettings.from_pelican({name: value})
    assert message in str(error.value)
    assert name in str(error.value)


def test_the_flattened_tree_opens_and_closes_every_level():
    registry = _registry()
    registry.add_unit(Unit("party", "Quận ủy", kind="party"))
    posts = [
        _post("a", 1, registry, "east"),
        _post("b", 2, registry, "west"),
        _post("c", 3, registry, "party"),
    ]
    index = build_unit_index(posts, registry)
    rows = flatten_tree(index.tree("vi"))
    # A Party committee is a partner, listed apart, not a root of the tree.
    assert [(r.unit.key, r.depth, r.has_children, r.closes) for r in rows] == [
        ("centre", 0, True, 0),
        ("province", 1, True, 0),
        ("east", 2, False, 0),
        ("west", 2, False, 2),
    ]
    assert [node.unit.key for node in index.partners("vi")] == ["party"]


def test_units_without_a_published_post_are_left_out_of_every_list():
    registry = _registry()
    registry.add_unit(Unit("party", "Quận ủy", kind="party"))
    index = build_unit_index([_post("a", 1, registry, "east")], registry)
    rows = flatten_tree(index.tree("vi"))
    assert [(r.unit.key, r.count) for r in rows] == [
        ("centre", 1),
        ("province", 1),
        ("east", 1),
    ]
    assert [node.unit.key for node in index.sub_units("province", "vi")] == ["east"]
    assert not index.has_page("west") and not index.has_page("party")


def test_a_year_archive_groups_by_month_and_marks_sub_units(directory):
    page = directory.page("/en/units/tinh-doan-quang-ninh/2023/")
    months = [h.get_text(strip=True) for h in page.select("main section h2")]
    assert months[:2] == ["July 2023", "June 2023"]
    items = page.select(".unit-year__item")
    assert len(items) == 8  # generated posts 16 to 23 fall in 2023
    assert all(
        item.select_one(".unit-post__via").get_text(strip=True)
        == "Co To District Youth Union"
        for item in items
    )
    untranslated = [i for i in items if i.select_one(".badge")]
    assert len(untranslated) == 4
    assert all(i.select_one(".unit-year__title")["lang"] == "vi" for i in untranslated)
    current = page.select_one('.unit-page__year-nav [aria-current="page"]')
    assert current.get_text() == "2023"
