"""Bound the time one post's Markdown may take, so no body can stall a build.

Python-Markdown takes quadratic time on some inputs (thousands of unclosed
``[``, ``![a](`` or ``<a``: upstream Python-Markdown/markdown#798), so a 1 MiB
post could hold a build for hours. A real-time timer interrupts the work and
the post is refused at its body's line. Signals reach only a process's main
thread: elsewhere (a background thread) the work runs unbounded, as before.
"""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work did not finish within its time limit."""


def _interrupt(_signum, _frame) -> None:
    raise TimeLimitExceeded


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once ``seconds`` of real time pass.

    An enclosing limit (a test's bound around a whole read) keeps running: it is
    re-armed with its remaining time when the block ends.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]  # an enclosing limit's
    started = time.monotonic()
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # re-arm it with what it has left (at once if none)
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))
