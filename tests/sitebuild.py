"""Build real sites with Pelican for the tests, and read their pages."""

from __future__ import annotations

import json
import multiprocessing
import os
import resource
import shutil
import sys
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bs4 import BeautifulSoup

if TYPE_CHECKING:  # builds import this module: keep pytest out of them
    import pytest

ROOT = Path(__file__).resolve().parent.parent
# The tests' own site, never the live content/ that writers change every day.
CONTENT = ROOT / "tests" / "fixtures" / "site"
# For builds whose tests read no search index: its indexer process costs ~0.3 s
# of CPU on the smallest site (the theme's pages are the same without it).
NO_SEARCH = {"SEARCH_INDEX_ENABLED": "false"}


@dataclass
class Build:
    """The result of one Pelican run: its exit code, its log and its output."""

    returncode: int
    log: str
    output: Path

    def page(self, url: str) -> BeautifulSoup:
        """Return the parsed HTML of the page at site URL ``url`` ("/en/")."""
        path = self.output / url.strip("/")
        if not url.endswith(".html"):
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def html_files(self) -> list[Path]:
        """Return every page written for readers: every HTML file but the web
        editor's (``admin/``, a development build's tool with tests of its own,
        tests/test_cms_*.py)."""
        return sorted(
            path
            for path in self.output.rglob("*.html")
            if path.relative_to(self.output).parts[0] != "admin"
        )


def copy_content(destination: Path) -> Path:
    """Copy the tests' site (``tests/fixtures/site``) to ``destination``; return it."""
    shutil.copytree(CONTENT, destination)
    return destination


# Builds run in processes forked from one server that has Pelican, its
# dependencies and our plugins imported (multiprocessing's forkserver): each
# build is a fresh process, exactly `python -m pelican …` with its exit code
# and output, without paying ~0.6 s of CPU for the interpreter and imports.
_PRELOAD = [
    "pelican",
    "pelican.generators",
    "pelican.writers",
    "markdown",
    "PIL.Image",
    "bs4",
    "babel.dates",
    "yaml",
    "nh3",
    # every plugin package, whatever PLUGINS lists today
    *sorted(path.parent.name for path in (ROOT / "plugins").glob("*/__init__.py")),
]
# As a pipe would: plain text, long lines kept whole (rich reads these once).
os.environ.update({"COLUMNS": "200", "TTY_COMPATIBLE": "0"})
_BUILDS = multiprocessing.get_context("forkserver")
_BUILDS.set_forkserver_preload(_PRELOAD)


def serial_settings(root: Path) -> dict:
    """Return the development settings for a copy of the tests' site under ``root``,
    built in this process by one worker (so counters and profile hooks here see
    every render), without the search index."""
    from pelican.settings import read_settings

    return read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(copy_content(root / "site")),
            "OUTPUT_PATH": str(root / "output"),
            "CACHE_PATH": str(root / "cache"),
            "SEARCH_INDEX_ENABLED": False,
            "FAST_BUILD_WORKERS": 1,
        },
    )


def _run_pelican(argv: list[str], out: str, err: str, environ: dict) -> None:
    """Run ``pelican`` with ``argv`` in this (forked) process, output to files."""
    os.chdir(ROOT)
    os.environ.clear()
    os.environ.update(environ)
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    from pelican import main  # preloaded: already imported

    try:
        main(argv)
    finally:
        _account_cpu()


def _account_cpu() -> None:
    """Add this build's CPU seconds to $TESTS_CPU_LOG, if set.

    A forked build is the forkserver's child, not the test process's, so
    ``time make test`` misses it: this file lets the suite's CPU be reported.
    """
    if log := os.environ.get("TESTS_CPU_LOG"):
        used = [
            resource.getrusage(resource.RUSAGE_SELF),
            resource.getrusage(resource.RUSAGE_CHILDREN),
        ]
        seconds = sum(u.ru_utime + u.ru_stime for u in used)
        with open(log, "a", encoding="utf-8") as sink:
            sink.write(f"{seconds:.3f}\n")


def run_pelican(
    argv: list[str], log_dir: Path, environment: dict[str, str] | None = None
) -> tuple[int, str]:
    """Run ``python -m pelican *argv`` from the repository; return code and log.

    ``environment`` adds variables to this process's for the build.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    out, err = log_dir / "pelican.stdout", log_dir / "pelican.stderr"
    process = _BUILDS.Process(
        target=_run_pelican,
        args=(argv, str(out), str(err), {**os.environ, **(environment or {})}),
    )
    process.start()
    process.join()
    log = out.read_text(encoding="utf-8") + err.read_text(encoding="utf-8")
    return process.exitcode, log


def build(
    content: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    extra: dict[str, str] | None = None,
    verbose: bool = False,
    options: tuple[str, ...] = (),
) -> Build:
    """Run Pelican as ``make html`` does and return what happened.

    ``verbose`` adds ``-v`` so the log has Pelican's and our INFO lines;
    ``options`` are more of Pelican's options (``("--fatal", "warnings")``).
    """
    argv = [str(content), "-o", str(output), "-s", str(ROOT / settings), *options]
    if verbose:
        argv.append("-v")
    # Caches beside the output, never the repository's cache/: two test
    # processes (pytest-xdist) must not write the same file.
    extra = {"CACHE_PATH": json.dumps(f"{output}-cache"), **(extra or {})}
    # Pelican keeps only the last -e: pass every setting after one.
    argv += ["-e", *(f"{name}={value}" for name, value in extra.items())]
    # The site's settings (content/data/site.yml) are those of the site built.
    site = {"SITE_CONTENT": str(content)}
    code, log = run_pelican(argv, Path(f"{output}-log"), site)
    return Build(code, log, output)


def shared_build(
    tmp_path_factory: pytest.TempPathFactory,
    name: str,
    make: Callable[[Path], Build],
) -> Build:
    """Return the site ``make(folder)`` builds, built once per test session.

    Every pytest-xdist worker asks for it; the first builds it in a folder of
    the session's shared temporary directory while the others wait on a file
    lock, then all read the same output. For sites the tests only read: a test
    that changes a site copies it (or builds its own). A failed build is not
    kept, so each module that asks sees the failure with its log.
    """
    from filelock import FileLock

    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent  # the directory all workers of this session share
    folder = root / "shared-sites" / name
    folder.parent.mkdir(parents=True, exist_ok=True)
    record = folder.with_suffix(".json")
    with FileLock(folder.with_suffix(".lock")):
        if record.is_file():
            fields = json.loads(record.read_text(encoding="utf-8"))
            return Build(fields["returncode"], fields["log"], Path(fields["output"]))
        shutil.rmtree(folder, ignore_errors=True)  # what a failed build left
        folder.mkdir()
        result = make(folder)
        if result.returncode == 0:
            fields = {**asdict(result), "output": str(result.output)}
            record.write_text(json.dumps(fields), encoding="utf-8")
        return result
