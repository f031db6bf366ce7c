"""Two builds of the search page timed load by load, taking turns (#20).

``bench.search_bench`` measures one site after the other; on a shared machine
the load drifts between the two runs by more than a change's effect. This
loads the same cases on each site in turn, one page load at a time, in one
browser (each load in a new context: an empty cache), and prints each case's
median, quartiles and slowest, and the loads with a task over 50 ms::

    python -m bench.search_paired --site OLD/output --site NEW/output --rounds 10
    python -m bench.search_paired --site OLD/output --site NEW/output \\
        --query "co t" --query Hoà --rounds 8

Without ``--query``: the filter-only searches the unit and person pages link
to (``default_filters``), timed from the navigation's start; with it: each
query typed on the search page, timed from the last key. Both to the results
painted, as ``bench.search_bench`` times them. The sites are served as that
tool serves them (their ``.br``/``.gz`` as they are).
"""

from __future__ import annotations

import argparse
import os
import statistics
from contextlib import ExitStack
from pathlib import Path

from bench.search_bench import (
    CHROMIUM,
    CHROMIUM_ARGS,
    Case,
    default_filters,
    filter_address,
    finish,
    new_page,
    serve,
    type_first_query,
)


def _load(browser, base: str, label: str, params: dict[str, str] | None) -> Case:
    """Measure one case once in a new context: a filter's URL, or a typed query."""
    context, page = new_page(browser)
    case = Case(label)
    if params is None:
        type_first_query(page, base, case, label)
    else:
        page.goto(filter_address(base, params))
    finish(case, page, 0)
    context.close()
    return case


def summarize(site: str, label: str, seconds: list[float], tasks: list[float]) -> str:
    """Return one line: the case's median, quartiles and slowest, its long tasks."""
    first, _, third = statistics.quantiles(seconds, n=4)
    long = [task for task in tasks if task > 50]
    return (
        f"{site} | {label} | {statistics.median(seconds):.3f} s "
        f"(quartiles {first:.3f}–{third:.3f}, slowest {max(seconds):.3f}) | "
        f"tasks > 50 ms: {len(long)} of {len(tasks)}"
        + (f" ({', '.join(f'{task:.0f}' for task in long)} ms)" if long else "")
    )


def main(argv: list[str] | None = None) -> int:
    """Load every case on each site in turn; print each site's figures per case."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", required=True)
    parser.add_argument("--query", action="append", help="a query to type")
    parser.add_argument("--rounds", type=int, default=10)
    args = parser.parse_args(argv)
    cases: list[tuple[str, dict[str, str] | None]] = (
        [(query, None) for query in args.query]
        if args.query
        else default_filters(args.site[0])
    )
    seconds = {(site, label): [] for site in args.site for label, _ in cases}
    tasks = {key: [] for key in seconds}
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    with ExitStack() as stack:
        bases = {site: stack.enter_context(serve(site)) for site in args.site}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for round_ in range(args.rounds + 1):  # the first round warms up
            for label, params in cases:
                order = args.site if round_ % 2 else args.site[::-1]
                for site in order:
                    case = _load(browser, bases[site], label, params)
                    if round_:
                        seconds[site, label].append(case.seconds)
                        tasks[site, label].append(case.longest_task)
        browser.close()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for (site, label), values in seconds.items():
        print(summarize(str(site), label, values, tasks[site, label]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
