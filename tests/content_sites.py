"""Content folders for the content-model tests: the real content plus test posts."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

from PIL import Image

from content_model.check import run_check
from tests.sitebuild import ROOT, copy_content

CASES_DIR = Path(__file__).resolve().parent / "fixtures" / "content_cases"
VALID_DIR = Path(__file__).resolve().parent / "fixtures" / "content_valid"
CASE_FOLDER = "posts/cases"  # where a case goes inside content/
PHOTO = "photos/cases/hoi-nghi.jpg"  # an existing photo the cases may show


def content_with(destination: Path, *posts: Path, cases: bool = True) -> Path:
    """Copy the real content to ``destination`` and add ``posts`` to it.

    With ``cases``, a translation (``*.en.md``) replaces the seed translations,
    so that it is the only English post of its original. A small photo is
    added at ``PHOTO`` for the cases that need an existing one.
    """
    content = copy_content(destination)
    photo = content / PHOTO
    photo.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", (8, 6), (200, 30, 30)).save(photo, "JPEG")
    folder = content / CASE_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    for post in posts:
        if cases and post.name.endswith(".en.md"):
            for seed in (content / "posts").glob("*/*.en.md"):
                seed.unlink()
        shutil.copyfile(post, folder / post.name)
    return content


def check(content: Path, **settings) -> tuple[int, list[str]]:
    """Run ``make check``'s code in this process; return its code and lines."""
    out = io.StringIO()
    code = run_check(
        str(ROOT / "pelicanconf.py"), {"PATH": str(content), **settings}, out=out
    )
    return code, out.getvalue().splitlines()
