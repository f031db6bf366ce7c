"""Units as real posts name them: generic names, kinds, and units that change.

Issue 15: a generic name ("Huyện đoàn") is resolved only by the post's other
units, else refused with its candidates; partners are listed apart from the
Youth Union tree; a unit's history (names by date, end, successor) shows on
its page and on its posts, and roll-ups follow it.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import fastjsonschema
import pytest

from bilingual.roles import RoleComposer
from content_model.frontmatter import load_yaml
from content_model.json_schema import UNITS_OUTPUT, render, units_schema
from content_model.model import resolve_original
from content_model.registry import read_registry
from newsroom.post import NewsPost
from search_index.documents import document_for
from tests.content_sites import check
from tests.sitebuild import NO_SEARCH, build, copy_content

# Units added to the tests' site: two provinces with a "Huyện đoàn" each, and
# Tân Bình's wards 2 and 3, merged on 1 July 2025 into the new Tân Sơn Hòa ward.
EXTRA_UNITS = """
- key: thanh-doan-hai-phong
  name: Thành đoàn Hải Phòng
  name_en: Hai Phong City Youth Union
  kind: province
  parent: trung-uong-doan

- key: huyen-doan-vinh-bao
  name: Huyện đoàn Vĩnh Bảo
  name_en: Vinh Bao District Youth Union
  short: Huyện đoàn
  kind: district
  parent: thanh-doan-hai-phong
  ended: 2025-06-30

- key: tinh-doan-nghe-an
  name: Tỉnh đoàn Nghệ An
  name_en: Nghe An Provincial Youth Union
  kind: province
  parent: trung-uong-doan

- key: huyen-doan-nam-dan
  name: Huyện đoàn Nam Đàn
  name_en: Nam Dan District Youth Union
  short: Huyện đoàn
  kind: district
  parent: tinh-doan-nghe-an
  ended: 2025-06-30

- key: doan-phuong-2-quan-tan-binh
  name: Đoàn phường 2 quận Tân Bình
  name_en: Ward 2 Youth Union, Tan Binh
  kind: ward
  parent: quan-doan-tan-binh
  names:
    - {name: Chi đoàn phường 2, name_en: Ward 2 Youth Union Branch, until: 2019-12-31}
  ended: 2025-06-30
  merged_into: doan-phuong-tan-son-hoa

- key: doan-phuong-tan-son-hoa
  name: Đoàn phường Tân Sơn Hòa
  name_en: Tan Son Hoa Ward Youth Union
  kind: ward
  parent: thanh-doan-tp-hcm
  founded: 2025-07-01
  predecessors: [doan-phuong-2-quan-tan-binh]

- key: ubnd-phuong-tan-son-hoa
  name: UBND phường Tân Sơn Hòa
  name_en: Tan Son Hoa Ward People's Committee
  kind: agency
"""

POST = """---
title: {title}
date: {date}
slug: {slug}
lang: vi
summary: Tin thử.
event:
  organizer: {organizer}
units: [{units}]
{extra}---
Nội dung.
"""


def write_post(content: Path, slug: str, extra: str = "", **facts: str) -> Path:
    """Write a Vietnamese post under ``content/posts/cases/``; return its path."""
    folder = content / "posts" / "cases"
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{slug}.md"
    text = POST.format(slug=slug, title=f"Tin {slug}", extra=extra, **facts)
    path.write_text(text, encoding="utf-8")
    return path


def site_with_history(destination: Path) -> Path:
    """Return the tests' site with the extra units and a few real-shaped posts."""
    content = copy_content(destination)
    units = content / "data" / "units.yml"
    units.write_text(units.read_text(encoding="utf-8") + EXTRA_UNITS, "utf-8")
    write_post(
        content,
        "dai-hoi-nam-dan",
        date="2022-03-10 08:00",
        organizer="Huyện đoàn",  # generic: the post's own province says which
        units="Tỉnh đoàn Nghệ An",
    )
    write_post(
        content,
        "phuong-2-2019",
        date="2019-05-04 08:00",
        organizer="Đoàn phường 2 quận Tân Bình",
        units="Quận Đoàn Tân Bình",
    )
    write_post(
        content,
        "phuong-2-2024",
        date="2024-05-04 08:00",
        organizer="Đoàn phường 2 quận Tân Bình",
        units="Quận Đoàn Tân Bình",
    )
    write_post(
        content,
        "dai-hoi-tan-son-hoa",
        date="2025-09-20 08:00",
        organizer="Đoàn phường Tân Sơn Hòa",
        units="UBND phường Tân Sơn Hòa",
    )
    return content


