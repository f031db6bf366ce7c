"""``make convert-keys``: a translation's positional roles and captions become keyed.

The positional form (``1: …``) is read for one release with a warning (and
``make publish`` refuses warnings); the command rewrites it by speaker key and
photo ``src``, changing no other line, and ``make check`` then passes quietly.
"""

from __future__ import annotations

import os
import subprocess
import sys

from tests.sitebuild import ROOT, copy_content

POST = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2"
POSITIONAL = """---
title: The Party Committee's meeting with the Youth Union  # kept comment
slug: giao-ban-quan-uy-quan-doan-2020-lan-2
lang: en
roles:
  2: "Deputy Secretary of the District Youth Union"
  1: Head of the Mass Mobilisation Commission
  7: No such speaker
---
The body, unchanged.
"""


def _newsroom(content, *args):
    return subprocess.run(
        [sys.executable, "-m", "newsroom", "--content", str(content), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "LANGUAGE": "vi"},
        timeout=120,
        check=False,
    )


def test_positional_roles_become_keyed_and_nothing_else_changes(tmp_path):
    content = copy_content(tmp_path / "content")
    translation = content / f"{POST}.en.md"
    translation.write_text(POSITIONAL, encoding="utf-8")
    before = _newsroom(content, "check")
    assert "[warning] roles.2:" in before.stdout, before.stdout + before.stderr

    result = _newsroom(content, "convert-keys")
    assert result.returncode == 0, result.stderr
    assert "roles: 2: → phan-le-huy-hoang:" in result.stdout
    assert "Đã chuyển 1 bản dịch" in result.stdout
    text = translation.read_text("utf-8")
    assert text == POSITIONAL.replace("  2: ", "  phan-le-huy-hoang: ").replace(
        "  1: ", "  pham-thi-thanh: "
    )  # order, quoting, the comment, the body and the stray 7 kept as written

    after = _newsroom(content, "check")
    assert "[warning] roles" not in after.stdout
    assert "roles.7:" in after.stdout  # still reported, never dropped


def test_a_keyed_translation_is_left_as_it_is(tmp_path):
    content = copy_content(tmp_path / "content")
    translation = content / f"{POST}.en.md"
    before = translation.read_bytes()
    result = _newsroom(content, "convert-keys")
    assert result.returncode == 0 and "Đã chuyển 0 bản dịch" in result.stdout
    assert translation.read_bytes() == before
