"""Build real sites with Pelican for the tests, and read their pages."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup

ROOT = Path(__file__).resolve().parent.parent
# The tests' own site, never the live content/ that writers change every day.
CONTENT = ROOT / "tests" / "fixtures" / "site"


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
        """Return every HTML file written."""
        return sorted(self.output.rglob("*.html"))


def copy_content(destination: Path) -> Path:
    """Copy the tests' site (``tests/fixtures/site``) to ``destination``; return it."""
    shutil.copytree(CONTENT, destination)
    return destination


def build(
    content: Path,
    output: Path,
    settings: str = "pelicanconf.py",
    extra: dict[str, str] | None = None,
    verbose: bool = False,
) -> Build:
    """Run Pelican as ``make html`` does and return what happened.

    ``verbose`` adds ``-v`` so the log has Pelican's and our INFO lines.
    """
    command = [
        sys.executable,
        "-m",
        "pelican",
        str(content),
        "-o",
        str(output),
        "-s",
        str(ROOT / settings),
    ]
    if verbose:
        command.append("-v")
    if extra:  # Pelican keeps only the last -e: pass every setting after one
        command += ["-e", *(f"{name}={value}" for name, value in extra.items())]
    # The site's settings (content/data/site.yml) are those of the site built.
    environment = {**os.environ, "COLUMNS": "200", "SITE_CONTENT": str(content)}
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, env=environment, check=False
    )
    return Build(result.returncode, result.stdout + result.stderr, output)
