"""A unit's timeline as its page shows it: names by date, founding, end, links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from content_model.registry import Registry, Unit


@dataclass(frozen=True)
class NamePeriod:
    """A name the unit bore, and when (None: open end)."""

    name: str
    start: date | None
    end: date | None


@dataclass(frozen=True)
class UnitTimeline:
    """What a unit's page says about its history (empty when it has none)."""

    founded: date | None
    ended: date | None
    names: tuple[NamePeriod, ...]
    successor: Unit | None
    merged: bool
    predecessors: tuple[Unit, ...]

    def __bool__(self) -> bool:
        return bool(
            self.founded
            or self.ended
            or self.names
            or self.successor
            or self.predecessors
        )


def timeline(registry: Registry, unit: Unit, lang: str) -> UnitTimeline:
    """Return the timeline of ``unit``, its names in ``lang`` oldest first.

    The current name is listed after the former ones when the unit has any,
    from the day after the latest former name ended.
    """
    names = [
        NamePeriod(
            former.name_en if lang == "en" and former.name_en else former.name,
            former.start,
            former.end,
        )
        for former in sorted(unit.names, key=lambda n: n.start or date.min)
    ]
    if names:
        ends = [n.end for n in unit.names if n.end]
        names.append(
            NamePeriod(
                unit.display_name(lang),
                max(ends) + timedelta(days=1) if ends else None,
                unit.ended,
            )
        )
    return UnitTimeline(
        unit.founded,
        unit.ended,
        tuple(names),
        registry.successor_of(unit.key),
        unit.merged,
        tuple(registry.predecessors_of(unit.key)),
    )
