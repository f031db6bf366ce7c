"""Split a list into numbered pages with their URLs and their neighbours'."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Pager:
    """One page of a paginated list, with the URLs of the pages around it."""

    items: Sequence[Any]
    number: int
    total: int
    url: str
    previous_url: str | None = None
    next_url: str | None = None


def page_url(first_url: str, pattern: str, number: int) -> str:
    """Return the URL of page ``number``; page 1 is the list's own URL."""
    return first_url if number == 1 else pattern.format(url=first_url, number=number)


def paginate(
    items: Sequence[Any], per_page: int, first_url: str, pattern: str
) -> list[Pager]:
    """Return the pages of ``items``, ``per_page`` a page (one page when empty)."""
    total = max(1, -(-len(items) // per_page))
    urls = [page_url(first_url, pattern, n) for n in range(1, total + 1)]
    return [
        Pager(
            items[(n - 1) * per_page : n * per_page],
            n,
            total,
            urls[n - 1],
            urls[n - 2] if n > 1 else None,
            urls[n] if n < total else None,
        )
        for n in range(1, total + 1)
    ]
