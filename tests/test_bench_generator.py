"""Tests for the benchmark's archive generator and its stock-Pelican copy."""

from __future__ import annotations

import copy
import re
import unicodedata
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from PIL import Image

from bench.generate import (
    ArchiveStats,
    generate_archive,
    split_front_matter,
    write_stock_copy,
)
from bench.growth import first_nonlinear, trends
from bench.growth import render as render_growth
from bench.measure import all_stage_times, parse_stage_times
from bench.prose import count_words
from bench.shape import ARCHIVE
from bench.slugs import slugify

POSTS = 50
REQUIRED = ("title", "date", "slug", "lang", "event", "units", "speakers")
REQUIRED += ("attendees", "signature", "tags")
DATE = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$")


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> ArchiveStats:
    """Generate one 50-post archive for the whole module."""
    return generate_archive(tmp_path_factory.mktemp("archive"), POSTS)


def _files(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _registry(archive: ArchiveStats, name: str) -> list[dict]:
    text = (archive.root / "content" / "data" / name).read_text("utf-8")
    return yaml.safe_load(text)


def _depths(units: list[dict]) -> dict[str, int]:
    """Return each unit's level in the tree: 1 for a root, 2 below it…"""
    by_key = {unit["key"]: unit for unit in units}
    depth = {}
    for unit in units:
        level, parent = 1, unit.get("parent")
        while parent:
            level, parent = level + 1, by_key[parent].get("parent")
        depth[unit["key"]] = level
    return depth


def _posts(
    archive: ArchiveStats, english: bool = False
) -> list[tuple[Path, dict, str]]:
    posts = []
    for path in sorted((archive.root / "content" / "posts").rglob("*.md")):
        if path.name.endswith(".en.md") == english:
            front, body = split_front_matter(path.read_text("utf-8"))
            posts.append((path, front, body))
    return posts


def _without_tone(letter: str) -> str:
    """Return the letter without its tone mark: Ổ → Ô, Ứ → Ư."""
    tones = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
    decomposed = unicodedata.normalize("NFD", letter)
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if c not in tones)
    )


def _labels(entries: list[dict]) -> dict[str, str]:
    """Map every key, name and alias of a registry to the entry's key."""
    labels = {}
    for entry in entries:
        for label in (entry["key"], entry["name"], *entry.get("aliases", ())):
            labels[label] = entry["key"]
    return labels


def test_same_seed_writes_byte_identical_files(tmp_path: Path) -> None:
    generate_archive(tmp_path / "one", 20, photos=1, photo_size=(64, 48))
    generate_archive(tmp_path / "two", 20, photos=1, photo_size=(64, 48))
    one, two = _files(tmp_path / "one"), _files(tmp_path / "two")
    assert list(one) == list(two)
    assert one == two


def test_another_seed_writes_another_archive(tmp_path: Path) -> None:
    generate_archive(tmp_path / "one", 20, seed=1)
    generate_archive(tmp_path / "two", 20, seed=2)
    assert _files(tmp_path / "one") != _files(tmp_path / "two")


def test_refuses_to_write_into_existing_content(tmp_path: Path) -> None:
    (tmp_path / "content").mkdir()
    (tmp_path / "content" / "keep.md").write_text("mine")
    with pytest.raises(FileExistsError):
        generate_archive(tmp_path, 5)


def test_every_original_has_the_required_front_matter(archive: ArchiveStats) -> None:
    posts = _posts(archive)
    assert len(posts) == POSTS == archive.posts
    for path, front, _body in posts:
        missing = [key for key in REQUIRED if key not in front]
        assert not missing, f"{path.name}: missing {missing}"
        assert front["lang"] == "vi"
        assert DATE.match(front["date"]), front["date"]
        assert 2015 <= int(front["date"][:4]) <= 2026
        assert path.parent.name == front["date"][:4]
        assert path.name == f"{front['slug']}.md"
        assert 1 <= len(front["units"]) <= 3
        assert 1 <= len(front["speakers"]) <= 4
        assert 1 <= len(front["attendees"]) <= 3
        assert front["event"]["organizer"]
        assert front["event"].get("time", "morning") in (
            "morning",
            "afternoon",
            "evening",
        ) or re.match(r"^\d{2}:\d{2}$", front["event"]["time"])
        title = front["title"]
        assert title[0].isupper() and title != title.title(), title


