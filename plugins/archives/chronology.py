"""Group posts by year and month, and find each post's neighbours in time."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class Month:
    """The posts of one month, newest first."""

    year: int
    number: int
    posts: list = field(default_factory=list)


@dataclass
class Year:
    """The months of one year that have posts, newest first."""

    number: int
    months: list[Month] = field(default_factory=list)

    @property
    def count(self) -> int:
        """Return the number of posts in the year."""
        return sum(len(month.posts) for month in self.months)


def by_year_and_month(posts: Iterable) -> list[Year]:
    """Return the posts grouped by year and month, newest first at each level."""
    years: dict[int, dict[int, Month]] = {}
    for post in sorted(posts, key=lambda p: p.date, reverse=True):
        months = years.setdefault(post.date.year, {})
        month = months.setdefault(
            post.date.month, Month(post.date.year, post.date.month)
        )
        month.posts.append(post)
    return [Year(number, list(months.values())) for number, months in years.items()]


def neighbours(posts: Sequence) -> dict[int, tuple[object | None, object | None]]:
    """Return ``{id(post): (older, newer)}`` for posts of one language."""
    ordered = sorted(posts, key=lambda p: (p.date, p.slug))
    result = {}
    for index, post in enumerate(ordered):
        older = ordered[index - 1] if index > 0 else None
        newer = ordered[index + 1] if index + 1 < len(ordered) else None
        result[id(post)] = (older, newer)
    return result
