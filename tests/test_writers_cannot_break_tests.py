"""Writers change content/ every day: no test may depend on it.

The suite builds its own site (tests/fixtures/site). A static check keeps
every test module off the live folder, and a copy of the repository with a
Vietnamese-only post, a new unit and a new person in its content/ runs a
representative part of the suite, which must pass as it does here.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from tests.sitebuild import CONTENT, ROOT

TESTS = ROOT / "tests"
# Reading the live folder: ROOT / "content", Path("content"), "content/posts"…
LIVE_CONTENT = re.compile(
    r"""ROOT\s*/\s*["']content["']"""
    r"""|Path\(\s*["']content["']\s*\)"""
    r"""|["']content/(?:posts|data|photos|pages|extra)\b"""
)
# Modules that build a site and check its pages (one build), run in the copy.
CONTENT_INDEPENDENT = ("tests/test_foundation.py", "tests/test_theme_design.py")

UNIT = """
- key: doan-phuong-thu-nghiem
  name: Đoàn phường Thử Nghiệm
  name_en: Thu Nghiem Ward Youth Union
  kind: ward
  parent: quan-doan-tan-binh
"""
PERSON = """
- key: nguyen-thi-thu-nghiem
  name: Nguyễn Thị Thử Nghiệm
"""
POST = """---
title: Đoàn phường Thử Nghiệm ra mắt đội hình thanh niên tình nguyện
date: 2022-03-26 08:00
slug: ra-mat-doi-hinh-thanh-nien-tinh-nguyen-2022
lang: vi
summary: Sáng 26/3/2022, Đoàn phường Thử Nghiệm ra mắt đội hình thanh niên tình nguyện.
event:
  date: 2022-03-26
  time: morning
  organizer: Đoàn phường Thử Nghiệm
units: [Đoàn phường Thử Nghiệm]
speakers:
  - name: Nguyễn Thị Thử Nghiệm
    role: Bí thư Đoàn phường
    unit: Đoàn phường Thử Nghiệm
    part: speaker
attendees:
  - group: Đoàn viên thanh niên
    count: 1200
tags: [tình nguyện]
---
Sáng ngày 26/3/2022, Đoàn phường Thử Nghiệm ra mắt đội hình thanh niên tình nguyện.
"""


def test_no_test_reads_the_live_content_folder():
    assert CONTENT.is_relative_to(TESTS)
    offenders = [
        f"{path.name}:{number}: {line.strip()}"
        for path in sorted(TESTS.rglob("*.py"))
        if path.name != Path(__file__).name
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if LIVE_CONTENT.search(line)
    ]
    assert not offenders, "tests must build tests/fixtures/site:\n" + "\n".join(
        offenders
    )


def copy_repository(destination: Path) -> Path:
    """Copy the files git knows (as a fresh clone has them) to ``destination``."""
    listed = subprocess.run(
        ["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True
    ).stdout.decode("utf-8")
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():  # a file deleted in the work tree is not copied
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    return destination


def test_a_writers_new_post_unit_and_person_change_no_test_result(tmp_path):
    repo = copy_repository(tmp_path / "repo")
    content = repo / "content"
    with (content / "data" / "units.yml").open("a", encoding="utf-8") as units:
        units.write(UNIT)
    with (content / "data" / "people.yml").open("a", encoding="utf-8") as people:
        people.write(PERSON)
    post = content / "posts" / "2022" / "ra-mat-doi-hinh-thanh-nien-tinh-nguyen.md"
    post.parent.mkdir(parents=True, exist_ok=True)
    post.write_text(POST, encoding="utf-8")  # Vietnamese only, as writers may

    # The writer's content itself is good: make check passes on it.
    check = subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py"],
        cwd=repo,
        env={**os.environ, "PYTHONPATH": str(repo / "plugins")},
        capture_output=True,
        text=True,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr

    result = subprocess.run(
        [
            *(sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"),
            *("-p", "no:xdist", "--basetemp", str(tmp_path / "basetemp")),
            *CONTENT_INDEPENDENT,
        ],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )
    summary = result.stdout.strip().splitlines()[-1] if result.stdout else ""
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " passed" in summary and "skipped" not in summary, summary


def test_a_test_build_keeps_its_caches_beside_its_output(site):
    # Two pytest-xdist workers never share the repository's cache/ folder.
    caches = Path(f"{site.output}-cache")
    assert (caches / "fast_build" / "posts.pickle").is_file()
    assert (caches / "photos").is_dir()