@pytest.fixture(scope="module")
def history_site(tmp_path_factory):
    """Build the site with unit history once for this module."""
    root = tmp_path_factory.mktemp("history")
    content = site_with_history(root / "content")
    result = build(content, root / "output", extra=NO_SEARCH)
    assert result.returncode == 0, result.log
    return result


def one_post_check(tmp_path: Path, extra: str = "", **facts: str) -> list[str]:
    """Check the history site plus one post ``case``; return the case's lines."""
    content = site_with_history(tmp_path / "content")
    write_post(content, "case", extra, **facts)
    _code, lines = check(content)
    return [line for line in lines if "posts/cases/case.md" in line]


# --- rule 1: generic names ---------------------------------------------------


def test_a_generic_name_is_resolved_by_the_posts_other_units(history_site):
    page = history_site.page("/2022/03/dai-hoi-nam-dan/")
    organizer = page.select_one(".event-card dd a[href*='/don-vi/']")
    assert organizer["href"].endswith("/don-vi/huyen-doan-nam-dan/")
    assert "vinh-bao" not in str(page)


def test_a_generic_name_without_context_is_refused_with_its_candidates(tmp_path):
    lines = one_post_check(
        tmp_path,
        date="2022-03-10 08:00",
        organizer="Huyện đoàn",
        units="Trung ương Đoàn TNCS Hồ Chí Minh",
    )
    assert lines == [
        "posts/cases/case.md:8: [error] event.organizer: "
        '"Huyện đoàn" could mean 2 units: huyen-doan-vinh-bao ("Huyện đoàn Vĩnh '
        'Bảo"); huyen-doan-nam-dan ("Huyện đoàn Nam Đàn"); write the key or the '
        "full name of the one you mean"
    ]


def test_a_generic_name_registered_once_is_still_not_guessed(tmp_path):
    # Only Tân Bình registers "Quận Đoàn": a Quảng Ninh post must not get it.
    lines = one_post_check(
        tmp_path,
        date="2022-03-10 08:00",
        organizer="Quận Đoàn",
        units="Tỉnh đoàn Quảng Ninh",
    )
    assert lines == [
        "posts/cases/case.md:8: [error] event.organizer: "
        '"Quận Đoàn" is a generic name and no other unit of this post shows which '
        'one it means: write the key or the full name (quan-doan-tan-binh ("Quận '
        'Đoàn Tân Bình")), or add your own unit to content/data/units.yml'
    ]


def test_a_short_name_shared_by_siblings_is_refused_at_its_short_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "units.yml").write_text(
        "- key: thanh-doan-hai-phong\n  name: Thành đoàn Hải Phòng\n"
        "- key: huyen-doan-vinh-bao\n  name: Huyện đoàn Vĩnh Bảo\n"
        "  short: Huyện đoàn\n  parent: thanh-doan-hai-phong\n"
        "- key: huyen-doan-tien-lang\n  name: Huyện đoàn Tiên Lãng\n"
        "  parent: thanh-doan-hai-phong\n  short: Huyện Đoàn\n",
        encoding="utf-8",
    )
    (data / "people.yml").write_text("", encoding="utf-8")
    (data / "glossary.yml").write_text("", encoding="utf-8")
    _registry, problems = read_registry(data, tmp_path)
    assert [str(p) for p in problems] == [
        'data/units.yml:10: [error] short: "huyện đoàn" also names '
        '"huyen-doan-vinh-bao" (line 3), under the same parent '
        '"thanh-doan-hai-phong": a short or generic name must be unique within '
        "its parent; remove it here or write the place into it"
    ]