def test_dates_spread_over_the_years(archive: ArchiveStats) -> None:
    years = {front["date"][:4] for _path, front, _body in _posts(archive)}
    assert {"2015", "2026"} <= years
    assert len(years) >= 10


def test_references_resolve_in_the_registries(archive: ArchiveStats) -> None:
    units = _labels(_registry(archive, "units.yml"))
    people = _labels(_registry(archive, "people.yml"))
    for path, front, _body in _posts(archive):
        cited = {units[label] for label in front["units"]}
        assert front["event"]["organizer"] in units, path.name
        assert units[front["event"]["organizer"]] in cited
        for speaker in front["speakers"]:
            assert speaker["name"] in people, (path.name, speaker["name"])
            assert units[speaker["unit"]] in cited, (path.name, speaker["unit"])
            assert speaker.get("part", "speaker") in ("chair", "speaker", "guest")


def test_speakers_roles_follow_their_careers(archive: ArchiveStats) -> None:
    people = _labels(_registry(archive, "people.yml"))
    units = _labels(_registry(archive, "units.yml"))
    seen: dict[str, set[str]] = defaultdict(set)
    for path, front, _body in _posts(archive):
        day = front["event"].get("date") or date.fromisoformat(front["date"][:10])
        for speaker in front["speakers"]:
            key = people[speaker["name"]]
            spell = archive.careers[key].spell_on(day)
            assert spell is not None, (path.name, key, day)
            assert units[speaker["unit"]] == spell.unit
            assert speaker["role"] == ", ".join(part.vi for part in spell.role)
            seen[key].add(speaker["role"])
    assert any(len(roles) > 1 for roles in seen.values()), "no role ever changes"
    promoted = [p for p in archive.careers.values() if len(p.spells) > 1]
    assert len(promoted) > len(archive.careers) / 2


def test_about_seventy_percent_are_translated(archive: ArchiveStats) -> None:
    originals = {front["slug"]: front for _p, front, _b in _posts(archive)}
    translations = _posts(archive, english=True)
    assert len(translations) == round(POSTS * 0.7) == archive.translations
    for path, front, _body in translations:
        assert front["lang"] == "en"
        assert front["slug"] in originals
        assert path.name == f"{front['slug']}.en.md"
        assert front["title"] and front["summary"]
        assert not {"date", "event", "units", "speakers", "attendees"} & set(front)
        # English roles and captions keyed by speaker key and photo src.
        original = originals[front["slug"]]
        assert all(re.fullmatch(r"[a-z0-9-]+", key) for key in front.get("roles", {}))
        sources = {photo["src"] for photo in original.get("photos", [])}
        assert set(front.get("captions", {})) <= sources


def test_bodies_hold_400_to_800_words(archive: ArchiveStats) -> None:
    for english in (False, True):
        for path, _front, body in _posts(archive, english):
            assert 400 <= count_words(body) <= 800, path.name
    vietnamese = " ".join(body for _p, _f, body in _posts(archive))
    for word in ("đoàn viên", "thanh thiếu nhi", "tình nguyện", "Đoàn"):
        assert word in vietnamese


def test_units_form_a_three_level_hierarchy(archive: ArchiveStats) -> None:
    units = _registry(archive, "units.yml")
    assert 140 <= len(units) <= 170
    roots = [u for u in units if "parent" not in u]
    assert [u["name"] for u in roots] == ["Trung ương Đoàn TNCS Hồ Chí Minh"]
    depth = _depths(units)
    assert set(depth.values()) == {1, 2, 3}
    provinces = [u for u in units if depth[u["key"]] == 2]
    assert 10 <= len(provinces) <= 14
    assert all(u["name"].startswith(("Tỉnh đoàn ", "Thành đoàn ")) for u in provinces)
    assert any(u["name_en"].endswith(" Provincial Youth Union") for u in provinces)
    districts = [u for u in units if u["kind"] == "district"]
    prefixes = {u["name"].split()[0] for u in districts}
    assert prefixes == {"Huyện", "Quận", "Thị"}
    assert {"school", "agency"} <= {u["kind"] for u in units}
    for unit in units:
        assert unit["key"] == slugify(unit["name"]), unit["name"]
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", unit["key"])


