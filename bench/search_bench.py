"""Measure the search page as a reader meets it: bytes, time to results, long tasks.

``make bench-search`` (``python -m bench.search_bench --posts 1000``) generates an
archive (``bench.generate``), builds it with our site, writes the ``.br``/``.gz``
files ``make publish`` writes (``publishing.cdn.precompress``, same settings)
for what the search pages fetch (the pages, the theme, the search lists), serves
the output as a static host with pre-compressed files does (nginx
``brotli_static``/``gzip_static``: the ``.br`` or ``.gz`` by the client's
``Accept-Encoding``, else the file as it is; from a local server this tool
starts), and drives headless Chromium (Playwright, the system ``chromium``) with
an empty cache for each case. ``--site DIR`` measures an already built output
instead (compressing it first the same way).

For each query it types the words into the search page and reports the bytes
downloaded (everything, the page included, as transferred: compressed; read
from the page's Resource Timing once the case is over, so that the harness
itself does nothing while the page loads), the
time from the last keystroke to the first results on screen (titles, dates,
units and count: the page's ``search:shown`` mark) and to the excerpts
(``search:done``), and the longest main thread task seen by a
``PerformanceObserver`` (``longtask``: over 50 ms); then a second query on the
same page; then the filter-only searches the unit and person pages link to
(timed from the navigation's start), with the index files they fetched (none is
the target), and the same filters chosen on the search page with the mouse
(timed from the choice).
"""

from __future__ import annotations

import argparse
import http.server
import json
import mimetypes
import multiprocessing
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote_plus, unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))  # publishing.cdn, search_index.lists
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


#: What the search pages fetch, compressed before the server starts.
SEARCH_FILES = ("tim-kiem", "en/search", "theme", "pagefind/lists")


def precompress(site: Path, cache: Path | None = None) -> int:
    """Write the ``.br``/``.gz`` files ``make publish`` writes, for the search pages.

    The same code and settings as ``make publish`` (``publishing.cdn``), on the
    folders the search pages fetch from only: the whole site at 10,000 posts
    would take minutes for files no search reads. ``cache`` keeps the results
    by content, so measuring the same site again compresses nothing. Return
    the number of files written.
    """
    from publishing import cdn

    written = 0
    for folder in SEARCH_FILES:
        if (site / folder).is_dir():
            written += cdn.precompress(
                site / folder,
                minimum=cdn.DEFAULTS["PUBLISHING_PRECOMPRESS_MIN_BYTES"],
                quality=cdn.DEFAULTS["PUBLISHING_BROTLI_QUALITY"],
                cache=cache / folder.replace("/", "-") if cache else None,
            )
    return written


class CompressingHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files as a static host with pre-compressed files does.

    ``file.br`` or ``file.gz`` when it exists and the client accepts it (nginx
    ``brotli_static``/``gzip_static``, ``make publish``'s ``.htaccess``), else
    the file as it is: nothing is compressed while a reader waits.
    """

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
        found = [
            (coding, path.with_name(path.name + suffix))
            for coding, suffix in (("br", ".br"), ("gzip", ".gz"))
            if coding in accepted and path.name.endswith(COMPRESSED)
        ]
        found = [(coding, packed) for coding, packed in found if packed.is_file()]
        if not path.is_file() or not found:
            return super().do_GET()
        coding, packed = found[0]
        body = packed.read_bytes()
        self.send_response(200)
        kind = mimetypes.guess_type(path.name)[0] or "text/plain"
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", coding)
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def _serve_forever(server: http.server.ThreadingHTTPServer) -> None:
    server.serve_forever()


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 from a process of its own; yield its URL.

    Its own process (forked): in this one, Playwright's driver and its event
    handlers would take turns with the server for Python's lock. Connections
    are kept alive (HTTP/1.1), as a static host keeps them.
    """

    class Handler(CompressingHandler):
        protocol_version = "HTTP/1.1"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(directory), **kwargs)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    process = multiprocessing.get_context("fork").Process(
        target=_serve_forever, args=(server,), daemon=True
    )
    process.start()
    server.socket.close()  # the child serves it
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        process.terminate()
        process.join()


