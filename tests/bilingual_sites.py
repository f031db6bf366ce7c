"""The sites the bilingual tests build: the real content plus test-only posts."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.sitebuild import Build, build, copy_content

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bilingual"
PUBLISHED_SITEURL = "https://tintuc.doanthanhnien.example"
VI_ONLY_URL = "2022/06/chi-co-tieng-viet-2022/"
COMPOSED_URL = "2022/07/vai-tro-chua-dich-2022/"


def content_with_fixtures(directory: Path) -> Path:
    """Copy the real content and add the bilingual test-only posts."""
    content = copy_content(directory / "content")
    shutil.copytree(FIXTURES / "posts", content / "posts", dirs_exist_ok=True)
    return content


def build_fixture_site(directory: Path, settings: str = "pelicanconf.py") -> Build:
    """Build the real content plus the test-only posts; fail on a failed build."""
    content = content_with_fixtures(directory)
    # Two posts a page, so the lists paginate and page 2 needs its alternates.
    result = build(
        content,
        directory / "output",
        settings=settings,
        extra={"DEFAULT_PAGINATION": "2", "SITEURL": f'"{PUBLISHED_SITEURL}"'}
        if settings == "publishconf.py"
        else {"DEFAULT_PAGINATION": "2"},
    )
    assert result.returncode == 0, result.log
    return result


def site_url(build_result: Build, path: Path) -> str:
    """Return the site-relative URL of a written file ("en/", "404.html")."""
    name = path.relative_to(build_result.output).as_posix()
    if name == "index.html":
        return ""
    return name[: -len("index.html")] if name.endswith("/index.html") else name
