"""The PROGRESS_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from typing import Any

from newsroom.settings import Setting, SettingsTable, boolean, number

SETTINGS = SettingsTable(
    # Seconds between two plain progress lines (CI logs, files, pipes).
    Setting("PROGRESS_INTERVAL", 10.0, number(0, "seconds")),
    # Seconds before a bar appears in a terminal: quick work shows none.
    Setting("PROGRESS_DELAY", 2.0, number(0, "seconds")),
    # False: no bar and no progress lines; the summaries are still printed.
    Setting("PROGRESS_ENABLED", True, boolean),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
