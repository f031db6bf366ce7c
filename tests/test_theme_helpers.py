"""The theme plugins' pure helpers: JSON-LD, chronology, topics, home sections."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone

import pytest

from archives import by_topic, by_year_and_month, neighbours, unit_sections
from content_model.registry import Registry, Unit
from newsroom.post import NewsPost
from social_meta import event_data, script_json
from social_meta.jsonld import headline

ICT = timezone(timedelta(hours=7))


@dataclass
class FakeEvent:
    """An event as the content model resolves it."""

    date: date
    time: str | None = None
    place: str | None = None
    organizer: Unit | None = None


@dataclass
class FakePost:
    """The attributes of a post the helpers read."""

    slug: str
    date: datetime
    title: str = "Tiêu đề"
    units: list = field(default_factory=list)
    tags: list = field(default_factory=list)
    event: FakeEvent | None = None
    original: object = None

    @property
    def news(self) -> NewsPost:
        """The typed post, as the content model fills it."""
        return NewsPost(event=self.event, units=self.units, original=self.original)


def post(slug: str, day: str, **kwargs) -> FakePost:
    """Return a post published at 08:00 on ``day`` (YYYY-MM-DD), Vietnam time."""
    year, month, dom = (int(part) for part in day.split("-"))
    return FakePost(slug, datetime(year, month, dom, 8, tzinfo=ICT), **kwargs)


@pytest.fixture
def registry() -> Registry:
    """Return a small tree: city > district > ward, and a Party body."""
    registry = Registry()
    for unit in (
        Unit("thanh-doan", "Thành đoàn", kind="province"),
        Unit("quan-doan", "Quận Đoàn", kind="district", parent="thanh-doan"),
        Unit("doan-phuong", "Đoàn phường", kind="ward", parent="quan-doan"),
        Unit("quan-uy", "Quận ủy", kind="party"),
    ):
        registry.add_unit(unit)
    return registry


def test_headline_is_cut_at_a_word_within_110_characters():
    title = "Hội nghị " + "giao ban công tác Đoàn " * 10
    cut = headline(title)
    assert len(cut) <= 110 and cut.endswith("…")
    assert title.startswith(cut[:-1])
    # A title is plain text: kept as written, whitespace collapsed.
    assert headline("Ngắn &amp;  <em>gọn</em>") == "Ngắn &amp; <em>gọn</em>"


@pytest.mark.parametrize(
    ("time", "start"),
    [
        (None, "2021-04-06"),
        ("afternoon", "2021-04-06"),
        ("14:30", "2021-04-06T14:30:00+07:00"),
    ],
)
def test_event_start_has_the_clock_time_and_offset_when_known(time, start):
    unit = Unit("quan-doan", "Quận Đoàn", name_en="District Youth Union")
    item = post("a", "2021-04-06", event=FakeEvent(date(2021, 4, 6), time, None, unit))
    data = event_data(item, "en", lambda key: f"https://x.example/en/units/{key}/")
    assert data["startDate"] == start
    assert data["organizer"] == {
        "@type": "Organization",
        "name": "District Youth Union",
        "url": "https://x.example/en/units/quan-doan/",
    }
    # Without a place, the organiser names the location.
    assert data["location"]["name"] == "District Youth Union"


def test_script_json_cannot_close_its_script_element():
    text = script_json({"headline": "</script><script>alert(1)</script> <!--"})
    assert "</script" not in text and "<!--" not in text
    assert json.loads(text)["headline"].startswith("</script>")


def test_posts_group_by_year_then_month_newest_first():
    posts = [post("a", "2020-11-27"), post("b", "2021-04-06"), post("c", "2020-12-18")]
    years = by_year_and_month(posts)
    assert [(y.number, [m.number for m in y.months], y.count) for y in years] == [
        (2021, [4], 1),
        (2020, [12, 11], 2),
    ]


def test_neighbours_are_older_and_newer_in_time():
    first, second, third = (
        post("a", "2020-11-27"),
        post("b", "2020-12-18"),
        post("c", "2021-04-06"),
    )
    found = neighbours([third, first, second])
    assert found[id(second)] == (first, third)
    assert found[id(first)] == (None, second)
    assert found[id(third)] == (second, None)


def test_topics_use_ascii_slugs_and_the_original_tags():
    original = post("a", "2020-12-18", tags=["Giao ban", "Đối thoại"])
    translation = post("a", "2020-12-18", original=original)
    topics = by_topic([translation])
    assert [(t.slug, t.name) for t in topics] == [
        ("doi-thoai", "Đối thoại"),
        ("giao-ban", "Giao ban"),
    ]
    assert topics[0].posts == [translation]


def test_home_shows_the_units_with_the_newest_posts_and_pinned_ones_first(registry):
    units = registry.units
    posts = [
        post(
            "ward",
            "2021-05-01",
            units=[units["doan-phuong"]],
            event=FakeEvent(date(2021, 5, 1), organizer=units["doan-phuong"]),
        ),
        post(
            "party",
            "2021-04-01",
            units=[units["quan-uy"], units["thanh-doan"]],
            event=FakeEvent(date(2021, 4, 1), organizer=units["quan-doan"]),
        ),
        post("older", "2021-03-01", units=[units["quan-uy"]]),
        post("oldest", "2020-01-01", units=[units["thanh-doan"]]),
    ]
    # Every unit a post names or that organised its event, of any kind, by
    # its newest post: a ward with the newest post is not left out.
    sections = unit_sections(posts, sections=3)
    assert [(s.unit.key, [p.slug for p in s.posts]) for s in sections] == [
        ("doan-phuong", ["ward"]),
        ("quan-uy", ["party", "older"]),
        ("thanh-doan", ["party", "oldest"]),
    ]
    # Pinned units come first, in the setting's order; the rest fill up.
    pinned = unit_sections(
        posts, sections=3, per_unit=1, pinned=("quan-doan", "thanh-doan", "nope")
    )
    assert [(s.unit.key, [p.slug for p in s.posts]) for s in pinned] == [
        ("quan-doan", ["party"]),
        ("thanh-doan", ["party"]),
        ("doan-phuong", ["ward"]),
    ]
    # Kinds narrow the units when a site wants only some levels.
    major = unit_sections(posts, kinds=("province", "district"))
    assert [s.unit.key for s in major] == ["thanh-doan", "quan-doan"]
