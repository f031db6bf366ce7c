"""``make devserver`` starts without warnings about folders it cannot watch.

Starts a real ``pelican -lr`` (as the Makefile's devserver target does) on a
tmp copy of the tests' site, which has no ``extra/`` folder, and reads its log.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from tests.sitebuild import ROOT, copy_content


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run_devserver(content: Path, output: Path, log: Path, seconds: float) -> str:
    """Run ``pelican -lr`` until its first build is done and its watcher has
    seen an edit (at most ``seconds``).

    Return its log up to then (stopping it logs a warning of its own).
    """
    command = [
        *(sys.executable, "-m", "pelican", "-lr", str(content), "-o", str(output)),
        *("-s", str(ROOT / "pelicanconf.py"), "-b", "127.0.0.1"),
        *("-p", str(free_port())),
        *("-e", "CONTENT_MODEL_EXIT_ON_ERROR=false", "FAST_BUILD_SKIP_UNCHANGED=true"),
        f"CACHE_PATH={json.dumps(f'{output}-cache')}",  # never the repository's
    ]
    environment = {**os.environ, "COLUMNS": "200"}
    with log.open("w", encoding="utf-8") as sink:
        server = subprocess.Popen(
            command,
            cwd=ROOT,
            stdout=sink,
            stderr=subprocess.STDOUT,
            env=environment,
            start_new_session=True,  # its own group: stop the server and its workers
            # Ctrl-C as in a terminal, even if this process was started with
            # SIGINT ignored (a background job): else it waits out the timeout.
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
        )
        try:
            deadline = time.monotonic() + seconds
            while time.monotonic() < deadline and "Done:" not in log.read_text():
                time.sleep(0.2)
            # The watcher starts (and would warn) after the build. Save a post
            # until it reports the change: then it has started, however slowly
            # a loaded machine got there, and its warnings are in the log.
            post = next((content / "posts").rglob("*.md"))
            while time.monotonic() < deadline and "Modified:" not in log.read_text():
                post.write_bytes(post.read_bytes())
                time.sleep(0.2)
            text = log.read_text(encoding="utf-8")
            assert "Modified:" in text, text
            return text[: text.index("Modified:")]
        finally:
            os.killpg(server.pid, signal.SIGINT)
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait()


def test_devserver_does_not_warn_about_a_missing_extra_folder(tmp_path):
    content = copy_content(tmp_path / "content")
    assert not (content / "extra").exists()
    text = run_devserver(content, tmp_path / "output", tmp_path / "log", 60)
    assert "Done:" in text, text
    assert "Unable to watch" not in text, text
    assert "WARNING" not in text, text
