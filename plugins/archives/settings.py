"""The ARCHIVES_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from typing import Any

from newsroom.settings import (
    Setting,
    SettingsTable,
    per_language,
    strings,
    url_pattern,
    whole_number,
)

_FOLDER = "a folder URL ending with '/'"
SETTINGS = SettingsTable(
    Setting(
        "ARCHIVES_URL",
        {"vi": "luu-tru/", "en": "en/archives/"},
        per_language(url_pattern(folder=True), _FOLDER),
    ),
    Setting(
        "ARCHIVES_YEAR_URL",
        {"vi": "luu-tru/{year}/", "en": "en/archives/{year}/"},
        per_language(url_pattern("year", folder=True), _FOLDER),
    ),
    Setting(
        "ARCHIVES_TOPIC_URL",
        {"vi": "chu-de/{slug}/", "en": "en/topics/{slug}/"},
        per_language(url_pattern("slug", folder=True), _FOLDER),
    ),
    # The home page's "units with new posts": which kinds of unit (empty: all),
    # how many, how deep, and the unit keys always shown first.
    Setting("ARCHIVES_HOME_UNIT_KINDS", (), strings),
    Setting("ARCHIVES_HOME_PINNED_UNITS", (), strings),
    Setting("ARCHIVES_HOME_SECTIONS", 4, whole_number(0)),
    Setting("ARCHIVES_HOME_POSTS_PER_UNIT", 3, whole_number(1)),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
