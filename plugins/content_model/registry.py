"""The registries of units, people and glossary terms (``content/data/*.yml``).

A post names a unit or a person by key or by any registered name or alias,
matched regardless of case, Unicode form and tone-mark placement. Keys are the
ASCII slugs of the Vietnamese names and are used in URLs, so two entries whose
keys collide ("Dương", "Đường" → "duong") are an error, never a silent merge.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from newsroom.files import content_label
from newsroom.messages import Message
from vietnamese import fold_diacritics, match_key, slugify

from .frontmatter import (
    DEFAULT_MAX_DEPTH,
    decode,
    load_yaml,
    over_limit,
)
from .plain_text import text_problem
from .problems import ContentError, Problem, line_of
from .schema import PARTNER_KINDS, UNIT_KEYS, UNIT_KINDS
from .unit_history import (
    UnitName,
    history_problems,
    read_history,
    shared_name_problems,
)
from .unit_names import expand_abbreviations, is_generic

GLOSSARY_KINDS = ("title", "body", "phrase")
UNIT_FIELDS = tuple(key.name for key in UNIT_KEYS)
PERSON_FIELDS = ("key", "name", "aliases")
GLOSSARY_FIELDS = ("vi", "en", "kind")


@dataclass(frozen=True, eq=False)
class Unit:
    """A Youth Union unit (or a partner body it works with), with its history.

    A unit is its key: the same unit seen at two dates (``as_of``) is equal.
    ``until`` is set on a dated copy whose name, or the unit itself, ended.
    """

    key: str
    name: str
    name_en: str = ""
    short: str = ""
    kind: str = ""
    parent: str | None = None
    aliases: tuple[str, ...] = ()
    names: tuple[UnitName, ...] = ()  # former (or later) names, by date
    founded: date | None = None
    ended: date | None = None
    successor: str | None = None  # the key of the unit that took over
    merged: bool = False  # the successor was written as ``merged_into``
    predecessors: tuple[str, ...] = ()
    until: date | None = None

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Unit) and other.key == self.key

    def __hash__(self) -> int:
        return hash(("unit", self.key))

    @property
    def is_partner(self) -> bool:
        """Return whether this is a partner body (Party, agency…), not a Đoàn unit."""
        return self.kind in PARTNER_KINDS

    def display_name(self, lang: str) -> str:
        """Return the unit's name in ``lang`` (the Vietnamese name if untranslated)."""
        return self.name_en if lang == "en" and self.name_en else self.name

    def existed_on(self, day: date) -> bool:
        """Return whether the unit existed on ``day`` (founded, not yet ended)."""
        return (self.founded is None or self.founded <= day) and (
            self.ended is None or day <= self.ended
        )

    def as_of(self, day: date) -> Unit:
        """Return the unit as named on ``day``, ``until`` the end of that name."""
        for former in self.names:
            if former.covers(day):
                return replace(
                    self,
                    name=former.name,
                    name_en=former.name_en or self.name_en,
                    until=former.end or self.ended,
                )
        return replace(self, until=self.ended) if self.ended else self


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
    _unit_names: dict[str, list[str]] = field(default_factory=dict)
    _person_names: dict[str, list[str]] = field(default_factory=dict)
    _children: dict[str, list[str]] = field(default_factory=dict)
    _listed_as_predecessor: dict[str, str] = field(default_factory=dict)
    _ended: list[Unit] | None = field(default=None, repr=False)
    _suggestions: list | None = field(default=None, repr=False)

    def find_unit(self, reference: str) -> Unit | None:
        """Return the unit ``reference`` names alone (key, name or alias).

        A generic name ("Huyện đoàn") or one shared by several units is never
        resolved here, even when one unit registered it: the post's other
        facts decide (``unit_candidates``, ``model.py``).
        """
        keys = self._unit_names.get(match_key(str(reference)), [])
        if len(keys) != 1:
            return None
        unit = self.units[keys[0]]
        if is_generic(str(reference)) and match_key(unit.key) != match_key(
            str(reference)
        ):
            return None
        return unit

    def unit_candidates(self, reference: str) -> list[Unit]:
        """Return every unit that ``reference`` could mean, in registry order."""
        keys = self._unit_names.get(match_key(str(reference)), [])
        return [self.units[key] for key in keys]

    def find_person(self, reference: str) -> Person | None:
        """Return the person a post means by ``reference`` (key, name or alias)."""
        keys = self._person_names.get(match_key(str(reference)), [])
        return self.people[keys[0]] if len(keys) == 1 else None

    def people_named(self, reference: str) -> list[Person]:
        """Return every person ``reference`` could mean (several for namesakes)."""
        keys = self._person_names.get(match_key(str(reference)), [])
        return [self.people[key] for key in keys]

    def suggest_unit(self, reference: str) -> Unit | None:
        """Return the registered unit whose name is closest to ``reference``."""
        found = self.unit_suggestion(reference)
        return found[0] if found else None

    def unit_suggestion(self, reference: str) -> tuple[Unit, str] | None:
        """Return the unit closest to ``reference`` and the name of it that is.

        Abbreviations are written out on both sides first, so "T.Ư Đoàn"
        suggests "Trung ương Đoàn" and "Q.Đoàn Tân Bình" "Quận Đoàn Tân Bình".
        """
        wanted = (
            fold_diacritics(expand_abbreviations(str(reference))),
            fold_diacritics(match_key(str(reference))),
        )
        close: list[tuple[float, int, str, str]] = []
        matcher = difflib.SequenceMatcher()
        for side, mine in enumerate(wanted):
            matcher.set_seq2(mine)  # difflib caches what it learns of seq2
            for position, (name, key, forms) in enumerate(self._suggestible()):
                matcher.set_seq1(forms[side])
                if (
                    matcher.real_quick_ratio() >= 0.75
                    and matcher.quick_ratio() >= 0.75
                    and (score := matcher.ratio()) >= 0.75
                ):
                    close.append((-score, position, key, name))
        if not close:
            return None
        _, _, key, name = min(close)
        unit = self.units[key]
        shown = next(
            (n for n in self._written_names(unit) if match_key(n) == name), unit.name
        )
        return unit, shown

    def _suggestible(self) -> list[tuple[str, str, tuple[str, str]]]:
        """Return each name of one unit with its key and compared forms (cached).

        A shared name suggests nothing, and keys are not names.
        """
        if self._suggestions is None:
            self._suggestions = [
                (
                    name,
                    keys[0],
                    (
                        fold_diacritics(expand_abbreviations(name)),
                        fold_diacritics(name),
                    ),
                )
                for name, keys in self._unit_names.items()
                if len(keys) == 1 and name != keys[0]
            ]
        return self._suggestions

    @staticmethod
    def _written_names(unit: Unit) -> tuple[str, ...]:
        """Return every name of ``unit`` as the registry writes it."""
        return (
            unit.name,
            unit.short,
            *unit.aliases,
            *(former.name for former in unit.names),
        )

    def ended_units(self) -> list[Unit]:
        """Return the units that have ended (computed once per registry)."""
        if self._ended is None:
            self._ended = [u for u in self.units.values() if u.ended]
        return self._ended

    def descendants(self, key: str) -> list[str]:
        """Return the keys of every unit below ``key``."""
        found: list[str] = []
        stack = list(self._children.get(key, ()))
        while stack:
            child = stack.pop()
            if child not in found and child != key:
                found.append(child)
                stack.extend(self._children.get(child, ()))
        return found

    def predecessors_of(self, key: str) -> list[Unit]:
        """Return the units ``key`` continues: declared, or naming it successor."""
        keys = list(self.units[key].predecessors) if key in self.units else []
        keys += [k for k, u in self.units.items() if u.successor == key]
        return [self.units[k] for k in dict.fromkeys(keys) if k in self.units]

    def successors(self, key: str) -> list[Unit]:
        """Return the units that took over from ``key``, nearest first."""
        chain: list[Unit] = []
        seen = {key}
        following = self.successor_of(key)
        while following is not None and following.key not in seen:
            seen.add(following.key)
            chain.append(following)
            following = self.successor_of(following.key)
        return chain

    def successor_of(self, key: str) -> Unit | None:
        """Return the unit that took over from ``key``: its own ``successor``,
        else the unit that lists it among its ``predecessors``."""
        unit = self.units.get(key)
        if unit is None:
            return None
        if unit.successor:
            return self.units.get(unit.successor)
        listing = self._listed_as_predecessor.get(key)
        return self.units.get(listing) if listing and listing != key else None

    def filed_under(self, keys: list[str], follow_history: bool = True) -> list[str]:
        """Return the unit keys a post naming ``keys`` is listed and found under.

        Each unit, its parents, and (with ``follow_history``) the units that
        took over from it and their parents, each once, in that order.
        """
        found: dict[str, None] = {}
        for key in keys:
            if key not in self.units:
                continue
            lines = [key, *(s.key for s in self.successors(key))]
            for each in lines if follow_history else lines[:1]:
                for ancestor in self.ancestors(each):
                    found.setdefault(ancestor.key)
                found.setdefault(each)
        return list(found)

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
        self._ended = self._suggestions = None
        _index(self._unit_names, unit.key, (unit.key, *self._written_names(unit)))
        if unit.parent:
            self._children.setdefault(unit.parent, []).append(unit.key)
        for predecessor in unit.predecessors:
            self._listed_as_predecessor.setdefault(predecessor, unit.key)

    def add_person(self, person: Person) -> None:
        """Register ``person`` and their names (namesakes share a name)."""
        self.people[person.key] = person
        _index(
            self._person_names, person.key, (person.key, person.name, *person.aliases)
        )


