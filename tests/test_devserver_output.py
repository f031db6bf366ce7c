"""After any edits, a warm build process (``make devserver``) writes a clean build.

Each test edits a copy of the tests' site, rebuilds it in one warm process as
``make devserver`` does, then builds the same content afresh and compares the
two trees byte for byte. Here: a failed render, a broken original, a post added
then deleted, a translation deleted then restored, an original moved under a
translation named otherwise, a body image that becomes the post's card; more
edits in tests/test_devserver_edits.py and tests/test_devserver_sequences.py
(three modules: three workers).
"""

from __future__ import annotations

import random

import pytest
from PIL import Image

from tests.devserver_edits import POST, SLUG, Editor, assert_same_as_clean, warm_copy
from tests.sitebuild import build


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """A warm build process over a copy of the tests' site, one for the module
    (its start is a whole build): each test ends with every edit built, and
    what it asserts of the warm tree holds after any earlier edits."""
    yield from warm_copy(tmp_path_factory.mktemp("warm"))


def test_a_rebuild_that_failed_while_writing_leaves_no_page_stale(warm, tmp_path):
    post = warm.content / f"{POST}.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title: ", "title: Đã sửa - ", 1), encoding="utf-8")
    page = warm.output / "2020" / "12" / SLUG / "index.html"
    page.unlink()
    page.mkdir()  # the page cannot be written: the render stops part-way
    assert warm.rebuild()["failed"].startswith("RenderError")
    page.rmdir()
    assert "failed" not in warm.rebuild()  # same content: every page written
    assert_same_as_clean(warm, tmp_path)


def _files(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_broken_original_refuses_the_rebuild_and_publishes_no_1970(warm, tmp_path):
    before = _files(warm.output)
    original = warm.content / f"{POST}.md"
    good = original.read_text(encoding="utf-8")
    original.write_text(good.replace("lang: vi", "lang: [vi", 1), encoding="utf-8")
    result = warm.rebuild()
    assert result["failed"].startswith("ContentError")
    assert f"{POST}.md:" in result["failed"]  # path:line of the broken YAML
    assert _files(warm.output) == before  # nothing written, nothing at 1970
    assert not (warm.output / "en" / "1970").exists()
    # A clean build of the same content refuses it too, with the same message.
    clean = build(warm.content, tmp_path / "clean")
    assert clean.returncode == 1
    assert f"{POST}.md:" in clean.log
    assert not (tmp_path / "clean" / "en" / "1970").exists()
    original.write_text(good, encoding="utf-8")  # fixed: the next save rebuilds
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path / "fixed")


def test_a_post_added_then_deleted_leaves_none_of_its_files(warm, tmp_path):
    editor = Editor(warm.content, random.Random(5))
    editor.add_post()
    assert "failed" not in warm.rebuild()
    added = sorted(warm.content.rglob("bai-moi-1*.md"))
    assert added
    assert list(warm.output.rglob("bai-moi-1"))  # its pages were written
    for path in added:
        path.unlink()
    assert "failed" not in warm.rebuild()
    assert not list(warm.output.rglob("bai-moi-1"))
    assert_same_as_clean(warm, tmp_path)


def test_a_translation_deleted_then_restored_is_shown_again(warm, tmp_path):
    """Its original stays as the warm process keeps it (``same_post``): the
    translation's return changes what the original's pages link to."""
    translation = warm.content / f"{POST}.en.md"
    text = translation.read_text(encoding="utf-8")
    translation.unlink()
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path / "deleted")
    translation.write_text(text, encoding="utf-8")
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path / "restored")


def test_an_original_moved_under_a_translation_named_otherwise(warm, tmp_path):
    """A translation whose file is not named after its original (its slug
    pairs them) is kept while the original alone moves to another date: it
    takes the original's date and address all the same."""
    translation = warm.content / f"{POST}.en.md"
    renamed = translation.with_name("ban-dich-ten-khac.en.md")
    translation.rename(renamed)
    assert "\ndate:" not in renamed.read_text(encoding="utf-8")  # the original's
    assert "failed" not in warm.rebuild()
    original = warm.content / f"{POST}.md"
    text = original.read_text(encoding="utf-8")
    original.write_text(text.replace("2020-12-18", "2020-11-18"), encoding="utf-8")
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path)


def test_an_image_added_to_a_body_becomes_its_card_on_every_list(warm, tmp_path):
    """A post with its own summary and no front matter photos takes its card
    photo from its first body image: a body edit changes what lists show."""
    photos = warm.content / "photos"
    photos.mkdir(exist_ok=True)
    Image.new("RGB", (1200, 800), (30, 90, 160)).save(photos / "the.jpg", quality=80)
    assert "failed" not in warm.rebuild()
    post = warm.content / f"{POST}.md"
    text = post.read_text(encoding="utf-8")
    assert "\nsummary:" in text and "\nphotos:" not in text
    post.write_text(text + "\n![Ảnh hội nghị](photos/the.jpg)\n", encoding="utf-8")
    home = (warm.output / "index.html").read_text(encoding="utf-8")
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path)
    # The edit changed a list: the clean build's home page shows the photo.
    assert (tmp_path / "clean" / "index.html").read_text(encoding="utf-8") != home
