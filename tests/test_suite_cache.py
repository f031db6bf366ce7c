"""The suite's own speed: what one run leaves for the next (issue #14)."""

from __future__ import annotations

from pathlib import Path


def test_collection_keeps_the_assertion_rewritten_bytecode_for_the_next_run():
    """Even under PYTHONDONTWRITEBYTECODE (tests/conftest.py's
    ``pytest_collection``): every worker of the next run then reads each test
    module's compiled code instead of rewriting and compiling it again."""
    here = Path(__file__)
    assert list((here.parent / "__pycache__").glob(f"{here.stem}.*-pytest-*.pyc"))
