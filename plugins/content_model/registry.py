"""The registries of units, people and glossary terms (``content/data/*.yml``).

A post names a unit or a person by key or by any registered name or alias,
matched regardless of case, Unicode form and tone-mark placement.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from vietnamese import fold_diacritics, match_key, slugify

from .frontmatter import decode, load_yaml
from .problems import ContentError, Problem

UNIT_KINDS = ("central", "province", "district", "ward", "school", "agency", "party")
GLOSSARY_KINDS = ("title", "body", "phrase")
UNIT_FIELDS = ("key", "name", "name_en", "short", "kind", "parent", "aliases")
PERSON_FIELDS = ("key", "name", "aliases")
GLOSSARY_FIELDS = ("vi", "en", "kind")


@dataclass(frozen=True)
class Unit:
    """A Youth Union unit (or a Party body it works with)."""

    key: str
    name: str
    name_en: str = ""
    short: str = ""
    kind: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()

    def display_name(self, lang: str) -> str:
        """Return the unit's name in ``lang`` (the Vietnamese name if untranslated)."""
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True)
class Person:
    """A person who appears in posts; roles come from the posts, dated."""

    key: str
    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class GlossaryEntry:
    """A Vietnamese title or body with its English rendering."""

    vi: str
    en: str
    kind: str = "phrase"


@dataclass
class Registry:
    """Units, people and glossary, indexed for lookup by any name."""

    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    glossary: list[GlossaryEntry] = field(default_factory=list)
    _unit_names: dict[str, str] = field(default_factory=dict)
    _person_names: dict[str, str] = field(default_factory=dict)
    _children: dict[str, list[str]] = field(default_factory=dict)

    def find_unit(self, reference: str) -> Unit | None:
        """Return the unit a post means by ``reference`` (key, name or alias)."""
        key = self._unit_names.get(match_key(str(reference)))
        return self.units.get(key) if key else None

    def find_person(self, reference: str) -> Person | None:
        """Return the person a post means by ``reference`` (key, name or alias)."""
        key = self._person_names.get(match_key(str(reference)))
        return self.people.get(key) if key else None

    def suggest_unit(self, reference: str) -> Unit | None:
        """Return the registered unit whose name is closest to ``reference``."""
        key = _closest(reference, self._unit_names)
        return self.units.get(key) if key else None

    def suggest_person(self, reference: str) -> Person | None:
        """Return the registered person whose name is closest to ``reference``."""
        key = _closest(reference, self._person_names)
        return self.people.get(key) if key else None

    def ancestors(self, key: str) -> list[Unit]:
        """Return the parents of unit ``key``, from the root down (not itself)."""
        chain: list[Unit] = []
        seen = {key}
        parent = self.units[key].parent if key in self.units else None
        while parent and parent in self.units and parent not in seen:
            seen.add(parent)
            chain.append(self.units[parent])
            parent = self.units[parent].parent
        return chain[::-1]

    def children(self, key: str) -> list[Unit]:
        """Return the units whose parent is ``key``."""
        return [self.units[k] for k in self._children.get(key, [])]

    def add_unit(self, unit: Unit) -> None:
        """Register ``unit`` and its names (collisions are checked by the loader)."""
        self.units[unit.key] = unit
        for name in (unit.key, unit.name, unit.short, *unit.aliases):
            if name:
                self._unit_names.setdefault(match_key(name), unit.key)
        if unit.parent:
            self._children.setdefault(unit.parent, []).append(unit.key)

    def add_person(self, person: Person) -> None:
        """Register ``person`` and their names."""
        self.people[person.key] = person
        for name in (person.key, person.name, *person.aliases):
            if name:
                self._person_names.setdefault(match_key(name), person.key)


def _closest(reference: str, names: dict[str, str]) -> str | None:
    """Return the key of the registered name closest to ``reference``, if close."""
    folded = {fold_diacritics(name): key for name, key in names.items()}
    wanted = fold_diacritics(match_key(str(reference)))
    match = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else None


def load_registry(data_dir: Path, root: Path | None = None) -> Registry:
    """Read ``units.yml``, ``people.yml`` and ``glossary.yml`` from ``data_dir``.

    Raise ContentError listing every problem found in them.
    """
    registry = Registry()
    problems: list[Problem] = []
    shown = (lambda p: str(p.relative_to(root))) if root else str
    units = _read_list(data_dir / "units.yml", shown, problems)
    people = _read_list(data_dir / "people.yml", shown, problems)
    glossary = _read_list(data_dir / "glossary.yml", shown, problems)
    _load_units(registry, units, problems)
    _load_people(registry, people, problems)
    for path, entry, line in glossary:
        problems += _unknown_fields(path, line, entry, GLOSSARY_FIELDS)
        if not entry.get("vi") or not entry.get("en"):
            problems.append(
                Problem(path, line, "vi", "a glossary entry needs vi and en")
            )
            continue
        kind = entry.get("kind", "phrase")
        if kind not in GLOSSARY_KINDS:
            problems.append(
                Problem(
                    path,
                    line,
                    "kind",
                    f"unknown kind {kind!r}: use one of " + ", ".join(GLOSSARY_KINDS),
                )
            )
        registry.glossary.append(
            GlossaryEntry(str(entry["vi"]), str(entry["en"]), kind)
        )
    if problems:
        raise ContentError(problems)
    return registry


