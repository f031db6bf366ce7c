"""fast_build in a devserver-like process: a rebuild renders only what an edit
changed, keeps one build of posts and saves them when idle (the other
fast_build tests: tests/test_fast_build.py; two modules, two workers)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from bench.generate import generate_archive
from tests.sitebuild import ROOT
from tests.test_fast_build import _first_original


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A generated archive big enough to use every worker (as in
    tests/test_fast_build.py: generating it costs a quarter of a second)."""
    root = tmp_path_factory.mktemp("archive")
    generate_archive(root, 60)
    return root / "content"


def _rebuild(content: Path, output: Path, *edits: str) -> list[dict]:
    command = [
        sys.executable,
        str(ROOT / "tests" / "rebuild_driver.py"),
        str(content),
        str(output),
        *edits,
    ]
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return [
        json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")
    ]


def _newest_original(content: Path) -> Path:
    """Return the Vietnamese post with the latest date (first on the home page)."""
    return max(
        (p for p in (content / "posts").rglob("*.md") if ".en." not in p.name),
        key=lambda p: next(
            line
            for line in p.read_text(encoding="utf-8").splitlines()
            if line.startswith("date:")
        ),
    )


@pytest.fixture(scope="module")
def devserver_session(archive, tmp_path_factory) -> dict:
    """One devserver-like process and its builds, read by the tests below: a
    first build, one with nothing changed, then a body, a title and a lead
    edit (each kind of edit once; the lead on a post without ``summary:``,
    listed with the start of its body), nothing again, then an idle wait."""
    root = tmp_path_factory.mktemp("devserver")
    content = root / "content"
    shutil.copytree(archive, content)
    post, newest = _first_original(content), _newest_original(content)
    assert post != newest  # the title edit and the cut summary apart
    newest.write_text(
        "".join(
            line
            for line in newest.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("summary:")
        ),
        encoding="utf-8",
    )
    steps = ["first", "unchanged", "body", "title", "lead", "again", "idle"]
    builds = _rebuild(
        content,
        root / "out",
        "none",
        f"body:{post}",
        f"title:{post}",
        f"lead:{newest}",
        "none",
        "idle:60",
    )
    assert len(builds) == len(steps), builds
    built = dict(zip(steps, builds, strict=True))
    return {"content": content, "output": root / "out", **built}


def test_devserver_rebuild_renders_only_what_an_edit_changed(devserver_session):
    session = devserver_session
    first, unchanged, body, title = (
        session[step] for step in ("first", "unchanged", "body", "title")
    )
    output = session["output"]
    total = first["rendered"]
    assert total > 100 and first["skipped"] == 0
    # Nothing changed: nothing rendered (unit and people pages are not even
    # considered: no post of theirs changed).
    assert unchanged["rendered"] == 0
    # A body edit changes that post's own page only.
    assert body["rendered"] == 1
    # Nor are the other posts' own pages described again to find that out:
    # only other posts' bodies changed, and a post's page shows other posts
    # as lists do (1,700 fingerprints saved at 1,000 posts).
    posts = len(list((session["content"] / "posts").rglob("*.md")))
    assert first["described"] <= total  # a fingerprint per call (pages: more)
    assert unchanged["described"] <= unchanged["skipped"] - posts
    assert body["described"] == unchanged["described"] + 1  # the edited post's
    # A listing changed (the title): every post's page is described again.
    assert title["described"] > posts
    pages = [
        p
        for p in output.rglob("index.html")
        if "Một câu mới được thêm vào bài." in p.read_text(encoding="utf-8")
    ]
    assert len(pages) == 1
    # A title edit also changes the lists that show the post.
    assert 1 < title["rendered"] < total
    home = (output / "index.html").read_text(encoding="utf-8")
    listed = "Tiêu đề đã được sửa lại" in home
    assert listed or title["rendered"] > 2
    # The pages of the post's units and people list it under its new title.
    for section in ("don-vi", "nhan-vat"):
        showing = [
            page
            for page in (output / section).rglob("index.html")
            if "Tiêu đề đã được sửa lại" in page.read_text(encoding="utf-8")
        ]
        assert showing, f"no page under /{section}/ shows the new title"


def test_devserver_keeps_one_build_of_posts_and_saves_them_when_idle(
    devserver_session,
):
    session = devserver_session
    steps = ("first", "unchanged", "body", "title", "lead", "again")
    builds = [session[step] for step in steps]
    # make devserver ends without atexit: the posts are saved when it is idle.
    assert session["idle"] == {"cache_saved": True}
    posts = len(list((session["content"] / "posts").rglob("*.md")))
    # Pelican memoises every post's content on the class: without care, each
    # rebuild would keep the previous builds' posts alive for good. Posts kept
    # from the first build hold its context, which holds the first version of
    # each post edited since (kept_posts): one per post, not one per rebuild.
    assert [b["articles_alive"] for b in builds] == [
        posts,
        posts,
        posts + 1,  # the edited post's first version
        posts + 1,  # the same post edited again
        posts + 2,  # another post
        posts + 2,
    ]
    cache = session["output"].with_name("out-cache")
    assert (cache / "fast_build" / "posts.pickle").is_file()


def test_devserver_lists_follow_a_cut_summary(devserver_session):
    """A post without ``summary:`` is listed with the start of its body."""
    first, lead = devserver_session["first"], devserver_session["lead"]
    assert 1 < lead["rendered"] < first["rendered"]
    home = (devserver_session["output"] / "index.html").read_text(encoding="utf-8")
    assert "Tin mới ở đầu bài." in home
