"""Photos on a real site: gallery, body images, privacy, sharing image, bad files.

Each fixture builds the real content plus the test posts of
``tests/fixtures/photos/`` once per module, with photos drawn by Pillow.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from PIL import Image, ImageDraw, IptcImagePlugin

from tests.sitebuild import ROOT, Build, build, copy_content
from tests.test_photos_processing import OWNER, RED, SERIAL, camera_jpeg, close_to

FIXTURES = Path(__file__).parent / "fixtures" / "photos"
POST = "/2022/03/trong-cay-xanh-tan-binh-2022/"
POST_EN = "/en/2022/03/trong-cay-xanh-tan-binh-2022/"
SEED_POST = "/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
BAD_POST = "posts/2022/anh-hong-2022.md"
METADATA_KEYS = ("exif", "xmp", "XML:com.adobe.xmp", "photoshop")
IMAGE_SUFFIXES = {".jpg", ".jpeg", ".png", ".webp", ".gif", ".tif", ".tiff"}
# Byte strings that only metadata would put into a published file.
PRIVATE_BYTES = (
    SERIAL.encode(),
    OWNER.encode(),
    b"Exif\x00\x00",
    b"<x:xmpmeta",
    b"http://ns.adobe.com/xap/1.0/",
    b"Photoshop 3.0",
)


def write_good_photos(content: Path) -> list[Path]:
    """Draw the test post's photos: a phone photo, CMYK, a logo, a body image."""
    folder = content / "photos" / "test" / "2022"
    folder.mkdir(parents=True)
    # Stored 2400x1800 sideways (Orientation 6), with GPS, serial, owner, XMP, IPTC.
    phone = camera_jpeg(folder / "dien-thoai.jpg")
    cmyk = folder / "ban-in-cmyk.jpg"
    Image.new("CMYK", (1000, 700), (0, 200, 200, 0)).save(cmyk)
    logo = Image.new("RGBA", (600, 600), (0, 0, 0, 0))
    ImageDraw.Draw(logo).ellipse((100, 100, 500, 500), fill=(0, 84, 166, 255))
    logo.save(folder / "bieu-trung.png")
    Image.new("RGB", (1200, 800), (30, 120, 30)).save(folder / "tuoi-cay.jpg")
    return [phone, cmyk, folder / "bieu-trung.png", folder / "tuoi-cay.jpg"]


