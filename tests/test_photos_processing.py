"""Processing of single photos: orientation, metadata, colour, alpha and widths."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageCms, ImageDraw, IptcImagePlugin, JpegImagePlugin

from photos import PhotoJob, PhotoSettings, process_photo
from photos.processing import variant_widths

SERIAL = "SERIAL-12345"
OWNER = "Nguyen Van Chu"
XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
    b'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:aux="http://ns.adobe.com/exif/1.0/aux/" aux:SerialNumber="SERIAL-12345"/>'
    b"</rdf:RDF></x:xmpmeta>"
)
RED, GREEN, BLUE = (255, 0, 0), (40, 140, 40), (0, 0, 255)


def add_iptc(path: Path, owner: str) -> None:
    """Insert a Photoshop APP13 segment with an IPTC By-line after the JPEG SOI."""
    value = owner.encode()
    record = b"\x1c\x02\x50" + len(value).to_bytes(2, "big") + value
    if len(record) % 2:
        record += b"\x00"
    resource = b"8BIM\x04\x04\x00\x00" + len(record).to_bytes(4, "big") + record
    payload = b"Photoshop 3.0\x00" + resource
    segment = b"\xff\xed" + (len(payload) + 2).to_bytes(2, "big") + payload
    data = path.read_bytes()
    path.write_bytes(data[:2] + segment + data[2:])


def camera_jpeg(path: Path, size: tuple[int, int] = (2400, 1800)) -> Path:
    """Write a landscape JPEG stored sideways (Orientation 6) full of private data."""
    image = Image.new("RGB", size, GREEN)
    # A red block in the stored top-left corner: upright, it is top-right.
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 4, size[1] // 4), fill=RED)
    exif = Image.Exif()
    exif[0x0112] = 6
    exif[0x010F] = "Camera Maker"
    exif.get_ifd(0x8769)[0xA431] = SERIAL
    exif.get_ifd(0x8769)[0xA430] = OWNER
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (10.0, 48.0, 3.5), 3: "E", 4: (106.0, 39.0, 12.0)})
    image.save(path, "JPEG", quality=85, exif=exif, xmp=XMP)
    add_iptc(path, OWNER)
    return path


def publish(tmp_path: Path, source: Path, **settings: object):
    """Process one photo into tmp_path/output and return its result."""
    photo_settings = PhotoSettings(cache_path=tmp_path / "cache", **settings)
    job = PhotoJob(source, "photos/2020", name=f"photos/2020/{source.name}")
    return process_photo(job, tmp_path / "output", photo_settings)


def opened(tmp_path: Path, url: str) -> Image.Image:
    """Open an output file by its relative URL, fully loaded."""
    image = Image.open(tmp_path / "output" / url)
    image.load()
    return image


def close_to(pixel: tuple[int, ...], colour: tuple[int, ...], slack: int = 24) -> bool:
    """Tell whether a pixel is within ``slack`` of a colour on every channel."""
    return all(abs(a - b) <= slack for a, b in zip(pixel, colour, strict=False))


def test_camera_photo_is_upright_in_every_width_and_format(tmp_path):
    result = publish(tmp_path, camera_jpeg(tmp_path / "giao-ban-1.jpg"))

    assert (result.width, result.height) == (1800, 2400)
    assert [(v.width, v.height) for v in result.variants] == [
        (480, 640),
        (960, 1280),
        (1600, 2133),
    ]
    assert result.largest.width == 1600
    for variant in result.variants:
        for url, image_format in ((variant.webp, "WEBP"), (variant.jpeg, "JPEG")):
            image = opened(tmp_path, url)
            assert image.format == image_format
            assert image.size == (variant.width, variant.height)
            assert close_to(image.getpixel((variant.width - 5, 5)), RED)
            assert close_to(image.getpixel((5, 5)), GREEN)


def test_no_output_keeps_exif_xmp_iptc_or_gps(tmp_path):
    source = camera_jpeg(tmp_path / "giao-ban-1.jpg")
    with Image.open(source) as original:  # the fixture really carries all of it
        assert original.getexif().get_ifd(0x8825)
        assert "xmp" in original.info
        assert IptcImagePlugin.getiptcinfo(original)

    publish(tmp_path, source)

    outputs = sorted((tmp_path / "output").rglob("*.*"))
    assert len(outputs) == 6
    for path in outputs:
        data = path.read_bytes()
        for secret in (SERIAL.encode(), OWNER.encode(), b"Exif", b"EXIF", b"xmpmeta"):
            assert secret not in data, (path.name, secret)
        assert b"Photoshop" not in data
        with Image.open(path) as image:
            assert not image.getexif()
            assert not {"exif", "xmp", "photoshop", "icc_profile"} & set(image.info)


def test_progressive_jpeg(tmp_path):
    result = publish(tmp_path, camera_jpeg(tmp_path / "p.jpg", (800, 600)))

    image = opened(tmp_path, result.largest.jpeg)
    assert isinstance(image, JpegImagePlugin.JpegImageFile)
    assert image.info.get("progressive") or image.info.get("progression")


def test_cmyk_jpeg_becomes_rgb(tmp_path):
    source = tmp_path / "cmyk.jpg"
    Image.new("CMYK", (640, 480), (0, 255, 255, 0)).save(source, quality=90)

    result = publish(tmp_path, source)

    for url in (result.largest.jpeg, result.largest.webp):
        image = opened(tmp_path, url)
        assert image.mode == "RGB"
        assert close_to(image.getpixel((320, 240)), RED, 40)


def test_embedded_srgb_profile_is_applied_and_not_kept(tmp_path):
    source = tmp_path / "tagged.jpg"
    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    Image.new("RGB", (640, 480), (200, 100, 50)).save(source, icc_profile=profile)

    result = publish(tmp_path, source)

    image = opened(tmp_path, result.largest.jpeg)
    assert "icc_profile" not in image.info
    assert close_to(image.getpixel((10, 10)), (200, 100, 50), 6)
    assert result.notices == ()


def test_unusable_colour_profile_is_a_notice_not_an_error(tmp_path):
    source = tmp_path / "odd-profile.jpg"
    Image.new("RGB", (640, 480), BLUE).save(source, icc_profile=b"not a profile")

    result = publish(tmp_path, source)

    assert len(result.notices) == 1
    assert str(result.notices[0]).startswith(
        "photos/2020/odd-profile.jpg: [notice] photo: its colour profile cannot be used"
    )
    assert close_to(opened(tmp_path, result.largest.jpeg).getpixel((5, 5)), BLUE)


def test_transparent_png_keeps_alpha_in_webp_and_is_white_in_jpeg(tmp_path):
    source = tmp_path / "logo.png"
    image = Image.new("RGBA", (400, 300), (*BLUE, 0))
    image.paste((*BLUE, 255), (200, 0, 400, 300))
    image.save(source)

    result = publish(tmp_path, source)

    webp = opened(tmp_path, result.largest.webp)
    assert webp.mode == "RGBA"
    assert webp.getpixel((10, 10))[3] == 0
    assert close_to(webp.getpixel((390, 10)), (*BLUE, 255))
    jpeg = opened(tmp_path, result.largest.jpeg)
    assert jpeg.mode == "RGB"
    assert close_to(jpeg.getpixel((10, 10)), (255, 255, 255), 4)
    assert close_to(jpeg.getpixel((390, 10)), BLUE)


def test_palette_png_with_transparency_keeps_alpha(tmp_path):
    source = tmp_path / "palette.png"
    image = Image.new("P", (300, 200), 0)
    image.putpalette([255, 255, 255, 255, 0, 0])
    image.paste(1, (150, 0, 300, 200))
    image.save(source, transparency=0)

    result = publish(tmp_path, source)

    webp = opened(tmp_path, result.largest.webp)
    assert webp.mode == "RGBA"
    assert webp.getpixel((10, 10))[3] == 0
    assert close_to(webp.getpixel((290, 10)), (*RED, 255))


def test_opaque_alpha_channel_is_dropped(tmp_path):
    source = tmp_path / "opaque.png"
    Image.new("RGBA", (300, 200), (*RED, 255)).save(source)

    result = publish(tmp_path, source)

    assert opened(tmp_path, result.largest.webp).mode == "RGB"


def test_sixteen_bit_grey_is_scaled_not_clipped(tmp_path):
    source = tmp_path / "grey16.png"
    Image.new("I;16", (300, 200), 30000).save(source)

    result = publish(tmp_path, source)

    pixel = opened(tmp_path, result.largest.jpeg).getpixel((10, 10))
    assert close_to(pixel, (117, 117, 117), 3)


def test_small_photo_is_never_upscaled(tmp_path):
    source = tmp_path / "small.jpg"
    Image.new("RGB", (300, 200), GREEN).save(source)

    result = publish(tmp_path, source)

    assert [(v.width, v.height) for v in result.variants] == [(300, 200)]
    assert opened(tmp_path, result.largest.webp).size == (300, 200)
    names = sorted(p.name for p in (tmp_path / "output").rglob("*.*"))
    assert len(names) == 2
    assert all(name.endswith(("-300.webp", "-300.jpg")) for name in names)


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        (5000, (480, 960, 1600)),
        (1600, (480, 960, 1600)),
        (1000, (480, 960, 1000)),
        (960, (480, 960)),
        (480, (480,)),
        (300, (300,)),
    ],
)
def test_variant_widths(original, expected):
    assert variant_widths(original, (1600, 480, 960)) == expected


def test_big_jpeg_is_decoded_at_reduced_size(tmp_path, monkeypatch):
    source = tmp_path / "big.jpg"
    Image.new("RGB", (3200, 2400), GREEN).save(source)
    drafted = []
    original_draft = JpegImagePlugin.JpegImageFile.draft

    def spy(self, mode, size):
        answer = original_draft(self, mode, size)
        drafted.append(self.size)
        return answer

    monkeypatch.setattr(JpegImagePlugin.JpegImageFile, "draft", spy)

    result = publish(tmp_path, source)

    assert drafted == [(1600, 1200)]
    assert result.largest.width == 1600
    assert (result.width, result.height) == (3200, 2400)
