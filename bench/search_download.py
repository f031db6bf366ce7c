"""Measure search on a built site: index size, and bytes a browser downloads per query.

Usage: ``python -m bench.search_download OUTPUT [QUERY ...]`` (default queries:
"tan binh", "doan", "thanh niên"). Serves OUTPUT on 127.0.0.1, opens the
Vietnamese search page in headless Chromium for each query with an empty cache,
and prints the bytes of every response, search files apart.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import threading
import time
from pathlib import Path
from urllib.parse import quote_plus

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        del format, args


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Return the number of files under ``folder`` and their total size."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return len(files), sum(p.stat().st_size for p in files)


def measure(output: Path, queries: list[str]) -> None:
    """Print the index size and the downloads of each query."""
    from playwright.sync_api import sync_playwright

    count, size = folder_bytes(output / "pagefind")
    print(f"index: {count} files, {size / 1024:.1f} KB on disk")
    handler = functools.partial(_Quiet, directory=str(output))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
            )
            for query in queries:
                context = browser.new_context()  # an empty cache for each query
                page = context.new_page()
                sizes: list[tuple[str, int]] = []
                page.on(
                    "requestfinished",
                    lambda request, sizes=sizes: sizes.append(
                        (request.url, request.sizes()["responseBodySize"])
                    ),
                )
                started = time.perf_counter()
                page.goto(f"{base}/tim-kiem/?q={quote_plus(query)}")
                page.wait_for_selector("#search-results a", timeout=30_000)
                page.wait_for_load_state("networkidle")
                seconds = time.perf_counter() - started
                results = page.locator("#search-results a").count()
                search = sum(s for url, s in sizes if "/pagefind/" in url)
                total = sum(s for _, s in sizes)
                print(
                    f"query {query!r}: {results} result links, {total / 1024:.1f} KB "
                    f"downloaded ({search / 1024:.1f} KB search files, "
                    f"{len(sizes)} requests) in {seconds:.2f} s"
                )
                context.close()
            browser.close()
    finally:
        server.shutdown()


def main(argv: list[str] | None = None) -> None:
    """Parse the command line and measure."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path)
    parser.add_argument(
        "queries", nargs="*", default=["tan binh", "doan", "thanh niên"]
    )
    args = parser.parse_args(argv)
    measure(args.output, args.queries)


if __name__ == "__main__":
    main()
