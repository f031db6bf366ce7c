"""Turn Vietnamese titles and names into ASCII URL slugs."""

from __future__ import annotations

import re

from .normalize import fold_diacritics

__all__ = ["slugify"]

_NON_ALNUM_RE = re.compile(r"[^a-z0-9]+")


def _build_table() -> dict[int, str | None]:
    """Map accented Latin letters to lower-case ASCII and drop combining marks."""
    table: dict[int, str | None] = {}
    latin = [*range(0x00C0, 0x0250), *range(0x1E00, 0x1F00)]
    for code in latin:
        base = fold_diacritics(chr(code))
        if base.isascii() and base.isalpha():
            table[code] = base.lower()
    # Letters without a decomposition. U+00D0 (eth) is a common typo for Đ.
    extra = {
        "Đ": "d", "đ": "d", "\u00d0": "d", "\u00f0": "d",
        "Æ": "ae", "æ": "ae", "Œ": "oe", "œ": "oe", "ß": "ss",
        "Ø": "o", "ø": "o", "Ł": "l", "ł": "l", "Þ": "th", "þ": "th",
    }  # fmt: skip
    table.update((ord(k), v) for k, v in extra.items())
    # Apostrophes join a word rather than split it: "Ea H'leo" -> "ea-hleo".
    table.update(dict.fromkeys(map(ord, "'’ʼ‘`´")))
    # Combining marks left by NFD input: deleting them folds "a" + U+0300 to "a".
    table.update(dict.fromkeys(range(0x0300, 0x0370)))
    return table


_TABLE = _build_table()


def slugify(text: str) -> str:
    """Return an ASCII slug: no diacritics, lower case, words joined by hyphens."""
    ascii_text = text.translate(_TABLE).lower()
    return _NON_ALNUM_RE.sub("-", ascii_text).strip("-")