def _index(names: dict[str, list[str]], key: str, references: tuple[str, ...]) -> None:
    """Add every non-empty reference of entry ``key`` to a names index."""
    for reference in references:
        if reference:
            owners = names.setdefault(match_key(reference), [])
            if key not in owners:
                owners.append(key)


def _closest(reference: str, names: dict[str, list[str]]) -> str | None:
    """Return the key of the registered name closest to ``reference``, if close.

    Names are compared without diacritics (Đ → D), so "Quan Doan Tan Bnh"
    finds "Quận Đoàn Tân Bình".
    """
    folded: dict[str, str] = {}
    for name, keys in names.items():
        folded.setdefault(fold_diacritics(name), keys[0])
    wanted = fold_diacritics(match_key(str(reference)))
    match = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.75)
    return folded[match[0]] if match else None


@dataclass
class _Entry:
    """One registry entry with the lines of its fields, for precise problems."""

    path: str
    index: int
    data: dict[str, Any]
    lines: dict[tuple, int]

    def line(self, name: str = "") -> int:
        """Return the line of field ``name`` (or of the entry)."""
        return line_of(self.lines, (self.index, name) if name else (self.index,))

    def problem(self, name: str, message: Message) -> Problem:
        """Return a problem with field ``name`` of this entry."""
        return Problem(self.path, self.line(name), name, message)

    def text(self, name: str) -> str:
        """Return field ``name`` as stripped text ('' when absent)."""
        value = self.data.get(name)
        return "" if value is None else str(value).strip()