def write_bad_photos(content: Path) -> None:
    """Write the bad files: truncated, oversized, BMP, garbage, and one good one."""
    folder = content / "photos" / "test" / "bad"
    folder.mkdir(parents=True)
    Image.new("RGB", (800, 600), (200, 100, 50)).save(folder / "tot.jpg")
    noisy = Image.effect_noise((800, 600), 50).convert("RGB")
    noisy.save(folder / "bi-cat.jpg", quality=90)
    whole = (folder / "bi-cat.jpg").read_bytes()
    (folder / "bi-cat.jpg").write_bytes(whole[: len(whole) // 2])
    # 60 megapixels in a few kilobytes: a decompression bomb for the default limit.
    Image.new("1", (10_000, 6_000)).save(folder / "qua-lon.png")
    Image.new("RGB", (64, 64), "red").save(folder / "ban-do.bmp")
    (folder / "hong.jpg").write_bytes(b"this is not a photo " * 40)


def site_with(tmp: Path, fixture: str) -> Path:
    """Copy the real content, add the fixture posts, and return the content folder."""
    content = copy_content(tmp / "content")
    shutil.copytree(FIXTURES / fixture / "posts", content / "posts", dirs_exist_ok=True)
    return content


def photo_settings(cache: Path) -> dict[str, str]:
    """Return the -e settings that keep the photo cache inside the test folder."""
    return {"PHOTOS_CACHE_PATH": json.dumps(str(cache))}


def log_text(result: Build) -> str:
    """Return the build log as one line of text, without the logger's columns."""
    lines = []
    for line in result.log.splitlines():
        line = re.sub(r"\s+[\w.]+\.py:\d+\s*$", "", line)
        line = re.sub(
            r"^\s*(\[[\d:]+\])?\s*(ERROR|WARNING|CRITICAL|INFO)?\s+", "", line
        )
        lines.append(line.strip())
    return " ".join(" ".join(lines).split())


def images_of(page: BeautifulSoup) -> list:
    """Return the article's ``<img>`` elements (body and gallery) in page order."""
    return page.select(".article img")


def open_output(result: Build, src: str) -> Image.Image:
    """Open a published image by its URL, fully decoded."""
    image = Image.open(result.output / src.lstrip("/"))
    image.load()
    return image


@dataclass
class PhotoSite:
    """Two builds of the same content with one cache, and the photo sources."""

    first: Build
    second: Build
    sources: list[Path]


@pytest.fixture(scope="module")
def photo_site(tmp_path_factory) -> PhotoSite:
    tmp = tmp_path_factory.mktemp("photo-site")
    content = site_with(tmp, "good")
    sources = write_good_photos(content)
    extra = photo_settings(tmp / "cache")
    first = build(content, tmp / "output-1", extra=extra)
    assert first.returncode == 0, first.log
    second = build(content, tmp / "output-2", extra=extra)
    assert second.returncode == 0, second.log
    return PhotoSite(first, second, sources)


@pytest.fixture(scope="module")
def bad_site(tmp_path_factory) -> tuple[Path, Path, Build]:
    tmp = tmp_path_factory.mktemp("bad-photos")
    content = site_with(tmp, "bad")
    write_bad_photos(content)
    result = build(content, tmp / "output", extra=photo_settings(tmp / "cache"))
    return content, tmp / "cache", result


# --- The gallery and the body images ---------------------------------------


def test_every_width_is_published_in_webp_and_jpeg(photo_site):
    files = {p.name for p in (photo_site.first.output / "photos" / "2022").iterdir()}

    for stem, widths in (
        ("dien-thoai", (480, 960, 1600)),
        ("ban-in-cmyk", (480, 960, 1000)),  # never upscaled: 1000 is its width
        ("bieu-trung", (480, 600)),
        ("tuoi-cay", (480, 960, 1200)),
    ):
        for width in widths:
            for extension in ("webp", "jpg"):
                pattern = rf"{stem}-[0-9a-f]{{8}}-{width}\.{extension}"
                assert any(re.fullmatch(pattern, f) for f in files), pattern


def test_gallery_has_captions_pictures_and_full_size_links(photo_site):
    page = photo_site.first.page(POST)
    figures = page.select(".lead-photo, .gallery figure")

    assert page.select_one(".gallery h2").get_text() == "Hình ảnh"
    assert [f.figcaption.get_text() if f.figcaption else None for f in figures] == [
        "Đoàn viên trồng cây tại công viên Hoàng Văn Thụ.",
        "Bảng thông báo ngày ra quân.",
        None,
    ]
    assert [f.img["alt"] for f in figures] == [
        "Đoàn viên trồng cây bên hồ",
        "Bảng thông báo ngày ra quân",
        "Biểu trưng chương trình trồng cây",
    ]
    phone = figures[0]
    source = phone.select_one("picture > source")
    assert source["type"] == "image/webp"
    assert [entry.split()[1] for entry in source["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert phone.img["srcset"].count(".jpg") == 3
    assert phone.img["sizes"] == source["sizes"]
    full = phone.select_one("a[data-viewer-item]")["href"]
    assert full.endswith("-1600.jpg")
    assert open_output(photo_site.first, full).size == (1600, 2133)


def test_photos_are_upright_with_their_own_size_in_the_html(photo_site):
    img = photo_site.first.page(POST).select_one(".lead-photo img")

    # Stored 2400x1800 sideways: upright it is a portrait photo.
    assert (img["width"], img["height"]) == ("960", "1280")
    assert img["src"].endswith("-960.jpg")
    image = open_output(photo_site.first, img["src"])
    assert image.size == (960, 1280)
    # The red block of the stored top-left corner is now at the top right.
    assert close_to(image.getpixel((955, 5)), RED)
    webp = img.find_previous_sibling("source")["srcset"]
    for candidate in img["srcset"].split(", ") + webp.split(", "):
        url, width = candidate.split()
        assert open_output(photo_site.first, url).width == int(width.rstrip("w"))


def test_only_the_first_photo_of_the_page_loads_at_once(photo_site):
    images = images_of(photo_site.first.page(POST))

    assert len(images) == 4
    first, *others = images
    assert first.find_parent(class_="lead-photo") is not None  # the lead, at the top
    assert (first["loading"], first.get("fetchpriority")) == ("eager", "high")
    assert all(img["loading"] == "lazy" for img in others)
    assert not any(img.get("fetchpriority") for img in others)
    for img in images:
        assert img["decoding"] == "async"
        assert int(img["width"]) > 0 and int(img["height"]) > 0


def test_body_image_becomes_a_picture_with_its_description(photo_site):
    body = photo_site.first.page(POST).select_one(".article__body")

    img = body.select_one("picture > img")
    assert img["alt"] == "Đoàn viên tưới cây mới trồng"
    assert img["title"] == "Tưới cây"
    assert (img["width"], img["height"]) == ("960", "640")
    assert "photos/test/" not in str(body)  # no link to the original left


def test_english_page_shows_english_captions_and_marks_vietnamese_text(photo_site):
    page = photo_site.first.page(POST_EN)
    figures = page.select(".lead-photo, .gallery figure")

    assert page.select_one(".gallery h2").get_text() == "Photos"
    first, second, third = figures
    assert first.figcaption.get_text() == (
        "Youth Union members plant trees in Hoang Van Thu Park."
    )
    assert not first.figcaption.has_attr("lang")
    # No English caption for the second photo: the Vietnamese one, marked.
    assert second.figcaption.get_text() == "Bảng thông báo ngày ra quân."
    assert second.figcaption["lang"] == "vi"
    assert third.figcaption is None
    assert all(f.img["lang"] == "vi" for f in figures)  # alt texts are Vietnamese
    body_img = page.select_one(".article__body img")
    assert body_img["alt"] == "Members water the new trees"
    assert not body_img.has_attr("lang")
    # The translation reuses the original's processed files.
    original = photo_site.first.page(POST).select_one(".lead-photo img")["src"]
    assert first.img["src"] == original


def test_og_image_is_the_1200x630_crop_of_the_first_photo(photo_site):
    for url in (POST, POST_EN):
        meta = photo_site.first.page(url).select_one('meta[property="og:image"]')
        path = re.sub(r"^https?://[^/]+", "", meta["content"])
        assert re.search(r"/photos/2022/dien-thoai-[0-9a-f]{8}-og\.jpg$", path)
        assert open_output(photo_site.first, path).size == (1200, 630)


def test_post_without_photos_shares_the_site_card(photo_site):
    cards = set()
    for url in (SEED_POST, "/en" + SEED_POST):
        page = photo_site.first.page(url)
        assert not page.select(".gallery")
        meta = page.select_one('meta[property="og:image"]')
        path = re.sub(r"^https?://[^/]+", "", meta["content"])
        assert re.search(r"/photos/site-card-[0-9a-f]{8}\.jpg$", path)
        assert open_output(photo_site.first, path).size == (1200, 630)
        cards.add(path)
    assert len(cards) == 2  # one card per language


def test_cmyk_becomes_rgb_and_transparency_survives_in_webp(photo_site):
    output = photo_site.first.output / "photos" / "2022"
    cmyk = Image.open(next(output.glob("ban-in-cmyk-*-960.jpg")))
    assert cmyk.mode == "RGB"
    logo_webp = Image.open(next(output.glob("bieu-trung-*-600.webp")))
    assert logo_webp.mode == "RGBA" and logo_webp.getpixel((2, 2))[3] == 0
    logo_jpeg = Image.open(next(output.glob("bieu-trung-*-600.jpg"))).convert("RGB")
    assert close_to(logo_jpeg.getpixel((2, 2)), (255, 255, 255), 8)


def test_photo_pages_are_valid_html(photo_site):
    from tests.test_validity import check  # the Nu HTML Checker, as for every page

    pages = [
        photo_site.first.output / url.strip("/") / "index.html"
        for url in (POST, POST_EN)
    ]

    assert check(pages) == []


# --- Privacy ----------------------------------------------------------------


def test_no_published_file_keeps_photo_metadata(photo_site):
    output = photo_site.first.output
    images = [p for p in output.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES]
    assert len(images) > 20
    for path in images:
        with Image.open(path) as image:
            kept = {
                k for k in ("exif", "xmp", "XML:com.adobe.xmp") if image.info.get(k)
            }
            assert not kept, f"{path} keeps {kept}"
            assert not image.getexif(), f"{path} keeps EXIF tags"
            assert IptcImagePlugin.getiptcinfo(image) is None, f"{path} keeps IPTC"
    for path in output.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            for private in PRIVATE_BYTES:
                assert private not in data, f"{path} contains {private!r}"


def test_originals_are_never_copied_into_the_site(photo_site):
    originals = {source.read_bytes() for source in photo_site.sources}
    names = {source.name for source in photo_site.sources}
    for path in photo_site.first.output.rglob("*"):
        if path.is_file():
            assert path.name not in names
            assert path.read_bytes() not in originals, path


# --- Cache ------------------------------------------------------------------


def test_second_build_reprocesses_nothing(photo_site):
    assert "Photos: 8 shown, 4 processed, 0 from cache" in log_text(photo_site.first)
    assert "Photos: 8 shown, 0 processed, 4 from cache" in log_text(photo_site.second)
    first = sorted(
        p.relative_to(photo_site.first.output)
        for p in (photo_site.first.output / "photos").rglob("*")
    )
    second = sorted(
        p.relative_to(photo_site.second.output)
        for p in (photo_site.second.output / "photos").rglob("*")
    )
    assert first == second
    assert photo_site.first.page(POST).select_one(".gallery") == photo_site.second.page(
        POST
    ).select_one(".gallery")


# --- Bad files ----------------------------------------------------------------

BAD_FILE_PROBLEMS = [
    f"{BAD_POST}:8: [error] photos[1].src: cannot read image "
    "photos/test/bad/bi-cat.jpg: the file is truncated (cut off before its end)",
    f"{BAD_POST}:10: [error] photos[2].src: image photos/test/bad/qua-lon.png is "
    "10000×6000 pixels (60 MP), over the 50 MP limit: resize it before adding it",
    f"{BAD_POST}:12: [error] photos[3].src: cannot use image "
    "photos/test/bad/ban-do.bmp: BMP is not a supported format (use JPEG, PNG, "
    "WebP or TIFF)",
    f"{BAD_POST}:14: [error] photos[4].src: cannot use image "
    "photos/test/bad/hong.jpg: the file is damaged or is not really a JPEG image",
    f'{BAD_POST}:16: [error] photos[5].src: the photo "photos/test/bad/khong-co.jpg" '
    "does not exist",
    f"{BAD_POST}:23: [error] body: image photos/test/bad/tot.jpg has no "
    "description: write what it shows between the brackets",
    f'{BAD_POST}:25: [error] body: the image "photos/test/bad/mat.jpg" does not exist',
    f"{BAD_POST}:27: [error] body: cannot read image photos/test/bad/bi-cat.jpg: "
    "the file is truncated",
    f"{BAD_POST}:29: [error] body: image https://example.com/a.jpg is not a file of "
    "the site",
]


@pytest.mark.parametrize("problem", BAD_FILE_PROBLEMS)
def test_bad_files_stop_the_build_at_the_posts_line(bad_site, problem):
    _content, _cache, result = bad_site

    assert result.returncode == 1
    assert problem in log_text(result)


def test_bad_files_never_give_a_traceback_or_a_page(bad_site):
    _content, _cache, result = bad_site

    assert "Traceback" not in result.log
    assert "Build stopped" in log_text(result)
    assert not list(result.output.rglob("*.html"))
    assert not (result.output / "photos").exists()


def test_make_check_reports_the_same_problems(bad_site):
    content, cache, _result = bad_site
    overrides = {"PATH": str(content), "PHOTOS_CACHE_PATH": str(cache)}
    code = (
        "import sys; from content_model.check import run_check; "
        f"sys.exit(run_check('pelicanconf.py', {overrides!r}))"
    )
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=environment,
        check=False,
    )

    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    printed = result.stdout.splitlines()
    for problem in BAD_FILE_PROBLEMS:
        assert any(line.startswith(problem) for line in printed), problem
    assert len(printed) == len(BAD_FILE_PROBLEMS)
    assert not cache.exists()  # make check writes nothing


def test_search_results_show_the_posts_card_photo(photo_site):
    """The card photo reaches the search index, written by its own process (#22)."""
    lists = photo_site.first.output / "pagefind" / "lists"
    cards = [
        card
        for block in sorted(lists.glob("*/posts/*.json"))
        for card in json.loads(block.read_text(encoding="utf-8"))
    ]
    with_photo = [card["card"] for card in cards if card.get("card")]
    assert with_photo, cards
    for path in with_photo:
        assert (photo_site.first.output / path.lstrip("/")).is_file()
