"""A publish build leaves no byte of a draft: no page, list, feed, photo or name."""

from __future__ import annotations

import gzip
import html
import json
from pathlib import Path

import pytest
from PIL import Image

from tests.sitebuild import Build, build, copy_content

SLUG = "hop-kin-zorblax-2021"
TITLE = "Họp kín Zorblax của Chi đoàn Quixotl"
TITLE_EN = "Zorblax closed meeting of the Quixotl branch"
BODY_WORD = "vexillomancy"
PHOTO_STEMS = ("secretphoto-alpha", "secretphoto-beta")
PERSON = ("trinh-bimat-quixotl", "Trịnh Bímật Quixotl")
UNIT = ("chi-doan-quixotl", "Chi đoàn Quixotl", "Quixotl Youth Union Branch")

DRAFT = f"""---
title: {TITLE}
date: 2021-06-03 08:00
slug: {SLUG}
lang: vi
status: draft
summary: Tóm tắt {BODY_WORD}.
event:
  organizer: {UNIT[1]}
units: [{UNIT[1]}]
speakers:
  - name: {PERSON[1]}
    role: Bí thư Chi đoàn
    unit: {UNIT[1]}
photos:
  - src: photos/nhap/{PHOTO_STEMS[0]}.jpg
    alt: Ảnh thứ nhất
---
Nội dung {BODY_WORD} chưa được duyệt.

![Ảnh thứ hai](photos/nhap/{PHOTO_STEMS[1]}.jpg)
"""

DRAFT_EN = f"""---
title: {TITLE_EN}
slug: {SLUG}
lang: en
status: draft
---
The {BODY_WORD} text is not reviewed yet.
"""


DRAFT_PAGE = f"""---
title: Trang nháp Zorblax
status: draft
---
Trang {BODY_WORD} chưa duyệt.
"""

# A published post with a photo, whose files must still be published.
PUBLISHED = """---
title: Ra quân mùa hè xanh
date: 2021-06-04 08:00
slug: ra-quan-mua-he-xanh-2021
units: [Quận Đoàn Tân Bình]
photos:
  - src: photos/nhap/publicphoto.jpg
    alt: Đoàn viên ra quân
---
Đoàn viên ra quân.
"""


# An English translation still in draft, of that published post.
PUBLISHED_DRAFT_EN = """---
title: Kestrelwing green summer launch
slug: ra-quan-mua-he-xanh-2021
lang: en
status: draft
---
Kestrelwing members set out.
"""


def add_draft(content: Path) -> None:
    """Add the draft, its translation, its photos, its person and its unit.

    Also a published post with a photo of its own, beside the draft's.
    """
    folder = content / "posts" / "2021"
    (folder / f"{SLUG}.md").write_text(DRAFT, encoding="utf-8")
    (folder / f"{SLUG}.en.md").write_text(DRAFT_EN, encoding="utf-8")
    (folder / "ra-quan-mua-he-xanh-2021.md").write_text(PUBLISHED, encoding="utf-8")
    (folder / "ra-quan-mua-he-xanh-2021.en.md").write_text(
        PUBLISHED_DRAFT_EN, encoding="utf-8"
    )
    pages = content / "pages"
    pages.mkdir()
    (pages / "trang-nhap-zorblax.md").write_text(DRAFT_PAGE, encoding="utf-8")
    photos = content / "photos" / "nhap"
    photos.mkdir(parents=True)
    colours = ((200, 30, 30), (30, 30, 200), (30, 200, 30))
    for stem, colour in zip((*PHOTO_STEMS, "publicphoto"), colours, strict=True):
        Image.new("RGB", (1300, 900), colour).save(photos / f"{stem}.jpg")
    with (content / "data" / "people.yml").open("a", encoding="utf-8") as people:
        people.write(f"\n- key: {PERSON[0]}\n  name: {PERSON[1]}\n")
    with (content / "data" / "units.yml").open("a", encoding="utf-8") as units:
        units.write(
            f"\n- key: {UNIT[0]}\n  name: {UNIT[1]}\n  name_en: {UNIT[2]}\n"
            "  kind: ward\n  parent: quan-doan-tan-binh\n"
        )


def forms(marker: str) -> set[bytes]:
    """Return the ways a text can be written into a file: UTF-8, HTML, JSON."""
    return {
        marker.encode(),
        html.escape(marker).encode(),
        json.dumps(marker)[1:-1].encode(),
        marker.lower().encode(),
    }


MARKERS = [
    SLUG,
    TITLE,
    TITLE_EN,
    BODY_WORD,
    "Zorblax",
    "Quixotl",
    "Kestrelwing",
    *PHOTO_STEMS,
    *PERSON,
    *UNIT,
]


def every_file(output: Path):
    """Yield each file written with its bytes, gunzipped where compressed."""
    for path in sorted(output.rglob("*")):
        if path.is_file():
            data = path.read_bytes()
            if data[:2] == b"\x1f\x8b":
                data = gzip.decompress(data)
            yield path, data


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Build:
    """Build the tests' site plus the draft with the production settings."""
    tmp = tmp_path_factory.mktemp("publish-drafts")
    content = copy_content(tmp / "content")
    add_draft(content)
    cache = json.dumps(str(tmp / "photo-cache"))
    result = build(
        content, tmp / "output", "publishconf.py", {"PHOTOS_CACHE_PATH": cache}
    )
    assert result.returncode == 0, result.log
    return result


def test_no_byte_of_a_draft_reaches_the_published_site(published):
    leaks = []
    for path, data in every_file(published.output):
        name = str(path.relative_to(published.output))
        for marker in MARKERS:
            if marker.lower() in name.lower():
                leaks.append(f"{name}: its name has {marker!r}")
            if any(form in data for form in forms(marker)):
                leaks.append(f"{name}: has {marker!r}")
    assert leaks == [], "\n".join(leaks)
    assert (published.output / "index.html").exists()
    assert (published.output / "nhan-vat" / "index.html").exists()
    assert list(published.output.glob("photos/**/publicphoto-*-og.jpg"))


def test_a_development_build_keeps_the_draft_and_its_photos(tmp_path):
    content = copy_content(tmp_path / "content")
    add_draft(content)
    cache = json.dumps(str(tmp_path / "photo-cache"))
    result = build(content, tmp_path / "output", extra={"PHOTOS_CACHE_PATH": cache})
    assert result.returncode == 0, result.log
    page = result.page(f"/drafts/{SLUG}/")
    assert TITLE in page.get_text()
    for stem in PHOTO_STEMS:
        assert list(result.output.glob(f"photos/**/{stem}-*.jpg")), stem


def test_no_list_shows_a_person_or_unit_without_posts(published):
    for path in published.output.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        assert "Số bài: 0<" not in text and "Posts: 0<" not in text, path
