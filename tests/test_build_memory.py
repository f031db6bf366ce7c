"""What a build holds at its peak, its end (issue #22, memory at 10,000 posts)."""

from __future__ import annotations

import tracemalloc

from output_manifest.plugin import _read, _write


def test_the_manifest_is_written_without_one_text_of_every_name(tmp_path):
    """Written at the build's peak: 27,500 names at 10,000 posts, a line at a
    time, never joined into one text (2.5 MB more here, 5 MiB there)."""
    names = {
        f"{n % 11 + 2015}/{n:05d}/tin-tuc-so-{n:05d}/index.html" for n in range(30_000)
    }
    path = tmp_path / "manifest" / "site.txt"
    tracemalloc.start()
    try:
        _write(path, names)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert _read(path) == names
    assert path.read_text(encoding="utf-8").endswith("index.html\n")
    # the sorted list of names (240 KB) and the file's buffer, no more
    assert peak < 1_000_000
