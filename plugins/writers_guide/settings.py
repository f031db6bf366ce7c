"""The WRITERS_GUIDE_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from pathlib import Path

from newsroom.settings import (
    Setting,
    SettingsTable,
    boolean,
    per_language,
    text,
    url_pattern,
)

# The repository's docs/ folder, where the guide and its English twin live.
DOCS = Path(__file__).resolve().parents[2] / "docs"
SETTINGS = SettingsTable(
    # Off unless a site's settings say so: pelicanconf.py turns it on for the
    # development site, publishconf.py leaves it off (never published by default).
    Setting("WRITERS_GUIDE_ENABLED", False, boolean),
    Setting(
        "WRITERS_GUIDE_URL",
        {"vi": "huong-dan/", "en": "en/writers-guide/"},
        per_language(url_pattern(), "a site-relative URL"),
    ),
    Setting(
        "WRITERS_GUIDE_SOURCES",
        {
            "vi": str(DOCS / "huong-dan-viet-bai.md"),
            "en": str(DOCS / "writers-guide.md"),
        },
        per_language(text, "the path of a Markdown file"),
    ),
)
