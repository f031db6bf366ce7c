"""Tests for vietnamese.dates: formatting and parsing without the OS locale."""

import locale
from datetime import UTC, date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import yaml
from babel.dates import format_date as babel_format_date
from babel.dates import get_day_names, get_month_names

from vietnamese import (
    DATE_PATTERNS,
    EN_MONTHS,
    EN_WEEKDAYS,
    MONTH_PATTERNS,
    VI_WEEKDAYS,
    DateParseError,
    format_date,
    format_event_date,
    format_month,
    iso_with_offset,
    parse_datetime,
    parse_event_time,
)

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FRIDAY = date(2020, 12, 18)
TUESDAY = date(2021, 4, 6)


# --- names -------------------------------------------------------------------


def test_weekday_names_follow_date_weekday():
    assert VI_WEEKDAYS == (
        "Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ Nhật",
    )  # fmt: skip
    assert VI_WEEKDAYS[FRIDAY.weekday()] == "Thứ Sáu"
    assert EN_WEEKDAYS[FRIDAY.weekday()] == "Friday"
    assert EN_MONTHS[0] == "January"
    assert EN_MONTHS[11] == "December"
    assert len(EN_MONTHS) == 12


# --- format_date -------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "lang", "style", "expected"),
    [
        (FRIDAY, "vi", "long", "Thứ Sáu, 18/12/2020"),
        (FRIDAY, "vi", "short", "18/12/2020"),
        (FRIDAY, "en", "long", "Friday, 18 December 2020"),
        (FRIDAY, "en", "short", "18 December 2020"),
        (TUESDAY, "vi", "long", "Thứ Ba, 06/04/2021"),
        (TUESDAY, "vi", "short", "06/04/2021"),
        (TUESDAY, "en", "long", "Tuesday, 6 April 2021"),
        (TUESDAY, "en", "short", "6 April 2021"),
        (date(2021, 4, 4), "vi", "long", "Chủ Nhật, 04/04/2021"),
        (date(2021, 4, 3), "vi", "long", "Thứ Bảy, 03/04/2021"),
        (date(2021, 4, 5), "vi", "long", "Thứ Hai, 05/04/2021"),
        (date(2021, 4, 7), "vi", "long", "Thứ Tư, 07/04/2021"),
        (date(2021, 4, 8), "vi", "long", "Thứ Năm, 08/04/2021"),
        (datetime(2020, 12, 18, 8, 0), "vi", "long", "Thứ Sáu, 18/12/2020"),
        (FRIDAY, "vi_VN", "short", "18/12/2020"),
        (FRIDAY, "en-GB", "short", "18 December 2020"),
    ],
)
def test_format_date(d, lang, style, expected):
    assert format_date(d, lang, style) == expected


def test_format_date_defaults_to_long():
    assert format_date(FRIDAY, "vi") == "Thứ Sáu, 18/12/2020"


def test_format_date_shows_aware_datetimes_in_vietnam_time():
    # 20:00 UTC on the 17th is 03:00 on the 18th in Ho Chi Minh City.
    utc = datetime(2020, 12, 17, 20, 0, tzinfo=UTC)
    assert format_date(utc, "vi", "short") == "18/12/2020"


