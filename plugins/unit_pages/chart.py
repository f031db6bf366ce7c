"""Lay out a unit's activity chart (posts per month) for an inline SVG.

The geometry is computed here; ``partials/activity_chart.html`` draws it, so
the chart's words come from the UI catalogue like every other string.
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
class ActivityChart:
    """Everything the SVG template needs, in user units of its viewBox."""

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


def build_chart(
    counts: Mapping[tuple[int, int], int], lang: str
) -> ActivityChart | None:
    """Lay out posts per month from the first month with a post to the last."""
    if not counts:
        return None
    (first_year, first_month), (last_year, last_month) = min(counts), max(counts)
    span = (last_year - first_year) * 12 + last_month - first_month + 1
    months = [
        (first_year + (first_month - 1 + i) // 12, (first_month - 1 + i) % 12 + 1)
        for i in range(span)
    ]
    top_value, step = _scale_top(max(counts.values()))
    left, top = float(LEFT), float(TOP)
    right, bottom = float(WIDTH - RIGHT), float(HEIGHT - BOTTOM)
    slot = (right - left) / span
    bar_width = max(slot * 0.8, 1.0)
    bars = []
    x_ticks: list[Tick] = []
    for i, (year, month) in enumerate(months):
        centre = left + slot * (i + 0.5)
        count = counts.get((year, month), 0)
        if count:
            height = (bottom - top) * count / top_value
            bars.append(
                Bar(
                    round(centre - bar_width / 2, 1),
                    round(bottom - height, 1),
                    round(bar_width, 1),
                    round(height, 1),
                    format_month(year, month, lang),
                    count,
                )
            )
        if span <= 8:
            label = short_month(year, month, lang)
        elif i == 0 or month == 1:
            label = str(year)
        else:
            continue
        if not x_ticks or centre - x_ticks[-1].position >= MIN_LABEL_GAP:
            x_ticks.append(Tick(round(centre, 1), label))
    y_ticks = tuple(
        Tick(
            round(bottom - (bottom - top) * value / top_value, 1),
            format_number(value, lang),
        )
        for value in range(0, top_value + 1, step)
    )
    peak_year, peak_month = max(counts, key=lambda ym: (counts[ym], ym))
    return ActivityChart(
        WIDTH,
        HEIGHT,
        left,
        top,
        right,
        bottom,
        tuple(bars),
        tuple(x_ticks),
        y_ticks,
        month_in_sentence(first_year, first_month, lang),
        month_in_sentence(last_year, last_month, lang),
        span,
        sum(counts.values()),
        month_in_sentence(peak_year, peak_month, lang),
        counts[(peak_year, peak_month)],
    )
