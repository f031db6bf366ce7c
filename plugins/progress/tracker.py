"""One piece of long work: counts, a bar or plain lines, then a one-line summary.

In a terminal the work shows a ``rich`` progress bar (counts, elapsed time and
time left) that disappears when the work ends; anywhere else (CI logs, a file,
a pipe) it prints a plain line every ``interval`` seconds. Either way the work
ends with one line: what was done and how long it took. Nothing runs in a
thread: the display changes when the work reports (``advance``, ``tick``), so
forking render or photo processes while a bar is shown is safe.

Writers read these lines: labels, units and summaries are ``Message``s, and
every line is shown in the messages' language (Vietnamese unless chosen
otherwise: ``newsroom.messages``), numbers and durations as it writes them.
"""

from __future__ import annotations

import atexit
import os
import time
from dataclasses import dataclass

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
)

from newsroom.messages import Message, Number, Tenths, render


def _pelican_console() -> Console:
    """Return Pelican's console, which the build's log lines and bars share.

    Imported when a tracker first needs it: importing ``pelican.log`` loads
    all of Pelican, which a process using only this library (the search
    indexer's) does not otherwise need.
    """
    from pelican.log import console

    return console


#: How often a bar is redrawn at most (seconds).
REFRESH = 0.1


@dataclass
class Defaults:
    """What the ``progress`` plugin's settings change for every tracker."""

    interval: float = 10.0  # seconds between two plain lines
    delay: float = 2.0  # seconds before a bar appears (quick work shows none)
    enabled: bool = True  # False: no bar and no plain lines, summaries only


defaults = Defaults()


def duration(seconds: float, lang: str | None = None) -> str:
    """Return a duration as people read it: "0.4 s", "12 s", "2 min 05 s".

    In Vietnamese: "0,4 giây", "12 giây", "2 phút 05 giây".
    """
    if seconds < 10:
        shown = Message("%(seconds)s s", seconds=Tenths(round(seconds, 1)))
    elif seconds < 60:
        shown = Message("%(seconds)s s", seconds=Number(round(seconds)))
    else:
        minutes, rest = divmod(round(seconds), 60)
        shown = Message(
            "%(minutes)s min %(seconds)s s",
            minutes=Number(minutes),
            seconds=f"{rest:02d}",
        )
    return shown.render(lang)


