"""Handle Vietnamese text: Unicode form, tone marks, slugs, collation and dates."""

from .collation import (
    ALPHABET,
    initial_letter,
    person_initial_letter,
    person_sort_key,
    sort_key,
)
from .dates import (
    EN_MONTHS,
    EN_WEEKDAYS,
    EVENT_TIMES,
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
from .slug import slugify

__all__ = [
    "ALPHABET",
    "EN_MONTHS",
    "EN_WEEKDAYS",
    "EVENT_TIMES",
    "SITE_TIMEZONE",
    "VI_EVENT_TIMES",
    "VI_WEEKDAYS",
    "DateParseError",
    "fold_diacritics",
    "format_date",
    "format_event_date",
    "format_month",
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
