"""How a build claims the files it writes: by their change time.

Every file a build writes, copies or links gets a change time (``st_ctime``)
after the build started; a file the build leaves as it was because it would
be written the same (``fast_build`` in ``make devserver``, cached photos)
is claimed with ``newsroom.incremental.keep``, which moves its change time
and nothing else.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

CLOCK_NAME = ".output-manifest-clock"


def file_system_now(folder: Path) -> int:
    """Return a change time no file changed before this call has, and later ones do.

    File times come from the kernel's coarse clock, not ``time.time()``:
    touch a file until its change time moves past the first one read.
    """
    folder.mkdir(parents=True, exist_ok=True)
    clock = folder / CLOCK_NAME
    clock.touch()
    try:
        first = clock.stat().st_ctime_ns
        while True:
            os.utime(clock)
            now = clock.stat().st_ctime_ns
            if now > first:
                return now
            time.sleep(0.001)
    finally:
        clock.unlink(missing_ok=True)


def changed_since(folder: Path, since: int, skip: set[str]) -> set[str]:
    """Return the files under ``folder`` changed at or after ``since`` (relative).

    Top-level names in ``skip``, and hidden ones, are left out.
    """
    found: set[str] = set()
    stack = [(str(folder), "")]
    while stack:
        path, prefix = stack.pop()
        try:
            entries = list(os.scandir(path))
        except FileNotFoundError:
            continue
        for entry in entries:
            if not prefix and (entry.name in skip or entry.name.startswith(".")):
                continue
            name = prefix + entry.name
            if entry.is_dir(follow_symlinks=False):
                stack.append((entry.path, name + "/"))
            elif entry.stat(follow_symlinks=False).st_ctime_ns >= since:
                found.add(name)
    return found