def test_format_date_ignores_the_os_locale(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("the locale module must not be used")

    monkeypatch.setattr(locale, "setlocale", refuse)
    monkeypatch.setattr(locale, "getlocale", refuse)
    assert format_date(FRIDAY, "en") == "Friday, 18 December 2020"


def test_format_date_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        format_date(FRIDAY, "fr")


def test_format_date_rejects_an_unknown_style():
    with pytest.raises(ValueError, match="unknown date style 'medium'"):
        format_date(FRIDAY, "vi", "medium")


# --- format_event_date -------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "time_of_day", "lang", "expected"),
    [
        (FRIDAY, None, "vi", "Thứ Sáu, 18/12/2020"),
        (FRIDAY, "morning", "vi", "Sáng 18/12/2020"),
        (TUESDAY, "afternoon", "vi", "Chiều 06/04/2021"),
        (FRIDAY, "evening", "vi", "Tối 18/12/2020"),
        (FRIDAY, "08:30", "vi", "08:30, 18/12/2020"),
        (FRIDAY, "8:30", "vi", "08:30, 18/12/2020"),
        (FRIDAY, 510, "vi", "08:30, 18/12/2020"),  # YAML's reading of 8:30
        (FRIDAY, time(14, 0), "vi", "14:00, 18/12/2020"),
        (FRIDAY, "sáng", "vi", "Sáng 18/12/2020"),
        (FRIDAY, None, "en", "Friday, 18 December 2020"),
        (FRIDAY, "morning", "en", "Friday, 18 December 2020, morning"),
        (TUESDAY, "afternoon", "en", "Tuesday, 6 April 2021, afternoon"),
        (FRIDAY, "evening", "en", "Friday, 18 December 2020, evening"),
        (FRIDAY, "08:30", "en", "Friday, 18 December 2020, 08:30"),
        (FRIDAY, "Chiều", "en", "Friday, 18 December 2020, afternoon"),
    ],
)
def test_format_event_date(d, time_of_day, lang, expected):
    assert format_event_date(d, time_of_day, lang) == expected


def test_format_event_date_rejects_a_bad_time():
    with pytest.raises(DateParseError, match="noon"):
        format_event_date(FRIDAY, "noon", "vi")


# --- format_month ------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "month", "lang", "expected"),
    [
        (2020, 12, "vi", "Tháng 12/2020"),
        (2021, 4, "vi", "Tháng 04/2021"),
        (2020, 12, "en", "December 2020"),
        (2021, 1, "en", "January 2021"),
    ],
)
def test_format_month(year, month, lang, expected):
    assert format_month(year, month, lang) == expected


@pytest.mark.parametrize("month", [0, 13])
def test_format_month_rejects_a_bad_month(month):
    with pytest.raises(ValueError, match=f"month {month}"):
        format_month(2020, month, "vi")


