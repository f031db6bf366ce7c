"""Units, dates, the registry and deleted posts: a warm rebuild (``make
devserver``) and ``make html`` into an old output equal a clean build (the
other warm-rebuild tests: tests/test_devserver_output.py)."""

from __future__ import annotations

import random
import re

import pytest

from tests.devserver_edits import Editor, assert_same_as_clean, warm_copy
from tests.sitebuild import build, copy_content
from tests.warm_site import WarmSite, tree_differences


@pytest.fixture
def warm(tmp_path):
    """A warm build process over a copy of the tests' site."""
    yield from warm_copy(tmp_path)


def test_units_date_registry_deleted_and_new_post_edits_match_a_clean_build(
    warm, tmp_path
):
    editor = Editor(warm.content, random.Random(7))
    done = []
    for edit in ("change_units", "change_date", "body"):
        done.append(getattr(editor, edit)())
        assert "failed" not in warm.rebuild(), done
    assert_same_as_clean(warm, tmp_path / "moved")
    for edit in ("rename_unit", "delete_post", "add_post", "change_units"):
        done.append(getattr(editor, edit)())
        assert "failed" not in warm.rebuild(), done
    assert_same_as_clean(warm, tmp_path / "last")


def test_make_html_into_an_old_output_removes_what_it_no_longer_writes(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    assert (output / "don-vi" / "quan-uy-tan-binh" / "index.html").is_file()
    (output / "mine.txt").write_text("not the build's", encoding="utf-8")
    units = content / "data" / "units.yml"
    units.write_text(
        units.read_text("utf-8").replace(
            "key: quan-uy-tan-binh", "key: quan-uy-tan-binh-moi"
        ),
        "utf-8",
    )
    again = build(content, output)
    assert again.returncode == 0, again.log
    assert not (output / "don-vi" / "quan-uy-tan-binh").exists()
    assert (output / "mine.txt").read_text("utf-8") == "not the build's"
    (output / "mine.txt").unlink()
    clean = build(content, tmp_path / "clean")
    assert tree_differences(output, clean.output) == []


def test_a_deleted_post_leaves_no_page_unit_topic_person_feed_or_sitemap_entry(
    warm, tmp_path
):
    slug = "kiem-tra-cong-tac-doan-quang-ninh-2020"
    gone = [
        f"2020/11/{slug}/index.html",
        f"en/2020/11/{slug}/index.html",
        "don-vi/tinh-doan-quang-ninh/index.html",
        "don-vi/tinh-doan-quang-ninh/feed.atom.xml",
        "en/units/tinh-doan-quang-ninh/feed.atom.xml",
        "chu-de/quang-ninh/index.html",
        "nhan-vat/hoang-van-hai/index.html",
    ]
    for name in gone:
        assert (warm.output / name).is_file(), name
    for path in (warm.content / "posts" / "2020").glob(f"{slug}*.md"):
        path.unlink()
    assert "failed" not in warm.rebuild()
    assert [name for name in gone if (warm.output / name).exists()] == []
    assert slug not in (warm.output / "sitemap.xml").read_text("utf-8")
    assert_same_as_clean(warm, tmp_path)


#: A post of the tests' site, the post that links it, and the linking page.
LINK_TARGET = "posts/2020/kiem-tra-cong-tac-doan-quang-ninh-2020.md"
LINKING = "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"
LINKING_PAGE = "2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/index.html"


def _link_to_target(content) -> None:
    """Make the linking post link the target (``{filename}``)."""
    with (content / LINKING).open("a", encoding="utf-8") as post:
        post.write(f"\n[Xem thêm]({{filename}}/{LINK_TARGET})\n")


def test_a_link_to_another_post_follows_it_to_its_new_address(tmp_path):
    """A post linking another (``{filename}``) from the first build on: the
    target moves to another year; the warm rebuild's link is a clean build's.

    Pelican links through the context of the build that made a post, so a post
    with such a link is never kept from an earlier build (fast_build's
    kept_posts).
    """
    content = copy_content(tmp_path / "content")
    target = content / LINK_TARGET
    _link_to_target(content)
    warm = WarmSite(content, tmp_path / "warm")
    try:
        assert "failed" not in warm.first, "".join(warm.log)
        page = warm.output / LINKING_PAGE
        assert '/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"' in page.read_text(
            "utf-8"
        )
        for path in (target, target.with_name(target.stem + ".en.md")):
            text = path.read_text("utf-8")
            path.write_text(
                re.sub(r"^(date:|  date:) 2020", r"\1 2023", text, flags=re.MULTILINE),
                "utf-8",
            )
        assert "failed" not in warm.rebuild()
        shown = page.read_text("utf-8")
        assert '/2023/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"' in shown
        assert_same_as_clean(warm, tmp_path / "clean")
    finally:
        warm.close()


def test_a_link_written_to_a_post_kept_from_the_last_build_finds_it(tmp_path):
    """A ``{filename}`` link added in a warm rebuild to a post kept from the
    last build: Pelican finds the target by its path in this build's context,
    where fast_build records each kept post for it (``add_source_path``)."""
    content = copy_content(tmp_path / "content")
    warm = WarmSite(content, tmp_path / "warm")
    try:
        assert "failed" not in warm.first, "".join(warm.log)
        _link_to_target(content)
        assert "failed" not in warm.rebuild()
        assert "Unable to find" not in "".join(warm.log)
        assert '/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"' in (
            warm.output / LINKING_PAGE
        ).read_text("utf-8")
        assert_same_as_clean(warm, tmp_path / "clean")
    finally:
        warm.close()
