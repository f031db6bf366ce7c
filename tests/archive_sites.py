"""A generated archive and its parallel fast_build build, made once per session.

tests/test_fast_build.py (parallel = fast_build's serial mode) and
tests/test_pelican_contracts.py (parallel = stock Pelican; ``content_written``
notes) compare the same parallel build with their own other build.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from bench.generate import generate_archive
from tests.sitebuild import NO_SEARCH, ROOT, Build, build, shared_build

ARCHIVE_POSTS = 45  # lists of several pages, units, people; every worker used
PROBE = ROOT / "tests" / "fixtures" / "plugins"  # contract_probe: content_written
PARALLEL = {  # fast_build at its most deferred: many small batches, forked
    "FAST_BUILD_WORKERS": "2",
    "FAST_BUILD_PARALLEL_MIN": "1",
    "FAST_BUILD_BATCH": "7",
}


def plugins(fast: bool, probe: bool = False) -> list[str]:
    """Return ``PLUGINS`` of pelicanconf.py, without fast_build unless ``fast``."""
    tree = ast.parse((ROOT / "pelicanconf.py").read_text(encoding="utf-8"))
    listed = next(
        ast.literal_eval(node.value)
        for node in tree.body
        if isinstance(node, ast.Assign) and node.targets[0].id == "PLUGINS"
    )
    assert "fast_build" in listed
    chosen = [name for name in listed if fast or name != "fast_build"]
    return [*chosen, "contract_probe"] if probe else chosen


def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the generated archive's content folder (read it, never change it)."""

    def make(folder: Path) -> Build:
        generate_archive(folder, ARCHIVE_POSTS)
        return Build(0, "", folder / "content")

    return shared_build(tmp_path_factory, "archive-content", make).output


def parallel_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Build, Path]:
    """Return the archive built by forked fast_build workers, no search index,
    and the ``content_written`` notes of that build (contract_probe's log)."""
    content = archive(tmp_path_factory)

    def make(folder: Path) -> Build:
        extra = {
            **NO_SEARCH,
            **PARALLEL,
            "PLUGINS": json.dumps(plugins(fast=True, probe=True)),
            "PLUGIN_PATHS": json.dumps([str(ROOT / "plugins"), str(PROBE)]),
            "CONTRACT_PROBE_LOG": json.dumps(str(folder / "notes.jsonl")),
        }
        return build(content, folder / "output", extra=extra)

    result = shared_build(tmp_path_factory, "archive-parallel", make)
    return result, result.output.parent / "notes.jsonl"
