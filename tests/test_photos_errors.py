"""Bad photo files give one clear PhotoError, never a Pillow traceback."""

from __future__ import annotations

import io
import pickle
import struct
import zlib
from pathlib import Path

import pytest
from PIL import Image

from photos import PhotoError, PhotoJob, PhotoSettings, check_photo, process_photos
from photos.reading import megapixels

NAME = "photos/2020/x.jpg"


def noisy_jpeg(size: tuple[int, int] = (800, 600)) -> bytes:
    """Return the bytes of a JPEG whose data is large enough to cut."""
    buffer = io.BytesIO()
    Image.effect_noise(size, 60).convert("RGB").save(buffer, "JPEG", quality=90)
    return buffer.getvalue()


def png_header(width: int, height: int) -> bytes:
    """Return a tiny PNG whose header claims any size (decoding would fail)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(kind + data)
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b""))
        + chunk(b"IEND", b"")
    )


def bmp_bytes() -> bytes:
    """Return a small BMP image."""
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "red").save(buffer, "BMP")
    return buffer.getvalue()


CASES = {
    "missing": (None, "x.jpg", f"cannot read image {NAME}: the file does not exist"),
    "empty": (b"", "x.jpg", f"cannot use image {NAME}: the file is empty"),
    "truncated": (
        noisy_jpeg()[:20_000],
        "x.jpg",
        f"cannot read image {NAME}: the file is truncated (cut off before its end)",
    ),
    "random bytes": (
        bytes(range(256)) * 40,
        "x.jpg",
        f"cannot use image {NAME}: the file is damaged or is not really a JPEG image",
    ),
    "text file": (
        b"Hello, this is not a photo.\n",
        "x.txt",
        f"cannot use image {NAME}: '.txt' files are not supported images: "
        "use JPEG, PNG, WebP or TIFF",
    ),
    "bmp": (
        bmp_bytes(),
        "x.bmp",
        f"cannot use image {NAME}: BMP is not a supported format "
        "(use JPEG, PNG, WebP or TIFF)",
    ),
    "heic": (
        b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64,
        "x.heic",
        f"cannot use image {NAME}: HEIC/HEIF photos are not supported: export it "
        "as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible)",
    ),
    "over the pixel limit": (
        png_header(30_000, 20_000),
        "x.png",
        f"image {NAME} is 30000×20000 pixels (600 MP), over the 50 MP limit: "
        "resize it before adding it",
    ),
}


def write_case(tmp_path: Path, case: str) -> Path:
    """Write the file of a case (or nothing, for 'missing') and return its path."""
    data, filename, _message = CASES[case]
    path = tmp_path / filename
    if data is not None:
        path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", CASES)
def test_check_photo_explains_bad_files(tmp_path, case):
    with pytest.raises(PhotoError) as caught:
        check_photo(write_case(tmp_path, case), name=NAME)

    assert str(caught.value) == CASES[case][2]
    assert caught.value.path == NAME
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("case", CASES)
def test_processing_reports_bad_files_without_raising(tmp_path, case):
    good = tmp_path / "good.jpg"
    Image.new("RGB", (200, 100), "blue").save(good)
    bad_job = PhotoJob(write_case(tmp_path, case), "photos/2020", name=NAME)
    good_job = PhotoJob(good, "photos/2020")
    settings = PhotoSettings(cache_path=tmp_path / "cache")

    batch = process_photos([bad_job, good_job], tmp_path / "output", settings)

    assert str(batch.errors[bad_job]) == CASES[case][2]
    assert list(batch.results) == [good_job]
    assert batch.processed == 1


def test_folder_is_not_a_photo(tmp_path):
    with pytest.raises(PhotoError, match="it is a folder"):
        check_photo(tmp_path, name="photos/2020")


def test_real_image_over_a_small_limit(tmp_path):
    path = tmp_path / "x.png"
    Image.new("RGB", (200, 100)).save(path)

    with pytest.raises(PhotoError) as caught:
        check_photo(path, name=NAME, max_pixels=10_000)

    assert str(caught.value) == (
        f"image {NAME} is 200×100 pixels (0.02 MP), over the 0.01 MP limit: "
        "resize it before adding it"
    )


def test_pillow_limit_is_restored_after_opening(tmp_path):
    path = tmp_path / "x.png"
    path.write_bytes(png_header(30_000, 20_000))
    before = Image.MAX_IMAGE_PIXELS

    with pytest.raises(PhotoError):
        check_photo(path)

    assert before == Image.MAX_IMAGE_PIXELS


@pytest.mark.parametrize("cut", [2, 30, 300, 3_000, 30_000, -2])
def test_any_cut_gives_a_photo_error_or_a_photo(tmp_path, cut):
    path = tmp_path / "x.jpg"
    path.write_bytes(noisy_jpeg()[:cut])

    try:
        info = check_photo(path, name=NAME)
    except PhotoError as error:
        assert str(error).startswith((f"cannot read image {NAME}: ", "cannot use"))
    else:
        assert (info.width, info.height) == (800, 600)


def test_flipped_bytes_give_a_photo_error_or_a_photo(tmp_path):
    data = bytearray(noisy_jpeg())
    for offset in range(20, len(data), 97):
        data[offset] ^= 0xFF
    path = tmp_path / "x.jpg"
    path.write_bytes(bytes(data))
    settings = PhotoSettings(cache_path=tmp_path / "cache")

    batch = process_photos([PhotoJob(path, "p")], tmp_path / "output", settings)

    assert len(batch.results) + len(batch.errors) == 1


def test_check_photo_reports_upright_size_and_format(tmp_path):
    path = tmp_path / "x.jpg"
    exif = Image.Exif()
    exif[0x0112] = 8
    Image.new("RGB", (300, 200)).save(path, exif=exif)

    info = check_photo(path, name=NAME)

    assert (info.path, info.format, info.width, info.height) == (NAME, "JPEG", 200, 300)


@pytest.mark.parametrize("mode", ["RGBA", "P", "L"])
def test_check_photo_accepts_good_png(tmp_path, mode):
    # PNG's verify() refuses to run once anything else read the file.
    path = tmp_path / "x.png"
    Image.new(mode, (300, 200)).save(path)

    info = check_photo(path, name=NAME)

    assert (info.format, info.width, info.height, info.mode) == ("PNG", 300, 200, mode)


def test_photo_error_survives_pickling():
    error = PhotoError(NAME, f"cannot read image {NAME}: the file is empty")

    copy = pickle.loads(pickle.dumps(error))

    assert (copy.path, str(copy)) == (NAME, str(error))


@pytest.mark.parametrize(
    ("pixels", "text"),
    [
        (600_000_000, "600 MP"),
        (50_000_000, "50 MP"),
        (8_300_000, "8.3 MP"),
        (2_000_000, "2 MP"),
        (20_000, "0.02 MP"),
    ],
)
def test_megapixels(pixels, text):
    assert megapixels(pixels) == text
