"""Bound the time one post's Markdown may take, so no body can stall a build.

Python-Markdown takes quadratic time on some inputs (thousands of unclosed
``[``, ``![a](`` or ``<a``: upstream Python-Markdown/markdown#798), so a 1 MiB
post could hold a build for hours. A real-time timer interrupts the work and
the post is refused at its body's line. Signals reach only a process's main
thread: elsewhere (a background thread) the work runs unbounded, as before.

Where there is no ``SIGALRM`` (Windows), a timer thread interrupts the main
thread instead (``_thread.interrupt_main``, which runs a Python signal
handler there: no signal is sent to the process).
"""

from __future__ import annotations

import _thread
import signal
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class TimeLimitExceeded(Exception):
    """The work did not finish within its time limit."""


def _interrupt(_signum, _frame) -> None:
    raise TimeLimitExceeded


def has_alarm() -> bool:
    """Tell whether this platform has the real-time alarm signal (not Windows)."""
    return hasattr(signal, "SIGALRM") and hasattr(signal, "setitimer")


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeLimitExceeded in the block once ``seconds`` of real time pass.

    An enclosing limit (a test's bound around a whole read) keeps running: it is
    re-armed with its remaining time when the block ends.
    """
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    if not has_alarm():
        with timer_limit(seconds):
            yield
        return
    previous = signal.signal(signal.SIGALRM, _interrupt)
    outer_left = signal.getitimer(signal.ITIMER_REAL)[0]  # an enclosing limit's
    started = time.monotonic()
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer_left:  # re-arm it with what it has left (at once if none)
            left = outer_left - (time.monotonic() - started)
            signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))


#: The signal whose Python handler the watchdog runs in the main thread:
#: one Windows lets a program handle.
_TIMER_SIGNAL = signal.SIGTERM


class _Watchdog:
    """One thread that runs due limits' handlers in the main thread.

    A thread of its own for each limit cost about 0.24 ms a post; this one
    is started once and waits for the earliest armed deadline.
    """

    def __init__(self) -> None:
        self._changed = threading.Condition()
        self._armed: dict[threading.Event, float] = {}  # fired flag -> deadline
        self._thread: threading.Thread | None = None

    def arm(self, seconds: float, fired: threading.Event) -> None:
        with self._changed:
            self._armed[fired] = time.monotonic() + seconds
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._run, name="time-limit", daemon=True
                )
                self._thread.start()
            self._changed.notify()

    def disarm(self, fired: threading.Event) -> None:
        """Disarm; once this returns, ``fired``'s handler call is made or never."""
        with self._changed:
            self._armed.pop(fired, None)

    def _run(self) -> None:
        with self._changed:
            while True:
                if not self._armed:
                    self._changed.wait()
                    continue
                fired, deadline = min(self._armed.items(), key=lambda item: item[1])
                left = deadline - time.monotonic()
                if left > 0:
                    self._changed.wait(left)
                    continue
                del self._armed[fired]
                fired.set()
                _thread.interrupt_main(_TIMER_SIGNAL)


_watchdog = _Watchdog()


def _handled_now() -> None:
    """A Python call: the interpreter runs a handler that is due before it."""


@contextmanager
def timer_limit(seconds: float) -> Iterator[None]:
    """``time_limit`` for the main thread of a platform without ``SIGALRM``.

    A watchdog thread runs this block's handler in the main thread once
    ``seconds`` pass. A real SIGTERM meanwhile, or an enclosing limit's
    deadline, goes on to the handler that was there before.
    """
    fired = threading.Event()
    over = False

    def handler(signum, frame) -> None:
        if fired.is_set():
            if not over:
                raise TimeLimitExceeded
            return  # came as the block ended: it ended in time
        if callable(previous):
            previous(signum, frame)
        elif previous != signal.SIG_IGN:
            raise SystemExit(128 + signum)  # what SIGTERM would have done

    previous = signal.signal(_TIMER_SIGNAL, handler)
    try:
        _watchdog.arm(seconds, fired)
        yield
    finally:
        _watchdog.disarm(fired)
        over = True
        _handled_now()  # a call the interpreter checks for handlers at
        signal.signal(_TIMER_SIGNAL, previous)