# --- rule 7: suggestions -----------------------------------------------------


@pytest.mark.parametrize(
    ("written", "suggested"),
    [
        ("T.Ư Đoàn", '"Trung ương Đoàn" (trung-uong-doan)'),
        ("TW Đoàn", '"Trung ương Đoàn" (trung-uong-doan)'),
        ("Thành đoàn TP HCM", '"Thành đoàn TP. Hồ Chí Minh" (thanh-doan-tp-hcm)'),
    ],
)
def test_an_abbreviated_unit_is_suggested_written_out(tmp_path, written, suggested):
    lines = one_post_check(
        tmp_path, date="2022-03-10 08:00", organizer=written, units="Tỉnh đoàn Nghệ An"
    )
    assert lines == [
        f'posts/cases/case.md:8: [error] event.organizer: unknown unit "{written}"; '
        f"did you mean {suggested}?"
    ]


# --- units change over time --------------------------------------------------


def test_a_post_after_its_unit_ended_is_an_error(tmp_path):
    lines = one_post_check(
        tmp_path,
        date="2025-08-15 08:00",
        organizer="Quận Đoàn Tân Bình",
        units="Thành đoàn TP. Hồ Chí Minh",
    )
    assert lines == [
        'posts/cases/case.md:8: [error] event.organizer: "Quận Đoàn Tân Bình" '
        "ended on 30/06/2025, but this post's event is on 15/08/2025: check the "
        "date and the unit, or say why the post names it in 'units_note:'"
    ]


def test_units_note_explains_a_look_back(tmp_path):
    lines = one_post_check(
        tmp_path,
        "units_note: Nhìn lại 5 năm hoạt động của Quận Đoàn Tân Bình.\n",
        date="2025-08-15 08:00",
        organizer="Quận Đoàn Tân Bình",
        units="Thành đoàn TP. Hồ Chí Minh",
    )
    assert lines == []


def test_a_post_before_its_unit_was_founded_names_the_successor(tmp_path):
    lines = one_post_check(
        tmp_path,
        date="2025-03-01 08:00",
        organizer="Đoàn phường 2 quận Tân Bình",
        units="Đoàn phường Tân Sơn Hòa",
    )
    assert lines == [
        'posts/cases/case.md:9: [error] units[1]: "Đoàn phường Tân Sơn Hòa" was '
        "founded on 01/07/2025, but this post's event is on 01/03/2025: check the "
        "date and the unit, or say why the post names it in 'units_note:'"
    ]


def test_a_role_naming_an_ended_unit_is_a_notice(tmp_path):
    speaker = (
        "speakers:\n  - name: Phan Lê Huy Hoàng\n    role: Bí thư Quận Đoàn Tân Bình\n"
    )
    lines = one_post_check(
        tmp_path,
        speaker,
        date="2025-09-01 08:00",
        organizer="Thành đoàn TP. Hồ Chí Minh",
        units="Thành đoàn TP. Hồ Chí Minh",
    )
    assert lines == [
        "posts/cases/case.md:12: [notice] speakers[1].role: the role names "
        '"Quận Đoàn Tân Bình", which ended on 30/06/2025, before this event: if '
        "it is a former role, write it as such (nguyên …)"
    ]