# --- parse_datetime ----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2020-12-18", datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        ("2020-12-18 08:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("2020-12-18T08:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("2020-12-18 08:00:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("2020-12-18 08:00:30", datetime(2020, 12, 18, 8, 0, 30, tzinfo=VN)),
        ("2020-12-18 8:05", datetime(2020, 12, 18, 8, 5, tzinfo=VN)),
        ("18/12/2020", datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        ("18/12/2020 08:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("18/12/2020 8h30", datetime(2020, 12, 18, 8, 30, tzinfo=VN)),
        ("18/12/2020 7g30", datetime(2020, 12, 18, 7, 30, tzinfo=VN)),
        ("18/12/2020 14h", datetime(2020, 12, 18, 14, 0, tzinfo=VN)),
        ("18/12/2020, 8 giờ 30", datetime(2020, 12, 18, 8, 30, tzinfo=VN)),
        ("18-12-2020", datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        ("6/4/2021", datetime(2021, 4, 6, 0, 0, tzinfo=VN)),
        ("06/04/2021", datetime(2021, 4, 6, 0, 0, tzinfo=VN)),  # day first
        ("  2020-12-18  ", datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        ("29/02/2020", datetime(2020, 2, 29, 0, 0, tzinfo=VN)),  # a leap year
        ("2020-12-18T08:00:00+07:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("2020-12-18T01:00:00Z", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("2020-12-18T01:00:00+0000", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
    ],
)
def test_parse_datetime_text(text, expected):
    result = parse_datetime(text)
    assert result == expected
    assert result.utcoffset() == timedelta(hours=7)
    assert result.tzinfo == VN


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2020, 12, 18), datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        (datetime(2020, 12, 18, 8, 0), datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        (
            datetime(2020, 12, 18, 1, 0, tzinfo=UTC),
            datetime(2020, 12, 18, 8, 0, tzinfo=VN),
        ),
        (
            datetime(2020, 12, 18, 8, 0, tzinfo=timezone(timedelta(hours=7))),
            datetime(2020, 12, 18, 8, 0, tzinfo=VN),
        ),
    ],
)
def test_parse_datetime_objects(value, expected):
    result = parse_datetime(value)
    assert result == expected
    assert result.tzinfo == VN
    assert (result.hour, result.minute) == (expected.hour, expected.minute)


def test_parse_datetime_takes_another_time_zone():
    result = parse_datetime("2020-12-18 08:00", tz="Europe/Paris")
    assert result.utcoffset() == timedelta(hours=1)
    assert parse_datetime("2020-12-18 08:00", tz=UTC).utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("date: 2020-12-18", datetime(2020, 12, 18, 0, 0, tzinfo=VN)),
        ("date: 2020-12-18 08:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("date: 2020-12-18 08:00:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("date: 2020-12-18T08:00:00+07:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("date: 2020-12-18T01:00:00Z", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
        ("date: 18/12/2020 08:00", datetime(2020, 12, 18, 8, 0, tzinfo=VN)),
    ],
)
def test_parse_datetime_whatever_yaml_made_of_it(source, expected):
    assert parse_datetime(yaml.safe_load(source)["date"]) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2020-18-12", "looks like year-day-month; write year-month-day: 2020-12-18"),
        (
            "12/18/2020",
            (
                "looks like month/day/year, which is not accepted; "
                "write day/month/year: 18/12/2020"
            ),
        ),
        ("31/02/2021", "day 31 does not exist in 02/2021, which has 28 days"),
        ("29/02/2021", "day 29 does not exist in 02/2021, which has 28 days"),
        ("2021-04-31", "day 31 does not exist in 04/2021, which has 30 days"),
        ("00/04/2021", "day 0 does not exist in 04/2021"),
        ("13/13/2020", "month 13 does not exist"),
        ("2020-00-18", "month 0 does not exist"),
        ("18/12/20", "the year must have four digits, e.g. 18/12/2020"),
        ("2020-12-18 24:00", "24:00 is not a time of day"),
        ("2020-12-18 08:60", "08:60 is not a time of day"),
        ("18/12/2020 25h", "25:00 is not a time of day"),
        ("18/12/2020 8:", "accepted formats"),
        ("garbage", "cannot read 'garbage' as a date; accepted formats: YYYY-MM-DD"),
        ("", "cannot read '' as a date"),
        ("18/12-2020", "accepted formats"),
        ("2020/12/18", "accepted formats"),
        ("18 tháng 12 năm 2020", "DD/MM/YYYY"),
    ],
)
def test_parse_datetime_explains_mistakes(text, message):
    with pytest.raises(DateParseError) as info:
        parse_datetime(text)
    assert message in str(info.value)
    assert repr(text) in str(info.value)


@pytest.mark.parametrize("value", [None, 20201218, 3.5, ["2020-12-18"]])
def test_parse_datetime_rejects_other_types(value):
    with pytest.raises(DateParseError, match="expected a date"):
        parse_datetime(value)


def test_date_parse_error_is_a_value_error():
    assert issubclass(DateParseError, ValueError)


# --- parse_event_time --------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, None),
        ("morning", "morning"),
        ("afternoon", "afternoon"),
        ("evening", "evening"),
        ("Morning", "morning"),
        (" evening ", "evening"),
        ("sáng", "morning"),
        ("Chiều", "afternoon"),
        ("TỐI", "evening"),
        ("08:30", "08:30"),
        ("8:30", "08:30"),
        ("00:00", "00:00"),
        ("23:59", "23:59"),
        ("14h00", "14:00"),
        # As Vietnamese writers put it (Facebook posts, invitations).
        ("7h30", "07:30"),
        ("7H30", "07:30"),
        ("7g30", "07:30"),
        ("14h", "14:00"),
        ("8g", "08:00"),
        ("8 giờ", "08:00"),
        ("8 giờ 30", "08:30"),
        ("8 giờ 30 phút", "08:30"),
        ("7h30'", "07:30"),
        ("buổi sáng", "morning"),
        ("Buổi  tối", "evening"),
        (
            "chie\u0302\u0300u",
            "afternoon",
        ),  # decomposed (NFD), as some keyboards type it
        (time(8, 30), "08:30"),
        (510, "08:30"),  # YAML 1.1 reads an unquoted 8:30 as 8 * 60 + 30
        (1110, "18:30"),  # 18:30
        (1439, "23:59"),  # 23:59
        (60, "01:00"),  # 1:00
        (30600, "08:30"),  # 8:30:00, read as seconds
    ],
)
def test_parse_event_time(value, expected):
    assert parse_event_time(value) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("time: 8:30", "08:30"),
        ("time: 18:30", "18:30"),
        ("time: 08:30", "08:30"),
        ('time: "8:30"', "08:30"),
        ("time: 0:30", "00:30"),
        ("time: 20:00", "20:00"),
        ("time: 8:30:00", "08:30"),
        ("time: morning", "morning"),
        ("time: Sáng", "morning"),
    ],
)
def test_parse_event_time_whatever_yaml_made_of_it(source, expected):
    assert parse_event_time(yaml.safe_load(source)["time"]) == expected


