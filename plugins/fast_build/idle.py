"""Work a ``make devserver`` build leaves for when the editor is idle.

A second after a build, if the editor has not saved again, a background
thread runs the jobs (collect the build's garbage, save the read posts for
the next process); a build that starts first cancels them, and they are
asked for again when it ends.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

IDLE_SECONDS = 1.0
_pending: list[threading.Timer] = []


def when_idle(*jobs: Callable[[], object], delay: float = IDLE_SECONDS) -> None:
    """Run ``jobs`` in order ``delay`` seconds from now, unless a build starts."""
    cancel()
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
