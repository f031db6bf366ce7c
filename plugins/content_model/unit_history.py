"""A unit's history in ``units.yml``: names by date, founding, end, successors.

From 1 July 2025 district-level units ended and new wards and communes began:
an archive of 2020–2026 shows each post under the unit as it was then and
leads readers to what it became. This module reads and checks those fields;
``registry.Unit`` carries them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from newsroom.messages import Message
from vietnamese import DateParseError, match_key, parse_datetime

from .plain_text import text_problem
from .problems import Problem, line_of

if TYPE_CHECKING:
    from .registry import Registry, Unit, _Entry

NAME_FIELDS = ("name", "name_en", "from", "until")


@dataclass(frozen=True)
class UnitName:
    """A name a unit bore for a time (``start``/``end`` inclusive, None: open)."""

    name: str
    name_en: str = ""
    start: date | None = None
    end: date | None = None

    def covers(self, day: date) -> bool:
        """Return whether this name was in force on ``day``."""
        return (self.start is None or self.start <= day) and (
            self.end is None or day <= self.end
        )


@dataclass(frozen=True)
class History:
    """The history fields of one unit entry, as read."""

    names: tuple[UnitName, ...] = ()
    founded: date | None = None
    ended: date | None = None
    successor: str | None = None
    merged: bool = False
    predecessors: tuple[str, ...] = ()


def _problem(entry: _Entry, at: tuple, label: str, message: str) -> Problem:
    return Problem(entry.path, line_of(entry.lines, (entry.index, *at)), label, message)


def _date(value: Any, entry: _Entry, at: tuple, label: str, problems: list) -> Any:
    """Return a date field as a date, or None reporting what is wrong."""
    if value is None or value == "":
        return None
    try:
        return parse_datetime(value if isinstance(value, date) else str(value)).date()
    except DateParseError:
        problems.append(
            _problem(
                entry,
                at,
                label,
                Message(
                    '"%(value)s" is not a date: write 2025-06-30 or 30/06/2025',
                    value=value,
                ),
            )
        )
        return None


def read_history(entry: _Entry, problems: list) -> History:
    """Read a unit entry's ``names``, dates, successor and predecessors."""
    data = entry.data
    names = _names(entry, data.get("names"), problems)
    founded = _date(data.get("founded"), entry, ("founded",), "founded", problems)
    ended = _date(data.get("ended"), entry, ("ended",), "ended", problems)
    if founded and ended and ended < founded:
        problems.append(
            entry.problem("ended", Message("a unit cannot end before it was founded"))
        )
    successor, merged = entry.text("successor"), False
    if entry.text("merged_into"):
        if successor:
            problems.append(
                entry.problem(
                    "merged_into",
                    Message("write either 'successor' or 'merged_into', not both"),
                )
            )
        successor, merged = entry.text("merged_into"), True
    value = data.get("predecessors")
    listed = [value] if isinstance(value, str) else value
    predecessors = tuple(
        str(k).strip() for k in listed or () if isinstance(k, (str, int)) and str(k)
    )
    return History(names, founded, ended, successor or None, merged, predecessors)


def _names(entry: _Entry, value: Any, problems: list) -> tuple[UnitName, ...]:
    """Read ``names: [{name, name_en, from, until}]``, reporting each mistake."""
    if value is None:
        return ()
    if not isinstance(value, list):
        problems.append(
            entry.problem(
                "names",
                Message(
                    "must be a list of names with dates: "
                    "- {name: Huyện đoàn X, until: 2025-06-30}"
                ),
            )
        )
        return ()
    found = []
    for index, item in enumerate(value):
        at = ("names", index)
        label = f"names[{index + 1}]"
        if not isinstance(item, dict) or not str(item.get("name") or "").strip():
            problems.append(
                _problem(entry, at, label, Message("each former name needs 'name:'"))
            )
            continue
        for field_name, text in item.items():
            if field_name not in NAME_FIELDS:
                problems.append(
                    _problem(
                        entry,
                        (*at, field_name),
                        f"{label}.{field_name}",
                        Message(
                            "unknown field (fields: %(fields)s)",
                            fields=", ".join(NAME_FIELDS),
                        ),
                    )
                )
            elif field_name in ("name", "name_en"):
                message = text_problem(str(text), "a registry")
                if message:
                    problems.append(
                        _problem(
                            entry, (*at, field_name), f"{label}.{field_name}", message
                        )
                    )
        start = _date(item.get("from"), entry, (*at, "from"), label + ".from", problems)
        until = item.get("until")
        end = _date(until, entry, (*at, "until"), label + ".until", problems)
        if start and end and end < start:
            problems.append(
                _problem(
                    entry,
                    (*at, "until"),
                    f"{label}.until",
                    Message("ends before it starts"),
                )
            )
        found.append(
            UnitName(
                str(item["name"]).strip(),
                str(item.get("name_en") or "").strip(),
                start,
                end,
            )
        )
    return tuple(found)


