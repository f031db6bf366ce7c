"""The build on a platform without fork, SIGALRM or ``resource`` (Windows).

Writers build on Windows laptops (``python -m newsroom build``). This machine
is Linux, so each test runs Python with a ``sitecustomize`` that takes away
what Windows' Python does not have and the build used: ``os.fork`` and the
*fork* start method (the parallel read and render), ``signal.SIGALRM`` and
``setitimer`` (the limit on a post's Markdown time), the ``resource`` module
(the search indexer's memory figures); processes start by *spawn*, as there.
The build must write the same site, and still refuse a body that would take
Markdown minutes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.content_sites import CASE_FOLDER
from tests.sitebuild import ROOT, build
from tests.test_content_hostile import POST_HEAD, _post
from tests.test_photos_site import photo_settings, site_with, write_good_photos

WINDOWS_LIKE = '''
"""Take away what Windows' Python lacks (tests/test_platform_without_fork.py)."""
import multiprocessing
import multiprocessing.context
import os
import signal
import sys

sys.modules["resource"] = None  # ``import resource`` raises ImportError
# (not os.WNOHANG: this Python's subprocess needs it)
for name in ("fork", "forkpty", "register_at_fork"):
    if hasattr(os, name):
        delattr(os, name)
for name in ("SIGALRM", "setitimer", "getitimer", "ITIMER_REAL", "alarm", "pause"):
    if hasattr(signal, name):
        delattr(signal, name)
multiprocessing.set_start_method("spawn", force=True)
for name in ("fork", "forkserver"):
    multiprocessing.context._concrete_contexts.pop(name, None)
multiprocessing.get_all_start_methods = lambda: ["spawn"]
'''

# Parallel from the first file and page: on Linux these builds fork.
PARALLEL = {"FAST_BUILD_WORKERS": "2", "FAST_BUILD_PARALLEL_MIN": "1"}


def _windows_like_env(tmp: Path) -> dict[str, str]:
    """Return an environment whose Pythons (spawned ones too) look like Windows'."""
    folder = tmp / "windows-like"
    folder.mkdir(exist_ok=True)
    (folder / "sitecustomize.py").write_text(WINDOWS_LIKE, encoding="utf-8")
    paths = [str(folder), str(ROOT / "plugins"), str(ROOT)]
    return {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(paths),
        "COLUMNS": "200",
        "TTY_COMPATIBLE": "0",
    }


def _tree(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_the_windows_like_python_lacks_what_the_build_used(tmp_path):
    """The stand-in is what it says: each of these fails there."""
    probe = (
        "import multiprocessing, os, signal\n"
        "try:\n    import resource\nexcept ImportError:\n    print('no resource')\n"
        "print('fork' if hasattr(os, 'fork') else 'no fork')\n"
        "print('alarm' if hasattr(signal, 'SIGALRM') else 'no alarm')\n"
        "try:\n    multiprocessing.get_context('fork')\n"
        "except ValueError:\n    print('no fork context')\n"
        "print(multiprocessing.get_start_method())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        env=_windows_like_env(tmp_path),
        capture_output=True,
        text=True,
        check=True,
    )
    assert done.stdout.split("\n")[:-1] == [
        "no resource",
        "no fork",
        "no alarm",
        "no fork context",
        "spawn",
    ]


def test_a_build_without_fork_writes_the_same_site(tmp_path):
    """Photos, the parallel read and render, the search index: the site
    built where nothing forks is byte for byte the one built on Linux."""
    content = site_with(tmp_path, "good")
    write_good_photos(content)
    linux = build(
        content,
        tmp_path / "linux",
        extra={**PARALLEL, **photo_settings(tmp_path / "linux-photos")},
    )
    assert linux.returncode == 0, linux.log
    settings = {
        **PARALLEL,
        **photo_settings(tmp_path / "windows-photos"),
        "CACHE_PATH": json.dumps(str(tmp_path / "windows-cache")),
    }
    command = [
        sys.executable, "-m", "pelican", str(content),
        "-o", str(tmp_path / "windows"), "-s", str(ROOT / "pelicanconf.py"),
        "-e", *(f"{name}={value}" for name, value in settings.items()),
    ]  # fmt: skip
    env = {**_windows_like_env(tmp_path), "SITE_CONTENT": str(content)}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    log = done.stdout + done.stderr
    assert done.returncode == 0, log
    assert "Traceback" not in log and "ERROR" not in log, log
    assert "Search index:" in log  # the indexer ran, and its line came back
    windows, built = _tree(tmp_path / "windows"), _tree(linux.output)
    assert sorted(windows) == sorted(built)
    assert [name for name in built if windows[name] != built[name]] == []
    assert any(name.endswith(".webp") for name in built)  # photos processed


def test_a_body_markdown_would_take_minutes_on_is_refused_without_sigalrm(tmp_path):
    """The limit on a post's Markdown time holds where there is no SIGALRM."""
    body = "Mở đầu.\n\n" + "[a " * 20_000 + "\n"
    content = _post(tmp_path, "slow.md", POST_HEAD + "---\n" + body)
    code = (
        "import io, sys, time\n"
        "from content_model.check import run_check\n"
        "out = io.StringIO()\n"
        "started = time.process_time()\n"
        "code = run_check(sys.argv[1], {'PATH': sys.argv[2],"
        " 'CONTENT_MODEL_MAX_RENDER_SECONDS': 1}, out=out)\n"
        "print(round(time.process_time() - started, 1), code)\n"
        "print(out.getvalue(), end='')\n"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", code, str(ROOT / "pelicanconf.py"), str(content)],
        cwd=ROOT,
        env=_windows_like_env(tmp_path),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    first, *lines = done.stdout.splitlines()
    seconds, exit_code = first.split()
    assert float(seconds) < 10 and time.monotonic() - started < 60
    assert exit_code == "1"
    assert lines == [
        f"{CASE_FOLDER}/slow.md:5: [error] body: the text took more than 1 s to "
        "turn into a page (CONTENT_MODEL_MAX_RENDER_SECONDS): look for long runs of "
        "'[', '![' or '<' pasted by mistake"
    ]


def test_the_timer_limit_interrupts_and_restores_the_sigterm_handler():
    """The Windows limit, in this process: it fires, nests, and leaves no trace."""
    import signal

    from content_model.time_limit import TimeLimitExceeded, timer_limit

    before = signal.getsignal(signal.SIGTERM)
    started = time.perf_counter()
    # An inner limit: the outer one still fires, through the inner's handler.
    with pytest.raises(TimeLimitExceeded), timer_limit(0.3), timer_limit(5):
        while time.perf_counter() - started < 5:
            pass
    assert time.perf_counter() - started < 2
    with pytest.raises(TimeLimitExceeded), timer_limit(5), timer_limit(0.2):
        while time.perf_counter() - started < 10:
            pass
    assert time.perf_counter() - started < 4
    # Limits that end about when they fire: one may fire inside its own block
    # (a busy host can hold this thread for a millisecond), never after it; a
    # late call would reach the next block's handler, whose limit has not
    # fired, and end as SIGTERM does (SystemExit), or come during the sleep.
    fired_inside = 0
    for _ in range(500):
        try:
            with timer_limit(0.001):
                pass
        except TimeLimitExceeded:
            fired_inside += 1
    time.sleep(0.05)
    assert fired_inside < 500
    assert signal.getsignal(signal.SIGTERM) is before
