"""Parse dates strictly and format them as our readers write them, with Babel."""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache
from zoneinfo import ZoneInfo

from babel.dates import format_date as babel_format_date
from babel.dates import get_day_names, get_month_names

from newsroom.messages import Message

__all__ = [
    "DATE_PATTERNS",
    "EN_MONTHS",
    "EN_WEEKDAYS",
    "EVENT_TIMES",
    "MONTH_PATTERNS",
    "SITE_TIMEZONE",
    "VI_EVENT_TIMES",
    "VI_WEEKDAYS",
    "DateParseError",
    "format_date",
    "format_event_date",
    "format_month",
    "iso_with_offset",
    "parse_datetime",
    "parse_event_time",
]

SITE_TIMEZONE = "Asia/Ho_Chi_Minh"

# Babel (CLDR) patterns for the forms our readers write. CLDR's own "full" and
# "long" forms differ ("18 tháng 12, 2020", "December 18, 2020"), so the
# patterns are ours; the names (weekdays, months) are CLDR's. See README.md.
DATE_PATTERNS = {
    "vi": {"long": "EEEE, dd/MM/y", "short": "dd/MM/y"},
    "en": {"long": "EEEE, d MMMM y", "short": "d MMMM y"},
}
MONTH_PATTERNS = {"vi": "'Tháng' MM/y", "en": "MMMM y"}

# Indexed by date.weekday() (Monday is 0) and by month - 1, from CLDR.
VI_WEEKDAYS = tuple(get_day_names("wide", locale="vi")[i] for i in range(7))
EN_WEEKDAYS = tuple(get_day_names("wide", locale="en")[i] for i in range(7))
EN_MONTHS = tuple(get_month_names("wide", locale="en")[i] for i in range(1, 13))

# Parts of the day an event may be given as, with their Vietnamese wording.
EVENT_TIMES = ("morning", "afternoon", "evening")
VI_EVENT_TIMES = {"morning": "Sáng", "afternoon": "Chiều", "evening": "Tối"}
_EVENT_TIME_ALIASES = {
    "morning": "morning",
    "afternoon": "afternoon",
    "evening": "evening",
    "sáng": "morning",
    "chiều": "afternoon",
    "tối": "evening",
    "buổi sáng": "morning",
    "buổi chiều": "afternoon",
    "buổi tối": "evening",
}

ACCEPTED_FORMATS = (
    "YYYY-MM-DD, YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM, YYYY-MM-DD HH:MM:SS, "
    "DD/MM/YYYY, DD/MM/YYYY HH:MM, DD-MM-YYYY"
)

_ISO_RE = re.compile(
    r"(?P<year>\d{4})-(?P<month>\d{1,2})-(?P<day>\d{1,2})"
    r"(?:[ T](?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<offset>Z|[+-]\d{2}:?\d{2})?)?"
)


def _clock(seconds: str) -> str:
    """A time of day as Vietnamese writers put it: 8:30, 8h30, 8g30, 8 giờ 30
    (phút), 14h, 8 giờ. The minutes are optional after h, g or giờ, never after
    a colon; ``seconds`` may follow the minutes after a colon."""
    return (
        rf"(?P<hour>\d{{1,2}})(?::(?P<minute>\d{{2}}){seconds}"
        r"|\s*(?:h|g|giờ)\s*(?P<minute_vi>\d{2})?(?:\s*(?:'|′|phút))?)"
    )


_SECONDS = r"(?::(?P<second>\d{2}))?"
_DAY_FIRST_RE = re.compile(
    r"(?P<day>\d{1,2})(?P<sep>[/.-])(?P<month>\d{1,2})(?P=sep)(?P<year>\d{4}|\d{2})"
    rf"(?:,?\s+{_clock(_SECONDS)})?",
    re.IGNORECASE,
)
_TIME_RE = re.compile(_clock(""), re.IGNORECASE)


class DateParseError(ValueError):
    """A date, time or event time that cannot be read; its ``Message`` says why."""

    def __init__(self, message: Message) -> None:
        self.message = message
        super().__init__(message)


