"""Work a ``make devserver`` build leaves for when the editor is idle.

A second after a build, if the editor has not saved again, a background
thread runs the jobs (save the read posts for the next process; collect the
builds' garbage if much has gathered); after a longer pause, the garbage is
collected whatever its size (a full collection holds the interpreter for
1.5 s at 10,000 posts: a save at that moment would wait). A build that
starts first cancels them, and they are asked for again when it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

IDLE_SECONDS = 1.0
LONG_IDLE_SECONDS = 10.0
_pending: list[threading.Timer] = []


def when_idle(*jobs: Callable[[], object], delay: float = IDLE_SECONDS) -> None:
    """Run ``jobs`` in order ``delay`` seconds from now, unless a build starts."""
    timer = threading.Timer(delay, _run, args=(jobs,))
    timer.daemon = True  # never keep the process alive for this
    timer.start()
    _pending.append(timer)


def cancel() -> None:
    """Forget jobs that have not started (a new build starts)."""
    while _pending:
        _pending.pop().cancel()


def _run(jobs) -> None:
    for job in jobs:
        job()
