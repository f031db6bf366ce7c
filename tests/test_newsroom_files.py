"""``newsroom.files.write_if_changed``: pages written only when they change, whole."""

from __future__ import annotations

import os
import stat

from newsroom.files import write_if_changed


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