def test_people_have_unique_vietnamese_names(archive: ArchiveStats) -> None:
    people = _registry(archive, "people.yml")
    assert 380 <= len(people) <= 400
    keys = [p["key"] for p in people]
    names = [p["name"] for p in people]
    assert len(set(keys)) == len(keys)
    assert len(set(names)) == len(names)
    assert all(p["key"] == slugify(p["name"]) for p in people)
    labels = [
        slugify(label) for p in people for label in (p["name"], *p.get("aliases", ()))
    ]
    assert len(set(labels)) == len(labels)
    given_initials = {_without_tone(name.split()[-1][0]) for name in names}
    assert {"Đ", "Ư", "Ê", "Ô"} <= given_initials
    families = {name.split()[0] for name in names}
    assert {"Nguyễn", "Trần", "Lê", "Đặng", "Huỳnh"} <= families


def test_glossary_translates_every_role_part(archive: ArchiveStats) -> None:
    glossary = _registry(archive, "glossary.yml")
    assert {entry["kind"] for entry in glossary} == {"title", "body", "phrase"}
    known = {entry["vi"] for entry in glossary}
    for person in archive.careers.values():
        for spell in person.spells:
            for part in spell.role:
                assert part.title[0] in known
                assert part.body is None or part.body[0] in known


def test_every_text_is_nfc(archive: ArchiveStats) -> None:
    for path in (archive.root / "content").rglob("*"):
        if path.suffix in (".md", ".yml"):
            text = path.read_text("utf-8")
            assert unicodedata.is_normalized("NFC", text), path.name


def test_no_slug_or_key_collides(archive: ArchiveStats) -> None:
    slugs = [front["slug"] for _p, front, _b in _posts(archive)]
    assert len(set(slugs)) == len(slugs)
    units = [u["key"] for u in _registry(archive, "units.yml")]
    assert len(set(units)) == len(units)
    names = [u["name"] for u in _registry(archive, "units.yml")]
    assert len(set(names)) == len(names)


def test_stock_copy_reads_with_stock_pelican(
    archive: ArchiveStats, tmp_path: Path
) -> None:
    from pelican.readers import MarkdownReader
    from pelican.settings import DEFAULT_CONFIG

    count = write_stock_copy(archive.root, tmp_path / "stock")
    assert count == archive.posts + archive.translations
    settings = copy.deepcopy(DEFAULT_CONFIG)
    settings["TIMEZONE"] = "Asia/Ho_Chi_Minh"
    reader = MarkdownReader(settings)
    _path, front, _body = _posts(archive)[0]
    relative = Path("posts") / front["date"][:4] / f"{front['slug']}.md"
    stock_path = tmp_path / "stock" / relative
    assert not stock_path.read_text("utf-8").startswith("---")
    content, meta = reader.read(str(stock_path))
    assert meta["title"] == front["title"]
    assert meta["slug"] == front["slug"]
    assert meta["lang"] == "vi"
    assert meta["date"] == datetime.strptime(front["date"], "%Y-%m-%d %H:%M")
    tags = [str(tag) for tag in meta["tags"]]
    units = {u["key"]: u["name"] for u in _registry(archive, "units.yml")}
    unit_names = set(units.values())
    assert set(front["tags"]) <= set(tags)
    assert any(tag in unit_names for tag in tags)
    people = {p["name"] for p in _registry(archive, "people.yml")}
    assert any(tag in people for tag in tags)
    assert "<p>" in content


