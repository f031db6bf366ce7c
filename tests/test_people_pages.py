"""People pages: role timelines, the alphabetical index, posts and pagination."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace
from urllib.parse import urlparse

import pytest

from content_model.model import Speaker
from content_model.registry import Person, Registry, Unit
from newsroom.post import NewsPost
from newsroom.settings import SettingsError
from people_pages.index import build_people_index
from people_pages.settings import PeoplePagesSettings
from tests.directory_site import GENERATED, directory_site

SEED_PEOPLE = [
    "phan-le-huy-hoang",
    "pham-thi-thanh",
    "hoang-van-hai",
    "la-thanh-tuan",
    "doan-long",
]
GIAO_BAN = "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"
DOI_THOAI = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
# By given name in Vietnamese order: d < đ < e; Hà < Hạ < Hải < Hoàng (tones,
# then letters); Ly < Lý; u < ư. "Đoàn Long" sorts under L, not Đ.
EXPECTED_ORDER = [
    "Đặng Văn Dũng",
    "Nguyễn Văn Dũng",
    "Trần Quốc Đạt",
    "Lê Thị Em",
    "Võ Thu Hà",
    "Đỗ Thị Hạ",
    "Hoàng Văn Hải",
    "Phan Lê Huy Hoàng",
    "Đoàn Long",
    "Trần Khánh Ly",
    "Lê Thị Lý",
    "Phạm Thị Thành",
    "La Thanh Tuấn",
    "Nguyễn Thị Út",
    "Trần Văn Ưng",
]


def person_page(lang: str, key: str) -> str:
    """Return the URL of a person's page in ``lang``."""
    return f"/en/people/{key}/" if lang == "en" else f"/nhan-vat/{key}/"


def timeline(page) -> list[tuple[str, list[str]]]:
    """Return the roles of a person's timeline with their displayed dates."""
    return [
        (
            item.select_one(".role-timeline__role").get_text(strip=True),
            [time.get_text(strip=True) for time in item.select("time")],
        )
        for item in page.select(".role-timeline__item")
    ]


@pytest.fixture(scope="module")
def directory(tmp_path_factory):
    """The real content plus test-only people and generated posts."""
    return directory_site(tmp_path_factory)


@pytest.mark.parametrize("key", SEED_PEOPLE)
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_seed_person_has_a_page_in_both_languages(site, key, lang):
    page = site.page(person_page(lang, key))
    assert page.html["lang"] == lang
    name = page.find("h1").get_text(strip=True)
    other = site.page(person_page("en" if lang == "vi" else "vi", key))
    assert other.find("h1").get_text(strip=True) == name  # names stay as written
    alternates = {
        link["hreflang"]: urlparse(link["href"]).path
        for link in page.head.select('link[rel="alternate"][hreflang]')
    }
    assert alternates == {
        "vi": person_page("vi", key),
        "en": person_page("en", key),
        "x-default": person_page("vi", key),
    }


def test_the_timeline_shows_both_roles_in_date_order(site):
    page = site.page("/nhan-vat/phan-le-huy-hoang/")
    assert page.find("h1").get_text(strip=True) == "Phan Lê Huy Hoàng"
    assert timeline(page) == [
        ("Quận ủy viên, Phó Bí thư Quận Đoàn", ["18/12/2020"]),
        ("Quận ủy viên, Bí thư Quận Đoàn Tân Bình", ["06/04/2021"]),
    ]
    units = [a["href"] for a in page.select(".role-timeline__unit a")]
    assert units == ["/don-vi/quan-doan-tan-binh/"] * 2


def test_the_english_timeline_shows_english_roles_in_date_order(site):
    roles = timeline(site.page("/en/people/phan-le-huy-hoang/"))
    assert [dates for _, dates in roles] == [["18 December 2020"], ["6 April 2021"]]
    assert "Deputy Secretary" in roles[0][0]
    assert "Secretary of the Tan Binh District Youth Union" in roles[1][0]


def test_a_person_page_lists_their_posts_newest_first_and_their_units(site):
    page = site.page("/nhan-vat/phan-le-huy-hoang/")
    posts = [a["href"] for a in page.select(".post-summary__title a")]
    assert posts == [DOI_THOAI, GIAO_BAN]
    units = [a["href"] for a in page.select(".person-page__units a")]
    assert units[0] == "/don-vi/quan-doan-tan-binh/"  # in both posts: first
    assert set(units) == {
        "/don-vi/quan-doan-tan-binh/",
        "/don-vi/quan-uy-tan-binh/",
        "/don-vi/thanh-doan-tp-hcm/",
    }
    english = site.page("/en/people/phan-le-huy-hoang/")
    assert [a["href"] for a in english.select(".post-summary__title a")] == [
        "/en" + DOI_THOAI,
        "/en" + GIAO_BAN,
    ]


def test_guests_have_pages_too(site):
    page = site.page("/nhan-vat/la-thanh-tuan/")  # a guest at the dialogue
    assert [a["href"] for a in page.select(".post-summary__title a")] == [DOI_THOAI]


def test_the_index_sorts_by_given_name_in_vietnamese_order(directory):
    for lang in ("vi", "en"):
        page = directory.page("/en/people/" if lang == "en" else "/nhan-vat/")
        assert page.html["lang"] == lang
        names = [n.get_text(strip=True) for n in page.select(".person__name")]
        assert [n for n in names if n in EXPECTED_ORDER] == EXPECTED_ORDER


