"""The FAST_BUILD_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Mapping
from typing import Any

from newsroom.settings import Setting, SettingsTable, boolean, whole_number

SETTINGS = SettingsTable(
    # Processes used to read posts and render pages (1 turns parallelism off;
    # where processes cannot fork, Windows, the build uses one: worker_processes).
    Setting("FAST_BUILD_WORKERS", os.cpu_count() or 1, whole_number(1)),
    # Below this many files or pages, work is done in one process.
    Setting("FAST_BUILD_PARALLEL_MIN", 64, whole_number(0)),
    # Render as soon as this many pages wait: in a child process, while the
    # generators go on; memory stays flat as the archive grows (each waiting
    # page holds a copy of the template context).
    Setting("FAST_BUILD_BATCH", 1000, whole_number(1)),
    # Memory the build may take, in MiB (0: no limit). A render process adds
    # up to 60 % of this one's memory, so none is forked once that would go
    # over: the pages are rendered here, one core slower (10,000 posts).
    Setting("FAST_BUILD_MEMORY_BUDGET", 400, whole_number(0, unit="MiB")),
    # Keep read posts in memory between rebuilds of one process (devserver).
    Setting("FAST_BUILD_MEMORY_CACHE", True, boolean),
    # Also keep them on disk (in CACHE_PATH) for the next build's process, so a
    # `make html` after an edit re-reads only the edited posts.
    Setting("FAST_BUILD_DISK_CACHE", True, boolean),
    # Skip rendering pages whose inputs did not change since the last build of
    # this process (devserver); a fresh process always renders everything.
    Setting("FAST_BUILD_SKIP_UNCHANGED", False, boolean),
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


def get(settings: Mapping[str, Any], name: str) -> Any:
    """Return a FAST_BUILD_* setting, checked; raise SettingsError if bad."""
    return SETTINGS.value(settings, name)


def can_fork() -> bool:
    """Tell whether this platform forks processes (not Windows).

    The parallel read and render hand posts and pages to forked children;
    a spawned one would import the site's whole build again for each.
    """
    return hasattr(os, "fork") and "fork" in multiprocessing.get_all_start_methods()


def worker_processes(settings: Mapping[str, Any]) -> int:
    """Return FAST_BUILD_WORKERS, or 1 where processes cannot fork."""
    workers = get(settings, "FAST_BUILD_WORKERS")
    return workers if workers < 2 or can_fork() else 1
