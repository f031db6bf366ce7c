"""Photo names as writers' laptops give them: NFD from a Mac, another case.

A post that builds on Windows or a Mac (whose disks find ``ANH.JPG`` for
``anh.jpg``, and an NFD name for the NFC one typed) builds the same on the
Linux host that publishes it; a name that matches no file is refused with
the closest file beside it.
"""

from __future__ import annotations

import unicodedata

from PIL import Image

from tests.content_sites import check
from tests.sitebuild import NO_SEARCH, build, copy_content

POST = """---
title: Hội nghị tổng kết công tác Đoàn năm 2021
date: 2021-12-20 08:00
slug: hoi-nghi-tong-ket-2021
lang: vi
summary: Quận Đoàn Tân Bình tổng kết công tác Đoàn năm 2021.
units: [Quận Đoàn Tân Bình]
photos:
  - src: photos/2021/ảnh hội nghị.jpg
    alt: Quang cảnh hội nghị
  - src: photos/2021/img_0002.jpg
    alt: Đại biểu phát biểu
---
Hội nghị diễn ra sáng 20/12/2021.

![Đoàn viên nhận khen thưởng](photos/2021/khen-thuong.jpg)
"""


def _site(tmp_path, post: str = POST):
    content = copy_content(tmp_path / "content")
    folder = content / "photos" / "2021"
    folder.mkdir(parents=True)
    # As a Mac's disk or a zip names them, and as a phone does.
    for name, colour in (
        (unicodedata.normalize("NFD", "ảnh hội nghị.jpg"), (200, 40, 40)),
        ("IMG_0002.JPG", (40, 200, 40)),
        ("Khen-Thuong.JPG", (40, 40, 200)),
    ):
        Image.new("RGB", (1200, 800), colour).save(folder / name, "JPEG")
    (content / "posts" / "2021" / "hoi-nghi-tong-ket-2021.md").write_text(
        post, encoding="utf-8"
    )
    return content


def test_photos_named_in_another_form_or_case_are_published(tmp_path):
    content = _site(tmp_path)
    assert check(content) == (0, [])
    result = build(content, tmp_path / "output", extra=NO_SEARCH)
    assert result.returncode == 0, result.log
    page = result.page("/2021/12/hoi-nghi-tong-ket-2021/")
    sources = [img["src"] for img in page.select(".article img")]
    assert len(sources) == 3, sources
    for src in sources:
        assert (result.output / src.lstrip("/")).is_file()
    assert any("anh-hoi-nghi" in src for src in sources)  # the NFC name's slug


def test_a_photo_name_with_a_typo_gets_the_closest_file(tmp_path):
    content = _site(
        tmp_path,
        POST.replace("ảnh hội nghị.jpg", "ảnh hội ngị.jpg").replace(
            "khen-thuong.jpg", "khen-thung.jpg"
        ),
    )
    code, lines = check(content)
    assert code == 1
    assert lines == [
        "posts/2021/hoi-nghi-tong-ket-2021.md:9: [error] photos[1].src: the photo "
        '"photos/2021/ảnh hội ngị.jpg" does not exist (paths are relative to '
        'content/, e.g. photos/2020/name.jpg); did you mean "photos/2021/ảnh hội '
        'nghị.jpg"?',
        "posts/2021/hoi-nghi-tong-ket-2021.md:16: [error] body: the image "
        '"photos/2021/khen-thung.jpg" does not exist (paths are relative to '
        "content/, e.g. photos/2020/name.jpg); did you mean "
        '"photos/2021/Khen-Thuong.JPG"?',
    ]