@dataclass
class Case:
    """One measured search (with ``--repeat``, the median of its runs)."""

    label: str
    results: int = 0
    bytes: int = 0  # every response, as transferred
    requests: int = 0
    index_files: int = 0  # word index files (or Pagefind index chunks) fetched
    # Last keystroke or choice (a URL's search: the navigation's start) to the
    # first results painted: titles, dates, units, the count announced.
    seconds: float = 0.0
    longest_task: float = 0.0  # ms
    # The page's own marks (search.js, Performance API), in ms: the pause after
    # the last key, finding and ranking (files fetched and scored), showing the
    # first results (their cards fetched, laid out), then the excerpts (the
    # posts' texts) and the announcement.
    steps: dict[str, float] = field(default_factory=dict)
    server_wait: float = 0.0  # ms: the longest wait for a response's first byte
    files: list[tuple[str, int]] = field(default_factory=list)
    slowest: float = 0.0  # with --repeat: the slowest run's seconds
    runs: int = 1


# Recorded in the page from its first script on: long tasks, the time of the
# last key or choice (the event's own time stamp: when the key was pressed),
# and when the first results were painted (the frame after search:shown).
LONG_TASKS = """
performance.setResourceTimingBufferSize(100000);  // every download of a case
window.__longTasks = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
}).observe({ type: "longtask", buffered: true });
window.__lastInput = 0;
window.__painted = [];
for (const kind of ["input", "change"]) {
  document.addEventListener(kind, (event) => {
    window.__lastInput = event.timeStamp;
  }, true);
}
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.name !== "search:shown") continue;
    const painted = () => window.__painted.push(performance.now());
    requestAnimationFrame(() => setTimeout(painted));
  }
}).observe({ type: "mark", buffered: true });
"""
SHOWN = """() => {
  const list = document.getElementById('search-results');
  return list.getAttribute('aria-busy') === 'false'
    && list.dataset.searched === location.pathname + location.search;
}"""


#: The page's downloads that started at ``since`` (ms of its clock) or later,
#: the navigation first: read from its Resource Timing once a case is over, so
#: that the harness does no work of its own while the page loads (an event and
#: a call to the browser for each request made the page share its two cores
#: with the harness). A file counts when it came over the network
#: (``transferSize`` above 0, not from a cache); its bytes are its body as
#: transferred (compressed): ``transferSize`` less the 300 the Resource Timing
#: standard adds for the headers, so none for a revalidation (304), whose body
#: the cache had. Its wait is the time to its first byte: the server's share.
#: Chosen by start time: the browser lists a file when it has finished.
DOWNLOADS = """since => [...performance.getEntriesByType("navigation"),
                         ...performance.getEntriesByType("resource")]
  .filter((entry) => entry.startTime >= since && entry.transferSize > 0)
  .map((entry) => [entry.name, Math.max(0, entry.transferSize - 300),
                   Math.max(0, entry.responseStart - entry.requestStart)])"""


def downloads(page, since: float = 0.0) -> list[tuple[str, int, float]]:
    """Return (URL, bytes, ms waited for the server) of each file fetched since."""
    return [tuple(entry) for entry in page.evaluate(DOWNLOADS, since)]


def now(page) -> float:
    """Return the page's clock (ms since its navigation): a later ``since``."""
    return page.evaluate("performance.now()")


def finish(case: Case, page, since: float) -> None:
    page.wait_for_function(SHOWN, timeout=60_000)
    page.wait_for_function("window.__painted.length > 0", timeout=60_000)
    page.wait_for_load_state("networkidle")
    case.results = page.locator("#search-results li").count()
    mine = downloads(page, since)
    case.files = [(url, size) for url, size, _ in mine]
    case.server_wait = max((wait for _, _, wait in mine), default=0.0)
    case.bytes = sum(size for _, size, _ in mine)
    case.requests = len(mine)
    case.index_files = sum(1 for url, _, _ in mine if INDEX_FILE.search(url))
    tasks = page.evaluate("window.__longTasks.splice(0)")
    case.longest_task = max(tasks, default=0.0)
    # Since the last key or choice (0: the navigation's start) to the paint.
    case.seconds = (page.evaluate("window.__painted.at(-1)") - case.seconds) / 1000


