"""The THEME_ASSETS_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from typing import Any

from newsroom.settings import Setting, SettingsTable, folder_inside_output, path_text

SETTINGS = SettingsTable(
    # Where the component stylesheets live, relative to the theme.
    Setting("THEME_ASSETS_CSS_DIR", "static/css", path_text),
    # Where the bundle is written, relative to the output folder.
    Setting("THEME_ASSETS_OUTPUT_DIR", "theme/css", folder_inside_output("theme/css")),
    # The theme's scripts, relative to the theme, and where their fingerprinted
    # copies are written, relative to the output folder.
    Setting("THEME_ASSETS_JS_DIR", "static/js", path_text),
    Setting("THEME_ASSETS_JS_OUTPUT_DIR", "theme/js", folder_inside_output("theme/js")),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
