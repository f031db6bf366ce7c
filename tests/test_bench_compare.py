"""Tests for bench.compare: the same posts built by two trees, taking turns.

Nothing is timed here: the pure parts (commands, turns, summaries, archive
differences) and the archive preparation at a few posts.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench.compare import (
    DEVSERVER_SETTINGS,
    REPO,
    Tree,
    archive_difference,
    cold_command,
    prepare_archives,
    summarise,
    turn_order,
    warm_command,
    warm_records,
)
from bench.warm import MARK


def _tree(tmp_path: Path, side: str = "after") -> Tree:
    content = tmp_path / "content"
    (content / "posts" / "2020").mkdir(parents=True, exist_ok=True)
    for name in ("a.md", "a.en.md", "b.md", "c.md"):
        (content / "posts" / "2020" / name).write_text("x\n", "utf-8")
    return Tree(side, tmp_path / "tree", content, ("--pause", "0"))


def test_turns_alternate_which_tree_builds_first(tmp_path: Path) -> None:
    trees = [_tree(tmp_path, "before"), _tree(tmp_path, "after")]
    firsts = [turn_order(turn, trees)[0].side for turn in range(4)]
    assert firsts == ["before", "after", "before", "after"]


def test_cold_command_uses_the_trees_own_settings(tmp_path: Path) -> None:
    tree = _tree(tmp_path)
    search = cold_command(tree, tmp_path / "out", tmp_path / "cache", search=True)
    plain = cold_command(tree, tmp_path / "out", tmp_path / "cache", search=False)
    assert search[search.index("-s") + 1] == str(tree.root / "pelicanconf.py")
    assert "SEARCH_INDEX_ENABLED=false" not in search
    assert plain[-1] == "SEARCH_INDEX_ENABLED=false"
    assert f"CACHE_PATH={json.dumps(str(tmp_path / 'cache'))}" in plain


def test_warm_command_gives_each_setting_its_own_e(tmp_path: Path) -> None:
    """bench.warm takes one KEY=JSON per -e: a bare setting stops the process."""
    tree = _tree(tmp_path)
    command = warm_command(tree, tmp_path / "out", tmp_path / "cache")
    for setting in DEVSERVER_SETTINGS:
        assert command[command.index(setting) - 1] == "-e"
    assert command[command.index("--pause") + 1] == "0"
    # The middle Vietnamese post (translations are never the edited one).
    assert Path(command[command.index("bench.warm") + 4]).name == "b.md"


def test_warm_records_keeps_the_first_build_of_each_phase() -> None:
    lines = [
        "noise",
        f'{MARK} {{"phase": "full", "wall_s": 9.0}}',
        f'{MARK} {{"phase": "edit", "wall_s": 1.0}}',
        f'{MARK} {{"phase": "edit", "wall_s": 2.0}}',
    ]
    records = warm_records("\n".join(lines))
    assert list(records) == ["warm-full", "warm-edit"]
    assert records["warm-edit"]["wall_s"] == 1.0


def test_summary_takes_medians_of_successful_runs_and_ratios() -> None:
    def row(side: str, cpu: float, status: str = "ok") -> dict[str, object]:
        return {
            "build": "cold",
            "side": side,
            "status": status,
            "cpu_s": cpu,
            "wall_s": cpu * 2,
            "peak_rss_mib": 100.0,
        }

    rows = [row("before", 10), row("before", 12), row("before", 30)]
    rows += [row("after", 11), row("after", 13), row("after", 1, "failed")]
    entry = summarise(rows)["cold"]
    assert entry["before"]["cpu_s_median"] == 12
    assert entry["after"]["cpu_s_median"] == 12  # the failed run is left out
    assert entry["after"]["runs"] == 2
    assert entry["cpu_s_ratio"] == 1.0
    assert entry["wall_s_ratio"] == 1.0


def test_archive_difference_counts_changed_lines_only(tmp_path: Path) -> None:
    old, new = tmp_path / "old", tmp_path / "new"
    for root in (old, new):
        (root / "posts").mkdir(parents=True)
        (root / "same.yml").write_text("a: 1\n", "utf-8")
    (old / "posts" / "p.en.md").write_text("roles:\n  1: Chair\nbody\n", "utf-8")
    (new / "posts" / "p.en.md").write_text("roles:\n  an: Chair\nbody\n", "utf-8")
    assert archive_difference(old, new) == {"files_differing": 1, "lines_differing": 1}
    (new / "extra.md").write_text("more\n", "utf-8")
    with pytest.raises(ValueError, match="different files"):
        archive_difference(old, new)


def test_prepare_archives_generates_with_before_and_converts_for_after(
    tmp_path: Path,
) -> None:
    """This tree's generator already keys roles: the converted copy is identical."""
    found = prepare_archives(REPO, REPO, tmp_path, posts=3, seed=7)
    assert found == {"posts": 3, "seed": 7, "files_differing": 0, "lines_differing": 0}
    for side in ("before", "after"):
        posts = list((tmp_path / f"archive-{side}" / "content" / "posts").rglob("*.md"))
        assert len([p for p in posts if not p.name.endswith(".en.md")]) == 3


def test_summary_merges_the_rows_of_several_reports(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from bench.compare import main

    def report(cpus: list[tuple[str, float]], load: float) -> Path:
        rows = [
            {
                "build": "cold-no-search",
                "side": side,
                "status": "ok",
                "cpu_s": cpu,
                "wall_s": cpu,
                "peak_rss_mib": 99.0,
                "load_before": [load, 0, 0],
            }
            for side, cpu in cpus
        ]
        path = tmp_path / f"{load}.json"
        path.write_text(json.dumps({"rows": rows}), "utf-8")
        return path

    first = report([("before", 10.0), ("after", 11.0)], 3.0)
    second = report([("before", 12.0), ("after", 13.0), ("before", 11.0)], 9.5)
    assert main(["summary", str(first), str(second)]) == 0
    shown = capsys.readouterr().out
    assert "| cold-no-search | 3 + 2 | 11.00 (10.00, 11.00, 12.00) |" in shown
    assert "| 12.00 (11.00, 13.00) | 1.09 | 1.09 |" in shown
    assert "3.0–9.5" in shown
