"""Measure the search page as a reader meets it: bytes, time to results, long tasks.

``make bench-search`` (``python -m bench.search_bench --posts 1000``) generates an
archive (``bench.generate``), builds it with our site, serves the output as a
static host does (Brotli or gzip for text files, by the client's
``Accept-Encoding``, from a local server this tool starts), and drives headless
Chromium (Playwright, the system ``chromium``) with an empty cache for each
case. ``--site DIR`` measures an already built output instead.

For each query it types the words into the search page and reports the bytes
downloaded (everything, the page included, as transferred: compressed), the
time from the last keystroke to the results on screen, and the longest main
thread task seen by a ``PerformanceObserver`` (``longtask``: over 50 ms); then
a second query on the same page; then the filter-only searches the unit and
person pages link to, with the index files they fetched (none is the target).
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import mimetypes
import os
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import quote_plus, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]
QUERIES = (
    "tan binh",
    "doan",
    "thanh niên",
    "cô tô",
    "co t",
    "Hoà",
    '"bí thư chi đoàn"',
)
SECOND_QUERY = "bí thư"
#: What a word search fetches and a filter-only search should not.
INDEX_FILE = re.compile(r"/(words|pairs|prefix)/|\.pf_index$")
#: Compressed like a static host: text, scripts, data (not images or Pagefind's
#: own chunks, which it gzips itself).
COMPRESSED = (".html", ".css", ".js", ".mjs", ".json", ".txt", ".xml", ".svg")


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files, Brotli- or gzip-compressed when the client accepts it."""

    cache: ClassVar[dict[tuple[str, str], bytes]] = {}

    def log_message(self, format, *args):
        del format, args

    def end_headers(self):
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self):
        path = Path(self.translate_path(unquote(urlsplit(self.path).path)))
        if path.is_dir():
            path = path / "index.html"
        accepted = self.headers.get("Accept-Encoding", "")
        coding = "br" if "br" in accepted else "gzip" if "gzip" in accepted else ""
        if not path.is_file() or not coding or not path.name.endswith(COMPRESSED):
            return super().do_GET()
        key = (str(path), coding)
        if key not in self.cache:
            data = path.read_bytes()
            if coding == "br":
                import brotli

                self.cache[key] = brotli.compress(data, quality=11)
            else:
                self.cache[key] = gzip.compress(data, 9, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        kind = mimetypes.guess_type(path.name)[0] or "text/plain"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` compressed on 127.0.0.1; yield its base URL."""

    def handler(*args, **kwargs):
        return CompressingHandler(*args, directory=str(directory), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Case:
    """One measured search."""

    label: str
    results: int = 0
    bytes: int = 0  # every response, as transferred
    requests: int = 0
    index_files: int = 0  # word index files (or Pagefind index chunks) fetched
    seconds: float = 0.0  # last keystroke (or page start) to results shown
    longest_task: float = 0.0  # ms
    # The page's own marks (search.js, Performance API), in ms: the pause after
    # the last key, finding and ranking (files fetched and scored), showing the
    # first results (their cards and texts fetched, laid out), the announcement.
    steps: dict[str, float] = field(default_factory=dict)
    server_wait: float = 0.0  # ms: the longest wait for a response's first byte
    files: list[tuple[str, int]] = field(default_factory=list)


LONG_TASKS = """
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
window.__lastInput = 0;
document.addEventListener("input", () => {
  window.__lastInput = performance.now();
}, true);
"""
SHOWN = """() => {
  const list = document.getElementById('search-results');
  return list.getAttribute('aria-busy') === 'false'
    && list.dataset.searched === location.pathname + location.search;
}"""


def _recorder(page) -> list[tuple[str, int]]:
    sizes: list[tuple[str, int]] = []

    def finished(request) -> None:
        sizes.append((request.url, request.sizes()["responseBodySize"]))
        timing = request.timing  # ms; -1 where the step did not happen
        _waits[page].append(max(0.0, timing["responseStart"] - timing["requestStart"]))

    _waits[page] = []
    page.on("requestfinished", finished)
    return sizes


# Per page: how long each finished request waited for the server (time to its
# first byte), in the order of ``sizes``. The bench's server compresses a file
# (Brotli, quality 11) the first time it is asked for, as a static host's build
# step would have done before: this tells the server's share from the page's.
_waits: dict = {}


def _finish(case: Case, page, sizes, since: int) -> None:
    page.wait_for_function(SHOWN, timeout=60_000)
    page.wait_for_load_state("networkidle")
    case.results = page.locator("#search-results li").count()
    mine = sizes[since:]
    case.files = mine
    case.server_wait = max(_waits.get(page, [])[since:], default=0.0)
    case.bytes = sum(size for _, size in mine)
    case.requests = len(mine)
    case.index_files = sum(1 for url, _ in mine if INDEX_FILE.search(url))
    tasks = page.evaluate("window.__longTasks.splice(0)")
    case.longest_task = max(tasks, default=0.0)


STEPS = """since => {
  const last = (name) => {
    const marks = performance.getEntriesByName(`search:${name}`, "mark");
    return marks.length ? marks[marks.length - 1].startTime : NaN;
  };
  const [start, ranked, shown, done] = ["start", "ranked", "shown", "done"].map(last);
  return {pause: start - since, find: ranked - start, show: shown - ranked,
          announce: done - shown};
}"""


def _steps(page, since: float) -> dict[str, float]:
    """Return the page's marked steps of its last search, in ms."""
    return {
        name: value
        for name, value in page.evaluate(STEPS, since).items()
        if value == value  # not NaN: the step was marked
    }


def _type(page, query: str) -> float:
    """Type ``query`` into the search box; return the seconds to its results."""
    page.fill("#search-q", "")
    page.evaluate("window.__longTasks.splice(0)")
    page.keyboard.type(query, delay=60)
    wanted = " ".join(query.split())
    page.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q",
        arg=wanted,
        timeout=60_000,
    )
    page.wait_for_function(SHOWN, timeout=60_000)
    shown = page.evaluate("performance.now()")
    return (shown - page.evaluate("window.__lastInput")) / 1000


def measure(site: Path, queries=QUERIES, filters=None) -> list[Case]:
    """Run every case on the built ``site``; return the measurements."""
    from playwright.sync_api import sync_playwright

    filters = filters or default_filters(site)
    cases: list[Case] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for query in queries:
            context = browser.new_context()  # an empty cache
            page = context.new_page()
            page.add_init_script(LONG_TASKS)
            sizes = _recorder(page)
            page.goto(f"{base}/tim-kiem/")
            page.wait_for_function(SHOWN)
            page.focus("#search-q")
            case = Case(f"first: {query}")
            case.seconds = _type(page, query)
            case.steps = _steps(page, page.evaluate("window.__lastInput"))
            _finish(case, page, sizes, 0)
            cases.append(case)
            second = Case(f"  then: {SECOND_QUERY}")
            start = len(sizes)
            second.seconds = _type(page, SECOND_QUERY)
            second.steps = _steps(page, page.evaluate("window.__lastInput"))
            _finish(second, page, sizes, start)
            cases.append(second)
            context.close()
        for label, params in filters:
            context = browser.new_context()
            page = context.new_page()
            page.add_init_script(LONG_TASKS)
            sizes = _recorder(page)
            query = "&".join(f"{k}={quote_plus(v)}" for k, v in params.items())
            started = time.perf_counter()
            page.goto(f"{base}/tim-kiem/?{query}")
            case = Case(f"filter: {label}")
            _finish(case, page, sizes, 0)
            case.seconds = time.perf_counter() - started
            case.steps = _steps(page, 0.0)  # from the page's start
            cases.append(case)
            context.close()
        browser.close()
    return cases


def default_filters(site: Path) -> list[tuple[str, dict[str, str]]]:
    """Pick filter-only cases from the lists: the biggest unit, person and year."""
    root = site / "pagefind" / "lists" / "vi"

    def biggest(name: str) -> str:
        files = sorted(
            root.glob(f"{name}/*.txt"), key=lambda p: (-p.stat().st_size, p.name)
        )
        return files[0].stem if files else ""

    unit, person, year = biggest("unit"), biggest("person"), biggest("year")
    return [
        (f"unit {unit}", {"unit": unit}),
        (f"person {person}", {"person": person}),
        (f"year {year}", {"year": year}),
        ("unit+person+year", {"unit": unit, "person": person, "year": year}),
    ]


def table(cases: list[Case]) -> str:
    """Return the measurements as a Markdown table."""
    lines = [
        "| case | results | KB | requests | index files | s to results "
        "| longest task ms | pause / find / show / announce ms | server wait ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for case in cases:
        steps = " / ".join(
            f"{case.steps[name]:.0f}" if name in case.steps else "-"
            for name in ("pause", "find", "show", "announce")
        )
        lines.append(
            f"| {case.label} | {case.results} | {case.bytes / 1024:.1f} "
            f"| {case.requests} | {case.index_files} | {case.seconds:.3f} "
            f"| {case.longest_task:.0f} | {steps} | {case.server_wait:.0f} |"
        )
    return "\n".join(lines)


def build_site(posts: int, work: Path) -> tuple[Path, dict]:
    """Generate ``posts`` posts under ``work``, build them; return output, figures."""
    from bench.generate import generate_archive

    generate_archive(work, posts=posts, photos=0)
    output = work / "output"
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    command = [
        sys.executable, "-m", "pelican", str(work / "content"), "-o", str(output),
        "-s", str(ROOT / "pelicanconf.py"), "-v",
        "-e", f"CACHE_PATH={json.dumps(str(work / 'cache'))}",
    ]  # fmt: skip
    env = {**os.environ, "SITE_CONTENT": str(work / "content")}
    log = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if log.returncode:
        raise SystemExit(f"build failed:\n{log.stdout[-3000:]}\n{log.stderr[-3000:]}")
    figures = {
        "build_seconds": round(time.perf_counter() - started, 1),
        "cpu_seconds": round(
            after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime, 1
        ),
        "peak_rss_mib": round(after.ru_maxrss / 1024),  # the build or Pagefind
        "search_log": [
            line for line in log.stdout.splitlines() if "Search index" in line
        ],
    }
    return output, figures


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, build or take a site, measure, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--posts", type=int, default=1000)
    parser.add_argument("--site", type=Path, help="measure this built output instead")
    parser.add_argument("--workdir", type=Path, help="work here (kept)")
    parser.add_argument("--query", action="append", help="a query (repeatable)")
    args = parser.parse_args(argv)
    if args.site:
        site, figures = args.site, {}
    else:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-search-"))
        site, figures = build_site(args.posts, work)
        print(f"work folder: {work}")
    for name, value in figures.items():
        print(f"{name}: {value}")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(table(measure(site, tuple(args.query or QUERIES))))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
