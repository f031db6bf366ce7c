"""``make publish`` (``--fatal warnings``) with photos of unusual colour profiles.

A photo whose colour profile cannot be used is published with its colours taken
as sRGB and a notice naming it; the publish build never fails on it.
"""

from __future__ import annotations

import json
from pathlib import Path

from PIL import Image, ImageCms

from tests.sitebuild import Build, build, copy_content

POST = """---
title: Ảnh có hồ sơ màu lạ
date: 2022-04-02 08:00
slug: anh-ho-so-mau-la-2022
lang: vi
summary: Ảnh có hồ sơ màu lạ vẫn được đăng.
units: [Quận Đoàn Tân Bình]
photos:
  - src: photos/test/la/rac.jpg
    alt: Ảnh có hồ sơ màu hỏng
  - src: photos/test/la/lab.jpg
    alt: Ảnh RGB gắn hồ sơ màu Lab
---
Nội dung bài viết.
"""
BLUE = (20, 60, 200)


def publish(content: Path, output: Path, cache: Path) -> Build:
    """Build as ``make publish`` does: publishconf.py and ``--fatal warnings``."""
    return build(
        content,
        output,
        settings="publishconf.py",
        extra={"PHOTOS_CACHE_PATH": json.dumps(str(cache))},
        options=("--fatal", "warnings"),
    )


def test_unusable_colour_profiles_never_fail_the_publish(tmp_path):
    content = copy_content(tmp_path / "content")
    folder = content / "photos" / "test" / "la"
    folder.mkdir(parents=True)
    Image.new("RGB", (900, 600), BLUE).save(
        folder / "rac.jpg", icc_profile=b"not a profile"
    )
    lab = ImageCms.ImageCmsProfile(ImageCms.createProfile("LAB")).tobytes()
    Image.new("RGB", (900, 600), BLUE).save(folder / "lab.jpg", icc_profile=lab)
    (content / "posts" / "2021" / "anh-ho-so-mau-la-2022.md").write_text(
        POST, encoding="utf-8"
    )
    for run in ("first", "cached"):  # a cached photo repeats its notice
        result = publish(content, tmp_path / "output", tmp_path / "cache")
        log = " ".join(result.log.split())
        assert result.returncode == 0, (run, log)
        assert "WARNING" not in log, log
        for name in ("rac.jpg", "lab.jpg"):
            assert (
                f"photos/test/la/{name}: [notice] photo: its colour profile "
                "cannot be used"
            ) in log, (run, log)
    page = tmp_path / "output" / "2022" / "04" / "anh-ho-so-mau-la-2022" / "index.html"
    assert page.read_text(encoding="utf-8").count("<picture") >= 2