class Tracker:
    """Report the progress of one piece of work; use it as a context manager.

    ``total`` is the number of items (None when unknown); ``unit`` names them
    ("photos"). Set ``summary`` before the end ("12 processed, 3 from cache")
    for the closing line ``"{label}: {summary} in {time}"``; leave it None when
    the caller prints its own summary. The label, the unit and the summary
    are ``Message``s (or text already in the reader's language).
    """

    def __init__(
        self,
        label: Message | str,
        total: int | None = None,
        unit: Message | str = "",
        *,
        console: Console | None = None,
        interval: float | None = None,
        delay: float | None = None,
        enabled: bool | None = None,
    ) -> None:
        self.label = label
        self.total = total
        self.unit = unit
        self.completed = 0
        self.summary: Message | str | None = None
        self.status: Message | str = ""  # what happens now, when counts do not say
        self.console = console or _pelican_console()
        self.interval = defaults.interval if interval is None else interval
        self.delay = defaults.delay if delay is None else delay
        self.enabled = defaults.enabled if enabled is None else enabled
        self.started = 0.0
        self._last_line = 0.0
        self._last_refresh = 0.0
        self._bar: Progress | None = None
        self._task = None
        self._terminal = False
        self._owner = 0

    @property
    def live(self) -> bool:
        """Tell whether a bar is shown (a terminal that can redraw a line)."""
        return self._bar is not None

    def __enter__(self) -> Tracker:
        self.started = self._last_line = self._last_refresh = time.monotonic()
        self._terminal = (
            self.enabled
            and self.console.is_terminal
            and not self.console.is_dumb_terminal
        )
        if self._terminal and self.delay <= 0:
            self._start_bar()
        return self

    def _start_bar(self) -> None:
        """Show the bar (in a terminal, once the work has lasted ``delay``)."""
        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn(render(self.unit)),
            TextColumn("{task.fields[timing]}"),
            console=self.console,
            transient=True,
            auto_refresh=False,
        )
        self._bar.start()
        self._owner = os.getpid()
        # A build that stops with an error never reaches __exit__: give the
        # terminal back its cursor at exit (in this process, not a fork).
        atexit.register(self._stop_bar)
        self._task = self._bar.add_task(
            render(self.label), total=self.total, completed=self.completed, timing=""
        )
        self._bar.refresh()

    def advance(self, count: int = 1) -> None:
        """Count ``count`` more items done."""
        self.completed += count
        self.tick()

    def set_total(self, total: int | None) -> None:
        """Change the number of items (once it is known)."""
        self.total = total
        if self._bar is not None:
            self._bar.update(self._task, total=total)
        self.tick()

    def tick(self) -> None:
        """Redraw the bar, or print a plain line when ``interval`` has passed."""
        now = time.monotonic()
        if self._terminal:
            if self._bar is None:
                if now - self.started >= self.delay:
                    self._start_bar()
            elif now - self._last_refresh >= REFRESH:
                self._last_refresh = now
                description = render(self.label) + (
                    f" ({render(self.status)})" if self.status else ""
                )
                self._bar.update(
                    self._task,
                    completed=self.completed,
                    description=description,
                    timing=self.timing(now),
                )
                self._bar.refresh()
        elif self.enabled and now - self._last_line >= self.interval:
            self._last_line = now
            self.console.print(self.line(now), markup=False, highlight=False)

    def timing(self, now: float | None = None) -> str:
        """Return the time spent, and the time left when it can be estimated."""
        elapsed = (now or time.monotonic()) - self.started
        if self.total and 0 < self.completed < self.total:
            left = elapsed / self.completed * (self.total - self.completed)
            return Message(
                "%(elapsed)s, about %(left)s left",
                elapsed=duration(elapsed),
                left=duration(left),
            ).render()
        return duration(elapsed)

    def line(self, now: float | None = None) -> str:
        """Return the plain progress line: counts, elapsed time, time left."""
        done = Number(self.completed)
        if self.total:
            share = Number(round(self.completed / self.total * 100))
            counts = Message(
                "%(done)s/%(total)s %(unit)s (%(share)s%%)",
                done=done,
                total=Number(self.total),
                unit=self.unit,
                share=share,
            )
        else:
            counts = Message("%(done)s %(unit)s", done=done, unit=self.unit)
        text = Message(
            "%(label)s: %(counts)s, %(timing)s",
            label=self.label,
            counts=counts,
            timing=self.timing(now),
        ).render()
        text = " ".join(text.split())  # no unit: no double space
        return f"{text}; {render(self.status)}" if self.status else text

    def _stop_bar(self) -> None:
        """Remove the bar, if this process shows one."""
        if self._bar is not None and self._owner == os.getpid():
            self._bar.stop()
            atexit.unregister(self._stop_bar)
        self._bar = None

    def __exit__(self, exc_type, exc, traceback) -> None:
        self._stop_bar()
        if exc_type is None and self.summary is not None:
            elapsed = time.monotonic() - self.started
            line = Message(
                "%(label)s: %(summary)s in %(time)s",
                label=self.label,
                summary=self.summary,
                time=duration(elapsed),
            )
            self.console.print(line.render(), markup=False, highlight=False)


def track(
    label: Message | str,
    total: int | None = None,
    unit: Message | str = "",
    **options,
) -> Tracker:
    """Return a Tracker for ``with track("Photos", 200, "photos") as work: ...``."""
    return Tracker(label, total, unit, **options)
