"""Choose the home page's sections: the latest posts of the major units."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field


@dataclass
class UnitSection:
    """A unit and its latest posts (its sub-units' included)."""

    unit: object
    posts: list = field(default_factory=list)


def unit_sections(
    posts: Iterable,
    registry,
    kinds: tuple[str, ...] = ("province", "district"),
    sections: int = 4,
    per_unit: int = 3,
) -> list[UnitSection]:
    """Return up to ``sections`` major units with their ``per_unit`` latest posts.

    A unit is major when its kind is in ``kinds``; a post counts for a unit
    when it names the unit or one of its sub-units. Sections with the most
    recent news come first.
    """
    found: dict[str, UnitSection] = {}
    for post in sorted(posts, key=lambda p: p.date, reverse=True):
        for unit in _with_ancestors(getattr(post, "units", None) or [], registry):
            if unit.kind not in kinds:
                continue
            section = found.setdefault(unit.key, UnitSection(unit))
            if len(section.posts) < per_unit and post not in section.posts:
                section.posts.append(post)
    return list(found.values())[:sections]


def _with_ancestors(units: Iterable, registry) -> list:
    """Return ``units`` and their ancestors, each once."""
    seen: dict[str, object] = {}
    for unit in units:
        for member in [unit, *registry.ancestors(unit.key)]:
            seen.setdefault(member.key, member)
    return list(seen.values())