def test_yaml_really_reads_unquoted_times_as_base_60_integers():
    assert yaml.safe_load("time: 8:30") == {"time": 510}


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("noon", "event time 'noon' is not valid; expected morning, afternoon"),
        ("24:00", "event time '24:00' is not a time of day"),
        ("08:75", "event time '08:75' is not a time of day"),
        ("8", "event time '8' is not valid"),
        ("8:", "event time '8:' is not valid"),
        ("8h3", "event time '8h3' is not valid"),
        ("24h", "event time '24h' is not a time of day"),
        ("7h60", "event time '7h60' is not a time of day"),
        ("", "event time '' is not valid"),
        (8, 'event time 8 is a number; write the time in quotes, e.g. "08:30"'),
        (0, "is a number"),
        (1440, "is a number"),  # 24:00
        (-30, "is a number"),
        (True, "event time True is not valid"),
        (8.5, "event time 8.5 is not valid"),
        (["morning"], "is not valid"),
    ],
)
def test_parse_event_time_explains_mistakes(value, message):
    with pytest.raises(DateParseError) as info:
        parse_event_time(value)
    assert message in str(info.value)


# --- iso_with_offset ---------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime(2020, 12, 18, 8, 0, tzinfo=VN), "2020-12-18T08:00:00+07:00"),
        (datetime(2020, 12, 18, 8, 0), "2020-12-18T08:00:00+07:00"),
        (datetime(2020, 12, 18, 8, 0, 5, 123456), "2020-12-18T08:00:05+07:00"),
        (date(2020, 12, 18), "2020-12-18T00:00:00+07:00"),
        (datetime(2020, 12, 18, 1, 0, tzinfo=UTC), "2020-12-18T08:00:00+07:00"),
        (parse_datetime("18/12/2020 08:00"), "2020-12-18T08:00:00+07:00"),
    ],
)
def test_iso_with_offset(value, expected):
    assert iso_with_offset(value) == expected


# --- Babel ---------------------------------------------------------------------


def test_names_are_cldr_names_from_babel():
    weekdays = get_day_names("wide", locale="vi")
    monday = date(2021, 4, 5)
    assert tuple(weekdays[(monday + timedelta(i)).weekday()] for i in range(7)) == (
        VI_WEEKDAYS
    )
    months = get_month_names("wide", locale="en")
    assert tuple(months[month] for month in range(1, 13)) == EN_MONTHS


@pytest.mark.parametrize(
    ("d", "lang", "style"),
    [
        (FRIDAY, "vi", "long"),
        (TUESDAY, "en", "short"),
        (date(2021, 4, 4), "vi", "long"),
    ],
)
def test_format_date_is_babel_with_our_pattern(d, lang, style):
    assert format_date(d, lang, style) == babel_format_date(
        d, DATE_PATTERNS[lang][style], locale=lang
    )


def test_format_month_is_babel_with_our_pattern():
    assert format_month(2021, 4, "vi") == babel_format_date(
        date(2021, 4, 1), MONTH_PATTERNS["vi"], locale="vi"
    )
