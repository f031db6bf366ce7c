"""The CMS_ADMIN_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from typing import Any

from newsroom.settings import Invalid, Setting, SettingsTable, boolean, path_text, text

from .install import DEFAULT_DEST

BACKENDS = ("github", "gitlab", "gitea", "git-gateway")


def backend(value: Any) -> dict[str, Any]:
    """Check a Decap backend: a mapping with ``name`` among the Git hosts."""
    if not isinstance(value, dict) or value.get("name") not in BACKENDS:
        raise Invalid(f"a mapping with name: one of {', '.join(BACKENDS)}")
    return dict(value)


SETTINGS = SettingsTable(
    # Write the editor into OUTPUT_PATH/admin/: true for `make html` and
    # `make devserver`; publishconf.py turns it off unless the site asks for it.
    Setting("CMS_ADMIN_ENABLED", False, boolean),
    # Where the editor is written, inside the output folder.
    Setting("CMS_ADMIN_PATH", "admin", path_text),
    # The Git host the published editor saves to (Decap's `backend`, see README).
    Setting(
        "CMS_ADMIN_BACKEND",
        {"name": "github", "repo": "OWNER/REPOSITORY", "branch": "main"},
        backend,
    ),
    # Where `make install` put Decap CMS's scripts (cms_admin.install).
    Setting("CMS_ADMIN_SCRIPTS", str(DEFAULT_DEST), text),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults
