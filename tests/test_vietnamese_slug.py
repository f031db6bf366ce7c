"""Tests for vietnamese.slug.slugify."""

import re
import unicodedata

import pytest

from vietnamese import slugify


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Quận Đoàn Tân Bình", "quan-doan-tan-binh"),
        ("Thành đoàn TP. Hồ Chí Minh", "thanh-doan-tp-ho-chi-minh"),
        ("Phan Lê Huy Hoàng", "phan-le-huy-hoang"),
        ("Đoàn Long", "doan-long"),
        ("Quận ủy Tân Bình", "quan-uy-tan-binh"),
        ("Quận uỷ Tân Bình", "quan-uy-tan-binh"),
        ("ĐOÀN TNCS HỒ CHÍ MINH", "doan-tncs-ho-chi-minh"),
        ("Dương", "duong"),
        ("Đường", "duong"),
        (
            (
                "Hội nghị giao ban giữa Thường trực Quận ủy với Ban Thường vụ "
                "Quận Đoàn Tân Bình lần 2, năm 2020"
            ),
            (
                "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi-ban-thuong-vu-"
                "quan-doan-tan-binh-lan-2-nam-2020"
            ),
        ),
        ("ặ ằ ẳ ẵ ắ â ấ ầ ẩ ẫ ậ", "a-a-a-a-a-a-a-a-a-a-a"),
        ("ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ", "e-e-e-e-e-e-o-o-o-o-o-o"),
        ("ơ ớ ờ ở ỡ ợ ư ứ ừ ử ữ ự", "o-o-o-o-o-o-u-u-u-u-u-u"),
        ("ì í ỉ ĩ ị ỳ ý ỷ ỹ ỵ", "i-i-i-i-i-y-y-y-y-y"),
        ("TP.HCM", "tp-hcm"),
        ("Xin chào 🎉🇻🇳 “Tuổi trẻ”!", "xin-chao-tuoi-tre"),
        ("  --Thanh   niên--  ", "thanh-nien"),
        ("Tháng 12/2020", "thang-12-2020"),
        ("Bà Rịa \u2013 Vũng Tàu", "ba-ria-vung-tau"),
        ("Công tác thanh niên_2020", "cong-tac-thanh-nien-2020"),
        ("\u00d0oàn", "doan"),  # eth typed by mistake for Đ
        ("Straße Æsir naïve", "strasse-aesir-naive"),
        ("already-a-slug", "already-a-slug"),
        ("", ""),
        ("!!!", ""),
        ("🎉", ""),
        ("Ελληνικά", ""),
    ],
)
def test_slugify(text, slug):
    assert slugify(text) == slug


@pytest.mark.parametrize(
    "text", ["Quận Đoàn Tân Bình", "Thành đoàn TP. Hồ Chí Minh", "Ủy ban Hòa Bình"]
)
def test_slugify_accepts_nfd(text):
    assert slugify(unicodedata.normalize("NFD", text)) == slugify(text)


@pytest.mark.parametrize(
    "text", ["Quận Đoàn Tân Bình", "ẶẰẲẴẮ ĐƯỜNG", "Ngày 18/12/2020 🎉 — “trẻ”"]
)
def test_slugify_output_is_a_clean_ascii_slug(text):
    slug = slugify(text)
    assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug)


def test_slugify_is_idempotent():
    slug = slugify("Thành đoàn TP. Hồ Chí Minh")
    assert slugify(slug) == slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Huyện đoàn Ea H'leo", "huyen-doan-ea-hleo"),
        ("Huyện đoàn Cư M’gar", "huyen-doan-cu-mgar"),
    ],
)
def test_apostrophes_join_words(text, slug):
    assert slugify(text) == slug
