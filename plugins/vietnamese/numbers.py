"""Format numbers as each language's readers write them, with Babel (CLDR)."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale
from babel.numbers import format_decimal

__all__ = ["format_number"]


@lru_cache(maxsize=4)
def _locale(lang: str) -> Locale:
    """Return Babel's locale for "vi" or "en" (a code such as "vi_VN" too)."""
    code = lang.replace("_", "-").split("-")[0].lower()
    if code not in ("vi", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'vi' or 'en'")
    return Locale.parse(code)


def format_number(value: float, lang: str) -> str:
    """Group digits as readers do: 1.200 and 2,5 (vi), 1,200 and 2.5 (en)."""
    return _formatted(type(value), value, lang)


@lru_cache(maxsize=4096)
def _formatted(kind: type, value: float, lang: str) -> str:
    """Return ``value`` formatted, once per value, type and language.

    Babel looks the locale's symbols up on every call (0.1 ms), and a build
    formats the same few hundred counts thousands of times (attendees, posts
    per period); ``kind`` keeps 2 and 2.0 apart.
    """
    del kind
    return format_decimal(value, locale=_locale(lang))
