"""Rebuild in one warm process, as `make devserver` does, and time every build.

Run by bench.run in a child process:
`python -m bench.warm CONTENT OUTPUT SETTINGS EDIT [--edits N] [-e KEY=JSON ...]`.
It builds once, appends a sentence to EDIT and builds again, then builds once
more without a change (``--edits N``: that pair N times), printing one
`bench-warm: {json}` line per build. Each build is timed until its pages are
written; the search index, which devserver updates in a background thread, is
waited for after the clock stops (its `search_background_s`), so the next edit
does not race the previous index. Before each edit the process pauses as an
editor does between saves (``--pause``, 2 s), so devserver's idle work (the
last build's garbage, the post cache) runs where it runs for staff.
``--profile DIR`` profiles each rebuild after the first build (cProfile, in this
process: the work repeated per post) into ``DIR/<n>-<phase>.prof``.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import logging
import resource
import sys
import time
from pathlib import Path

from bench.measure import count_output

MARK = "bench-warm:"
PHASES = ("full", "edit", "unchanged")  # edit and unchanged repeat with --edits
EDIT_SENTENCE = "\nBài viết được cập nhật thêm thông tin sau buổi làm việc.\n"


def append_sentence(path: Path, sentence: str = EDIT_SENTENCE) -> None:
    """Append a sentence to a post, as an editor fixing a story would."""
    with open(path, "a", encoding="utf-8") as post:
        post.write(sentence)


class CollectorClock:
    """Time the garbage collector's passes (``gc.callbacks``) in this process,
    in CPU time of the collecting thread (other processes' load does not count)."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full_passes = 0
        self._started = 0.0

    def __call__(self, phase: str, info: dict) -> None:
        if phase == "start":
            self._started = time.thread_time()
            return
        self.seconds += time.thread_time() - self._started
        self.full_passes += info["generation"] == 2

    def take(self) -> tuple[float, int]:
        """Return the time and full passes since the last call, and start again."""
        taken = self.seconds, self.full_passes
        self.seconds, self.full_passes = 0.0, 0
        return taken


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def main(argv: list[str] | None = None) -> int:
    """Build three times in one process and print what each build cost."""
    parser = argparse.ArgumentParser(prog="python -m bench.warm")
    parser.add_argument("content", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("settings", type=Path)
    parser.add_argument("edit", type=Path, help="the post to append a sentence to")
    parser.add_argument(
        "--edits", type=int, default=1, help="edit, then unchanged, this many times"
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=2.0,
        help="seconds an editor waits before each save (devserver's idle work runs)",
    )
    parser.add_argument(
        "--profile",
        type=Path,
        default=None,
        help="write a cProfile of each rebuild (not the first build) into this folder",
    )
    parser.add_argument("-e", dest="extra", action="append", default=[])
    args = parser.parse_args(argv)

    from pelican import get_instance, parse_arguments
    from pelican.log import init as init_logging

    pelican_args = [str(args.content), "-o", str(args.output), "-s", str(args.settings)]
    if args.extra:  # Pelican keeps only the last -e: give every setting to one
        pelican_args += ["-e", *args.extra]
    options = parse_arguments(pelican_args)
    init_logging(level=options.verbosity or logging.WARNING, name="pelican")
    pelican, _settings = get_instance(options)
    from search_index.plugin import wait_for_background_index  # on PLUGIN_PATHS

    phases = [PHASES[0], *PHASES[1:] * max(1, args.edits)]
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    collector = CollectorClock()
    gc.callbacks.append(collector)
    for number, phase in enumerate(phases):
        profile = cProfile.Profile() if args.profile and number else None
        if phase == "edit":
            time.sleep(args.pause)
            append_sentence(args.edit)
        collector.take()  # the pause's idle collection is not the build's
        since_ns = time.time_ns() - 5_000_000
        cpu, started = _cpu(), time.perf_counter()
        if profile:
            profile.enable()
        pelican.run()
        if profile:
            profile.disable()
        wall = time.perf_counter() - started
        cpu_used = _cpu() - cpu
        collecting, full_passes = collector.take()
        if profile:
            profile.dump_stats(args.profile / f"{number}-{phase}.prof")
        # An editor's next save comes seconds later: the search index, which
        # devserver updates in a background thread, is finished by then.
        waited = time.perf_counter()
        wait_for_background_index()
        record = {
            "phase": phase,
            "wall_s": wall,
            "search_background_s": time.perf_counter() - waited,
            "cpu_s": cpu_used,
            # the collector's share of the build (CPU, this process only)
            "gc_cpu_s": collecting,
            "gc_full_passes": full_passes,
            "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            **count_output(args.output, since_ns),
        }
        print(f"{MARK} {json.dumps(record)}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
