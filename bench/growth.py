"""Growth of the build with the archive, and its extrapolation to a larger one.

Usage: ``python -m bench.growth RESULT.json RESULT.json [...] [--to 100000]``
with reports of ``bench.run`` at several sizes (e.g. ``--posts 1000``, ``4000``
and ``20000``, same shape). For each build and figure (wall, CPU, memory,
files) and each stage, it prints how it grew between the two largest archives,
as ``growth = figure ratio ÷ posts ratio`` (1.00: linear) and the exponent
``k`` of ``figure ∝ posts^k``, then extrapolates to ``--to`` posts with that
exponent. The stage whose exponent is highest stops being linear first.
"""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import dataclass
from pathlib import Path

FIGURES = ("wall_s", "cpu_s", "peak_rss_mib", "tree_pss_mib", "files")


@dataclass(frozen=True)
class Trend:
    """How one figure grew between two archive sizes."""

    name: str
    small: float
    large: float
    exponent: float  # figure ∝ posts ** exponent
    growth: float  # figure ratio ÷ posts ratio (1.0: linear)
    projected: float  # at the target size


def trend(name: str, points: list[tuple[int, float]], target: int) -> Trend | None:
    """Return the trend of a figure from (posts, value) points, or None."""
    points = sorted((n, v) for n, v in points if v and v > 0)
    if len(points) < 2:
        return None
    (n1, v1), (n2, v2) = points[-2], points[-1]
    if n2 == n1:
        return None
    exponent = math.log(v2 / v1) / math.log(n2 / n1)
    return Trend(
        name=name,
        small=v1,
        large=v2,
        exponent=exponent,
        growth=(v2 / v1) / (n2 / n1),
        projected=v2 * (target / n2) ** exponent,
    )


def trends(reports: list[dict], build: str, target: int) -> list[Trend]:
    """Return the trend of every figure and stage of one build across reports."""
    rows: dict[str, list[tuple[int, float]]] = {}
    for report in reports:
        found = [b for b in report["builds"] if b["name"] == build]
        if not found or found[0].get("status") != "ok":
            continue
        outcome = found[0]
        for figure in FIGURES:
            rows.setdefault(figure, []).append((report["posts"], outcome.get(figure)))
        for stage, seconds in (outcome.get("stages") or {}).items():
            rows.setdefault(f"stage {stage}", []).append((report["posts"], seconds))
    return [t for name, pts in rows.items() if (t := trend(name, pts, target))]


def first_nonlinear(found: list[Trend]) -> Trend | None:
    """Return the stage that grows fastest (the first to stop being linear)."""
    stages = [t for t in found if t.name.startswith("stage ") and t.large >= 0.05]
    return max(stages, key=lambda t: t.exponent, default=None)


def render(reports: list[dict], target: int) -> str:
    """Return the growth table of every build the reports share."""
    sizes = sorted({r["posts"] for r in reports})
    lines = [f"Archives of {', '.join(f'{n:,}' for n in sizes)} posts → {target:,}"]
    names = dict.fromkeys(b["name"] for r in reports for b in r["builds"])
    for build in names:
        found = trends(reports, build, target)
        if not found:
            continue
        lines.append(f"\n{build}")
        lines.append(
            f"  {'figure':<18}{'smaller':>10}{'larger':>10}{'growth':>8}"
            f"{'k':>6}{f'at {target:,}':>14}"
        )
        for t in found:
            lines.append(
                f"  {t.name:<18}{t.small:>10,.2f}{t.large:>10,.2f}{t.growth:>8.2f}"
                f"{t.exponent:>6.2f}{t.projected:>14,.1f}"
            )
        stage = first_nonlinear(found)
        if stage is not None:
            lines.append(
                f"  first to stop being linear: {stage.name[6:]} "
                f"(k = {stage.exponent:.2f})"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print the growth table of the reports given."""
    parser = argparse.ArgumentParser(prog="python -m bench.growth")
    parser.add_argument("reports", nargs="+", type=Path, help="bench.run JSON reports")
    parser.add_argument(
        "--to", type=int, default=100_000, help="posts to extrapolate to (100,000)"
    )
    args = parser.parse_args(argv)
    reports = [json.loads(path.read_text("utf-8")) for path in args.reports]
    print(render(reports, args.to))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
