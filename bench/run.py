"""Benchmark our build against stock Pelican on a generated archive.

Usage: python -m bench.run --posts 1000 --photos 0 [--keep] [--reference]
(see bench/README.md for every option and how to read the table).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.generate import ArchiveStats, generate_archive, write_stock_copy
from bench.measure import (
    Outcome,
    all_stage_times,
    can_drop_caches,
    machine_info,
    run_build,
)
from bench.shape import CLASSIC, SHAPES
from bench.warm import EDIT_SENTENCE, MARK, append_sentence

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
STAGE_ORDER = ("read", "render", "search", "photos")

# The overrides `make devserver` passes, so the warm rebuilds match what staff see.
DEVSERVER_SETTINGS = (
    "CONTENT_MODEL_EXIT_ON_ERROR=false",
    "FAST_BUILD_SKIP_UNCHANGED=true",
    "SEARCH_INDEX_BACKGROUND=true",
)

STOCK_SETTINGS = '''\
"""Stock Pelican settings for the benchmark: defaults, default theme, no plugins."""

AUTHOR = "Benchmark"
SITENAME = "Stock Pelican benchmark"
SITEURL = ""
TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
'''

logger = logging.getLogger("bench")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Return the command-line options."""
    parser = argparse.ArgumentParser(
        prog="python -m bench.run",
        description="Generate an archive, build it with our site and with stock "
        "Pelican, and report time, CPU, memory and pages for each build.",
    )
    parser.add_argument(
        "--posts", type=int, default=1000, help="Vietnamese posts (default 1000)"
    )
    parser.add_argument(
        "--photos", type=int, default=0, help="4000×3000 JPEG photos (default 0)"
    )
    parser.add_argument(
        "--seed", type=int, default=2026, help="generator seed (default 2026)"
    )
    parser.add_argument(
        "--shape",
        choices=sorted(SHAPES),
        default=CLASSIC.name,
        help="the archive's shape: classic (158 units in three levels, 2015–2026; "
        "the default, as every earlier figure) or archive (issue #22: 151 units in "
        "four levels, 2015–2025, ~550 words)",
    )
    parser.add_argument(
        "--skip-stock", action="store_true", help="do not build with stock Pelican"
    )
    parser.add_argument(
        "--skip-rebuild",
        action="store_true",
        help="do not measure rebuilds (after one edit, after no change)",
    )
    parser.add_argument(
        "--skip-warm",
        action="store_true",
        help="do not measure rebuilds in one warm process (as make devserver)",
    )
    parser.add_argument(
        "--warm-setting",
        action="append",
        metavar="KEY=JSON",
        help="a setting for the warm builds, as pelican -e takes it (repeatable; "
        "default: the overrides of make devserver: "
        + " ".join(DEVSERVER_SETTINGS)
        + ")",
    )
    parser.add_argument(
        "--warm-edits",
        type=int,
        default=1,
        help="in the warm process, edit then rebuild unchanged this many times and "
        "keep each row's median build (default 1; use 3)",
    )
    parser.add_argument(
        "--repeat",
        type=int,
        default=1,
        help="build with stock Pelican and ours (no search) this many times, "
        "taking turns, and keep each one's median run (default 1; use 3 or 5)",
    )
    parser.add_argument(
        "--warmup",
        type=int,
        default=0,
        help="untimed turns of both builds before those --repeat keeps (default 0)",
    )
    parser.add_argument(
        "--drop-caches",
        action="store_true",
        help="empty the kernel's page cache before every build (root only), so "
        "each starts from the same state of the machine",
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the work folder and print its path"
    )
    parser.add_argument(
        "--workdir",
        type=Path,
        help="generate and build in this new folder instead of a temporary one "
        "(kept afterwards)",
    )
    parser.add_argument(
        "--reference",
        action="store_true",
        help="write bench/results/reference-N.json, which git keeps",
    )
    parser.add_argument(
        "--results",
        type=Path,
        default=RESULTS,
        help="folder for the JSON report (default bench/results)",
    )
    args = parser.parse_args(argv)
    if args.warm_setting is None:
        args.warm_setting = list(DEVSERVER_SETTINGS)
    if args.posts < 1:
        parser.error("--posts must be at least 1")
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    if args.warmup < 0:
        parser.error("--warmup cannot be negative")
    if args.warm_edits < 1:
        parser.error("--warm-edits must be at least 1")
    if args.drop_caches and not can_drop_caches():
        parser.error("--drop-caches needs root (/proc/sys/vm/drop_caches)")
    if args.photos < 0:
        parser.error("--photos cannot be negative")
    return args