def test_the_index_has_letter_headings_d_before_dd_before_e(directory):
    page = directory.page("/nhan-vat/")
    groups = {
        section.h2.get_text(strip=True): [
            n.get_text(strip=True) for n in section.select(".person__name")
        ]
        for section in page.select(".people-index__group")
    }
    letters = list(groups)
    assert letters.index("D") < letters.index("Đ") < letters.index("E")
    assert letters.index("U") < letters.index("Ư")
    assert letters[-1] == "Ư"  # Đ and Ư are letters of their own, not after Z
    assert groups["Đ"] == ["Trần Quốc Đạt"]
    assert "Đoàn Long" in groups["L"]
    assert groups["H"][:4] == [
        "Võ Thu Hà",
        "Đỗ Thị Hạ",
        "Hoàng Văn Hải",
        "Phan Lê Huy Hoàng",
    ]
    jump = [a["href"] for a in page.select(".people-index__letters a")]
    assert len(jump) == len(letters)
    for href in jump:
        assert page.find(id=href.lstrip("#"))


def test_the_index_links_people_and_shows_their_latest_role(directory):
    page = directory.page("/nhan-vat/")
    entries = {
        li.select_one(".person__name").get_text(strip=True): li
        for li in page.select(".people-index__person")
    }
    hoang = entries["Phan Lê Huy Hoàng"]
    assert hoang.select_one("a")["href"] == "/nhan-vat/phan-le-huy-hoang/"
    assert hoang.select_one(".person__role").get_text() == (
        "Quận ủy viên, Bí thư Quận Đoàn Tân Bình"
    )


def test_a_long_list_of_posts_is_paginated(directory):
    first = directory.page("/nhan-vat/hoang-van-hai/")
    assert len(first.select(".post-summary")) == 20
    assert first.head.select_one('link[rel="next"]')["href"] == (
        "/nhan-vat/hoang-van-hai/trang/2/"
    )
    second = directory.page("/nhan-vat/hoang-van-hai/trang/2/")
    assert len(second.select(".post-summary")) == GENERATED + 1 - 20
    assert second.head.select_one('link[rel="prev"]')["href"] == (
        "/nhan-vat/hoang-van-hai/"
    )
    assert not second.select(".role-timeline")  # the timeline is on page 1 only
    english = directory.page("/en/people/hoang-van-hai/page/2/")
    assert english.select_one('.pagination a[rel="prev"]')["href"] == (
        "/en/people/hoang-van-hai/"
    )


def test_a_role_change_starts_a_new_line_of_the_timeline(directory):
    roles = timeline(directory.page("/nhan-vat/hoang-van-hai/"))
    assert [role for role, _ in roles] == [
        "Phó Bí thư Thường trực Tỉnh đoàn, Trưởng Đoàn kiểm tra",
        "Phó Bí thư Thường trực Tỉnh đoàn",
        "Bí thư Tỉnh đoàn",
    ]
    assert roles[1][1] == ["10/01/2022", "17/09/2022"]  # first and last use


def test_english_pages_badge_posts_without_a_translation(directory):
    page = directory.page("/en/people/tran-khanh-ly/")
    title = page.select_one(".post-summary__title a")
    assert title["lang"] == "vi"
    assert title["href"] == "/2019/06/tinh-nguyen-cam-pha-2019/"
    assert page.select_one(".post-summary .badge").get_text(strip=True) == (
        "Vietnamese only"
    )


def test_roles_match_across_spelling_and_keep_their_latest_wording():
    registry = Registry()
    unit = Unit("quan-doan", "Quận Đoàn")
    registry.add_unit(unit)
    person = Person("a", "Nguyễn Văn A")
    registry.add_person(person)

    def post(slug, day, role):
        return SimpleNamespace(
            slug=slug,
            date=date(2024, 1, day),
            news=NewsPost(units=[unit], speakers=[Speaker(person, role, unit)]),
        )

    posts = [
        post("p1", 1, "Phó Bí thư Quận uỷ"),  # old tone-mark placement
        post("p2", 2, "phó bí thư quận ủy"),
        post("p3", 3, "Bí thư Quận ủy"),
    ]
    record = build_people_index(posts, registry).records["a"]
    spans = record.timeline()
    assert [(s.role, s.count) for s in spans] == [
        ("phó bí thư quận ủy", 2),
        ("Bí thư Quận ủy", 1),
    ]
    assert [p.slug for p in record.posts] == ["p3", "p2", "p1"]
    assert spans[0].first[0].slug == "p1" and spans[0].last[0].slug == "p2"


def test_the_index_lists_only_people_named_in_a_published_post():
    registry = Registry()
    unit = Unit("quan-doan", "Quận Đoàn")
    registry.add_unit(unit)
    named, unnamed = Person("a", "Nguyễn Văn A"), Person("b", "Trần Văn B")
    registry.add_person(named)
    registry.add_person(unnamed)
    post = SimpleNamespace(
        slug="p1",
        date=date(2024, 1, 1),
        news=NewsPost(units=[unit], speakers=[Speaker(named, "Bí thư", unit)]),
    )
    index = build_people_index([post], registry)
    assert index.alphabetical() == [("A", [named])]
    assert not index.has_page("b")


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        (
            "PEOPLE_PAGES_PER_PAGE",
            -1,
            "PEOPLE_PAGES_PER_PAGE = -1: expected a whole number from 1 up",
        ),
        (
            "PEOPLE_PAGES_URL",
            {"vi": "nhan-vat/", "en": "en/people/{key}/"},
            "PEOPLE_PAGES_URL['vi'] = 'nhan-vat/': expected a URL containing {key}",
        ),
        ("PEOPLE_PAGES_INDEX_URL", "nhan-vat/", "mapping each of 'vi', 'en'"),
    ],
)
def test_bad_settings_are_reported_with_their_name_and_value(name, value, message):
    with pytest.raises(SettingsError) as error:
        PeoplePagesSettings.from_pelican({name: value})
    assert message in str(error.value)
    assert name in str(error.value)
