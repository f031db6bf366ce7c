"""Run one build in a child process and measure its time, CPU, memory and output."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import threading
import time
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

_PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096
_MIB = 1024 * 1024
_ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
_STAGES = re.compile(r"stage-times:((?:\s+[A-Za-z_][\w-]*=\d+(?:\.\d+)?)+)")
_PELICAN_DONE = re.compile(r"Done: Processed .*? in (\d+(?:\.\d+)?) seconds")


@dataclass
class Outcome:
    """What one build did and cost; every figure is None when it was skipped."""

    name: str
    status: str = "skipped"  # ok, failed or skipped
    command: list[str] = field(default_factory=list)
    returncode: int | None = None
    wall_s: float | None = None
    cpu_s: float | None = None
    user_s: float | None = None
    sys_s: float | None = None
    peak_rss_mib: float | None = None  # the largest single process (ru_maxrss)
    tree_rss_mib: float | None = None  # the process and its children, sampled
    tree_pss_mib: float | None = None  # the same, shared pages counted once
    wall_runs: list[float] = field(default_factory=list)  # every run (--repeat)
    files: int | None = None  # files in the output folder afterwards
    files_written: int | None = None  # of which written or rewritten by this build
    html_pages: int | None = None
    html_written: int | None = None
    pages_per_second: float | None = None
    pelican_reported_s: float | None = None
    stages: dict[str, float] | None = None
    search_background_s: float | None = None  # warm builds: indexing afterwards
    note: str = ""
    log_tail: str = ""

    def as_dict(self) -> dict[str, object]:
        """Return the outcome as plain data for the JSON report."""
        return asdict(self)


def parse_stage_times(text: str) -> dict[str, float] | None:
    """Return the stages of the last `stage-times: read=1.2 render=3.4` line."""
    found = _STAGES.findall(_ANSI.sub("", text))
    if not found:
        return None
    stages: dict[str, float] = {}
    for pair in found[-1].split():
        name, _, seconds = pair.partition("=")
        stages[name] = float(seconds)
    return stages


def all_stage_times(text: str) -> list[dict[str, float]]:
    """Return every stage-times line in order, one per build of a process."""
    return [
        parse_stage_times(f"stage-times:{match}") or {}
        for match in _STAGES.findall(_ANSI.sub("", text))
    ]


def _children_by_parent() -> dict[int, list[int]]:
    children: dict[int, list[int]] = defaultdict(list)
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", encoding="ascii") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        children[int(fields[1])].append(int(entry.name))
    return children


def _tree(pid: int) -> list[int]:
    """Return a process and all its descendants."""
    children = _children_by_parent()
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        todo.extend(children.get(current, ()))
    return found


def _rss(pid: int) -> int:
    with open(f"/proc/{pid}/statm", encoding="ascii") as statm:
        return int(statm.read().split()[1]) * _PAGE


def _pss(pid: int) -> int:
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
        for line in rollup:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def _tree_sum(pid: int, measure) -> int:
    total = 0
    for current in _tree(pid):
        try:
            total += measure(current)
        except (OSError, IndexError, ValueError):
            continue  # the process ended meanwhile
    return total


def tree_rss(pid: int) -> int:
    """Return the resident memory of a process and all its descendants, in bytes."""
    return _tree_sum(pid, _rss)


def tree_pss(pid: int) -> int:
    """Return the proportional memory of a process tree, in bytes.

    Forked workers share most pages with their parent; their resident sets
    count those pages again, their proportional sets split them. The sum is
    the memory the build really takes from the machine.
    """
    return _tree_sum(pid, _pss)


class _MemorySampler(threading.Thread):
    """Sample the memory of a process tree until told to stop."""

    def __init__(self, pid: int, interval: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak = 0
        self.peak_pss = 0
        self.halt = threading.Event()

    def run(self) -> None:
        if not Path("/proc").is_dir():
            return
        while not self.halt.is_set():
            self.peak = max(self.peak, tree_rss(self.pid))
            self.peak_pss = max(self.peak_pss, tree_pss(self.pid))
            self.halt.wait(self.interval)


def count_output(folder: Path, since_ns: int = 0) -> dict[str, int]:
    """Count files and HTML pages in folder, and those modified since since_ns."""
    counts = {"files": 0, "files_written": 0, "html_pages": 0, "html_written": 0}
    if not folder.is_dir():
        return counts
    todo = [str(folder)]
    while todo:
        with os.scandir(todo.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    todo.append(entry.path)
                    continue
                html = entry.name.endswith(".html")
                fresh = entry.stat(follow_symlinks=False).st_mtime_ns >= since_ns
                counts["files"] += 1
                counts["html_pages"] += html
                counts["files_written"] += fresh
                counts["html_written"] += html and fresh
    return counts


def _tail(path: Path, lines: int = 25) -> str:
    try:
        text = path.read_text("utf-8", errors="replace")
    except OSError:
        return ""
    kept = [line.rstrip() for line in _ANSI.sub("", text).splitlines() if line.strip()]
    return "\n".join(kept[-lines:])


DROP_CACHES = Path("/proc/sys/vm/drop_caches")


def can_drop_caches() -> bool:
    """Tell whether this process may empty the kernel's page cache (root)."""
    return os.access(DROP_CACHES, os.W_OK)