def _read_list(
    path: Path, shown, problems: list[Problem]
) -> list[tuple[str, dict, int]]:
    """Return ``(path, entry, line)`` for each entry of a registry file."""
    name = shown(path)
    if not path.exists():
        problems.append(Problem(name, 0, "", "the registry file is missing"))
        return []
    try:
        data, lines = load_yaml(decode(path.read_bytes(), name), name)
    except ContentError as error:
        problems += error.problems
        return []
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(
            Problem(name, 1, "", "a registry is a list of entries ('- key: ...')")
        )
        return []
    entries = []
    for index, entry in enumerate(data):
        line = lines.get((index,), 1)
        if not isinstance(entry, dict):
            problems.append(
                Problem(name, line, "", "each entry is a set of 'field: value' lines")
            )
            continue
        entries.append((name, entry, line))
    return entries


def _unknown_fields(path: str, line: int, entry: dict, known: tuple) -> list[Problem]:
    """Report fields a registry entry should not have (typos, mostly)."""
    problems = []
    for name in entry:
        if name not in known:
            guess = difflib.get_close_matches(str(name), known, n=1)
            hint = f"; did you mean {guess[0]!r}?" if guess else ""
            problems.append(
                Problem(
                    path,
                    line,
                    str(name),
                    f"unknown field{hint} (fields: " + ", ".join(known) + ")",
                )
            )
    return problems


def _aliases(value) -> tuple[str, ...]:
    """Return aliases as a tuple of strings."""
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value)


def _load_units(registry: Registry, entries, problems: list[Problem]) -> None:
    """Validate and register units: keys, names, kinds, parents, collisions."""
    owners: dict[str, tuple[str, str]] = {}  # match key of a name -> (unit key, name)
    slugs: dict[str, str] = {}
    where: dict[str, tuple[str, int]] = {}
    for path, entry, line in entries:
        problems += _unknown_fields(path, line, entry, UNIT_FIELDS)
        key, name = entry.get("key"), entry.get("name")
        if not key or not name:
            problems.append(
                Problem(
                    path,
                    line,
                    "key" if not key else "name",
                    "a unit needs both 'key' and 'name'",
                )
            )
            continue
        key, name = str(key), str(name)
        problems += _check_key(
            path, line, key, name, slugs, "unit", short=str(entry.get("short") or "")
        )
        kind = entry.get("kind")
        if kind is not None and kind not in UNIT_KINDS:
            problems.append(
                Problem(
                    path,
                    line,
                    "kind",
                    f"unknown kind {kind!r}: use one of " + ", ".join(UNIT_KINDS),
                )
            )
        unit = Unit(
            key=key,
            name=name,
            name_en=str(entry.get("name_en") or ""),
            short=str(entry.get("short") or ""),
            kind=str(kind or ""),
            parent=str(entry["parent"]) if entry.get("parent") else None,
            aliases=_aliases(entry.get("aliases")),
        )
        for alias in (unit.name, unit.short, *unit.aliases):
            if not alias:
                continue
            owner = owners.get(match_key(alias))
            if owner and owner[0] != key:
                problems.append(
                    Problem(
                        path,
                        line,
                        "aliases",
                        f"the name {alias!r} is "
                        f"already used by unit {owner[0]!r}: a name must "
                        "point to one unit",
                    )
                )
            owners.setdefault(match_key(alias), (key, alias))
        where[key] = (path, line)
        registry.add_unit(unit)
    for key, unit in registry.units.items():
        if unit.parent and unit.parent not in registry.units:
            path, line = where[key]
            hint = difflib.get_close_matches(unit.parent, list(registry.units), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else ""
            problems.append(
                Problem(
                    path,
                    line,
                    "parent",
                    f"unknown parent unit {unit.parent!r}{suggestion}",
                )
            )
        elif unit.parent and key in {u.key for u in registry.ancestors(key)}:
            path, line = where[key]
            problems.append(
                Problem(
                    path, line, "parent", "the parent chain loops back to this unit"
                )
            )


def _load_people(registry: Registry, entries, problems: list[Problem]) -> None:
    """Validate and register people."""
    slugs: dict[str, str] = {}
    for path, entry, line in entries:
        problems += _unknown_fields(path, line, entry, PERSON_FIELDS)
        key, name = entry.get("key"), entry.get("name")
        if not key or not name:
            problems.append(
                Problem(
                    path,
                    line,
                    "key" if not key else "name",
                    "a person needs both 'key' and 'name'",
                )
            )
            continue
        key, name = str(key), str(name)
        problems += _check_key(path, line, key, name, slugs, "person")
        registry.add_person(
            Person(key=key, name=name, aliases=_aliases(entry.get("aliases")))
        )


def _check_key(
    path: str,
    line: int,
    key: str,
    name: str,
    slugs: dict[str, str],
    what: str,
    short: str = "",
) -> list[Problem]:
    """Check that ``key`` is the slug of the name (or short name), and unique.

    Two entries whose names give the same slug ("Dương", "Đường" → "duong")
    would share URLs: that is an error, never a silent merge.
    """
    problems = []
    slug = slugify(name)
    if key not in (slug, slugify(short) if short else slug):
        problems.append(
            Problem(
                path,
                line,
                "key",
                f"the key of {name!r} must be its ASCII slug {slug!r}, not {key!r}",
            )
        )
    for candidate in dict.fromkeys((key, slug)):
        if candidate in slugs:
            other = slugs[candidate]
            reason = (
                "is listed twice"
                if other == name
                else f"and {other!r} both give the {what} key {candidate!r}"
            )
            problems.append(
                Problem(
                    path,
                    line,
                    "key",
                    f"{name!r} {reason}: two "
                    "entries must not share a key; add a "
                    "distinguishing word to one of them",
                )
            )
        slugs.setdefault(candidate, name)
    return problems