def load_registry(data_dir: Path, root: Path | None = None) -> Registry:
    """Read the registries in ``data_dir``; raise ContentError if any is wrong."""
    registry, problems = read_registry(data_dir, root)
    if problems:
        raise ContentError(problems)
    return registry


REGISTRY_FILES = ("units.yml", "people.yml", "glossary.yml")
# (data folder, root, each file's bytes) -> what reading them gave
_last_read: dict[tuple, tuple[Registry, list[Problem]]] = {}


def _file_bytes(path: Path, max_bytes: int) -> bytes | int | None:
    """Return a file's bytes, its size when over ``max_bytes``, None if unreadable."""
    try:
        size = path.stat().st_size
        return size if size > max_bytes else path.read_bytes()
    except OSError:
        return None


DEFAULT_MAX_BYTES = 16 * 1024 * 1024  # CONTENT_MODEL_MAX_REGISTRY_BYTES


def read_registry(
    data_dir: Path,
    root: Path | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> tuple[Registry, list[Problem]]:
    """Read ``units.yml``, ``people.yml`` and ``glossary.yml`` from ``data_dir``.

    Return the registry of every valid entry, and the problems of the others,
    so that one wrong entry does not make every post's references unknown.
    Files unchanged since the last call are not parsed again: a ``make
    devserver`` rebuild reuses the previous build's registry (nothing changes
    a registry once it is loaded). A file over ``max_bytes`` or nested deeper
    than ``max_depth`` is refused before it is parsed.
    """
    key = (
        str(data_dir),
        str(root),
        max_bytes,
        max_depth,
        tuple(_file_bytes(data_dir / name, max_bytes) for name in REGISTRY_FILES),
    )
    if key not in _last_read:
        _last_read.clear()
        _last_read[key] = _read_registry_files(data_dir, root, max_bytes, max_depth)
    registry, problems = _last_read[key]
    return registry, list(problems)


def _read_registry_files(
    data_dir: Path, root: Path | None, max_bytes: int, max_depth: int
) -> tuple[Registry, list[Problem]]:
    registry = Registry()
    problems: list[Problem] = []

    def shown(path: Path) -> str:
        return content_label(path, root)

    units, people, glossary = (
        _read_entries(data_dir / name, shown, problems, max_bytes, max_depth)
        for name in REGISTRY_FILES
    )
    _load_units(registry, units, problems)
    _load_people(registry, people, problems)
    _load_glossary(registry, glossary, problems)
    return registry, problems


def _read_entries(
    path: Path,
    shown: Callable[[Path], str],
    problems: list[Problem],
    max_bytes: int,
    max_depth: int,
) -> list[_Entry]:
    """Return the entries of one registry file, reporting what cannot be read."""
    name = shown(path)
    if not path.exists():
        problems.append(Problem(name, 0, "", Message("the registry file is missing")))
        return []
    size = path.stat().st_size
    if size > max_bytes:
        problems.append(
            Problem(
                name,
                1,
                "file",
                Message(
                    "%(limit)s: raise that setting in pelicanconf.py if the registry "
                    "is right",
                    limit=over_limit(
                        Message("registry"),
                        size,
                        max_bytes,
                        "CONTENT_MODEL_MAX_REGISTRY_BYTES",
                    ),
                ),
            )
        )
        return []
    try:
        data, lines, duplicates = load_yaml(
            decode(path.read_bytes(), name), name, max_depth
        )
    except ContentError as error:
        problems += error.problems
        return []
    for key_path, line in duplicates:
        problems.append(
            Problem(
                name,
                line,
                str(key_path[-1]),
                Message(
                    "this field is given twice in one entry (first on line "
                    "%(first)s): keep one",
                    first=lines.get(key_path),
                ),
            )
        )
    if data is None:
        return []
    if not isinstance(data, list):
        problems.append(
            Problem(
                name, 1, "", Message("a registry is a list of entries, each '- key: …'")
            )
        )
        return []
    entries = []
    for index, entry in enumerate(data):
        if not isinstance(entry, dict):
            problems.append(
                Problem(
                    name,
                    lines.get((index,), 1),
                    "",
                    Message("each entry is a block of 'field: value' lines"),
                )
            )
            continue
        entries.append(_Entry(name, index, entry, lines))
    return entries


def _check_fields(entry: _Entry, known: tuple[str, ...]) -> list[Problem]:
    """Report fields an entry should not have (typos, mostly) or of a wrong type."""
    problems = []
    for name, value in entry.data.items():
        if name not in known:
            guess = difflib.get_close_matches(str(name), known, n=1)
            hint = Message('; did you mean "%(name)s"?', name=guess[0]) if guess else ""
            problems.append(
                entry.problem(
                    str(name),
                    Message(
                        "unknown field%(hint)s (fields: %(fields)s)",
                        hint=hint,
                        fields=", ".join(known),
                    ),
                )
            )
        elif name == "names":
            continue  # a list of blocks: checked by unit_history
        elif name in ("aliases", "predecessors"):
            if not isinstance(value, (list, str)) or (
                isinstance(value, list)
                and any(isinstance(v, (dict, list)) or v is None for v in value)
            ):
                problems.append(
                    entry.problem(
                        name, Message("must be a list of names: [first, second]")
                    )
                )
        elif isinstance(value, (dict, list)):
            problems.append(
                entry.problem(name, Message("must be text, not a list or a block"))
            )
        if name in known:
            problems += _check_texts(entry, str(name), value)
    return problems


def _check_texts(entry: _Entry, name: str, value: Any) -> list[Problem]:
    """Report markup or control characters in a field's text (or its list's)."""
    items = list(enumerate(value)) if isinstance(value, list) else [(None, value)]
    problems = []
    for index, item in items:
        message = (
            text_problem(item, Message("a registry")) if isinstance(item, str) else None
        )
        if message:
            at = (entry.index, name) if index is None else (entry.index, name, index)
            label = name if index is None else f"{name}[{index + 1}]"
            problems.append(
                Problem(entry.path, line_of(entry.lines, at), label, message)
            )
    return problems


def _aliases(value: Any) -> tuple[str, ...]:
    """Return aliases as a tuple of strings."""
    if isinstance(value, str):
        return (value,)
    if isinstance(value, list):
        return tuple(str(v) for v in value if isinstance(v, (str, int)))
    return ()


def _key_and_name(entry: _Entry, what: Message, problems: list) -> tuple[str, str]:
    """Return an entry's key and name, or ("", "") reporting the one missing."""
    key, name = entry.text("key"), entry.text("name")
    if key and name:
        return key, name
    missing = "key" if not key else "name"
    problems.append(
        entry.problem(
            missing,
            Message(
                "a %(what)s needs both 'key' and 'name' (%(missing)s is missing)",
                what=what,
                missing=missing,
            ),
        )
    )
    return "", ""


def _load_units(registry: Registry, entries: list[_Entry], problems: list) -> None:
    """Validate and register units: keys, names, kinds, parents, history, clashes."""
    keys: dict[str, _Entry] = {}
    for entry in entries:
        problems += _check_fields(entry, UNIT_FIELDS)
        key, name = _key_and_name(entry, Message("unit"), problems)
        if not key:
            continue
        short = entry.text("short")
        history = read_history(entry, problems)
        former = tuple(n.name for n in history.names)
        problems += _check_key(entry, key, name, keys, Message("unit"), short, former)
        kind = entry.data.get("kind")
        if kind is not None and kind not in UNIT_KINDS:
            problems.append(
                entry.problem(
                    "kind",
                    Message(
                        'unknown kind "%(kind)s": use one of %(kinds)s',
                        kind=kind,
                        kinds=", ".join(UNIT_KINDS),
                    ),
                )
            )
        unit = Unit(
            key=key,
            name=name,
            name_en=entry.text("name_en"),
            short=short,
            kind=str(kind or ""),
            parent=entry.text("parent") or None,
            aliases=_aliases(entry.data.get("aliases")),
            names=history.names,
            founded=history.founded,
            ended=history.ended,
            successor=history.successor,
            merged=history.merged,
            predecessors=history.predecessors,
        )
        if key in registry.units:
            continue  # reported by _check_key; never merge two entries
        registry.add_unit(unit)
    problems += shared_name_problems(registry, keys)
    for key, unit in registry.units.items():
        entry = keys[key]
        if unit.parent and unit.parent not in registry.units:
            others = [k for k in registry.units if k != key]
            hint = difflib.get_close_matches(unit.parent, others, n=1)
            suggestion = (
                Message('; did you mean "%(name)s"?', name=hint[0]) if hint else ""
            )
            problems.append(
                entry.problem(
                    "parent",
                    Message(
                        'unknown parent unit "%(parent)s"%(hint)s',
                        parent=unit.parent,
                        hint=suggestion,
                    ),
                )
            )
        elif unit.parent and key in {u.key for u in registry.ancestors(key)}:
            problems.append(
                entry.problem(
                    "parent", Message("the parent chain loops back to this unit")
                )
            )
        problems += history_problems(registry, unit, entry)


def _load_people(registry: Registry, entries: list[_Entry], problems: list) -> None:
    """Validate and register people."""
    keys: dict[str, _Entry] = {}
    for entry in entries:
        problems += _check_fields(entry, PERSON_FIELDS)
        key, name = _key_and_name(entry, Message("person"), problems)
        if not key:
            continue
        problems += _check_key(entry, key, name, keys, Message("person"))
        if key in registry.people:
            continue
        registry.add_person(
            Person(key=key, name=name, aliases=_aliases(entry.data.get("aliases")))
        )


def _load_glossary(registry: Registry, entries: list[_Entry], problems: list) -> None:
    """Validate and register glossary terms; a term has one rendering."""
    seen: dict[str, _Entry] = {}
    for entry in entries:
        problems += _check_fields(entry, GLOSSARY_FIELDS)
        vi, en = entry.text("vi"), entry.text("en")
        if not vi or not en:
            missing = "vi" if not vi else "en"
            problems.append(
                entry.problem(
                    missing, Message("a glossary entry needs both 'vi' and 'en'")
                )
            )
            continue
        kind = entry.data.get("kind", "phrase")
        if kind not in GLOSSARY_KINDS:
            problems.append(
                entry.problem(
                    "kind",
                    Message(
                        'unknown kind "%(kind)s": use one of %(kinds)s',
                        kind=kind,
                        kinds=", ".join(GLOSSARY_KINDS),
                    ),
                )
            )
        first = seen.setdefault(match_key(vi), entry)
        if first is not entry:
            problems.append(
                entry.problem(
                    "vi",
                    Message(
                        '"%(term)s" is already in the glossary (line %(line)s): a '
                        "term has one English rendering",
                        term=vi,
                        line=first.line(),
                    ),
                )
            )
            continue
        registry.glossary.append(GlossaryEntry(vi, en, str(kind)))


def _check_key(
    entry: _Entry,
    key: str,
    name: str,
    keys: dict[str, _Entry],
    what: Message,
    short: str = "",
    former: tuple[str, ...] = (),
) -> list[Problem]:
    """Check that ``key`` is the slug of one of its names, and unique.

    The names are the name, the short name and (units) every former name, so
    a renamed unit keeps its key and its URLs. A namesake may extend the slug
    ("nguyen-van-hung-quang-ninh"). Two entries
    whose keys collide ("Dương", "Đường" → "duong") would share one URL: that
    is an error, never a silent merge.
    """
    problems = []
    slug = slugify(name)
    allowed = {slugify(n) for n in (name, short, *former) if n}
    if key not in allowed and not any(key.startswith(f"{a}-") for a in allowed):
        problems.append(
            entry.problem(
                "key",
                Message(
                    'the key of "%(name)s" must be its ASCII slug "%(slug)s" '
                    '(or "%(slug)s-…" for a namesake), not "%(key)s"',
                    name=name,
                    slug=slug,
                    key=key,
                ),
            )
        )
    elif key != slugify(key):
        problems.append(
            entry.problem("key", Message('"%(key)s" is not a slug', key=key))
        )
    other = keys.setdefault(key, entry)
    if other is not entry:
        other_name = other.text("name")
        reason = (
            Message("is listed twice")
            if match_key(other_name) == match_key(name)
            else Message(
                'and "%(other)s" (line %(line)s) both give the key "%(key)s"',
                other=other_name,
                line=other.line(),
                key=key,
            )
        )
        problems.append(
            entry.problem(
                "key",
                Message(
                    '"%(name)s" %(reason)s: two %(what)s entries must not share a '
                    'key; give one a longer key such as "%(key)s-…" (a place or a '
                    "year)",
                    name=name,
                    reason=reason,
                    what=what,
                    key=key,
                ),
            )
        )
    return problems
