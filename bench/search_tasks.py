"""The search page's main-thread tasks in CPU time, as Chromium traces them.

``bench.search_bench`` reports the longest task in wall time (``longtask``),
which on a shared machine mostly says how long the page waited for a core.
This traces the same pages (Playwright's ``start_tracing``) and reports each
task of the page's renderer main thread in **thread CPU time** too, which other
processes' load barely changes: the page's own share of a long task. Sites
given together take turns, so that old and new see the same load::

    python -m bench.search_tasks --site OLD/output --site NEW/output \\
        --path "/tim-kiem/?unit=trung-uong-doan-tncs-ho-chi-minh" --runs 5
    python -m bench.search_tasks --site OLD/output --site NEW/output \\
        --query '"bí thư chi đoàn"' --runs 3

``--path`` is traced from the navigation to the results shown; ``--query`` is
typed on the search page (loaded first, not traced) and traced from the first
key to its results. The sites are served as ``bench.search_bench`` serves them
(their ``.br``/``.gz`` as they are: run that tool once to write them).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
from contextlib import ExitStack
from pathlib import Path

from bench.search_bench import CHROMIUM, CHROMIUM_ARGS, SHOWN, serve

CATEGORIES = ["devtools.timeline", "toplevel"]
TASK = "ThreadControllerImpl::RunTask"


def page_tasks(events: list[dict]) -> list[tuple[float, float]]:
    """Return (wall ms, CPU ms) of each task of the page renderer's main thread.

    The page's renderer is the process named "Renderer" (Chromium's own WebUI
    renderers are named otherwise); its main thread is ``CrRendererMain``.
    """
    processes = {
        e["pid"]: e["args"].get("name")
        for e in events
        if e.get("ph") == "M" and e.get("name") == "process_name"
    }
    main = {
        (e["pid"], e["tid"])
        for e in events
        if e.get("ph") == "M"
        and e.get("name") == "thread_name"
        and e["args"].get("name") == "CrRendererMain"
        and processes.get(e["pid"]) == "Renderer"
    }
    return [
        (e.get("dur", 0) / 1000, e.get("tdur", 0) / 1000)
        for e in events
        if e.get("ph") == "X" and e.get("name") == TASK and (e["pid"], e["tid"]) in main
    ]


def _traced(browser, base: str, path: str | None, query: str | None, file: Path):
    context = browser.new_context()
    page = context.new_page()
    if query:
        page.goto(f"{base}/tim-kiem/")
        page.wait_for_function(SHOWN)
        page.wait_for_load_state("networkidle")
        page.focus("#search-q")
    browser.start_tracing(page=page, path=str(file), categories=CATEGORIES)
    if query:
        page.keyboard.type(query, delay=60)
        page.wait_for_function(
            "q => new URLSearchParams(location.search).get('q') === q",
            arg=" ".join(query.split()),
        )
    else:
        page.goto(f"{base}{path}")
    page.wait_for_function(SHOWN, timeout=60_000)
    page.wait_for_load_state("networkidle")
    browser.stop_tracing()
    context.close()
    events = json.loads(file.read_text())
    return page_tasks(events["traceEvents"] if isinstance(events, dict) else events)


def main(argv: list[str] | None = None) -> int:
    """Trace the page on each site in turn; print each site's longest tasks."""
    from playwright.sync_api import sync_playwright

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, action="append", required=True)
    parser.add_argument("--path", help="a page to open, e.g. /tim-kiem/?unit=KEY")
    parser.add_argument("--query", help="words to type on the search page")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    if not (args.path or args.query):
        parser.error("give --path or --query")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    found: dict[Path, list[tuple[float, float]]] = {site: [] for site in args.site}
    with ExitStack() as stack:
        bases = {site: stack.enter_context(serve(site)) for site in args.site}
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        for run in range(args.runs + 1):  # the first round warms the browser up
            for number, site in enumerate(args.site):
                file = folder / f"{run}-{number}.json"
                tasks = _traced(browser, bases[site], args.path, args.query, file)
                if run:
                    found[site].append(
                        (max(cpu for _, cpu in tasks), max(wall for wall, _ in tasks))
                    )
        browser.close()
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    for site, runs in found.items():
        cpu = sorted(round(c, 1) for c, _ in runs)
        walls = sorted(round(w) for _, w in runs)
        over = sum(w > 50 for w in walls)
        print(
            f"{site}: longest task CPU median {statistics.median(cpu):.1f} ms "
            f"(runs: {cpu}); longest task's wall time median "
            f"{statistics.median(walls):.0f} ms (runs: {walls}); "
            f"runs with a task over 50 ms: {over} of {len(walls)}"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
