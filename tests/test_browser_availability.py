"""Browser tests skip with their reason where no browser exists, never in CI."""

from __future__ import annotations

import pytest

from tests import browser


@pytest.fixture
def no_chromium(monkeypatch):
    """A machine without Chromium (a writer's Windows or Mac)."""
    monkeypatch.setattr(browser, "CHROMIUM", "/nonexistent/chromium")


def test_without_a_browser_the_test_is_skipped_with_the_reason(
    no_chromium, monkeypatch
):
    monkeypatch.delenv("CI", raising=False)
    with (
        pytest.raises(pytest.skip.Exception, match="Chromium is missing"),
        browser.chromium(),
    ):
        pass


@pytest.mark.parametrize("ci", ["true", "1"])
def test_in_ci_a_missing_browser_fails(no_chromium, monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    with (
        pytest.raises(pytest.fail.Exception, match="never skip in CI"),
        browser.chromium(),
    ):
        pass
