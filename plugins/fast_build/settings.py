"""The fast_build settings and their defaults, in one place."""

from __future__ import annotations

import os

DEFAULTS = {
    # Processes used to read posts and render pages (1 turns parallelism off).
    "FAST_BUILD_WORKERS": os.cpu_count() or 1,
    # Below this many files or pages, work is done in one process.
    "FAST_BUILD_PARALLEL_MIN": 64,
    # Render as soon as this many pages wait: in a child process, while the
    # generators go on; memory stays flat as the archive grows (each waiting
    # page holds a copy of the template context).
    "FAST_BUILD_BATCH": 1000,
    # Memory the build may take, in MiB (0: no limit). A render process adds
    # up to 60 % of this one's memory, so none is forked once that would go
    # over: the pages are rendered here, one core slower (10,000 posts).
    "FAST_BUILD_MEMORY_BUDGET": 400,
    # Keep read posts in memory between rebuilds of one process (devserver).
    "FAST_BUILD_MEMORY_CACHE": True,
    # Also keep them on disk (in CACHE_PATH) for the next build's process, so a
    # `make html` after an edit re-reads only the edited posts.
    "FAST_BUILD_DISK_CACHE": True,
    # Skip rendering pages whose inputs did not change since the last build of
    # this process (devserver); a fresh process always renders everything.
    "FAST_BUILD_SKIP_UNCHANGED": False,
}


def get(settings: dict, name: str):
    """Return a FAST_BUILD_* setting, falling back to its default."""
    value = settings.get(name, DEFAULTS[name])
    if name == "FAST_BUILD_WORKERS" and (not isinstance(value, int) or value < 1):
        raise ValueError(f"{name} must be a whole number from 1, not {value!r}")
    return value