def test_a_post_shows_the_name_in_force_on_its_day(history_site):
    old = history_site.page("/2019/05/phuong-2-2019/")
    later = history_site.page("/2024/05/phuong-2-2024/")
    assert old.select_one(".event-card dd a").get_text(" ", strip=True) == (
        "Chi đoàn phường 2 (đến 31/12/2019)"
    )
    assert later.select_one(".event-card dd a").get_text(" ", strip=True) == (
        "Đoàn phường 2 quận Tân Bình (đến 30/06/2025)"
    )
    english = history_site.page("/en/units/doan-phuong-2-quan-tan-binh/")
    steps = [li.get_text(" ", strip=True) for li in english.select(".unit-timeline li")]
    assert steps[0] == "Ward 2 Youth Union Branch (until 31 December 2019)"


def test_a_merged_units_page_shows_its_timeline_and_successor(history_site):
    page = history_site.page("/don-vi/doan-phuong-2-quan-tan-binh/")
    steps = [li.get_text(" ", strip=True) for li in page.select(".unit-timeline li")]
    assert steps == [
        "Chi đoàn phường 2 (đến 31/12/2019)",
        "Đoàn phường 2 quận Tân Bình (từ 01/01/2020 đến 30/06/2025)",
        "Kết thúc hoạt động ngày 30/06/2025",
    ]
    after = page.select_one(".unit-timeline__after")
    assert after["href"].endswith("/don-vi/doan-phuong-tan-son-hoa/")
    assert "sáp nhập" in after.parent.get_text(" ")


def test_the_successor_lists_its_predecessors_posts(history_site):
    page = history_site.page("/don-vi/doan-phuong-tan-son-hoa/")
    before = page.select_one(".unit-timeline__before")
    assert before["href"].endswith("/don-vi/doan-phuong-2-quan-tan-binh/")
    listed = [a["href"] for a in page.select(".post-summary__title a")]
    assert [url.split("/")[-2] for url in listed] == [
        "dai-hoi-tan-son-hoa",
        "phuong-2-2024",
        "phuong-2-2019",
    ]
    # The predecessor's own page keeps only its own posts.
    own = history_site.page("/don-vi/doan-phuong-2-quan-tan-binh/")
    assert len(own.select(".post-summary__title a")) == 2


def test_partners_are_listed_apart_from_the_youth_union_tree(history_site):
    page = history_site.page("/don-vi/")
    tree = [a["href"].split("/")[-2] for a in page.select(".unit-tree a")]
    partners = [a["href"].split("/")[-2] for a in page.select(".unit-partners a")]
    assert partners == ["ubnd-phuong-tan-son-hoa", "quan-uy-tan-binh"]
    assert tree[0] == "trung-uong-doan"
    assert not set(partners) & set(tree)
    top = [a["href"].split("/")[-2] for a in page.select(".unit-tree > li > a")]
    assert top == ["trung-uong-doan"]


# --- the registry schema -----------------------------------------------------


def test_the_units_schema_is_current_and_accepts_a_registry_with_history(tmp_path):
    assert UNITS_OUTPUT.read_text("utf-8") == render(units_schema())
    validate = fastjsonschema.compile(units_schema(), use_default=False)
    content = site_with_history(tmp_path / "content")
    units, _lines, _ = load_yaml(
        (content / "data" / "units.yml").read_text("utf-8"), "units.yml"
    )
    validate(units)
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate([{"key": "x", "name": "X", "kind": "city"}])


