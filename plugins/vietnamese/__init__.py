"""Vietnamese text: Unicode form, tone marks, slugs, collation, dates and numbers."""

from .collation import (
    ALPHABET,
    initial_letter,
    person_initial_letter,
    person_sort_key,
    sort_key,
)
from .dates import (
    DATE_PATTERNS,
    EN_MONTHS,
    EN_WEEKDAYS,
    EVENT_TIMES,
    MONTH_PATTERNS,
    SITE_TIMEZONE,
    VI_EVENT_TIMES,
    VI_WEEKDAYS,
    DateParseError,
    format_date,
    format_event_date,
    format_month,
    iso_with_offset,
    parse_datetime,
    parse_event_time,
)
from .normalize import fold_diacritics, match_key, modern_tone_placement, nfc
from .numbers import format_number
from .slug import slugify

__all__ = [
    "ALPHABET",
    "DATE_PATTERNS",
    "EN_MONTHS",
    "EN_WEEKDAYS",
    "EVENT_TIMES",
    "MONTH_PATTERNS",
    "SITE_TIMEZONE",
    "VI_EVENT_TIMES",
    "VI_WEEKDAYS",
    "DateParseError",
    "fold_diacritics",
    "format_date",
    "format_event_date",
    "format_month",
    "format_number",
    "initial_letter",
    "iso_with_offset",
    "match_key",
    "modern_tone_placement",
    "nfc",
    "parse_datetime",
    "parse_event_time",
    "person_initial_letter",
    "person_sort_key",
    "slugify",
    "sort_key",
]
