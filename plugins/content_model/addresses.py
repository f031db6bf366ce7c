"""Output addresses: which posts and pages a build writes, and where."""

from __future__ import annotations

from typing import Any


def is_written(content: Any) -> bool:
    """Tell whether this build writes ``content`` (a post or page) to the site.

    Pelican skips content whose ``save_as`` is empty: drafts in a publish
    build (``DRAFT_SAVE_AS = ""``). What such content uses (photos, people,
    units) must then leave no trace in the site either.
    """
    return bool(getattr(content, "save_as", ""))