def drop_page_cache() -> None:
    """Empty the page cache: files written by earlier builds leave memory."""
    DROP_CACHES.write_text("1\n", encoding="ascii")


def run_build(
    name: str,
    command: list[str],
    *,
    cwd: Path,
    output: Path,
    logs: Path,
    env: dict[str, str] | None = None,
    drop_caches: bool = False,
) -> Outcome:
    """Run a build command to completion and return what it cost and wrote.

    With ``drop_caches`` (root only), the kernel's page cache is emptied
    first, so that every build starts from the same state of the machine.
    """
    logs.mkdir(parents=True, exist_ok=True)
    stdout_path, stderr_path = logs / f"{name}.out", logs / f"{name}.err"
    outcome = Outcome(name=name, command=command)
    # Coarse file-system clocks can lag a little: anything written after the
    # child starts still carries a time at or after this mark.
    # The previous build's files go to disk now, not during this build.
    os.sync()
    if drop_caches:
        drop_page_cache()
    since_ns = time.time_ns() - 5_000_000
    with open(stdout_path, "wb") as out, open(stderr_path, "wb") as err:
        started = time.perf_counter()
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=err)
        sampler = _MemorySampler(child.pid)
        sampler.start()
        _, status, usage = os.wait4(child.pid, 0)
        wall = time.perf_counter() - started
        sampler.halt.set()
        sampler.join()
    child.returncode = os.waitstatus_to_exitcode(status)
    text = stdout_path.read_text("utf-8", errors="replace") + stderr_path.read_text(
        "utf-8", errors="replace"
    )
    outcome.returncode = child.returncode
    outcome.status = "ok" if child.returncode == 0 else "failed"
    outcome.wall_s = wall
    outcome.user_s = usage.ru_utime
    outcome.sys_s = usage.ru_stime
    outcome.cpu_s = usage.ru_utime + usage.ru_stime
    outcome.peak_rss_mib = usage.ru_maxrss / 1024  # KiB on Linux
    outcome.tree_rss_mib = sampler.peak / _MIB if sampler.peak else None
    outcome.tree_pss_mib = sampler.peak_pss / _MIB if sampler.peak_pss else None
    outcome.wall_runs = [wall]
    counts = count_output(output, since_ns)
    outcome.files = counts["files"]
    outcome.files_written = counts["files_written"]
    outcome.html_pages = counts["html_pages"]
    outcome.html_written = counts["html_written"]
    outcome.pages_per_second = counts["html_written"] / wall if wall else None
    done = _PELICAN_DONE.findall(_ANSI.sub("", text))
    outcome.pelican_reported_s = float(done[-1]) if done else None
    outcome.stages = parse_stage_times(text)
    if outcome.status == "failed":
        outcome.log_tail = _tail(stderr_path) or _tail(stdout_path)
    return outcome


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _memory_mib() -> int | None:
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) // 1024
    except OSError:
        pass
    return None


def _version(package: str) -> str | None:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return None


def _git(repo: Path, *args: str) -> str | None:
    try:
        done = subprocess.run(
            ["git", *args], cwd=repo, capture_output=True, text=True, check=True
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def machine_info(repo: Path) -> dict[str, object]:
    """Return the machine, Python and package versions a result was measured with."""
    status = _git(repo, "status", "--porcelain")
    return {
        "cpu_count": os.cpu_count(),
        "cpu_model": _cpu_model(),
        "memory_mib": _memory_mib(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "pelican": _version("pelican"),
        "markdown": _version("markdown"),
        "jinja2": _version("jinja2"),
        "pillow": _version("pillow"),
        "git_commit": _git(repo, "rev-parse", "--short", "HEAD"),
        "git_dirty": bool(status) if status is not None else None,
    }
