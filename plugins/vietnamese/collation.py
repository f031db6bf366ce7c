"""Sort Vietnamese words and personal names in dictionary order."""

from __future__ import annotations

import re
import unicodedata

__all__ = [
    "ALPHABET",
    "initial_letter",
    "person_initial_letter",
    "person_sort_key",
    "sort_key",
]

# The Vietnamese alphabet, then the Latin letters it lacks, in Latin order.
ALPHABET = (
    "a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "h", "i", "k", "l", "m", "n",
    "o", "ô", "ơ", "p", "q", "r", "s", "t", "u", "ư", "v", "x", "y",
    "f", "j", "w", "z",
)  # fmt: skip

# Secondary weights: no tone < huyền (grave) < hỏi (hook) < ngã (tilde)
# < sắc (acute) < nặng (dot below).
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# Marks that make a letter of its own: breve, circumflex, horn.
_SHAPES = {"\u0306", "\u0302", "\u031b"}
_LETTER_INDEX = {letter: index for index, letter in enumerate(ALPHABET)}

# Primary weights are code points, so a key is three plain strings that compare in C.
# Layout: whitespace < punctuation and symbols < numbers < alphabet < other letters.
_SPACE = "\x01"
_SYMBOL = "\x02"
_DIGIT_BASE = 0x20
# A run of digits becomes its length, then its digits without leading zeros, so
# numbers sort by value: "Phường 2" before "Phường 10".
_DIGIT_RUN_RE = re.compile("[\x20-\x29]+")
_NUMBER_LENGTH_BASE = 0x40
_ALPHABET_BASE = 0x100
_OTHER_BASE = 0x200
_NO_TONE = chr(0x30)
_UNKNOWN_MARK_BASE = 0x40
_LOWER = "\x00"
_UPPER = "\x01"


def _letter_of(char: str) -> tuple[str, int, list[str]]:
    """Split a letter into its alphabet letter, tone and any other marks."""
    decomposed = unicodedata.normalize("NFD", char)
    base, marks = decomposed[0].lower(), decomposed[1:]
    if base == "\u00f0":  # eth, a common typo for đ
        base = "đ"
    tone = 0
    other: list[str] = []
    for mark in marks:
        if mark in _TONES and not tone:
            tone = _TONES[mark]
            continue
        shaped = unicodedata.normalize("NFC", base + mark) if mark in _SHAPES else ""
        if shaped in _LETTER_INDEX:
            base = shaped
        else:
            other.append(mark)
    return base, tone, other


def _weights(char: str) -> tuple[str, str, str]:
    """Return the primary, secondary and tertiary weight of one character."""
    if char.isspace():
        return _SPACE, _NO_TONE, _LOWER
    if unicodedata.combining(char):
        # A mark that NFC could not attach: ignorable at the primary level.
        return "", chr(_UNKNOWN_MARK_BASE + ord(char)), ""
    if char.isdecimal():
        return chr(_DIGIT_BASE + unicodedata.decimal(char)), _NO_TONE, char
    if not char.isalpha():
        return _SYMBOL, _NO_TONE, char
    base, tone, other = _letter_of(char)
    case = _LOWER if char.lower() == char else _UPPER
    index = _LETTER_INDEX.get(base)
    primary = (
        chr(_ALPHABET_BASE + index)
        if index is not None
        else chr(min(_OTHER_BASE + ord(base[0]), 0x10FFFF))
    )
    secondary = chr(_UNKNOWN_MARK_BASE + ord(other[0])) if other else chr(0x30 + tone)
    return primary, secondary, case


class _WeightTable(dict[int, str]):
    """A str.translate table that computes and caches weights on first use."""

    def __init__(self, level: int) -> None:
        super().__init__()
        self.level = level

    def __missing__(self, code: int) -> str:
        weight = _weights(chr(code))[self.level]
        self[code] = weight
        return weight


_PRIMARY = _WeightTable(0)
_SECONDARY = _WeightTable(1)
_TERTIARY = _WeightTable(2)


def _number_weight(match: re.Match[str]) -> str:
    digits = match.group().lstrip(chr(_DIGIT_BASE)) or chr(_DIGIT_BASE)
    return chr(min(_NUMBER_LENGTH_BASE + len(digits), 0xFF)) + digits


def sort_key(text: str) -> tuple[str, str, str]:
    """Return a key sorting by letters, then tones, then case, Vietnamese style."""
    text = unicodedata.normalize("NFC", text)
    primary = text.translate(_PRIMARY)
    if _DIGIT_RUN_RE.search(primary):
        primary = _DIGIT_RUN_RE.sub(_number_weight, primary)
    return primary, text.translate(_SECONDARY), text.translate(_TERTIARY)


def person_sort_key(full_name: str) -> tuple[tuple[str, str, str], ...]:
    """Return a key sorting people by given name (last word), then family name."""
    words = full_name.split()
    if not words:
        return (sort_key(""), sort_key(""))
    return (sort_key(words[-1]), sort_key(" ".join(words[:-1])))


def initial_letter(word: str) -> str:
    """Return the index heading for *word*: its first letter, upper case, no tone."""
    for char in unicodedata.normalize("NFC", word):
        if char.isdecimal():
            return "#"
        if char.isalpha():
            base, _tone, _other = _letter_of(char)
            return base.upper()
    return ""


def person_initial_letter(full_name: str) -> str:
    """Return the index heading for a person: the initial of the given name."""
    words = full_name.split()
    return initial_letter(words[-1]) if words else ""
