"""Find older posts: archives by year and month, topic pages, neighbours in time."""

from .chronology import Month, Year, by_year_and_month, neighbours
from .home import UnitSection, unit_sections
from .plugin import register
from .topics import Topic, by_topic

__all__ = [
    "Month",
    "Topic",
    "UnitSection",
    "Year",
    "by_topic",
    "by_year_and_month",
    "neighbours",
    "register",
    "unit_sections",
]