def test_photos_are_jpegs_the_posts_point_to(tmp_path: Path) -> None:
    stats = generate_archive(tmp_path, 10, photos=2, photo_size=(400, 300))
    assert stats.photos == 2
    content = tmp_path / "content"
    sources = [
        photo["src"]
        for path in sorted((content / "posts").rglob("*.md"))
        if not path.name.endswith(".en.md")
        for photo in split_front_matter(path.read_text("utf-8"))[0].get("photos", ())
    ]
    assert len(sources) == 2
    for source in sources:
        assert re.fullmatch(r"photos/\d{4}/[a-z0-9-]+\.jpg", source)
        with Image.open(content / source) as image:
            assert image.format == "JPEG"
            assert image.size == (400, 300)
            assert image.getexif()


def test_stage_times_line_is_parsed() -> None:
    log = (
        "Done: Processed 10 articles\n"
        "stage-times: read=1.23 render=2.34 search=0.5 photos=0.0\n"
        "\x1b[2mstage-times: read=0.10 render=0.20\x1b[0m\n"
    )
    assert parse_stage_times(log) == {"read": 0.10, "render": 0.20}
    assert all_stage_times(log)[0]["search"] == 0.5
    assert parse_stage_times("no timings here") is None


@pytest.fixture(scope="module")
def real_shape(tmp_path_factory: pytest.TempPathFactory) -> ArchiveStats:
    """Generate a 60-post archive of the shape of a real province's (issue #22)."""
    return generate_archive(tmp_path_factory.mktemp("shape"), 60, shape=ARCHIVE)


def test_archive_shape_has_four_levels_of_151_units(real_shape: ArchiveStats) -> None:
    units = _registry(real_shape, "units.yml")
    depth = _depths(units)
    per_level = [sum(1 for d in depth.values() if d == n) for n in (1, 2, 3, 4)]
    assert per_level == [1, 10, 40, 100] and len(units) == 151
    wards = [u for u in units if depth[u["key"]] == 4]
    assert {u["kind"] for u in wards} == {"ward"}
    assert {u["name"].split()[1] for u in wards} == {"xã", "phường"}
    assert len(_registry(real_shape, "people.yml")) == 400
    glossary = {entry["vi"] for entry in _registry(real_shape, "glossary.yml")}
    assert {"Đoàn xã", "Đoàn phường"} <= glossary


def test_archive_shape_posts(real_shape: ArchiveStats) -> None:
    units = _labels(_registry(real_shape, "units.yml"))
    people = _labels(_registry(real_shape, "people.yml"))
    originals = _posts(real_shape)
    years = {front["date"][:4] for _path, front, _body in originals}
    assert min(years) == "2015" and max(years) == "2025" and len(years) >= 10
    for path, front, body in originals:
        assert 1 <= len(front["units"]) <= 3, path.name
        assert all(label in units for label in front["units"])
        assert 1 <= len(front["speakers"]) <= 4, path.name
        assert all(s["name"] in people for s in front["speakers"])
        assert 450 <= count_words(body) <= 650, path.name
    kinds = {units[label] for _p, front, _b in originals for label in front["units"]}
    assert any(key.startswith(("doan-xa-", "doan-phuong-")) for key in kinds)
    assert real_shape.translations == round(60 * 0.7)


def _report(posts: int, wall: float, read: float, render: float) -> dict:
    stages = {"read": read, "render": render}
    build = {"name": "ours", "status": "ok", "wall_s": wall, "stages": stages}
    return {"posts": posts, "builds": [build]}


def test_growth_extrapolates_and_names_the_stage_that_grows_fastest() -> None:
    reports = [
        _report(1000, 10.0, 4.0, 5.0),
        _report(4000, 40.0, 16.0, 20.0 * 1.2),  # render grows faster than linear
    ]
    found = {t.name: t for t in trends(reports, "ours", 100_000)}
    assert found["wall_s"].growth == pytest.approx(1.0)
    assert found["wall_s"].projected == pytest.approx(1000.0)
    assert found["stage render"].exponent > found["stage read"].exponent
    assert first_nonlinear(list(found.values())).name == "stage render"
    table = render_growth(reports, 100_000)
    assert "first to stop being linear: render" in table
