"""The importer's machine interface on the seeds: every fact of seeds-expected found."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from importer.cli import main

from tests.sitebuild import CONTENT
from vietnamese import match_key

SEEDS = Path(__file__).parent / "fixtures" / "import_seeds"
KEYS = [
    "title",
    "date",
    "time",
    "place",
    "units",
    "people",
    "attendees",
    "signature",
    "uncertain",
]


def run_json(path: Path, content: Path = CONTENT) -> list[dict]:
    """Run ``python -m importer PATH --json`` in-process; return its JSON lines."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main([str(path), "--json", "--content", str(content)]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_facts_are_all_found(seed: Path) -> None:
    [got] = run_json(seed)
    expected = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    assert list(got) == KEYS
    assert match_key(got["title"]) == match_key(expected["title"])
    assert got["date"] == expected["date"]
    assert (
        got["time"]
        == {"sáng": "morning", "chiều": "afternoon", None: None}[
            expected["time_of_day"]
        ]
    )
    assert got["signature"] == expected["signature"]
    people = {match_key(p["name"]): p for p in got["people"]}
    assert set(people) == {match_key(p["name"]) for p in expected["people"]}
    for person in expected["people"]:
        found = people[match_key(person["name"])]
        assert match_key(found["unit"]) == match_key(person["unit"])
        written = person["role"].split(" (written ")[-1].strip("')")
        assert match_key(found["role"]).replace(",", ";") in {
            match_key(written).replace(",", ";"),
            match_key(person["role"]).replace(",", ";"),
        }
    named = {match_key(u) for u in got["units"]} | {
        match_key(p["unit"]) for p in got["people"] if p["unit"]
    }
    for unit in expected["units"]:
        name = unit.split(" (written as ")[0]
        if "(written as" in unit:
            name = f"{unit.split('written as ')[1].rstrip(')')} {name}"
        assert match_key(name) in named or any(
            match_key(name.replace("Đoàn Thanh niên", "Đoàn TN")) in n for n in named
        ), unit
    counted = {(a["count"]) for a in got["attendees"]}
    for group in expected["attendees"]:
        if group["count"] is not None:
            assert group["count"] in counted
    others = expected.get("other_figures", {})
    for value in others.values():
        if isinstance(value, int):
            assert value not in counted  # opinions, units honoured: not attendees


def test_several_posts_in_one_file_and_the_pinned_keys(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    joined = "\n---\n".join(p.read_text(encoding="utf-8") for p in seeds[:2])
    source = tmp_path / "two.txt"
    source.write_text(joined, encoding="utf-8")
    got = run_json(source)
    assert [g["date"] for g in got] == ["2020-12-18", "2021-04-06"]
    assert all(list(g) == KEYS for g in got)


def test_evaluation_meets_the_targets() -> None:
    """Precision ≥ 0.95 and recall ≥ 0.85 on the labelled posts (and seeds)."""
    from content_model.registry import load_registry
    from importer.evaluate import REGISTRY, evaluate, labelled_posts

    assert len(labelled_posts()) >= 33
    overall = evaluate(load_registry(REGISTRY)).overall
    assert overall.precision >= 0.95, overall
    assert overall.recall >= 0.85, overall


def _without(path: Path, names: set[str]) -> None:
    """Drop the registry entries named ``names`` from a registry file."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [e for e in entries if e["name"] not in names]
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False))


def test_seeds_import_to_drafts_that_pass_check_once_proposals_are_accepted(
    tmp_path: Path,
) -> None:
    from content_model.registry import load_registry
    from importer.drafts import accept_proposals, write_drafts
    from tests.content_sites import check
    from tests.sitebuild import copy_content

    content = copy_content(tmp_path / "content")
    _without(content / "data/people.yml", {"Đoàn Long", "La Thanh Tuấn"})
    _without(content / "data/units.yml", {"Huyện đoàn Cô Tô"})
    before = sorted((content / "posts").rglob("*.md"))
    seeds = sorted(SEEDS.glob("*.txt"))
    registry = load_registry(content / "data")
    assert write_drafts(seeds, registry, content, tmp_path) == 0

    drafts = sorted(set((content / "posts").rglob("*.md")) - set(before))
    assert len(drafts) == 3
    assert all("\nstatus: draft\n" in d.read_text(encoding="utf-8") for d in drafts)
    assert {d.parent.name for d in drafts} == {"2020", "2021"}
    proposals = (tmp_path / "import-proposals.yml").read_text(encoding="utf-8")
    assert "name: \"Đoàn Long\"" in proposals and "key: doan-long" in proposals
    assert "name: \"Huyện đoàn Cô Tô\"" in proposals and "# guess" in proposals
    report = (tmp_path / "import-report.md").read_text(encoding="utf-8")
    assert "Sáng ngày 18/12/2020" in report  # evidence of the date
    assert "no place" in report  # an empty field says why

    code, lines = check(content)  # nothing was registered silently
    assert code == 1
    assert any("Đoàn Long" in line for line in lines)
    assert any("Cô Tô" in line for line in lines)

    accept_proposals(tmp_path / "import-proposals.yml", content / "data")
    code, lines = check(content)
    assert code == 0, lines


def test_import_never_overwrites_and_json_writes_nothing(tmp_path: Path) -> None:
    from content_model.registry import load_registry
    from importer.drafts import write_drafts
    from tests.sitebuild import copy_content

    content = copy_content(tmp_path / "content")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    before = sorted(p.name for p in (content / "posts").rglob("*"))
    run_json(seed, content)
    assert sorted(p.name for p in (content / "posts").rglob("*")) == before
    registry = load_registry(content / "data")
    write_drafts([seed], registry, content, tmp_path)
    write_drafts([seed], registry, content, tmp_path)
    made = sorted(p.stem for p in (content / "posts/2020").glob("hoi-nghi-*.md"))
    assert made == [
        "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi",
        "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi-2",
    ]
