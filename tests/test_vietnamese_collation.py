"""Tests for vietnamese.collation: sort keys, personal names, index letters."""

import itertools
import random
import unicodedata

import pytest

from vietnamese import (
    ALPHABET,
    initial_letter,
    person_initial_letter,
    person_sort_key,
    sort_key,
)


def assert_strictly_ordered(words, key=sort_key):
    for smaller, larger in itertools.pairwise(words):
        assert key(smaller) < key(larger), (smaller, larger)


# --- sort_key: letters -------------------------------------------------------


def test_alphabet_order():
    assert_strictly_ordered(list(ALPHABET))
    assert "".join(ALPHABET) == "aăâbcdđeêghiklmnoôơpqrstuưvxyfjwz"


@pytest.mark.parametrize(
    "ordered",
    [
        ["a", "ă", "â", "b"],
        ["d", "đ", "e"],
        ["e", "ê", "g"],
        ["o", "ô", "ơ", "p"],
        ["u", "ư", "v"],
        ["y", "f", "j", "w", "z"],
        ["x", "y", "z"],
        ["an", "ăn", "ân"],
        ["dao", "đao", "eo"],
        ["Dũng", "Đức", "Em"],
        ["Duy", "Đạt"],
        ["Dương", "Đường"],
        ["ngo", "ngô", "ngơ"],
        ["tu", "tuy", "tư", "tưa"],
    ],
)
def test_letters_in_vietnamese_order(ordered):
    assert_strictly_ordered(ordered)


def test_unknown_letters_come_after_the_vietnamese_alphabet_in_latin_order():
    assert sorted(["z", "w", "f", "y", "j", "a"], key=sort_key) == [
        "a", "y", "f", "j", "w", "z",
    ]  # fmt: skip


# --- sort_key: tones and case ------------------------------------------------


def test_tone_order():
    assert_strictly_ordered(["ma", "mà", "mả", "mã", "má", "mạ"])


@pytest.mark.parametrize(
    "ordered",
    [
        ["ă", "ằ", "ẳ", "ẵ", "ắ", "ặ"],
        ["ê", "ề", "ể", "ễ", "ế", "ệ"],
        ["ơ", "ờ", "ở", "ỡ", "ớ", "ợ"],
        ["ư", "ừ", "ử", "ữ", "ứ", "ự"],
        ["y", "ỳ", "ỷ", "ỹ", "ý", "ỵ"],
    ],
)
def test_tone_order_on_shaped_vowels(ordered):
    assert_strictly_ordered(ordered)


def test_every_toned_letter_keeps_its_base_letter():
    assert sort_key("ặ")[0] == sort_key("ă")[0]
    assert sort_key("ợ")[0] == sort_key("ơ")[0]
    assert sort_key("ặ")[0] != sort_key("a")[0]


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("mà", "maz"),
        ("mạ", "mb"),
        ("mạc", "mai"),
        ("Hòa", "Hoan"),
        ("ạ", "ă"),
        ("ự", "v"),
        ("ma bà", "má ba"),  # the first tone difference decides
        ("an", "an bình"),  # a prefix first
        ("an bình", "anh"),  # a word boundary before letters
    ],
)
def test_base_letters_dominate_tones(smaller, larger):
    assert sort_key(smaller) < sort_key(larger)


@pytest.mark.parametrize(
    "ordered",
    [
        ["ma", "Ma", "mà"],
        ["hà", "Hà", "HÀ", "hả"],
        ["đ", "Đ", "e"],
    ],
)
def test_case_is_the_last_level(ordered):
    assert_strictly_ordered(ordered)


@pytest.mark.parametrize("text", ["Đoàn Thanh niên", "Ủy ban", "Hồ Chí Minh", "ặ"])
def test_nfd_and_nfc_give_the_same_key(text):
    assert sort_key(unicodedata.normalize("NFD", text)) == sort_key(text)


def test_equal_only_for_equal_text():
    assert sort_key("Hòa") == sort_key("Hòa")
    assert sort_key("Hòa") != sort_key("Hoà")  # classic placement: same letters
    assert sort_key("Hòa")[:2] == sort_key("hòa")[:2]


# --- sort_key: numbers, spaces, punctuation, other scripts -------------------


@pytest.mark.parametrize(
    "ordered",
    [
        ["Phường 1", "Phường 2", "Phường 10", "Phường 15"],
        ["Quận 1", "Quận 3", "Quận 10", "Quận 12", "Quận Bình Thạnh"],
        ["Lần 9", "Lần 10", "Lần 100"],
        ["2019", "2020", "a"],
        ["a", "a b", "a-b", "a1", "ab"],
    ],
)
def test_numbers_spaces_and_punctuation(ordered):
    assert_strictly_ordered(ordered)


def test_leading_zeros_do_not_change_the_number():
    assert sort_key("Phường 02")[0] == sort_key("Phường 2")[0]


@pytest.mark.parametrize(
    "text", ["Ελληνικά", "日本", "naïve", "ñ", "q\u0303", "🎉", "", " \t"]
)
def test_any_text_has_a_key(text):
    key = sort_key(text)
    assert all(isinstance(level, str) for level in key)
    assert key == sort_key(text)