def _lang(lang: str) -> str:
    """Reduce a language code such as "vi", "vi_VN" or "en-GB" to "vi" or "en"."""
    code = lang.replace("_", "-").split("-")[0].lower()
    if code not in ("vi", "en"):
        raise ValueError(f"unsupported language {lang!r}: expected 'vi' or 'en'")
    return code


def _local(value: date) -> date:
    """Show an aware datetime in the site's time zone; leave anything else alone."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(ZoneInfo(SITE_TIMEZONE))
    return value


def format_date(d: date, lang: str, style: str = "long") -> str:
    """Format a date: long with the weekday, short without it."""
    code = _lang(lang)
    if style not in ("long", "short"):
        raise ValueError(f"unknown date style {style!r}: expected 'long' or 'short'")
    day = _local(d)
    if isinstance(day, datetime):
        day = day.date()
    return _babel_date(day, DATE_PATTERNS[code][style], code)


def format_event_date(d: date, time_of_day: str | int | time | None, lang: str) -> str:
    """Format an event's date with its part of the day or clock time."""
    code = _lang(lang)
    when = parse_event_time(time_of_day)
    long = format_date(d, code, "long")
    if when is None:
        return long
    if code == "en":
        return f"{long}, {when}"
    short = format_date(d, code, "short")
    if when in VI_EVENT_TIMES:
        return f"{VI_EVENT_TIMES[when]} {short}"
    return f"{when}, {short}"


def format_month(year: int, month: int, lang: str) -> str:
    """Format a month heading such as "Tháng 12/2020" or "December 2020"."""
    code = _lang(lang)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is out of range: expected 1 to 12")
    return _babel_date(date(year, month, 1), MONTH_PATTERNS[code], code)


@lru_cache(maxsize=1 << 14)  # a build formats the same few thousand days again
def _babel_date(day: date, pattern: str, code: str) -> str:
    """Format a day with a CLDR pattern in the "vi" or "en" locale."""
    return babel_format_date(day, pattern, locale=code)


def _zone(tz: str | tzinfo) -> tzinfo:
    """Return a tzinfo for an IANA name or pass a tzinfo through."""
    return ZoneInfo(tz) if isinstance(tz, str) else tz


def _fixed_offset(text: str) -> tzinfo:
    """Turn "Z", "+07:00" or "+0700" into a fixed UTC offset."""
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _check_date(text: str, year: int, month: int, day: int, day_first: bool) -> None:
    """Raise DateParseError explaining why year, month and day make no date."""
    if not 1 <= month <= 12:
        if not 1 <= day <= 12:
            raise DateParseError(
                Message(
                    "%(text)s: month %(month)s does not exist",
                    text=repr(text),
                    month=month,
                )
            )
        if day_first:
            raise DateParseError(
                Message(
                    "%(text)s looks like month/day/year, which is not accepted; "
                    "write day/month/year: %(fixed)s",
                    text=repr(text),
                    fixed=f"{month:02d}/{day:02d}/{year}",
                )
            )
        raise DateParseError(
            Message(
                "%(text)s looks like year-day-month; write year-month-day: %(fixed)s",
                text=repr(text),
                fixed=f"{year}-{day:02d}-{month:02d}",
            )
        )
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise DateParseError(
            Message(
                "%(text)s: day %(day)s does not exist in %(month)s, "
                "which has %(days)s days",
                text=repr(text),
                day=day,
                month=f"{month:02d}/{year}",
                days=days_in_month,
            )
        )


