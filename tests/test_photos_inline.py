"""Body images: finding them in rendered HTML, their paths and their lines."""

from __future__ import annotations

import pytest

from photos.inline import find_images, local_path, replace_spans, resolve, source_line

HTML = (
    "<p>Mở đầu</p>\n"
    '<p><img alt="Đoàn viên &amp; thanh niên" src="photos/2020/a.jpg" title="T"></p>\n'
    '<pre><code>&lt;img src="photos/x.jpg"&gt;</code></pre>\n'
    '<p>x <img src="/photos/2020/b.jpg" alt=""/> y</p>'
)


def test_find_images_gives_offsets_and_unescaped_attributes():
    images = find_images(HTML)

    assert [(i.src, i.alt, i.title) for i in images] == [
        ("photos/2020/a.jpg", "Đoàn viên & thanh niên", "T"),
        ("/photos/2020/b.jpg", "", None),
    ]
    for image in images:
        assert HTML[image.start : image.end].startswith("<img")
        assert HTML[image.start : image.end].endswith(">")


def test_replace_spans_keeps_everything_else():
    images = find_images(HTML)

    result = replace_spans(
        HTML, [(i.start, i.end, f"[{n}]") for n, i in enumerate(images)]
    )

    assert "<p>[0]</p>" in result and "<p>x [1] y</p>" in result
    assert "&lt;img src=" in result  # code shown in the post is left alone


@pytest.mark.parametrize(
    ("src", "path"),
    [
        ("photos/2020/a.jpg", "photos/2020/a.jpg"),
        ("/photos/2020/a.jpg", "photos/2020/a.jpg"),
        ("{static}/photos/2020/a.jpg", "photos/2020/a.jpg"),
        ("photos/2020/%E1%BA%A2nh%201.jpg", "photos/2020/Ảnh 1.jpg"),
        ("photos/2020/a.jpg?v=2#x", "photos/2020/a.jpg"),
        ("https://example.com/a.jpg", None),
        ("//example.com/a.jpg", None),
        ("data:image/png;base64,AAAA", None),
        ("", ""),
    ],
)
def test_local_path(src, path):
    assert local_path(src) == path


def test_resolve_refuses_paths_outside_content(tmp_path):
    content = tmp_path / "content"
    content.mkdir()

    assert resolve("photos/a.jpg", content) == (content / "photos/a.jpg").resolve()
    assert resolve("../secret.jpg", content) is None


def test_source_line_counts_each_use_after_the_front_matter():
    text = (
        "---\nphotos:\n  - src: a.jpg\n---\nx ![1](a.jpg)\n\n![2](a.jpg) ![3](a.jpg)\n"
    )

    assert [source_line(text, "a.jpg", 5, n) for n in range(3)] == [5, 7, 7]
    assert source_line(text, "missing.jpg", 5, 0) == 5
