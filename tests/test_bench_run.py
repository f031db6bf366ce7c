"""bench.run end to end on a tiny archive (two posts: the registries make the
site; more posts prove nothing more): every build, the median of repeats."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.sitebuild import ROOT


def test_the_benchmark_builds_both_sites_in_turns_and_reports_medians(tmp_path):
    results = tmp_path / "results"
    command = [
        sys.executable, "-m", "bench.run", "--posts", "2", "--repeat", "3",
        "--warmup", "1",
        "--skip-rebuild", "--results", str(results),
        "--workdir", str(tmp_path / "work"),
    ]  # fmt: skip
    run = subprocess.run(
        command,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    (report_path,) = results.glob("*-2.json")
    report = json.loads(report_path.read_text("utf-8"))
    builds = {build["name"]: build for build in report["builds"]}
    assert list(builds) == ["stock", "ours-no-search", "ours"]
    for name in ("stock", "ours-no-search", "ours"):
        walls = builds[name]["wall_runs"]
        assert len(walls) == 3
        assert builds[name]["wall_s"] == sorted(walls)[1]  # the median run
        assert builds[name]["tree_pss_mib"] > 10
    # Each run was cold: its own output folder, all written by that run.
    for suffix in ("", "-2", "-3"):
        assert (tmp_path / "work" / f"out-no-search{suffix}" / "index.html").is_file()
        # The full build, search index included, took its turns too.
        assert (tmp_path / "work" / f"out-ours{suffix}" / "pagefind").is_dir()
    assert builds["ours-no-search"]["html_pages"] > builds["stock"]["html_pages"]
    assert "ours-no-search: wall s of each run" in run.stdout
    # The warm-up turn was built, and kept out of the figures.
    assert (tmp_path / "work" / "out-stock-warmup1" / "index.html").is_file()
    assert report["ratios_to_stock"]["ours-no-search"]["wall"] > 0
    assert report["ratios_to_stock"]["ours"]["wall"] > 0
    assert "ours: wall s of each run" in run.stdout
