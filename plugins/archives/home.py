"""Choose the home page's "units with new posts": a rule a reader can guess.

A unit's posts are the posts that name it (``units``) or whose event it
organised. The home page shows the units whose newest post is the most
recent, newest first, each with its latest posts; units pinned by the
``ARCHIVES_HOME_PINNED_UNITS`` setting come first, in the setting's order.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field


@dataclass
class UnitSection:
    """A unit and its latest posts."""

    unit: object
    posts: list = field(default_factory=list)


def post_units(post) -> list:
    """Return the units a post counts for: those it names, then its organiser."""
    event = post.news.event
    units = list(post.news.units)
    if event and event.organizer and event.organizer not in units:
        units.append(event.organizer)
    return units


def unit_sections(
    posts: Iterable,
    kinds: tuple[str, ...] = (),
    sections: int = 4,
    per_unit: int = 3,
    pinned: Sequence[str] = (),
) -> list[UnitSection]:
    """Return the units with the most recent posts, each with its latest posts.

    ``kinds`` limits the units to those kinds (empty: every kind). Pinned
    units (keys) with posts come first, in their order, even beyond
    ``sections``; then the others, the unit whose newest post is the most
    recent first, up to ``sections`` in all.
    """
    found: dict[str, UnitSection] = {}
    for post in sorted(posts, key=lambda p: p.date, reverse=True):
        for unit in post_units(post):
            if kinds and unit.kind not in kinds:
                continue
            section = found.setdefault(unit.key, UnitSection(unit))
            if len(section.posts) < per_unit:
                section.posts.append(post)
    first = [found[key] for key in dict.fromkeys(pinned) if key in found]
    # ``found`` is in the order of each unit's newest post, newest first.
    rest = [section for key, section in found.items() if key not in pinned]
    return first + rest[: max(0, sections - len(first))]
