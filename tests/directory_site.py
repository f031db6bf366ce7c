"""The site the unit and people page tests share: real content plus test-only posts.

Test-only posts live in ``tests/fixtures/people/`` (people whose names stress the
collation, appended to a copy of ``people.yml``); the fixture also generates
enough posts for one unit and one person to need a second page.
"""

from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

from tests.sitebuild import NO_SEARCH, Build, build, copy_content, shared_build

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "people"
#: Generated posts of Huyện đoàn Cô Tô, each with Hoàng Văn Hải: over 20.
GENERATED = 23
FIRST_DATE = date(2022, 1, 10)
ROLE_CHANGE = 12  # posts from this one on use his second role


def generated_slug(number: int) -> str:
    """Return the slug of generated post ``number`` (1-based)."""
    return f"co-to-tinh-nguyen-{number:02d}"


def generated_date(number: int) -> date:
    """Return the publication date of generated post ``number``."""
    return FIRST_DATE + timedelta(days=25 * (number - 1))


def write_generated_posts(posts: Path) -> None:
    """Write the generated posts; every second one has an English translation."""
    for number in range(1, GENERATED + 1):
        when = generated_date(number)
        role = (
            "Phó Bí thư Thường trực Tỉnh đoàn"
            if number < ROLE_CHANGE
            else "Bí thư Tỉnh đoàn"
        )
        folder = posts / str(when.year)
        folder.mkdir(parents=True, exist_ok=True)
        slug = generated_slug(number)
        (folder / f"{slug}.md").write_text(
            f"""---
title: Huyện đoàn Cô Tô ra quân tình nguyện, đợt {number}
date: {when.isoformat()} 09:00
slug: {slug}
lang: vi
summary: Đợt tình nguyện thứ {number} của Huyện đoàn Cô Tô.
event:
  organizer: Huyện đoàn Cô Tô
units: [Huyện đoàn Cô Tô]
speakers:
  - name: Hoàng Văn Hải
    role: {role}
    unit: Tỉnh đoàn Quảng Ninh
---
Huyện đoàn Cô Tô tổ chức đợt tình nguyện thứ {number}.
""",
            encoding="utf-8",
        )
        if number % 2 == 0:
            (folder / f"{slug}.en.md").write_text(
                f"""---
title: Co To District Youth Union volunteers, round {number}
slug: {slug}
lang: en
---
The Co To District Youth Union held its volunteering round {number}.
""",
                encoding="utf-8",
            )


def directory_site(tmp_path_factory) -> Build:
    """Build (once per test session) the real content plus the test-only posts."""

    def make(root: Path) -> Build:
        content = copy_content(root / "content")
        people = content / "data" / "people.yml"
        people.write_text(
            people.read_text(encoding="utf-8")
            + (FIXTURES / "people.yml").read_text(encoding="utf-8"),
            encoding="utf-8",
        )
        shutil.copytree(FIXTURES / "posts", content / "posts", dirs_exist_ok=True)
        write_generated_posts(content / "posts")
        # Its tests read no search index (the search pages differ only in
        # their filter choices, which these tests do not read).
        return build(content, root / "output", extra=NO_SEARCH)

    result = shared_build(tmp_path_factory, "directory", make)
    assert result.returncode == 0, result.log
    return result
