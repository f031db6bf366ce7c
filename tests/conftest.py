"""Shared fixtures: the real site, built once per test session."""

from __future__ import annotations

import os

import pytest

# Messages are Vietnamese by default; the tests written against their English
# texts read them in English (tests of the Vietnamese texts set LANGUAGE=vi).
os.environ["LANGUAGE"] = "en"

from tests.sitebuild import CONTENT, Build, build


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Build:
    """Build the real ``content/`` with the development settings."""
    result = build(CONTENT, tmp_path_factory.mktemp("site") / "output")
    assert result.returncode == 0, result.log
    return result