STEPS = """since => {
  const last = (name) => {
    const marks = performance.getEntriesByName(`search:${name}`, "mark");
    return marks.length ? marks[marks.length - 1].startTime : NaN;
  };
  const [start, ranked, shown, done] = ["start", "ranked", "shown", "done"].map(last);
  return {pause: start - since, find: ranked - start, show: shown - ranked,
          excerpts: done - shown};
}"""
STEP_NAMES = ("pause", "find", "show", "excerpts")


def _steps(page, since: float) -> dict[str, float]:
    """Return the page's marked steps of its last search, in ms."""
    return {
        name: value
        for name, value in page.evaluate(STEPS, since).items()
        if value == value  # not NaN: the step was marked
    }


def _reset(page) -> None:
    page.evaluate("window.__longTasks.splice(0); window.__painted.splice(0)")


def _type(page, case: Case, query: str) -> None:
    """Type ``query`` into the search box and wait for its search to be shown."""
    page.fill("#search-q", "")
    page.wait_for_function(SHOWN, timeout=60_000)
    _reset(page)
    page.keyboard.type(query, delay=60)
    wanted = " ".join(query.split())
    page.wait_for_function(
        "q => new URLSearchParams(location.search).get('q') === q",
        arg=wanted,
        timeout=60_000,
    )
    page.wait_for_function(SHOWN, timeout=60_000)
    case.seconds = page.evaluate("window.__lastInput")
    case.steps = _steps(page, case.seconds)


def new_page(browser):
    """Open a page in a new context (an empty cache) recording its long tasks."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(LONG_TASKS)
    return context, page


def type_first_query(page, base: str, case: Case, query: str) -> None:
    """Open the search page and, once it is ready, type ``query``, timed in ``case``."""
    page.goto(f"{base}/tim-kiem/")
    page.wait_for_function(SHOWN)
    page.focus("#search-q")
    _type(page, case, query)


def filter_address(base: str, params: dict[str, str]) -> str:
    """Return the search page's URL with ``params`` (unit, person, year) in it."""
    query = "&".join(f"{k}={quote_plus(v)}" for k, v in params.items())
    return f"{base}/tim-kiem/?{query}"


def _run_once(browser, base: str, queries, filters) -> list[Case]:
    """Measure every case once, each in a new context; return them in order."""
    cases: list[Case] = []
    for query in queries:
        context, page = new_page(browser)
        case = Case(f"first: {query}")
        type_first_query(page, base, case, query)
        finish(case, page, 0)
        cases.append(case)
        second = Case(f"  then: {SECOND_QUERY}")
        start = now(page)
        _type(page, second, SECOND_QUERY)
        finish(second, page, start)
        cases.append(second)
        context.close()
    for label, params in filters:
        context, page = new_page(browser)
        page.goto(filter_address(base, params))
        case = Case(f"filter: {label}")  # from the navigation's start: 0
        finish(case, page, 0)
        case.steps = _steps(page, 0.0)
        cases.append(case)
        context.close()
    for label, params in filters:
        # The same filters chosen on the search page with the mouse: applied
        # at once (arrow keys on a closed list wait for their pause).
        context, page = new_page(browser)
        page.goto(f"{base}/tim-kiem/")
        page.wait_for_function(SHOWN)
        page.wait_for_load_state("networkidle")  # the page as a reader finds it
        start = now(page)
        _reset(page)
        for name, value in params.items():
            page.focus(f"#search-{name}")  # as a click or Tab does first
            page.select_option(f"#search-{name}", value)
        page.wait_for_function(
            "n => new URLSearchParams(location.search).size === n",
            arg=len(params),
            timeout=60_000,
        )
        case = Case(f"choose: {label}")
        page.wait_for_function(SHOWN, timeout=60_000)
        case.seconds = page.evaluate("window.__lastInput")
        case.steps = _steps(page, case.seconds)
        finish(case, page, start)
        cases.append(case)
        context.close()
    return cases


def _median(values: list[float]) -> float:
    return statistics.median(values)


def _combine(runs: list[Case]) -> Case:
    """Return one case from its runs: the median run's figures, the slowest run."""
    seconds = [run.seconds for run in runs]
    chosen = min(runs, key=lambda run: abs(run.seconds - _median(seconds)))
    combined = Case(**{**chosen.__dict__, "runs": len(runs)})
    combined.seconds = _median(seconds)
    combined.slowest = max(seconds)
    combined.longest_task = max(run.longest_task for run in runs)
    combined.server_wait = max(run.server_wait for run in runs)
    return combined


