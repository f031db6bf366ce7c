"""Shared fixtures: the tests' site, built once per test session."""

from __future__ import annotations

import os
import sys

import pytest

# Messages are Vietnamese by default; the tests written against their English
# texts read them in English (tests of the Vietnamese texts set LANGUAGE=vi).
os.environ["LANGUAGE"] = "en"

from newsroom.bytecode import compile_plugins
from tests.browser import DEFAULT_VIEWPORT, chromium
from tests.sitebuild import CONTENT, Build, build, shared_build

# The modules that take longest (measured with --durations=0, summed per
# module), slowest first. `make test` hands whole modules to its workers in collection
# order (--dist loadfile --no-loadscope-reorder): starting these first keeps
# one of them from being the last thing a worker runs while the others idle.
# Only the speed depends on this list; a module missing from it runs after.
SLOWEST_FIRST = [
    "test_theme_news",
    "test_cms_git_host",
    "test_publishing_deploy_interrupted",
    "test_cms_editor",
    "test_publishing_deploy",
    "test_photos_site",
    "test_devserver_sequences",
    "test_bench_run",
    "test_publishing_ci",
    "test_search_site",
    "test_accessibility",
    "test_devserver_edits",
    "test_warm_reuse",
    "test_fast_build_devserver",
    "test_fast_build",
    "test_pelican_contracts",
    "test_bilingual_pages",
    "test_devserver_output",
    "test_devserver_server",
    "test_publish_drafts",
    "test_search_typing",
    "test_content_hostile",
    "test_hostile_text",
    "test_content_fuzz",
    "test_content_html_fuzz",
    "test_writers_cannot_break_tests",
    "test_audit",
    "test_search_process",
    "test_devserver_change_watcher",
    "test_messages",
    "test_newsroom_cli",
    "test_bilingual_seo",
    "test_render_calls",
    "test_writers_guide",
    "test_search_ranking",
    "test_registry_rebuild",
    "test_content_cases",
    "test_unit_history",
    "test_photos_processing",
    "test_theme_pages",
    "test_unit_pages",
    "test_publishing_site",
    "test_publishing_cdn",
    "test_rewrite_changed",
    "test_newsroom",
    "test_validity",
    "test_convert_keys",
    "test_search_reproducible",
    "test_content_build",
]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Run the slowest modules first (a stable sort: tests keep their order)."""
    rank = {name: place for place, name in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.path.stem, len(rank)))


def pytest_configure(config: pytest.Config) -> None:
    """Write the plugins' bytecode once (``newsroom.bytecode``), as ``make`` does:
    the search indexer of every test build is a fresh Python that imports them."""
    compile_plugins()


@pytest.hookimpl(wrapper=True)
def pytest_collection(session: pytest.Session):
    """Keep the test modules' compiled, assertion-rewritten bytecode.

    Every worker compiles every test module with pytest's assertion rewriting
    (~2 s of CPU each) unless a previous run left it in ``tests/__pycache__``;
    with PYTHONDONTWRITEBYTECODE set (as in this project's shells) none does,
    and every run pays it again in every worker. Writing is allowed while the
    tests are collected only: Pelican's and the plugins' own runs are unchanged.
    """
    writes_none = sys.dont_write_bytecode
    sys.dont_write_bytecode = False
    try:
        return (yield)
    finally:
        sys.dont_write_bytecode = writes_none


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """The tests' site built with the development settings, once per session
    (all workers read it: a test that changes it works on a copy)."""
    result = shared_build(
        tmp_path_factory, "site", lambda folder: build(CONTENT, folder / "output")
    )
    assert result.returncode == 0, result.log
    return result


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium per test process, started by the first test that
    asks (every page or context a test opens is its own: nothing is shared
    but the browser process)."""
    with chromium() as running:
        yield running


@pytest.fixture
def fresh_page(browser):
    """Open a tab in a new context (an empty cache); fail on any script error."""
    context = browser.new_context()
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


@pytest.fixture(scope="module")
def module_tab(browser):
    """One tab in one context for a module's tests (see ``tab``)."""
    context = browser.new_context()
    yield context.new_page()
    context.close()


@pytest.fixture
def tab(module_tab):
    """The module's tab, reset for this test; fail on any script error.

    A new tab costs a renderer process (~0.4 s of CPU) and a cold JavaScript
    engine; the module's tests that need no empty cache, clock or context
    options share one. Each test gets the default viewport, no media
    emulation, no routes and the mouse in the corner; its ``goto`` loads a new
    document. Init scripts a test adds must be removed by it (``with``).
    """
    module_tab.unroute_all()
    module_tab.set_viewport_size(DEFAULT_VIEWPORT)
    module_tab.emulate_media(media="null", color_scheme="null")
    module_tab.mouse.move(0, 0)
    errors: list[str] = []

    def record(error) -> None:
        errors.append(str(error))

    module_tab.on("pageerror", record)
    yield module_tab
    module_tab.remove_listener("pageerror", record)
    assert not errors, errors