def _where_named(entry: _Entry, unit: Unit, name: str) -> tuple[tuple, str]:
    """Return the key path and label of the line where ``unit`` writes ``name``."""
    if unit.short and match_key(unit.short) == name:
        return ("short",), "short"
    for index, alias in enumerate(unit.aliases):
        if match_key(alias) == name:
            return ("aliases", index), f"aliases[{index + 1}]"
    for index, former in enumerate(unit.names):
        if match_key(former.name) == name:
            return ("names", index, "name"), f"names[{index + 1}].name"
    return ("name",), "name"


def shared_name_problems(registry: Registry, entries: dict[str, _Entry]) -> list:
    """Report a name shared by two units under the same parent.

    Several units may share a short or generic name ("Tỉnh đoàn", "Phường 7")
    when each is the only one so named within its parent: a post's other
    units then tell them apart. Two under one parent never can be.
    """
    problems = []
    for name, keys in registry._unit_names.items():
        if len(keys) < 2:
            continue
        first_by_parent: dict[str | None, str] = {}
        for key in keys:
            unit = registry.units[key]
            first = first_by_parent.setdefault(unit.parent, key)
            if first == key:
                continue
            entry = entries[key]
            at, label = _where_named(entry, unit, name)
            under = (
                Message('"%(parent)s"', parent=unit.parent)
                if unit.parent
                else Message("(top level)")
            )
            problems.append(
                _problem(
                    entry,
                    at,
                    label,
                    Message(
                        '"%(name)s" also names "%(first)s" (line %(line)s), under '
                        "the same parent %(under)s: a short or generic name must be "
                        "unique within its parent; remove it here or write the "
                        "place into it",
                        name=name,
                        first=first,
                        line=entries[first].line(),
                        under=under,
                    ),
                )
            )
    return problems


def history_problems(registry: Registry, unit: Unit, entry: _Entry) -> list[Problem]:
    """Check a unit's successor and predecessors against the registry."""
    problems = []
    field_name = "merged_into" if unit.merged else "successor"
    if unit.successor:
        if unit.successor == unit.key:
            problems.append(
                entry.problem(field_name, Message("a unit cannot succeed itself"))
            )
        elif unit.successor not in registry.units:
            problems.append(
                entry.problem(
                    field_name,
                    Message(
                        'unknown unit "%(key)s": write the key of a unit in units.yml',
                        key=unit.successor,
                    ),
                )
            )
        elif unit.key in {u.key for u in registry.successors(unit.successor)}:
            problems.append(
                entry.problem(
                    field_name, Message("the chain of successors loops back here")
                )
            )
        if unit.ended is None:
            problems.append(
                entry.problem(
                    field_name,
                    Message(
                        "a unit with a successor has ended: add 'ended:' with its "
                        "last day (2025-06-30)"
                    ),
                )
            )
    for index, key in enumerate(unit.predecessors):
        at, label = ("predecessors", index), f"predecessors[{index + 1}]"
        other = registry.units.get(key)
        if other is None or key == unit.key:
            problems.append(
                _problem(
                    entry,
                    at,
                    label,
                    Message('unknown predecessor unit "%(key)s"', key=key),
                )
            )
        elif other.successor and other.successor != unit.key:
            problems.append(
                _problem(
                    entry,
                    at,
                    label,
                    Message(
                        '"%(key)s" names "%(successor)s" as its successor, not this '
                        "unit: correct one of the two",
                        key=key,
                        successor=other.successor,
                    ),
                )
            )
        elif other.ended is None:
            problems.append(
                _problem(
                    entry,
                    at,
                    label,
                    Message(
                        "\"%(key)s\" has not ended: add 'ended:' to it in units.yml",
                        key=key,
                    ),
                )
            )
    return problems
