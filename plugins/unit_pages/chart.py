"""Lay out a unit's activity chart (posts per month or per year) for an inline SVG.

Up to ``MAX_MONTHS`` months from the first post to the last, a bar per month
labelled with its month; over that, a bar per year, every year labelled, so
the axis title always names what the bars count. The geometry is computed
here; ``partials/activity_chart.html`` draws it (and the same numbers as a
list: the chart's text equivalent, and what phones show), so the chart's
words come from the UI catalogue like every other string.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from babel.dates import format_date

from vietnamese import format_month, format_number

WIDTH = 640
HEIGHT = 220
LEFT, RIGHT, TOP, BOTTOM = 48, 12, 12, 48  # margins around the plot
MIN_LABEL_GAP = 40  # px between x labels, so they never overlap
MAX_MONTHS = 8  # longer spans are drawn per year
# Babel (CLDR) patterns for the x labels; CLDR's vi "MMM y" is "thg 12 2020".
SHORT_MONTH_PATTERNS = {"vi": "M/y", "en": "MMM y"}


@dataclass(frozen=True)
class Bar:
    """One month's bar; zero months have no bar."""

    x: float
    y: float
    width: float
    height: float
    month: str
    count: int


@dataclass(frozen=True)
class Tick:
    """A labelled position on an axis."""

    position: float
    label: str


@dataclass(frozen=True)
class Row:
    """One period with posts, for the chart's list: its name and its count."""

    label: str
    count: int


@dataclass(frozen=True)
class ActivityChart:
    """Everything the SVG template needs, in user units of its viewBox.

    ``period`` is what a bar counts, ``"month"`` or ``"year"``; ``months`` is
    the span from the first month with a post to the last, whatever the period.
    """

    width: int
    height: int
    left: float
    top: float
    right: float
    bottom: float
    bars: tuple[Bar, ...]
    x_ticks: tuple[Tick, ...]
    y_ticks: tuple[Tick, ...]
    first: str
    last: str
    months: int
    total: int
    peak: str
    peak_count: int
    period: str = "month"
    rows: tuple[Row, ...] = ()
    years: int = 0


def short_month(year: int, month: int, lang: str) -> str:
    """Return a compact month label: "12/2020" or "Dec 2020"."""
    return format_date(date(year, month, 1), SHORT_MONTH_PATTERNS[lang], locale=lang)


def month_in_sentence(year: int, month: int, lang: str) -> str:
    """Return a month for running text: "tháng 12/2020", "December 2020"."""
    text = format_month(year, month, lang)
    return text[0].lower() + text[1:] if lang == "vi" else text


def _scale_top(peak: int) -> tuple[int, int]:
    """Return a round top for the y axis and the step between its ticks."""
    if peak <= 5:
        return max(peak, 1), 1
    rough = peak / 4
    magnitude = 10 ** math.floor(math.log10(rough))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= rough)
    return step * math.ceil(peak / step), step


def _bars(
    slots: list[tuple[str, str, int]], top_value: int
) -> tuple[list[Bar], list[Tick]]:
    """Lay out one bar per slot (label, name, count); label as many as fit."""
    left, top = float(LEFT), float(TOP)
    right, bottom = float(WIDTH - RIGHT), float(HEIGHT - BOTTOM)
    slot = (right - left) / len(slots)
    bar_width = max(slot * 0.8, 1.0)
    bars, ticks = [], []
    for i, (label, name, count) in enumerate(slots):
        centre = left + slot * (i + 0.5)
        if count:
            height = (bottom - top) * count / top_value
            bars.append(
                Bar(
                    round(centre - bar_width / 2, 1),
                    round(bottom - height, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    name,
                    count,
                )
            )
        if not ticks or centre - ticks[-1].position >= MIN_LABEL_GAP:
            ticks.append(Tick(round(centre, 1), label))
    return bars, ticks


def build_chart(
    counts: Mapping[tuple[int, int], int], lang: str
) -> ActivityChart | None:
    """Lay out posts per month (short spans) or per year, first post to last."""
    if not counts:
        return None
    (first_year, first_month), (last_year, last_month) = min(counts), max(counts)
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    if span <= MAX_MONTHS:
        period = "month"
        months = [
            (first_year + (first_month - 1 + i) // 12, (first_month - 1 + i) % 12 + 1)
            for i in range(span)
        ]
        slots = [
            (short_month(y, m, lang), format_month(y, m, lang), counts.get((y, m), 0))
            for y, m in months
        ]
        per_slot = {(y, m): counts.get((y, m), 0) for y, m in months}
        peak_key = max(counts, key=lambda ym: (counts[ym], ym))
        peak = month_in_sentence(*peak_key, lang)
        peak_count = counts[peak_key]
        rows = [Row(name, count) for _label, name, count in slots if count]
    else:
        period = "year"
        by_year: dict[int, int] = {}
        for (year, _month), count in counts.items():
            by_year[year] = by_year.get(year, 0) + count
        years = range(first_year, last_year + 1)
        slots = [(str(y), str(y), by_year.get(y, 0)) for y in years]
        per_slot = {y: by_year.get(y, 0) for y in years}
        peak_year = max(by_year, key=lambda y: (by_year[y], y))
        peak, peak_count = str(peak_year), by_year[peak_year]
        rows = [Row(str(y), by_year[y]) for y in years if by_year.get(y)]
    top_value, step = _scale_top(max(per_slot.values()))
    bars, x_ticks = _bars(slots, top_value)
    bottom, top = float(HEIGHT - BOTTOM), float(TOP)
    y_ticks = tuple(
        Tick(
            round(bottom - (bottom - top) * value / top_value, 1),
            format_number(value, lang),
        )
        for value in range(0, top_value + 1, step)
    )
    return ActivityChart(
        WIDTH,
        HEIGHT,
        float(LEFT),
        top,
        float(WIDTH - RIGHT),
        bottom,
        tuple(bars),
        tuple(x_ticks),
        y_ticks,
        month_in_sentence(first_year, first_month, lang),
        month_in_sentence(last_year, last_month, lang),
        span,
        sum(counts.values()),
        peak,
        peak_count,
        period,
        tuple(rows),
        last_year - first_year + 1,
    )
