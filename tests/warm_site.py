"""A warm build process (as in ``make devserver``) driven by the tests; tree diffs."""

from __future__ import annotations

import filecmp
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def start_driver(
    content: Path, output: Path, *options: str, **popen: object
) -> subprocess.Popen:
    """Start ``tests/rebuild_driver.py`` on ``content``: one warm process that
    builds again at each ``build`` line on its standard input.

    ``options`` go before the folders (``-e KEY=VALUE`` settings); ``popen``
    adds to or overrides the pipes and environment (``SITE_CONTENT`` is the
    content, as ``build()`` has it).
    """
    arguments = {
        "cwd": ROOT,
        "env": {**os.environ, "SITE_CONTENT": str(content)},
        "stdin": subprocess.PIPE,
        "stdout": subprocess.PIPE,
        "text": True,
        **popen,
    }
    driver = str(ROOT / "tests" / "rebuild_driver.py")
    command = [sys.executable, driver, *options, str(content), str(output), "--stdin"]
    return subprocess.Popen(command, **arguments)


def next_report(process: subprocess.Popen, log: list[str] | None = None) -> dict:
    """Return the driver's next build report: its next JSON line (other lines,
    the build's own output, are skipped, or kept in ``log`` when given)."""
    for line in process.stdout:
        if log is not None:
            log.append(line)
        if line.startswith("{"):
            return json.loads(line)
    raise AssertionError(
        "the rebuild driver ended without a report:\n" + "".join(log or [])
    )


class WarmSite:
    """Rebuild ``content`` into ``output`` in one process, on request.

    The test edits the files itself, then calls ``rebuild()``: the process
    keeps every in-memory state between builds, as ``make devserver`` does.
    """

    def __init__(self, content: Path, output: Path):
        self.content, self.output = content, output
        self._process = start_driver(
            content,
            output,
            stderr=subprocess.STDOUT,
            env={**os.environ, "COLUMNS": "200"},
        )
        self.log: list[str] = []
        self.first = self._result()

    def _result(self) -> dict:
        return next_report(self._process, self.log)

    def rebuild(self) -> dict:
        """Rebuild after the test's edits; return what the build did."""
        self._process.stdin.write("build\n")
        self._process.stdin.flush()
        return self._result()

    def close(self) -> None:
        """End the build process."""
        self._process.stdin.close()
        self._process.wait(30)
        self._process.stdout.close()


# Pagefind writes its bundle afresh each build, and not byte for byte the same
# twice from the same pages: the trees are compared without it.
OWN_BUNDLES = ("pagefind",)


def tree_differences(left: Path, right: Path, skip=OWN_BUNDLES) -> list[str]:
    """Return every file that is only in one tree or differs between them."""
    found = []

    def walk(comparison: filecmp.dircmp, prefix: str) -> None:
        for name in comparison.left_only:
            found.append(f"only in the first: {prefix}{name}")
        for name in comparison.right_only:
            found.append(f"only in the second: {prefix}{name}")
        for name in comparison.common_files:
            if not filecmp.cmp(
                Path(comparison.left) / name, Path(comparison.right) / name, False
            ):
                found.append(f"differs: {prefix}{name}")
        for name, sub in comparison.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right, ignore=list(skip)), "")
    return sorted(found)
