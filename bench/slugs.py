"""Fold Vietnamese text to ASCII and make slugs for registry keys and post URLs."""

from __future__ import annotations

import re
import unicodedata

_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_APOSTROPHES = str.maketrans("", "", "'’")


def fold(text: str) -> str:
    """Return the text without tone marks and diacritics, Đ folded to D."""
    decomposed = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return unicodedata.normalize("NFC", stripped)


def slugify(text: str, max_length: int = 0) -> str:
    """Return an ASCII slug: folded, lower case, words joined by hyphens."""
    slug = _NON_ALNUM.sub("-", fold(text.translate(_APOSTROPHES)).lower()).strip("-")
    if max_length and len(slug) > max_length:
        slug = slug[:max_length].rsplit("-", 1)[0]
    return slug