def _parse_text(text: str, zone: tzinfo) -> datetime:
    """Read a date and optional time written the ISO or the Vietnamese way."""
    match = _ISO_RE.fullmatch(text)
    day_first = match is None
    if match is None:
        match = _DAY_FIRST_RE.fullmatch(text)
    if match is None:
        raise DateParseError(
            Message(
                "cannot read %(text)s as a date; accepted formats: %(formats)s",
                text=repr(text),
                formats=ACCEPTED_FORMATS,
            )
        )
    parts = match.groupdict()
    year, month, day = int(parts["year"]), int(parts["month"]), int(parts["day"])
    if len(parts["year"]) != 4:
        raise DateParseError(
            Message(
                "%(text)s: the year must have four digits, e.g. %(fixed)s",
                text=repr(text),
                fixed=f"{day:02d}/{month:02d}/20{parts['year']}",
            )
        )
    _check_date(text, year, month, day, day_first)
    hour = int(parts["hour"] or 0)
    minute = int(parts["minute"] or parts.get("minute_vi") or 0)
    second = int(parts["second"] or 0)
    if hour > 23 or minute > 59 or second > 59:
        raise DateParseError(
            Message(
                "%(text)s: %(time)s is not a time of day; "
                "hours go from 00 to 23 and minutes from 00 to 59",
                text=repr(text),
                time=f"{hour:02d}:{minute:02d}",
            )
        )
    value = datetime(year, month, day, hour, minute, second)
    if parts.get("offset"):
        return value.replace(tzinfo=_fixed_offset(parts["offset"])).astimezone(zone)
    return value.replace(tzinfo=zone)


def parse_datetime(
    value: str | date | datetime, tz: str | tzinfo = SITE_TIMEZONE
) -> datetime:
    """Read a date or date and time into an aware datetime in *tz*."""
    zone = _zone(tz)
    if isinstance(value, datetime):
        if value.tzinfo is None:
            return value.replace(tzinfo=zone)
        return value.astimezone(zone)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day, tzinfo=zone)
    if not isinstance(value, str):
        raise DateParseError(
            Message(
                "expected a date, got %(kind)s %(value)s; accepted formats: "
                "%(formats)s",
                kind=type(value).__name__,
                value=repr(value),
                formats=ACCEPTED_FORMATS,
            )
        )
    return _parse_text(value.strip(), zone)


def parse_event_time(value: str | int | time | None) -> str | None:
    """Validate an event time: morning, afternoon, evening, "HH:MM" or None."""
    if value is None:
        return None
    if isinstance(value, time):
        return f"{value.hour:02d}:{value.minute:02d}"
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise DateParseError(
            Message(
                "event time %(value)s is not valid; expected morning, afternoon, "
                'evening or "HH:MM"',
                value=repr(value),
            )
        )
    if isinstance(value, int):
        return _sexagesimal_time(value)
    text = unicodedata.normalize("NFC", value.strip())
    keyword = _EVENT_TIME_ALIASES.get(" ".join(text.casefold().split()))
    if keyword is not None:
        return keyword
    match = _TIME_RE.fullmatch(text)
    if match is None:
        raise DateParseError(
            Message(
                "event time %(value)s is not valid; expected morning, afternoon, "
                'evening or "HH:MM"',
                value=repr(value),
            )
        )
    hour = int(match["hour"])
    minute = int(match["minute"] or match["minute_vi"] or 0)
    if hour > 23 or minute > 59:
        raise DateParseError(
            Message(
                "event time %(value)s is not a time of day; "
                "hours go from 00 to 23 and minutes from 00 to 59",
                value=repr(value),
            )
        )
    return f"{hour:02d}:{minute:02d}"


def _sexagesimal_time(value: int) -> str:
    """Undo YAML 1.1 reading an unquoted 8:30 as the base-60 integer 510."""
    # H:MM gives at least 60 (minutes) and H:MM:SS at least 3600 (seconds).
    if 60 <= value < 24 * 60:
        return f"{value // 60:02d}:{value % 60:02d}"
    if 3600 <= value < 24 * 3600 and value % 60 == 0:
        return f"{value // 3600:02d}:{value // 60 % 60:02d}"
    raise DateParseError(
        Message(
            'event time %(value)s is a number; write the time in quotes, e.g. "08:30", '
            "or use morning, afternoon or evening",
            value=repr(value),
        )
    )


def iso_with_offset(dt: date | datetime) -> str:
    """Return an ISO 8601 timestamp with its UTC offset, to the second."""
    return parse_datetime(dt).isoformat(timespec="seconds")
