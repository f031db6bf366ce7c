"""Browser tests' tools: serve a built site on 127.0.0.1, drive Debian's Chromium.

Playwright drives the system ``chromium`` (``scripts/install-system-packages.sh``)
through ``executable_path``; ``playwright install`` is never needed. A test
takes the ``tab`` fixture (tests/conftest.py: the module's one tab, reset
for each test), or ``fresh_page`` or the ``browser`` (one Chromium per test
process, launched by ``chromium()``) for a context of its own; a served site
is one per test module.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

#: Chromium's headless shell (Debian's ``chromium-headless-shell``: the same
#: Blink and V8 without the browser's own interface, as Playwright runs headless
#: by default) costs the suite a fifth less CPU than the full browser; the full
#: ``chromium`` serves where it is the only one installed.
HEADLESS_SHELL = "/usr/bin/chromium-headless-shell"
CHROMIUM = os.environ.get("CHROMIUM_PATH") or (
    HEADLESS_SHELL if Path(HEADLESS_SHELL).is_file() else "/usr/bin/chromium"
)
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-extensions",
    "--disable-sync",
    "--metrics-recording-only",
    "--no-first-run",
]

#: Playwright's viewport for a new page or context (its ``viewport`` default).
DEFAULT_VIEWPORT = {"width": 1280, "height": 720}


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serve files without logging every request to stderr."""

    def log_message(self, format, *args):
        del format, args


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on a free port of 127.0.0.1; yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def no_browser(reason: str) -> None:
    """Stop a browser test that cannot run: fail in CI, skip elsewhere.

    CI (the ``CI`` variable set, as GitHub Actions and GitLab do) installs the
    browser, so a missing one there is a broken set-up; on a writer's Windows
    or Mac without Chromium the test is skipped with the reason.
    """
    if os.environ.get("CI", "").lower() not in ("", "0", "false", "no"):
        pytest.fail(f"{reason} (CI is set: browser tests never skip in CI)")
    pytest.skip(f"{reason}; browser tests skipped outside CI")


@contextmanager
def chromium():
    """Launch headless Chromium through Playwright; yield the Browser.

    Without Playwright or Chromium the test skips with the reason, except in
    CI, where ``make test`` installs both and a missing browser fails.
    """
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        no_browser("Playwright is missing: pip install -r requirements-test.txt")
    if not (Path(CHROMIUM).is_file() or shutil.which(CHROMIUM)):
        no_browser(
            f"Chromium is missing at {CHROMIUM}: run "
            "scripts/install-system-packages.sh as root on Debian or Ubuntu, "
            "or set CHROMIUM_PATH to a Chromium or Chrome"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Downloads:
    """The responses a page received: URL and body size in bytes."""

    responses: list[tuple[str, int]] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Return the bytes of all response bodies."""
        return sum(size for _, size in self.responses)

    def matching(self, part: str) -> list[tuple[str, int]]:
        """Return the responses whose URL contains ``part``."""
        return [(url, size) for url, size in self.responses if part in url]


def record_downloads(page) -> Downloads:
    """Start counting the bytes of every response ``page`` receives."""
    downloads = Downloads()

    def on_finished(request):
        response = request.response()
        if response is None:
            return
        sizes = request.sizes()
        downloads.responses.append((request.url, sizes["responseBodySize"]))

    page.on("requestfinished", on_finished)
    return downloads


def wait_for_search(page) -> None:
    """Wait until the search the URL describes is shown (search.js is done)."""
    page.wait_for_function(
        """() => {
            const list = document.getElementById('search-results');
            return list.getAttribute('aria-busy') === 'false'
                && list.dataset.searched === location.pathname + location.search;
        }"""
    )
