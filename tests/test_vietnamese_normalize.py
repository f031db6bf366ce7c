"""Tests for vietnamese.normalize: NFC, tone placement, match keys, folding."""

import unicodedata

import pytest

from vietnamese import fold_diacritics, match_key, modern_tone_placement, nfc


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


# --- nfc ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Đoàn Thanh niên", "Hồ Chí Minh", "Ủy ban", "ặ ỡ ự"])
def test_nfc_composes_decomposed_text(text):
    assert nfd(text) != text
    assert nfc(nfd(text)) == text


def test_nfc_leaves_ascii_alone():
    assert nfc("Youth Union 2020") == "Youth Union 2020"


# --- modern_tone_placement ---------------------------------------------------


@pytest.mark.parametrize(
    ("classic", "modern"),
    [
        ("uỷ", "ủy"),
        ("hoà", "hòa"),
        ("thuý", "thúy"),
        ("khoẻ", "khỏe"),
        ("hoá", "hóa"),
        # every tone on "oa"
        ("oà", "òa"),
        ("oá", "óa"),
        ("oả", "ỏa"),
        ("oã", "õa"),
        ("oạ", "ọa"),
        # every tone on "uy"
        ("uý", "úy"),
        ("uỳ", "ùy"),
        ("uỹ", "ũy"),
        ("uỵ", "ụy"),
        # every tone on "oe"
        ("oè", "òe"),
        ("oé", "óe"),
        ("oẻ", "ỏe"),
        ("oẽ", "õe"),
        ("oẹ", "ọe"),
        # in words and phrases
        ("Quận uỷ Tân Bình", "Quận ủy Tân Bình"),
        ("Uỷ ban nhân dân", "Ủy ban nhân dân"),
        ("Hoà Bình", "Hòa Bình"),
        ("tuỳ", "tùy"),
        ("Thuỵ", "Thụy"),
        ("xoè", "xòe"),
        ("hoạ sĩ", "họa sĩ"),
        ("hoà, khoẻ.", "hòa, khỏe."),
        ("(thuý)", "(thúy)"),
        ("uỷ viên, uỷ viên", "ủy viên, ủy viên"),
    ],
)
def test_modern_tone_placement_moves_the_mark(classic, modern):
    assert modern_tone_placement(classic) == modern


@pytest.mark.parametrize(
    ("classic", "modern"),
    [
        ("UỶ BAN", "ỦY BAN"),
        ("HOÀ BÌNH", "HÒA BÌNH"),
        ("KHOẺ", "KHỎE"),
        ("Hoà", "Hòa"),
        ("Uỷ", "Ủy"),
        ("hOà", "hÒa"),
        ("HoÀ", "HòA"),
        ("uỶ", "ủY"),
    ],
)
def test_modern_tone_placement_keeps_the_case_of_each_letter(classic, modern):
    assert modern_tone_placement(classic) == modern


@pytest.mark.parametrize(
    "text",
    [
        # already modern
        "ủy",
        "hòa",
        "thúy",
        "khỏe",
        "hóa",
        "Ủy ban nhân dân",
        "HÒA BÌNH",
        # "qu" is a consonant: the tone belongs on the vowel after it
        "quý",
        "quỷ",
        "quỳ",
        "quỹ",
        "quỵ",
        "QUÝ",
        "Quý",
        "Quỳnh",
        "quà",
        "quả",
        "Quảng Ngãi",
        # a following letter: both styles agree
        "hoàng",
        "Hoàng",
        "toán",
        "ngoài",
        "khoáy",
        "khuyến",
        "Huỳnh",
        "khuỷu",
        "ngoẹo",
        "thuở",
        # no diphthong at all
        "Đoàn",
        "Phan Lê Huy Hoàng",
        "",
    ],
)
def test_modern_tone_placement_leaves_other_words_alone(text):
    assert modern_tone_placement(text) == text


