"""The warm rebuild driver's reports stay whole lines while other threads print."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

from tests.sitebuild import ROOT

# A thread prints progress text (as the search index's background thread
# does) while the driver reports: every report must still be a line of its own.
CHATTY = textwrap.dedent(
    """
    import sys, threading
    sys.path.insert(0, "tests")
    from rebuild_driver import report
    stop = threading.Event()
    def chatter():
        while not stop.is_set():
            print("Search index: 3 posts indexed in 0.1 s")
    thread = threading.Thread(target=chatter)
    thread.start()
    for number in range(300):
        report({"build": number, "padding": "x" * 200})
    stop.set()
    thread.join()
    """
)


def test_reports_are_whole_lines_while_a_thread_prints():
    result = subprocess.run(
        [sys.executable, "-c", CHATTY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    reports = [json.loads(line) for line in result.stdout.splitlines() if "{" in line]
    assert [each["build"] for each in reports] == list(range(300))