def measure(site: Path, queries=QUERIES, filters=None, repeat: int = 1) -> list[Case]:
    """Run every case ``repeat`` times on the built ``site``; return the figures."""
    from playwright.sync_api import sync_playwright

    filters = filters or default_filters(site)
    rounds: list[list[Case]] = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        for _ in range(repeat):
            rounds.append(_run_once(browser, base, queries, filters))
        browser.close()
    return [_combine(list(runs)) for runs in zip(*rounds, strict=True)]


def default_filters(site: Path) -> list[tuple[str, dict[str, str]]]:
    """Pick filter-only cases from the lists: the biggest unit, person and year."""
    root = site / "pagefind" / "lists" / "vi"

    def biggest(name: str) -> str:
        files = sorted(
            root.glob(f"{name}/*.txt"), key=lambda p: (-p.stat().st_size, p.name)
        )
        return files[0].stem if files else ""

    unit, person, year = biggest("unit"), biggest("person"), biggest("year")
    cases = [
        (f"unit {unit}", {"unit": unit}),
        (f"person {person}", {"person": person}),
        (f"year {year}", {"year": year}),
        ("unit+person+year", {"unit": unit, "person": person, "year": year}),
        ("unit+person", {"unit": unit, "person": person}),
        ("unit+year", {"unit": unit, "year": year}),
    ]
    typical = typical_combination(root, unit)
    if typical:
        cases.append(typical)
    return cases


def _numbers(path: Path) -> list[int]:
    """Return the post numbers of a list file (base-36 gaps, as lists.py writes)."""
    from search_index.lists import decode

    return decode(path.read_text(encoding="ascii"))


def typical_combination(root: Path, unit: str) -> tuple[str, dict[str, str]] | None:
    """Return the combination a reader shares: a unit, a person of the median
    number of posts (the biggest one has hundreds) and that person's commonest
    year; None without people."""
    people = sorted(
        (len(_numbers(path)), path.stem) for path in root.glob("person/*.txt")
    )
    if not people:
        return None
    count, person = people[len(people) // 2]
    mine = set(_numbers(root / "person" / f"{person}.txt"))
    years = [
        (len(mine.intersection(_numbers(path))), path.stem)
        for path in root.glob("year/*.txt")
    ]
    year = max(years)[1]
    label = f"unit+person+year ({count} posts)"
    return label, {"unit": unit, "person": person, "year": year}


def table(cases: list[Case]) -> str:
    """Return the measurements as a Markdown table."""
    lines = [
        "| case | results | KB | requests | index files | s to results (max) "
        "| longest task ms | pause / find / show / excerpts ms | server wait ms |",
        "|---|---:|---:|---:|---:|---:|---:|---|---:|",
    ]
    for case in cases:
        steps = " / ".join(
            f"{case.steps[name]:.0f}" if name in case.steps else "-"
            for name in STEP_NAMES
        )
        seconds = f"{case.seconds:.3f}"
        if case.runs > 1:
            seconds += f" ({case.slowest:.3f})"
        lines.append(
            f"| {case.label} | {case.results} | {case.bytes / 1024:.1f} "
            f"| {case.requests} | {case.index_files} | {seconds} "
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
    parser.add_argument(
        "--filters-only", action="store_true", help="measure the filter cases only"
    )
    parser.add_argument(
        "--repeat", type=int, default=3, help="runs of each case (median, slowest)"
    )
    args = parser.parse_args(argv)
    if args.site:
        site, figures = args.site, {}
        cache = site.parent / "cache-precompressed"
    else:
        work = args.workdir or Path(tempfile.mkdtemp(prefix="bench-search-"))
        site, figures = build_site(args.posts, work)
        cache = work / "cache-precompressed"
        print(f"work folder: {work}")
    started = time.perf_counter()
    figures["precompressed_files"] = precompress(site, cache)
    figures["precompress_seconds"] = round(time.perf_counter() - started, 1)
    for name, value in figures.items():
        print(f"{name}: {value}")
    print("load average before: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    queries = () if args.filters_only else tuple(args.query or QUERIES)
    cases = measure(site, queries, repeat=args.repeat)
    print(table(cases))
    print("load average after: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