def test_other_scripts_sort_after_latin_letters():
    assert_strictly_ordered(["z", "Ελληνικά", "日本"])


def test_foreign_diacritics_sort_with_their_base_letter():
    assert_strictly_ordered(["naive", "naïve", "naiw"])


# --- a realistic list --------------------------------------------------------

EXPECTED_WORDS = [
    "An", "Anh", "Ánh", "Ân", "Bảo", "Bình", "Cường", "Dũng", "Duy", "Đạt", "Đức",
    "Em", "Giang", "Hà", "Hải", "Hạnh", "Hoa", "Hòa", "Hoàng", "Hùng", "Hưng",
    "Khoa", "Long", "Ly", "Lý", "My", "Mỹ", "Ngọc", "Nhung", "Oanh", "Ôn", "Phúc",
    "Quân", "Sơn", "Tâm", "Thảo", "Uyên", "Ước", "Vân", "Yến",
]  # fmt: skip


@pytest.mark.parametrize("seed", range(5))
def test_shuffled_words_sort_to_dictionary_order(seed):
    words = EXPECTED_WORDS[:]
    random.Random(seed).shuffle(words)
    assert sorted(words, key=sort_key) == EXPECTED_WORDS


# --- person_sort_key ---------------------------------------------------------

EXPECTED_PEOPLE = [
    "Nguyễn Văn An",
    "Trần Thị An",
    "Lê Thị Ánh",
    "Phạm Ngọc Ân",
    "Võ Thanh Bình",
    "Đỗ Mạnh Dũng",
    "Bùi Đức Duy",
    "Đoàn Văn Đạt",
    "Dương Minh Đức",
    "Đường Minh Đức",
    "Hồ Thị Em",
    "Hoàng Văn Hải",
    "Phan Lê Huy Hoàng",
    "Lý Văn Hùng",
    "Đoàn Long",
    "Nguyễn Thị Ly",
    "Trần Thị Mỹ",
    "Lâm Ngọc",
    "Huỳnh Tấn Phúc",
    "Châu Văn Quân",
    "Lê Thị Thu Ước",
    "Ngô Thị Yến",
]


@pytest.mark.parametrize("seed", range(5))
def test_shuffled_people_sort_by_given_name_then_family_name(seed):
    people = EXPECTED_PEOPLE[:]
    random.Random(seed).shuffle(people)
    assert sorted(people, key=person_sort_key) == EXPECTED_PEOPLE


@pytest.mark.parametrize(
    ("smaller", "larger"),
    [
        ("Hoàng Văn Hải", "Phan Lê Huy Hoàng"),  # Hải < Hoàng
        ("Zô Dũng", "An Đức"),  # the given name decides: D < Đ
        ("Zô Đức", "An Em"),  # Đ < E
        ("Nguyễn Văn An", "Trần Văn An"),  # same given name: family name
        ("Lê An", "Lê Văn An"),  # a shorter rest first
    ],
)
def test_person_sort_key_pairs(smaller, larger):
    assert person_sort_key(smaller) < person_sort_key(larger)


def test_person_sort_key_ignores_extra_whitespace():
    assert person_sort_key("  Phan  Lê Huy   Hoàng ") == person_sort_key(
        "Phan Lê Huy Hoàng"
    )


def test_person_sort_key_accepts_one_word_and_empty_names():
    assert person_sort_key("Long") < person_sort_key("Đoàn Long")
    assert person_sort_key("") < person_sort_key("An")


# --- initial_letter ----------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "letter"),
    [
        ("Hoàng", "H"),
        ("hoàng", "H"),
        ("Ước", "Ư"),
        ("ước", "Ư"),
        ("Ánh", "A"),
        ("Ân", "Â"),
        ("Ấn", "Â"),
        ("Ăn", "Ă"),
        ("Ặc", "Ă"),
        ("Đức", "Đ"),
        ("đức", "Đ"),
        ("Đoàn", "Đ"),
        ("Ê-đê", "Ê"),
        ("Ốc", "Ô"),
        ("Ở", "Ơ"),
        ("Ý", "Y"),
        ("Zô", "Z"),
        ("\u00d0ức", "Đ"),  # eth typed by mistake for Đ
        ("“Ánh”", "A"),
        ("2020", "#"),
        ("\u0395\u03bb\u03ad\u03bd\u03b7", "\u0395"),  # Greek Ελένη
        ("", ""),
        ("  ", ""),
    ],
)
def test_initial_letter(word, letter):
    assert initial_letter(word) == letter


def test_initial_letter_accepts_nfd():
    assert initial_letter(unicodedata.normalize("NFD", "Ước")) == "Ư"


@pytest.mark.parametrize(
    ("name", "letter"),
    [
        ("Đoàn Long", "L"),
        ("Phan Lê Huy Hoàng", "H"),
        ("Lê Thị Thu Ước", "Ư"),
        ("Dương Minh Đức", "Đ"),
        ("Long", "L"),
        ("", ""),
    ],
)
def test_person_initial_letter_uses_the_given_name(name, letter):
    assert person_initial_letter(name) == letter
