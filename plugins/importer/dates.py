"""Find the event date and time of day in a post, never guessing a year.

A date with its year ("18/12/2020", "ngày 23 tháng 3 năm 2023") is taken as
written. A day and month alone ("Chiều 06/4", "tối 2/9") count only after
"ngày" or a time of day, so "10/12 chi đoàn" (a fraction) is no date. Its year
comes from the post itself: the one year every other mention agrees on (a
dateline, another full date, "năm 2023"), never school years ("năm học
2022-2023"), terms ("nhiệm kỳ 2022–2027"), anniversaries or today's date. With
no year, or conflicting years, the date is left empty and marked uncertain.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from .names import sentences as split_sentences

_TIME_WORDS = {"sáng": "morning", "chiều": "afternoon", "tối": "evening"}
# "Sáng 14/6", "sáng nay (10/7)", "sáng Chủ nhật, ngày 14/6", "chiều thứ Bảy (13/6)".
_WEEKDAY = r"(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật)"
_PREFIX = (
    r"(?P<tod>sáng|chiều|tối|trưa|đêm)?\s*(?:nay\s*)?"
    rf"(?:{_WEEKDAY}\s*)?,?\s*\(?\s*(?P<ngay>ngày|hôm)?\s*"
)
_DMY = re.compile(
    _PREFIX + r"(?<![\d/.-])(?P<d>\d{1,2})\s*(?:[/.-]|\s+tháng\s+)\s*(?P<m>\d{1,2})"
    r"(?:\s*(?:[/.-]|,?\s+năm\s+)\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)
# "Trong 2 ngày 24 và 25-6", "ngày 11 và 12/10/2025": the first day counts.
_TWO_DAYS = re.compile(
    r"(?P<tod>sáng|chiều|tối)?\s*(?:trong\s+(?:\d+|hai|2)\s+)?ngày\s*\(?\s*"
    r"(?P<d>\d{1,2})\s*(?:và|-|–|đến)\s*\d{1,2}\s*[/.-]\s*(?P<m>\d{1,2})"
    r"(?:\s*[/.-]\s*(?P<y>(?:19|20)\d{2}))?(?![\d/])",
    re.IGNORECASE,
)
_CLOCK = re.compile(
    r"(?:lúc|vào lúc|từ|vào)?\s*(?P<h>[01]?\d|2[0-3])\s*(?:[hg](?![^\W\d_])|giờ|:)"
    r"\s*(?P<min>[0-5]\d)?"
    r"(?:\s*phút)?(?![\d/])",
    re.IGNORECASE,
)
# Years that are not the year of an event.
_NOT_EVENT_YEAR = re.compile(
    r"(?:năm học|nhiệm kỳ|niên khóa|niên khoá|giai đoạn|khóa|khoá|từ năm|đến năm|"
    r"sinh năm|thành lập năm|kỷ niệm[^.;]{0,40})\s*(?:\d{4}\s*[-–—]\s*)?\d{4}"
    r"|\d{4}\s*[-–—]\s*\d{4}",
    re.IGNORECASE,
)
_YEAR_WORD = re.compile(r"\bnăm\s+((?:19|20)\d{2})\b", re.IGNORECASE)
# A document's own date: "Kế hoạch số 09-KH/ĐTN, ngày 16/10/2023" is no event.
_DOCUMENT = re.compile(
    r"(?:số|kế hoạch|quyết định|công văn|hướng dẫn|thông báo|nghị quyết|"
    r"chỉ thị|cập nhật|đăng ngày|ngày đăng)[^.;]{0,40}$",
    re.IGNORECASE,
)
_ANNIVERSARY_RANGE = re.compile(
    r"\(\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*[-–—]\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*\d{4}\s*\)"
)


@dataclass
class DateFact:
    """The event date (ISO or None), its time, evidence and whether it is sure."""

    date: str | None = None
    time: str | None = None
    evidence: str = ""
    uncertain: bool = False
    why: str = ""


def _valid(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


_CITATION = re.compile(
    r"^\W*(?:căn cứ|thực hiện (?:kế hoạch|công văn|quyết định|hướng dẫn))", re.I
)


def _blank(match: re.Match[str]) -> str:
    return " " * len(match.group())


def _mentions(text: str) -> list[tuple[int, re.Match[str]]]:
    """Return the date mentions of ``text`` that can be event dates, in order."""
    found: list[tuple[int, re.Match[str]]] = []
    if _CITATION.match(text):
        return found  # "Căn cứ lịch …": the dates of a document cited
    text = _ANNIVERSARY_RANGE.sub(_blank, text)
    taken: list[tuple[int, int]] = []
    for pattern in (_TWO_DAYS, _DMY):
        for match in pattern.finditer(text):
            start, end = match.span("d")[0], match.end()
            if any(s <= start < e for s, e in taken):
                continue
            if not 1 <= int(match["m"]) <= 12 or not 1 <= int(match["d"]) <= 31:
                continue
            has_cue = bool(match["tod"] or match.groupdict().get("ngay"))
            if pattern is _TWO_DAYS:
                has_cue = True
            if not match["y"] and not has_cue:
                continue  # "10/12 chi đoàn", "3/5 chỉ tiêu": a fraction
            if match["y"] and int(match["y"]) < 1990:
                continue  # a historical date
            if _DOCUMENT.search(text[max(0, start - 60) : start]):
                continue
            taken.append((start, end))
            found.append((start, match))
    return sorted(found, key=lambda item: item[0])


def _other_years(text: str, exclude: tuple[int, int]) -> set[int]:
    """Return the years the post states outside terms, school years and ranges."""
    masked = _ANNIVERSARY_RANGE.sub(" ", text)
    masked = _NOT_EVENT_YEAR.sub(" ", masked)
    years = {int(y) for y in _YEAR_WORD.findall(masked)}
    for match in re.finditer(
        r"(?<![\d/])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*((?:19|20)\d{2})(?!\d)", masked
    ):
        years.add(int(match[1]))
    years = {y for y in years if y >= 1990}
    if not years:
        # "Kỷ niệm 95 năm … (26/3/1931 – 26/3/2026)": the year being celebrated
        years = {
            int(m[1])
            for m in re.finditer(
                r"[-–—]\s*\d{1,2}\s*/\s*\d{1,2}\s*/\s*(\d{4})\s*\)", text
            )
        }
    return years


def find_date(title: str, body: list[str], dateline: date | None = None) -> DateFact:
    """Return the event date of a post: the first date in its body, else its title."""
    sentences = [s for line in body for s in split_sentences(line, ".;!?")]
    candidates = [(s, m) for s in sentences for _, m in _mentions(s)]
    if not candidates:
        candidates = [(title, m) for _, m in _mentions(title)]
    if not candidates:
        fact = DateFact(why="no date of the event is written in the post")
        today = re.search(r"\b(sáng|chiều|tối) nay\b", "\n".join(body), re.IGNORECASE)
        if today:
            fact.time = _TIME_WORDS[today[1].casefold()]
            fact.evidence = today.group()
        return fact
    sentence, match = candidates[0]
    day, month = int(match["d"]), int(match["m"])
    fact = DateFact(evidence=sentence.strip())
    fact.time = _time_of(match, sentence)
    if match["y"]:
        year = int(match["y"])
        clashes = {
            int(m["y"])
            for _, m in candidates[1:]
            if m["y"] and int(m["d"]) == day and int(m["m"]) == month
        }
        if clashes - {year}:
            fact.uncertain = True
            fact.why = "the same day is written with two different years"
            return fact
    else:
        text = "\n".join([title, *body])
        years = _other_years(text, match.span())
        if dateline:
            if (month, day) > (dateline.month, dateline.day):
                fact.uncertain = True
                fact.why = (
                    f"{day}/{month} falls after the page's date "
                    f"{dateline:%d/%m/%Y}: the year cannot be told"
                )
                return fact
            years.add(dateline.year)
        if len(years) != 1:
            fact.uncertain = True
            fact.why = (
                "the year is not written anywhere in the post"
                if not years
                else "the post gives conflicting years: "
                + ", ".join(map(str, sorted(years)))
            )
            return fact
        year = years.pop()
        fact.uncertain = True
        fact.why = f"the year {year} is taken from elsewhere in the post"
    if not _valid(year, month, day):
        fact.why = f"{day}/{month}/{year} is not a date"
        fact.uncertain = True
        return fact
    fact.date = f"{year:04d}-{month:02d}-{day:02d}"
    return fact


def _time_of(match: re.Match[str], sentence: str) -> str | None:
    """Return the time of the event: a clock time near the date, else sáng/chiều/tối."""
    around = sentence[max(0, match.start() - 30) : match.end() + 30]
    clock = None
    for found in _CLOCK.finditer(around):
        if found["min"] or re.search(r"\d\s*(?:[hg]|giờ)", found.group()):
            text = found.group().casefold()
            if re.search(r"\d\s*(?:[hg:]|giờ)", text):
                clock = f"{int(found['h']):02d}:{int(found['min'] or 0):02d}"
                break
    if clock:
        return clock
    tod = (match["tod"] or "").casefold()
    if not tod:
        before = sentence[max(0, match.start() - 12) : match.start()].casefold()
        for word in _TIME_WORDS:
            if re.search(rf"\b{word}\b", before):
                tod = word
    return _TIME_WORDS.get(tod)
