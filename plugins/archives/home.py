"""Choose the home page's sections: the latest posts of the major units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class UnitSection:
    """A unit and its latest posts."""

    unit: object
    posts: list = field(default_factory=list)


def home_unit(post, registry, kinds: tuple[str, ...]):
    """Return the one major unit a post belongs under on the home page, or None.

    The organiser when it is major, else the first major unit the post names,
    else the nearest major unit above the units it names.
    """
    event = post.news.event
    named = list(post.news.units)
    candidates = [event.organizer] if event and event.organizer else []
    candidates += named
    for unit in candidates:
        if unit.kind in kinds:
            return unit
    for unit in candidates:
        for ancestor in reversed(registry.ancestors(unit.key)):
            if ancestor.kind in kinds:
                return ancestor
    return None


def unit_sections(
    posts: Iterable,
    registry,
    kinds: tuple[str, ...] = ("province", "district"),
    sections: int = 4,
    per_unit: int = 3,
) -> list[UnitSection]:
    """Return up to ``sections`` major units with their ``per_unit`` latest posts.

    Each post is shown under one unit only (see ``home_unit``), so no story
    repeats down the page; the unit with the most recent news comes first.
    """
    found: dict[str, UnitSection] = {}
    for post in sorted(posts, key=lambda p: p.date, reverse=True):
        unit = home_unit(post, registry, kinds)
        if unit is None:
            continue
        section = found.setdefault(unit.key, UnitSection(unit))
        if len(section.posts) < per_unit:
            section.posts.append(post)
    return list(found.values())[:sections]
