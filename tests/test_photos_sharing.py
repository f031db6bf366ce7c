"""Sharing images: the og:image crop of a photo and the default site card."""

from __future__ import annotations

import re

import pytest
from PIL import Image, ImageChops

from photos import PhotoJob, PhotoSettings, draw_site_card, process_photos, sharing
from photos.processing import cover_crop

BLUE = (0, 84, 166)  # #0054a6
GREEN, RED = (0, 160, 0), (220, 0, 0)


@pytest.mark.parametrize("size", [(2400, 1800), (900, 1600), (3000, 600), (300, 200)])
def test_og_image_is_exactly_1200_by_630(tmp_path, size):
    source = tmp_path / "a.jpg"
    Image.new("RGB", size, GREEN).save(source)
    job = PhotoJob(source, "photos/2021", og_image=True)
    settings = PhotoSettings(cache_path=tmp_path / "cache")

    result = process_photos([job], tmp_path / "out", settings).results[job]

    with Image.open(tmp_path / "out" / result.og_image) as og:
        assert (og.format, og.size, og.mode) == ("JPEG", (1200, 630), "RGB")


def test_og_crop_keeps_the_centre():
    tall = Image.new("RGB", (1000, 3000), RED)
    tall.paste(GREEN, (0, 1000, 1000, 2000))

    crop = cover_crop(tall)

    assert crop.size == (1200, 630)
    for corner in ((0, 0), (1199, 0), (0, 629), (1199, 629)):
        assert crop.getpixel(corner) == GREEN


def test_site_card_is_white_text_on_youth_union_blue():
    card = draw_site_card("Quận Đoàn Tân Bình", tagline="Thành Đoàn TP. Hồ Chí Minh")

    assert (card.size, card.mode) == ((1200, 630), "RGB")
    assert card.getpixel((0, 0)) == BLUE
    assert card.getpixel((1199, 629)) == BLUE
    assert (255, 255, 255) in {colour for _count, colour in card.getcolors(1 << 20)}


def test_long_site_name_stays_inside_the_margins():
    name = "Ban Chấp hành Đoàn Thanh niên Cộng sản Hồ Chí Minh " * 3

    card = draw_site_card(name, tagline="Cổng thông tin điện tử " * 5)

    text_box = ImageChops.difference(card, Image.new("RGB", card.size, BLUE)).getbbox()
    left, top, right, bottom = text_box
    assert left >= 60 and top >= 30 and right <= 1140 and bottom <= 600


def test_site_card_without_dejavu_uses_pillows_font(monkeypatch):
    monkeypatch.setattr(sharing, "_font_file", lambda bold: None)

    card = draw_site_card("Youth Union")

    assert card.size == (1200, 630)
    assert card.getbbox() is not None
    assert len(card.getcolors(1 << 20)) > 1


def test_write_site_card_names_the_file_by_its_content(tmp_path):
    url = sharing.write_site_card("Quận Đoàn Tân Bình", tmp_path, "photos")

    assert re.fullmatch(r"photos/site-card-[0-9a-f]{8}\.jpg", url)
    with Image.open(tmp_path / url) as card:
        assert (card.format, card.size) == ("JPEG", (1200, 630))
    assert sharing.write_site_card("Quận Đoàn Tân Bình", tmp_path, "photos") == url
    assert sharing.write_site_card("Thành Đoàn", tmp_path, "photos") != url
