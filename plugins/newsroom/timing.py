"""Measure how long each stage of a build takes (read, render, search, photos).

Set ``NEWSROOM_STAGE_TIMES=1`` in the environment to print one line per build:
``stage-times: read=1.23 render=2.34 search=0.50 photos=0.00`` (the benchmark
parses it). Other plugins add their stages with ``record``.
"""

from __future__ import annotations

import os
import time
from collections import defaultdict
from contextlib import contextmanager

from pelican.log import console

STAGES = ("read", "render", "search", "photos")
_seconds: dict[str, float] = defaultdict(float)
_started: dict[str, float] = {}


def record(stage: str, seconds: float) -> None:
    """Add ``seconds`` to ``stage``."""
    _seconds[stage] += seconds


@contextmanager
def measure(stage: str):
    """Time the enclosed block as part of ``stage``."""
    start = time.perf_counter()
    try:
        yield
    finally:
        record(stage, time.perf_counter() - start)


def start(stage: str) -> None:
    """Mark the start of ``stage`` (ended by ``stop``)."""
    _started[stage] = time.perf_counter()


def stop(stage: str) -> None:
    """End ``stage`` started with ``start``."""
    if stage in _started:
        record(stage, time.perf_counter() - _started.pop(stage))


def report_and_reset() -> None:
    """Print the stage times when asked to, then start afresh."""
    if os.environ.get("NEWSROOM_STAGE_TIMES") == "1":
        parts = " ".join(f"{s}={_seconds.get(s, 0.0):.2f}" for s in STAGES)
        console.print(f"stage-times: {parts}")
    _seconds.clear()
    _started.clear()