def _ours_command(
    workdir: Path,
    python: str = sys.executable,
    *,
    output: str = "out-ours",
    cache: str = "cache-ours",
    settings: tuple[str, ...] = (),
) -> list[str]:
    return [
        python,
        "-m",
        "pelican",
        str(workdir / "content"),
        "-o",
        str(workdir / output),
        "-s",
        str(REPO / "pelicanconf.py"),
        "-e",
        # Keep our caches (photos, content) inside the work folder, never the repo's.
        f"CACHE_PATH={json.dumps(str(workdir / cache))}",
        *settings,
    ]


def _edited_post(workdir: Path) -> Path:
    """Return the Vietnamese post in the middle of the archive: the one we edit."""
    posts = sorted(
        p
        for p in (workdir / "content" / "posts").rglob("*.md")
        if not p.name.endswith(".en.md")
    )
    return posts[len(posts) // 2]


def _warm_outcomes(
    workdir: Path,
    edited: Path,
    env: dict[str, str],
    settings: list[str],
    drop_caches: bool = False,
    edits: int = 1,
) -> list[Outcome]:
    """Build three times in one process, as make devserver does."""
    command = [
        sys.executable,
        "-m",
        "bench.warm",
        str(workdir / "content"),
        str(workdir / "out-warm"),
        str(REPO / "pelicanconf.py"),
        str(edited),
        "--edits",
        str(edits),
        "-e",
        f"CACHE_PATH={json.dumps(str(workdir / 'cache-warm'))}",
    ]
    for setting in settings:
        command += ["-e", setting]
    whole = run_build(
        "ours-warm",
        command,
        cwd=REPO,
        output=workdir / "out-warm",
        logs=workdir / "logs",
        env=env,
        drop_caches=drop_caches,
    )
    log = (workdir / "logs" / "ours-warm.out").read_text("utf-8", errors="replace")
    records = [
        json.loads(line.split(MARK, 1)[1])
        for line in log.splitlines()
        if line.startswith(MARK)
    ]
    stages = all_stage_times(log)
    outcomes = []
    for phase in ("edit", "unchanged"):
        outcome = Outcome(name=f"ours-warm-{phase}", command=command)
        builds = [i for i, record in enumerate(records) if record["phase"] == phase]
        if not builds:
            outcome.status = "failed" if whole.status != "ok" else "skipped"
            outcome.returncode = whole.returncode
            outcome.log_tail = whole.log_tail
            outcome.note = "the warm process stopped before this build"
            outcomes.append(outcome)
            continue
        # The build with the median wall time, as --repeat keeps each run's.
        index = sorted(builds, key=lambda i: records[i]["wall_s"])[len(builds) // 2]
        record = records[index]
        outcome.wall_runs = [round(records[i]["wall_s"], 3) for i in builds]
        outcome.status = "ok"
        outcome.returncode = whole.returncode
        outcome.wall_s = record["wall_s"]
        outcome.cpu_s = record["cpu_s"]
        outcome.peak_rss_mib = record["peak_rss_mib"]
        outcome.tree_rss_mib = whole.tree_rss_mib
        outcome.files = record["files"]
        outcome.files_written = record["files_written"]
        outcome.html_pages = record["html_pages"]
        outcome.html_written = record["html_written"]
        outcome.pages_per_second = (
            record["html_written"] / record["wall_s"] if record["wall_s"] else None
        )
        outcome.stages = stages[index] if index < len(stages) else None
        if outcome.stages:  # indexed in the background, outside the wall time
            outcome.stages.pop("search", None)
        outcome.search_background_s = record.get("search_background_s")
        background = record.get("search_background_s")
        outcome.note = (
            "one process, as make devserver; timed until the pages are written, "
            "then the background search index was waited for"
            + (f" ({background:.2f} s more)" if background is not None else "")
            + (
                f"; median of {len(builds)} (CPU s "
                + ", ".join(f"{records[i]['cpu_s']:.2f}" for i in builds)
                + ")"
                if len(builds) > 1
                else ""
            )
            + "; CPU counts only reaped children; "
            "tree MiB is the peak of the whole warm process"
        )
        outcomes.append(outcome)
    return outcomes


def run_benchmark(args: argparse.Namespace, workdir: Path) -> dict[str, object]:
    """Generate the archive, run every build and return the report."""
    drop_caches = args.drop_caches
    logger.info(
        "Generating %s posts and %s photos in %s", args.posts, args.photos, workdir
    )
    stats: ArchiveStats = generate_archive(
        workdir,
        args.posts,
        seed=args.seed,
        photos=args.photos,
        shape=SHAPES[args.shape],
    )
    logger.info(
        "Generated %s files (%.1f MiB) in %.2f s",
        stats.files,
        stats.bytes / 1024 / 1024,
        stats.seconds,
    )
    # Ours as installed: its plugins' bytecode written, as pip wrote stock
    # Pelican's (under PYTHONDONTWRITEBYTECODE no build would write it).
    subprocess.run(
        [sys.executable, "-m", "newsroom.bytecode"],
        cwd=REPO,
        env={**os.environ, "PYTHONPATH": str(REPO / "plugins")},
        check=False,
    )
    outcomes: list[Outcome] = []
    # A wide console keeps Pelican's (rich) log lines whole in the logs we keep.
    env_ours = {**os.environ, "NEWSROOM_STAGE_TIMES": "1", "COLUMNS": "200"}
    logs = workdir / "logs"
    stock_files = 0
    if not args.skip_stock:
        stock_files = write_stock_copy(workdir, workdir / "stock")
        (workdir / "stock-settings.py").write_text(STOCK_SETTINGS, "utf-8")
    outcomes += _compare_with_stock(args, workdir, env_ours)
    # The full build, search index included; its first run wrote out-ours.
    ours = next(outcome for outcome in outcomes if outcome.name == "ours")

    def build_ours(name: str) -> Outcome:
        """Our build into out-ours again (after an edit, then unchanged)."""
        return run_build(
            name,
            _ours_command(workdir),
            cwd=REPO,
            output=workdir / "out-ours",
            logs=logs,
            env=env_ours,
            drop_caches=drop_caches,
        )

    if not args.skip_rebuild:
        edited = _edited_post(workdir)
        if ours.status == "ok":
            append_sentence(edited, EDIT_SENTENCE)
            for name in ("ours-edit", "ours-unchanged"):
                logger.info("Rebuilding with our site (%s)", name)
                outcomes.append(build_ours(name))
            if not args.skip_warm:
                logger.info("Rebuilding with our site in one warm process")
                outcomes.extend(
                    _warm_outcomes(
                        workdir,
                        edited,
                        env_ours,
                        args.warm_setting,
                        drop_caches,
                        args.warm_edits,
                    )
                )
        else:
            for name in ("ours-edit", "ours-unchanged"):
                outcomes.append(Outcome(name=name, note="the full build failed"))

    return _report(args, workdir, stats, stock_files, outcomes)


def _compare_with_stock(
    args: argparse.Namespace, workdir: Path, env_ours: dict[str, str]
) -> list[Outcome]:
    """Build with stock Pelican and ours, without and with the search index, in turns.

    Issue #22's comparison: every plugin, first without the search index,
    then the full build with it (the target: its wall time against stock's).
    Each run is cold: its own new output and cache folders. With ``--repeat
    N`` the three take turns N times and each keeps the run with the median
    wall time, so that a slow moment of the machine does not decide a ratio;
    ``--warmup N`` turns come first and are not kept. The full build's first
    run writes ``out-ours`` and ``cache-ours``, which the rebuilds reuse.
    """
    drop_caches = args.drop_caches
    env_stock = {
        **{k: v for k, v in os.environ.items() if k != "NEWSROOM_STAGE_TIMES"},
        "COLUMNS": "200",
    }
    logs = workdir / "logs"
    runs: dict[str, list[Outcome]] = {"stock": [], "ours-no-search": [], "ours": []}
    for index in range(-args.warmup, args.repeat):
        if index < 0:  # untimed turns first: caches and memory in a steady state
            suffix, turn = f"-warmup{index + args.warmup + 1}", " (warm-up, untimed)"
        else:
            suffix = "" if index == 0 else f"-{index + 1}"
            turn = f" (run {index + 1} of {args.repeat})" if args.repeat > 1 else ""
        kept = runs if index >= 0 else {name: [] for name in runs}
        if not args.skip_stock:
            logger.info("Building with stock Pelican%s", turn)
            output = workdir / f"out-stock{suffix}"
            command = [
                sys.executable, "-m", "pelican", str(workdir / "stock"),
                "-o", str(output), "-s", str(workdir / "stock-settings.py"),
            ]  # fmt: skip
            kept["stock"].append(
                run_build(
                    f"stock{suffix}",
                    command,
                    cwd=workdir,
                    output=output,
                    logs=logs,
                    env=env_stock,
                    drop_caches=drop_caches,
                )
            )
        logger.info("Building with our site, without the search index%s", turn)
        kept["ours-no-search"].append(
            run_build(
                f"ours-no-search{suffix}",
                _ours_command(
                    workdir,
                    output=f"out-no-search{suffix}",
                    cache=f"cache-no-search{suffix}",
                    settings=("SEARCH_INDEX_ENABLED=false",),
                ),
                cwd=REPO,
                output=workdir / f"out-no-search{suffix}",
                logs=logs,
                env=env_ours,
                drop_caches=drop_caches,
            )
        )
        logger.info("Building with our site, search index included%s", turn)
        kept["ours"].append(
            run_build(
                f"ours{suffix}",
                _ours_command(
                    workdir, output=f"out-ours{suffix}", cache=f"cache-ours{suffix}"
                ),
                cwd=REPO,
                output=workdir / f"out-ours{suffix}",
                logs=logs,
                env=env_ours,
                drop_caches=drop_caches,
            )
        )
    return [_median_run(name, found) for name, found in runs.items() if found]


def _median_run(name: str, runs: list[Outcome]) -> Outcome:
    """Return the run with the median wall time, knowing every run's time."""
    finished = [run for run in runs if run.status == "ok"]
    if len(finished) < len(runs):
        chosen = next(run for run in runs if run.status != "ok")
    else:
        chosen = sorted(finished, key=lambda run: run.wall_s or 0.0)[
            (len(finished) - 1) // 2
        ]
    chosen.name = name
    chosen.wall_runs = [run.wall_s for run in runs if run.wall_s is not None]
    return chosen


def _ratio(ours: float | None, stock: float | None) -> float | None:
    if ours is None or not stock:
        return None
    return ours / stock


def _report(
    args: argparse.Namespace,
    workdir: Path,
    stats: ArchiveStats,
    stock_files: int,
    outcomes: list[Outcome],
) -> dict[str, object]:
    by_name = {o.name: o for o in outcomes}
    stock = by_name.get("stock")
    ratios: dict[str, dict[str, float | None]] = {}
    if stock and stock.status == "ok":
        for outcome in outcomes:
            if outcome.name.startswith("ours") and outcome.status == "ok":
                ratios[outcome.name] = {
                    "wall": _ratio(outcome.wall_s, stock.wall_s),
                    "cpu": _ratio(outcome.cpu_s, stock.cpu_s),
                    "peak_rss": _ratio(outcome.peak_rss_mib, stock.peak_rss_mib),
                    "tree_rss": _ratio(outcome.tree_rss_mib, stock.tree_rss_mib),
                    "tree_pss": _ratio(outcome.tree_pss_mib, stock.tree_pss_mib),
                    "html_pages": _ratio(outcome.html_pages, stock.html_pages),
                }
    return {
        "schema": 1,
        "timestamp": datetime.now(UTC).isoformat(timespec="seconds"),
        "command": " ".join(["python -m bench.run", *sys.argv[1:]]),
        "posts": args.posts,
        "photos": args.photos,
        "seed": args.seed,
        "shape": args.shape,
        "workdir": str(workdir),
        "archive": {
            "posts": stats.posts,
            "translations": stats.translations,
            "files": stats.files,
            "bytes": stats.bytes,
            "words": stats.words,
            "units": stats.units,
            "people": stats.people,
            "photos": stats.photos,
            "generate_s": round(stats.seconds, 3),
            "stock_files": stock_files,
        },
        "machine": machine_info(REPO),
        "builds": [o.as_dict() for o in outcomes],
        "ratios_to_stock": ratios,
    }


def _cell(value: object, digits: int = 2) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def render_table(report: dict[str, object]) -> str:
    """Return the report as a plain-text table with the stage shares below it."""
    archive = report["archive"]
    machine = report["machine"]
    builds = report["builds"]
    ratios = report["ratios_to_stock"]
    lines = [
        f"Archive: {archive['posts']:,} posts, {archive['translations']:,} "
        f"translations, {archive['files']:,} files, {archive['photos']:,} photos "
        f"(seed {report['seed']}, shape {report.get('shape', CLASSIC.name)}: "
        f"{archive['units']:,} units, {archive['people']:,} people; "
        f"generated in {archive['generate_s']:.2f} s)",
        f"Machine: {machine['cpu_count']} × {machine['cpu_model']}, "
        f"{_cell(machine['memory_mib'])} MiB, Python {machine['python']}, "
        f"Pelican {machine['pelican']}, commit {machine['git_commit']}"
        + (" (dirty)" if machine["git_dirty"] else ""),
        "",
    ]
    header = (
        "build",
        "status",
        "wall s",
        "CPU s",
        "peak MiB",
        "tree PSS",
        "files",
        "written",
        "pages",
        "pages/s",
        "÷ stock",
    )
    rows = [header]
    for build in builds:
        ratio = ratios.get(build["name"], {}).get("wall")
        if build["name"] == "stock" and build["status"] == "ok":
            ratio = 1.0
        rows.append(
            (
                build["name"],
                build["status"],
                _cell(build["wall_s"]),
                _cell(build["cpu_s"]),
                _cell(build["peak_rss_mib"], 0),
                _cell(build.get("tree_pss_mib"), 0),
                _cell(build["files"]),
                _cell(build["files_written"]),
                _cell(build["html_written"]),
                _cell(build["pages_per_second"], 0),
                _cell(ratio),
            )
        )
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    for number, row in enumerate(rows):
        cells = [
            row[i].ljust(widths[i]) if i < 2 else row[i].rjust(widths[i])
            for i in range(len(row))
        ]
        lines.append("  ".join(cells).rstrip())
        if number == 0:
            lines.append("  ".join("-" * w for w in widths))
    for build in builds:
        if len(build.get("wall_runs") or ()) > 1:
            runs = ", ".join(f"{wall:.2f}" for wall in build["wall_runs"])
            lines.append(f"{build['name']}: wall s of each run {runs} (median kept)")
    lines += ["", "Share of our wall time per stage:"]
    for build in builds:
        if not build["name"].startswith("ours"):
            continue
        stages = build["stages"]
        if not stages or not build["wall_s"]:
            lines.append(f"  {build['name']:<20} n/a")
            continue
        names = [s for s in STAGE_ORDER if s in stages]
        names += [s for s in stages if s not in STAGE_ORDER]
        wall = build["wall_s"]
        parts = [
            f"{name} {stages[name]:.2f} s ({100 * stages[name] / wall:.0f} %)"
            for name in names
        ]
        lines.append(f"  {build['name']:<20} " + " · ".join(parts))
    for build in builds:
        if build["status"] == "failed":
            lines += [
                "",
                f"{build['name']}: failed (exit {build['returncode']}); last lines:",
                *("  " + line for line in build["log_tail"].splitlines()),
            ]
        elif build["note"] and build["status"] == "skipped":
            lines.append(f"{build['name']}: skipped ({build['note']})")
        if build.get("search_background_s") is not None:
            lines.append(
                f"  {build['name']:<20} then the search index, in the background: "
                f"{build['search_background_s']:.2f} s"
            )
    return "\n".join(lines)


def write_report(report: dict[str, object], folder: Path, reference: bool) -> Path:
    """Write the JSON report and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    suffix = f"-photos{report['photos']}" if report["photos"] else ""
    if report.get("shape", CLASSIC.name) != CLASSIC.name:
        suffix += f"-{report['shape']}"
    if reference:
        name = f"reference-{report['posts']}{suffix}.json"
    else:
        stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
        name = f"{stamp}-{report['posts']}{suffix}.json"
    path = folder / name
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", "utf-8")
    return path


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 when a build failed, 0 otherwise."""
    args = parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="bench: %(message)s")
    if args.workdir:
        workdir = args.workdir.resolve()
        if workdir.exists() and any(workdir.iterdir()):
            print(f"bench: {workdir} is not empty", file=sys.stderr)
            return 2
        workdir.mkdir(parents=True, exist_ok=True)
    else:
        workdir = Path(tempfile.mkdtemp(prefix=f"bench-{args.posts}-"))
    started = time.perf_counter()
    try:
        report = run_benchmark(args, workdir)
        print()
        print(render_table(report))
        path = write_report(report, args.results, args.reference)
        print()
        print(f"Report: {path} (total {time.perf_counter() - started:.0f} s)")
    finally:
        if args.keep or args.workdir:
            print(f"Work folder kept: {workdir}")
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    failed = [b["name"] for b in report["builds"] if b["status"] == "failed"]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
