"""Normalise Vietnamese text: Unicode form, tone-mark placement, match keys, folding."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

__all__ = ["fold_diacritics", "match_key", "modern_tone_placement", "nfc"]

# "oa", "oe" and "uy" ending a syllable: the classic style puts the tone mark on the
# second vowel ("hoà", "khoẻ", "thuý"), the modern style on the first ("hòa",
# "khỏe", "thúy"). With a following letter ("hoàng", "ngoài", "khuyến", "khuỷu") both
# styles agree, hence the look-ahead. "qu" + "y" is a consonant plus a vowel ("quý"),
# hence the look-behind.
_CLASSIC_TONE_RE = re.compile(
    r"(?:[oO][àáảãạÀÁẢÃẠèéẻẽẹÈÉẺẼẸ]|(?<![qQ])[uU][ỳýỷỹỵỲÝỶỸỴ])(?![^\W\d_])"
)

_SPACE_RE = re.compile(r"\s+")
_DOT_RE = re.compile(r"\s*\.\s*")
_DASH_RE = re.compile(r"\s*[-\u2010\u2011\u2012\u2013\u2014\u2015\u2212]\s*")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_QUOTES = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
    }
)
# Đ/đ have no decomposition; U+00D0/U+00F0 (eth) is a common look-alike typo for them.
_STROKED = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})


def nfc(text: str) -> str:
    """Return *text* in Unicode normalisation form C."""
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group()
    base, tone = unicodedata.normalize("NFD", second)
    return unicodedata.normalize("NFC", first + tone) + base


def modern_tone_placement(text: str) -> str:
    """Move tone marks in open "oa", "oe", "uy" from the second vowel to the first."""
    return _CLASSIC_TONE_RE.sub(_move_tone, nfc(text))


@lru_cache(maxsize=1 << 16)  # the same few thousand names, every build
def match_key(text: str) -> str:
    """Return the key that matches names regardless of case, Unicode form and tones."""
    key = modern_tone_placement(text).translate(_INVISIBLE).translate(_QUOTES)
    key = nfc(key.casefold())
    key = _DASH_RE.sub("-", key)
    key = _DOT_RE.sub(". ", key)
    return _SPACE_RE.sub(" ", key).strip()


def fold_diacritics(text: str) -> str:
    """Remove every diacritic and map Đ/đ to D/d, keeping case."""
    decomposed = unicodedata.normalize("NFD", text.translate(_STROKED))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