@pytest.mark.parametrize(
    ("classic", "modern"), [("hoà", "hòa"), ("Quận uỷ", "Quận ủy")]
)
def test_modern_tone_placement_accepts_nfd_and_returns_nfc(classic, modern):
    result = modern_tone_placement(nfd(classic))
    assert result == modern
    assert unicodedata.is_normalized("NFC", result)


@pytest.mark.parametrize("text", ["hoà thuý khoẻ", "Uỷ ban", "hòa", "quý"])
def test_modern_tone_placement_is_idempotent(text):
    once = modern_tone_placement(text)
    assert modern_tone_placement(once) == once


# --- match_key ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Quận ủy Tân Bình", "Quận uỷ Tân Bình"),
        ("Quận ủy Tân Bình", "QUẬN ỦY TÂN BÌNH"),
        ("Quận ủy Tân Bình", "quận uỷ tân bình"),
        ("Quận ủy Tân Bình", nfd("Quận uỷ Tân Bình")),
        ("Quận ủy Tân Bình", "  Quận   ủy\tTân\nBình  "),
        ("Quận ủy Tân Bình", "Quận\u00a0ủy Tân Bình"),
        ("Hòa Bình", "HOÀ BÌNH"),
        ("Thúy", "thuý"),
        ("TP.HCM", "TP. HCM"),
        ("TP.HCM", "tp . hcm"),
        ("Thành đoàn TP.HCM", "Thành Đoàn TP. HCM"),
        ("P.12", "P. 12"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa\u2013Vũng Tàu"),
        ("Bà Rịa - Vũng Tàu", "Bà Rịa \u2014 Vũng Tàu"),
        ("Đoàn\u200b Thanh niên", "Đoàn Thanh niên"),
        ("\u201cTuổi trẻ\u201d", '"Tuổi trẻ"'),
    ],
)
def test_match_key_unifies_variants(one, other):
    assert match_key(one) == match_key(other)


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Dương", "Đường"),
        ("Dương", "Duong"),
        ("Hòa", "Hoa"),
        ("Hòa", "Hỏa"),
        ("Quận ủy", "Quận Đoàn"),
        ("TP.HCM", "TP. Hồ Chí Minh"),
    ],
)
def test_match_key_keeps_distinct_names_apart(one, other):
    assert match_key(one) != match_key(other)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("  Quận Uỷ  Tân Bình ", "quận ủy tân bình"),
        ("TP.HCM", "tp. hcm"),
        ("Đoàn TNCS Hồ Chí Minh", "đoàn tncs hồ chí minh"),
        ("", ""),
        ("   ", ""),
    ],
)
def test_match_key_exact_value(text, key):
    assert match_key(text) == key


def test_match_key_is_nfc():
    assert unicodedata.is_normalized("NFC", match_key(nfd("ĐOÀN THANH NIÊN")))


# --- fold_diacritics ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đoàn Thanh niên", "Doan Thanh nien"),
        ("đường", "duong"),
        ("Dương", "Duong"),
        ("ĐƯỜNG", "DUONG"),
        ("Hồ Chí Minh", "Ho Chi Minh"),
        ("ặ ằ ẳ ẵ ắ ă â ấ ầ ẩ ẫ ậ", "a a a a a a a a a a a a"),
        ("ê ế ề ể ễ ệ ô ố ồ ổ ỗ ộ ơ ớ ờ ở ỡ ợ", "e e e e e e o o o o o o o o o o o o"),
        ("ư ứ ừ ử ữ ự ý ỳ ỷ ỹ ỵ ì í ỉ ĩ ị", "u u u u u u y y y y y i i i i i"),
        ("Ủy ban", "Uy ban"),
        ("\u00d0\u00f0", "Dd"),  # eth, typed by mistake for Đđ
        ("naïve café", "naive cafe"),
        ("TP. HCM, 2020!", "TP. HCM, 2020!"),
        ("", ""),
    ],
)
def test_fold_diacritics(text, folded):
    assert fold_diacritics(text) == folded


def test_fold_diacritics_accepts_nfd():
    assert fold_diacritics(nfd("Quận Đoàn Tân Bình")) == "Quan Doan Tan Binh"
