"""make devserver: renaming a unit rewrites only the pages that show it (issue #22)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bench.generate import generate_archive
from tests.sitebuild import build
from tests.warm_site import next_report, start_driver

NEW_NAME_EN = "Renamed Test District Youth Union"
NO_SEARCH = ("--set", "SEARCH_INDEX_ENABLED=false")


def _snapshot(folder: Path) -> dict[str, tuple[int, bytes]]:
    """Return each file's modification time and bytes, by relative path."""
    return {
        str(path.relative_to(folder)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _rename(units_file: Path, key: str) -> tuple[str, str]:
    """Rename the unit ``key`` in both languages; return its old and new name.

    The key is the Vietnamese name's slug, so the new Vietnamese name is the
    old one in capitals (same slug); the English name is new.
    """
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    unit = next(entry for entry in units if entry["key"] == key)
    old, new = unit["name"], unit["name"].upper()  # titles may still say ``old``
    unit.update(name=new, name_en=NEW_NAME_EN)
    units_file.write_text(
        yaml.safe_dump(units, allow_unicode=True, sort_keys=False), encoding="utf-8"
    )
    return old, new


def _district_with_posts(content: Path, output: Path) -> str:
    """Return a district unit that has its own pages and a parent."""
    units = yaml.safe_load((content / "data" / "units.yml").read_text("utf-8"))
    return next(
        unit["key"]
        for unit in units
        if unit.get("kind") == "district"
        and (output / "don-vi" / unit["key"] / "index.html").is_file()
    )


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """Build warm, rename a unit, rebuild in the same process; keep both trees."""
    root = tmp_path_factory.mktemp("registry")
    generate_archive(root, 24)
    content, output = root / "content", root / "out"
    driver = start_driver(content, output, *NO_SEARCH)
    try:
        first = next_report(driver)
        before = _snapshot(output)
        key = _district_with_posts(content, output)
        old, new = _rename(content / "data" / "units.yml", key)
        driver.stdin.write("build\n")
        driver.stdin.flush()
        second = next_report(driver)
    finally:
        driver.stdin.close()
        driver.wait(timeout=120)
    assert "failed" not in first and "failed" not in second, second
    return {
        "key": key,
        "old": old,
        "new": new,
        "content": content,
        "output": output,
        "before": before,
        "after": _snapshot(output),
        "written": second,
    }


def test_a_unit_rename_rewrites_only_the_pages_that_show_it(renamed):
    before, after = renamed["before"], renamed["after"]
    assert before.keys() == after.keys()
    # Pages, feeds and sitemaps (theme files are copied by Pelican each build).
    files = {path for path in after if path.endswith((".html", ".xml"))}
    rewritten = {path for path in files if after[path][0] != before[path][0]}
    changed = {path for path in files if after[path][1] != before[path][1]}
    pages = {path for path in files if path.endswith(".html")}
    # The unit's own pages, its parent's (sub-units) and the posts it lists
    # show the new name ...
    showing = {
        path
        for path in pages
        if renamed["new"] in after[path][1].decode("utf-8")
        or NEW_NAME_EN in after[path][1].decode("utf-8")
    }
    assert f"don-vi/{renamed['key']}/index.html" in showing
    assert len(showing) > 5
    # ... every one of them was rewritten, and nothing else was: a page that
    # does not show the unit keeps its file (and its modification time).
    assert showing <= rewritten
    # Rendered again with the same bytes: only the date archives, which list
    # the posts naming the unit (their cards' data changed, not what they show).
    same = rewritten - changed
    assert all(p.startswith(("luu-tru/", "en/archives/")) for p in same), same
    untouched = pages - rewritten
    assert len(untouched) > len(pages) / 2


def test_the_renamed_site_is_the_one_a_full_build_writes(renamed, tmp_path):
    result = build(
        renamed["content"], tmp_path / "cold", extra={"SEARCH_INDEX_ENABLED": "false"}
    )
    assert result.returncode == 0, result.log
    cold = _snapshot(tmp_path / "cold")
    warm = renamed["after"]
    assert cold.keys() == warm.keys()
    stale = [path for path in cold if cold[path][1] != warm[path][1]]
    assert not stale, stale[:10]
