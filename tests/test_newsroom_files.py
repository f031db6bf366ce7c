"""``newsroom.files.write_if_changed``: pages written only when they change, whole."""

from __future__ import annotations

import os
import stat

from newsroom.files import make_folder, write_if_changed, write_new


def test_an_unchanged_file_is_left_as_it_was(tmp_path):
    page = tmp_path / "index.html"
    assert write_if_changed(page, b"<p>xin chao</p>")
    before = page.stat()
    assert not write_if_changed(page, b"<p>xin chao</p>")
    after = page.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_reader_of_the_old_page_reads_it_whole_during_a_rewrite(tmp_path):
    """A browser reading the devserver's page as it is rebuilt gets one page."""
    page = tmp_path / "index.html"
    old = b"<p>" + "Đoàn thanh niên ".encode() * 4000 + b"</p>"
    write_if_changed(page, old)
    with page.open("rb") as reader:
        head = reader.read(100)
        assert write_if_changed(page, b"<p>moi</p>")
        assert head + reader.read() == old
    assert page.read_bytes() == b"<p>moi</p>"
    assert sorted(os.listdir(tmp_path)) == ["index.html"]  # no temporary file left


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    page = tmp_path / "feed.xml"
    write_if_changed(page, b"<feed/>")
    default = stat.S_IMODE(page.stat().st_mode)
    assert default == 0o666 & ~_umask()  # a new file: as open() makes it
    page.chmod(0o640)
    assert write_if_changed(page, b"<feed>1</feed>")
    assert stat.S_IMODE(page.stat().st_mode) == 0o640


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def test_a_folder_is_made_once_and_its_new_page_written_without_a_compare(tmp_path):
    """The render's cold path: one mkdir, then the page straight into it."""
    folder = tmp_path / "don-vi" / "doan-truong"
    assert make_folder(folder)  # parents made too
    assert not make_folder(folder)  # there already: pages are compared
    page = folder / "index.html"
    assert write_new(page, b"<p>xin chao</p>")
    assert page.read_bytes() == b"<p>xin chao</p>"
    assert stat.S_IMODE(page.stat().st_mode) == 0o666 & ~_umask()
    before = page.stat()
    # Found there after all: compared like any page, left as it was.
    assert not write_new(page, b"<p>xin chao</p>")
    assert page.stat().st_mtime_ns == before.st_mtime_ns
    assert write_new(page, b"<p>moi</p>")
    assert page.read_bytes() == b"<p>moi</p>"


def test_a_file_is_named_with_slashes_relative_to_the_content_on_every_system():
    """Labels key posts and are matched with ``PAGE_PATHS`` ("pages/"): on
    Windows too they read ``posts/2021/bai.md``, never with backslashes."""
    from pathlib import PurePosixPath, PureWindowsPath

    from newsroom.files import content_label

    windows = PureWindowsPath(r"C:\Users\Lan\tin-tuc\content")
    assert content_label(windows / "posts" / "2021" / "bai.md", windows) == (
        "posts/2021/bai.md"
    )
    assert content_label(PureWindowsPath(r"D:\khac\bai.md"), windows) == (
        r"D:\khac\bai.md"  # outside the content: its own full name
    )
    posix = PurePosixPath("/home/lan/content")
    assert content_label(posix / "pages" / "gioi-thieu.md", posix) == (
        "pages/gioi-thieu.md"
    )
    assert content_label(posix / "x.md", None) == "/home/lan/content/x.md"


def test_the_post_reader_tells_pages_from_posts_by_a_windows_path():
    """A page under ``PAGE_PATHS`` is read as a page whatever the separator."""
    from pathlib import PureWindowsPath

    from pelican.settings import DEFAULT_CONFIG

    from content_model.reader import PostReader

    reader = PostReader({**DEFAULT_CONFIG, "PATH": "content", "PAGE_PATHS": ["pages"]})
    reader._content_root = PureWindowsPath(r"C:\site\content")
    shown = reader.label(PureWindowsPath(r"C:\site\content\pages\gioi-thieu.md"))
    assert shown == "pages/gioi-thieu.md"
    assert reader.is_page(shown)


def test_a_file_is_found_as_windows_and_macs_find_it(tmp_path):
    """NFD names (a Mac, a zip) and another case (``ANH.JPG``) are the file
    a writer typed, as on their laptop; two candidates or none: as written."""
    import unicodedata

    from newsroom.files import locate, near_name

    folder = tmp_path / "photos" / "2021"
    folder.mkdir(parents=True)
    nfd = unicodedata.normalize("NFD", "ảnh hội nghị.jpg")
    (folder / nfd).write_bytes(b"x")
    (folder / "IMG_0001.JPG").write_bytes(b"x")
    (folder / "a.jpg").write_bytes(b"x")
    (folder / "A.JPG").write_bytes(b"x")
    assert locate(tmp_path, "photos/2021/ảnh hội nghị.jpg") == folder / nfd
    assert locate(tmp_path, "Photos/2021/img_0001.jpg") == folder / "IMG_0001.JPG"
    assert locate(tmp_path, "photos/2021/a.jpg") == folder / "a.jpg"  # as written
    assert locate(tmp_path, "photos/2021/A.jpg") == tmp_path / "photos/2021/A.jpg"
    assert locate(tmp_path, "photos/2020/x.jpg") == tmp_path / "photos/2020/x.jpg"
    assert near_name(tmp_path, "photos/2021/anh hoi ngi.jpg") == (
        "photos/2021/ảnh hội nghị.jpg"  # NFC, as a writer types it
    )
    assert near_name(tmp_path, "photos/2021/khong-giong-gi-ca.png") is None
    assert near_name(tmp_path, "photos/1999/a.jpg") is None
