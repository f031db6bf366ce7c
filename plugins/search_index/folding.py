"""Make Vietnamese words with Đ/đ findable without it.

Pagefind folds tone and vowel marks ("tan binh" finds "Tân Bình") but treats
đ as a letter of its own, so "doan" would not find "Đoàn". Each indexed post
therefore carries, after a separator, the đ-folded twin of each word that
has a đ: "Đoàn" gets "doàn", "đường" gets "dường" (Pagefind folds the tone
marks). Each twin is indexed once per post: Vietnamese repeats its syllables
so often ("Đoàn" 50 times in a post) that repeating the twins too would make
the index chunks a query downloads a quarter larger, for a ranking signal
that a one-syllable query without marks cannot use anyway.
"""

from __future__ import annotations

import re

from vietnamese import nfc

#: Starts the block of folded twins in a post's indexed text; the search page
#: cuts the text there before making excerpts. U+2063 INVISIBLE SEPARATOR.
TWINS_SEPARATOR = "\u2063"

# A word (letters and digits) with at least one Đ/đ or its eth look-alike: tried
# only where a word starts, its letters before the first đ taken without going
# back (``*+``), so a word costs one pass, not one per letter.
_STROKED_WORD = re.compile(r"(?<![^\W_])[^\W_đĐ\u00d0\u00f0]*+[đĐ\u00d0\u00f0][^\W_]*")
_STROKED = str.maketrans({"đ": "d", "Đ": "D", "\u00d0": "D", "\u00f0": "d"})


def fold_stroke(text: str) -> str:
    """Replace Đ/đ (and their eth look-alikes) with D/d, keeping every other mark."""
    return nfc(text).translate(_STROKED)


def stroke_twins(text: str) -> list[str]:
    """Return the đ-folded twins of the words of ``text`` with a đ, each once."""
    words = dict.fromkeys(word.lower() for word in _STROKED_WORD.findall(nfc(text)))
    return list(dict.fromkeys(word.translate(_STROKED) for word in words))
