"""Make Vietnamese words with Đ/đ findable without it.

Pagefind folds tone and vowel marks ("tan binh" finds "Tân Bình") but treats
đ as a letter of its own, so "doan" would not find "Đoàn". Each indexed post
therefore carries, after a separator, the đ-folded twin of every word that
has a đ: "Đoàn" gets "doan", "đường" gets "duong". The twins come in text
order and as often as their words, so they weigh in ranking like the words.
"""

from __future__ import annotations

import re

from vietnamese import nfc

#: Starts the block of folded twins in a post's indexed text; the search page
#: cuts the text there before making excerpts. U+2063 INVISIBLE SEPARATOR.
TWINS_SEPARATOR = "\u2063"

_WORD = re.compile(r"[^\W_]+")
_STROKED = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})


def fold_stroke(text: str) -> str:
    """Replace Đ/đ (and their eth look-alikes) with D/d, keeping every other mark."""
    return nfc(text).translate(_STROKED)


def stroke_twins(text: str) -> list[str]:
    """Return the đ-folded twin of each word of ``text`` that has a đ, in order."""
    return [
        fold_stroke(word).lower()
        for word in _WORD.findall(nfc(text))
        if word.translate(_STROKED) != word
    ]
