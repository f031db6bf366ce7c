"""Index the archive by person in one pass: posts, dated roles, units.

A role is "the same" when its words match regardless of case, Unicode form
and tone-mark placement, and it was held in the same unit.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from content_model.registry import Person, Registry, Unit
from unit_pages.index import newest_first
from vietnamese import match_key, person_initial_letter, person_sort_key, sort_key


@dataclass
class RoleSpan:
    """One role of a person: its first and last use, as (post, speaker index)."""

    role: str
    unit: Unit | None
    first: tuple[Any, int]
    last: tuple[Any, int]
    count: int = 1


@dataclass
class PersonRecord:
    """Everything the archive says about one person."""

    person: Person
    posts: list[Any] = field(default_factory=list)
    roles: dict[tuple[str, str], RoleSpan] = field(default_factory=dict)
    units: Counter[str] = field(default_factory=Counter)

    def timeline(self) -> list[RoleSpan]:
        """Return the roles in the order they were first used."""
        return sorted(
            self.roles.values(),
            key=lambda span: (span.first[0].date, span.last[0].date),
        )

    def latest(self) -> tuple[Any, int] | None:
        """Return the person's latest appearance as (post, speaker index)."""
        return max(
            (span.last for span in self.roles.values()),
            key=lambda found: found[0].date,
            default=None,
        )


@dataclass
class PeopleIndex:
    """Posts and roles by person key; every list newest first."""

    registry: Registry
    records: dict[str, PersonRecord] = field(default_factory=dict)

    def has_page(self, key: str) -> bool:
        """Return whether person ``key`` gets a page (they appear in a post)."""
        return key in self.records

    def units_of(self, key: str, lang: str) -> list[tuple[Unit, int]]:
        """Return the units a person appeared with, most posts first."""
        counts = self.records[key].units
        units = [(self.registry.units[k], n) for k, n in counts.items()]
        return sorted(units, key=lambda u: (-u[1], sort_key(u[0].display_name(lang))))

    def alphabetical(self) -> list[tuple[str, list[Person]]]:
        """Return the people who have a page by given name, under letter headings.

        Only people named in a published post: someone registered for a draft
        (or for nothing yet) is not public.
        """
        people = sorted(
            (record.person for record in self.records.values()),
            key=lambda p: person_sort_key(p.name),
        )
        groups: list[tuple[str, list[Person]]] = []
        for person in people:
            letter = person_initial_letter(person.name)
            if not groups or groups[-1][0] != letter:
                groups.append((letter, []))
            groups[-1][1].append(person)
        return groups


def build_people_index(posts: Iterable[Any], registry: Registry) -> PeopleIndex:
    """Index ``posts`` by the people they name, in one pass, newest first."""
    index = PeopleIndex(registry)
    records = index.records
    for post in newest_first(posts):
        counted: set[str] = set()
        for position, speaker in enumerate(post.news.speakers):
            key = speaker.person.key
            record = records.get(key)
            if record is None:
                record = records[key] = PersonRecord(speaker.person)
            if key not in counted:
                counted.add(key)
                record.posts.append(post)
                named = {unit.key for unit in post.news.units}
                if speaker.unit is not None:
                    named.add(speaker.unit.key)
                record.units.update(named)
            role_key = (
                match_key(speaker.role),
                speaker.unit.key if speaker.unit else "",
            )
            span = record.roles.get(role_key)
            if span is None:
                record.roles[role_key] = RoleSpan(
                    speaker.role, speaker.unit, (post, position), (post, position)
                )
            else:  # an older use: posts come newest first
                span.first = (post, position)
                span.count += 1
    return index