@pytest.mark.parametrize("follow", [True, False])
def test_the_search_filter_follows_history_as_the_setting_says(tmp_path, follow):
    content = site_with_history(tmp_path / "content")
    registry, problems = read_registry(content / "data", content)
    assert problems == []
    day = datetime(2024, 5, 4, 8, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    post = SimpleNamespace(
        metadata={"frontmatter": {"units": ["Đoàn phường 2 quận Tân Bình"]}},
        source_path="posts/x.md",
        date=day,
    )
    facts, problems = resolve_original(
        post, registry, content, "Asia/Ho_Chi_Minh", follow_history=follow
    )
    assert problems == []
    news = NewsPost()
    news.set_facts(facts)
    page = SimpleNamespace(
        lang="vi",
        url="2024/05/x/",
        save_as="2024/05/x/index.html",
        title="Tin",
        date=day,
        summary="Tin.",
        content="<p>Tin.</p>",
        news=news,
    )
    keys = document_for(page, registry.ancestors).filters["unit"]
    own = [
        "trung-uong-doan",
        "thanh-doan-tp-hcm",
        "quan-doan-tan-binh",
        "doan-phuong-2-quan-tan-binh",
    ]
    assert keys == ([*own, "doan-phuong-tan-son-hoa"] if follow else own)


def test_the_tree_marks_the_units_that_ended(history_site):
    page = history_site.page("/don-vi/")
    link = page.select_one(".unit-tree a[href$='/don-vi/quan-doan-tan-binh/']")
    mark = link.find_next_sibling("span", class_="unit-name__until")
    assert mark.get_text(strip=True) == "(đến 30/06/2025)"
    ongoing = page.select_one(".unit-tree a[href$='/don-vi/thanh-doan-tp-hcm/']")
    assert ongoing.find_next_sibling("span").get("class") != ["unit-name__until"]


def test_history_mistakes_are_reported_each_at_its_line(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "units.yml").write_text(
        "- key: quan-doan-1\n  name: Quận Đoàn 1\n"  # 1
        "  successor: quan-doan-2\n"  # 3: no ended
        "- key: quan-doan-2\n  name: Quận Đoàn 2\n"  # 4
        "  ended: 31/06/2025\n"  # 6: no such day
        "  merged_into: quan-doan-9\n"  # 7: unknown
        "- key: doan-phuong-ben-nghe\n  name: Đoàn phường Bến Nghé\n"  # 8
        "  names:\n    - {name: Đoàn phường 1, untl: 2019-12-31}\n"  # 11: typo
        "  predecessors: [quan-doan-1]\n"  # 12: quan-doan-1 names another
        "- key: chi-doan-khu-pho-3\n  name: Chi đoàn khu phố 3\n"  # 13
        "  names:\n    - name: Chi đoàn khu phố III\n"
        "      from: 2020-01-01\n      until: 2019-01-01\n",  # 18: before from
        encoding="utf-8",
    )
    (data / "people.yml").write_text("", encoding="utf-8")
    (data / "glossary.yml").write_text("", encoding="utf-8")
    _registry, problems = read_registry(data, tmp_path)
    assert sorted(str(p) for p in problems) == [
        "data/units.yml:11: [error] names[1].untl: unknown field (fields: name, "
        "name_en, from, until)",
        'data/units.yml:12: [error] predecessors[1]: "quan-doan-1" names '
        '"quan-doan-2" as its successor, not this unit: correct one of the two',
        "data/units.yml:18: [error] names[1].until: ends before it starts",
        "data/units.yml:3: [error] successor: a unit with a successor has ended: "
        "add 'ended:' with its last day (2025-06-30)",
        'data/units.yml:6: [error] ended: "31/06/2025" is not a date: write '
        "2025-06-30 or 30/06/2025",
        "data/units.yml:7: [error] merged_into: a unit with a successor has ended: "
        "add 'ended:' with its last day (2025-06-30)",
        'data/units.yml:7: [error] merged_into: unknown unit "quan-doan-9": write '
        "the key of a unit in units.yml",
    ]


def test_a_post_without_a_date_is_not_checked_against_unit_lifetimes(tmp_path):
    lines = one_post_check(
        tmp_path,
        date="''",
        organizer="Quận Đoàn Tân Bình",
        units="Thành đoàn TP. Hồ Chí Minh",
    )
    assert [line for line in lines if "ended" in line or "founded" in line] == []
    assert any("date" in line for line in lines)


def test_a_role_under_a_former_name_gets_that_names_english(tmp_path):
    content = site_with_history(tmp_path / "content")
    registry, _problems = read_registry(content / "data", content)
    reading = RoleComposer.from_registry(registry).read("Bí thư Chi đoàn phường 2")
    assert reading.english == "Secretary of the Ward 2 Youth Union Branch"
