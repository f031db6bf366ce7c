"""The event model: resolve each post's front matter against the registries.

Runs once all posts are read. Vietnamese originals carry the facts; each
English translation receives the same facts from its original, with its own
role and caption texts. Problems are collected, never raised one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from vietnamese import DateParseError, match_key, parse_datetime, parse_event_time

from .problems import ERROR, NOTICE, Problem, field_label, line_of
from .registry import Person, Registry, Unit


@dataclass(frozen=True)
class Event:
    """When and where an event took place, and who organised it."""

    date: date
    time: str | None = None
    place: str | None = None
    organizer: Unit | None = None


@dataclass(frozen=True)
class Speaker:
    """A person named at an event, with their role at that time."""

    person: Person
    role: str
    unit: Unit | None = None
    part: str = "speaker"
    role_en: str | None = None


@dataclass(frozen=True)
class Attendance:
    """A group that attended, with its head count when known."""

    group: str
    count: int | None = None


@dataclass(frozen=True)
class Photo:
    """A photo of the post, by its path under ``content/``."""

    src: str
    alt: str
    caption: str | None = None
    caption_en: str | None = None
    line: int = 0


@dataclass
class PostFacts:
    """The resolved facts of one post (shared by an original and its translation)."""

    event: Event | None = None
    units: list[Unit] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    attendees: list[Attendance] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)
    # The unit keys the post is listed and found under: its units, their
    # parents and (by default) the units that took over from them.
    filed_under: list[str] = field(default_factory=list)


@dataclass
class RefusedPost:
    """What the model needs of a post the reader refused, to check the others.

    A refused original still owns its slug (its translation is not reported
    as orphaned), and a refused translation is still compared with its
    original, so that one run reports every problem.
    """

    metadata: dict
    source_path: str
    slug: str | None
    lang: str
    status: str
    date: datetime | None
    facts: PostFacts | None = None


class PostLike(Protocol):
    """What the model reads of a post: a Pelican Article or a RefusedPost."""

    metadata: dict
    source_path: str
    date: datetime | None


class Locator:
    """Turn a key path of one post into a Problem at the right line."""

    def __init__(self, post: PostLike):
        self.path = post.metadata.get("source_label", post.source_path)
        self.lines = post.metadata.get("frontmatter_lines", {})

    def line(self, key_path: tuple) -> int:
        """Return the line of the key at ``key_path`` (or of its nearest parent)."""
        return line_of(self.lines, key_path)

    def problem(self, key_path: tuple, message: str, level: str = ERROR) -> Problem:
        """Return a problem with the key at ``key_path``."""
        return Problem(
            self.path, self.line(key_path), field_label(key_path), message, level
        )


def _text(value: Any) -> str | None:
    """Return a scalar as stripped text, or None."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    return str(value).strip() or None


def _unit(
    registry: Registry,
    reference: str,
    where: tuple,
    locate: Locator,
    problems: list[Problem],
) -> Unit | None:
    """Return the unit ``reference`` names alone, or report an unknown one.

    A generic or shared name is left for ``_resolve_generic`` (no problem yet).
    """
    unit = registry.find_unit(reference)
    if unit is None and not registry.unit_candidates(reference):
        found = registry.unit_suggestion(reference)
        hint = (
            f'; did you mean "{found[1]}" ({found[0].key})?'
            if found
            else ": add it to content/data/units.yml"
        )
        problems.append(locate.problem(where, f'unknown unit "{reference}"{hint}'))
    return unit


def _resolve_generic(
    registry: Registry,
    reference: str,
    where: tuple,
    known: list[Unit],
    locate: Locator,
    problems: list[Problem],
) -> Unit | None:
    """Resolve a generic or shared name by the post's other units, or report it.

    The one candidate among the post's units wins; else the one among their
    parents and sub-units. Never the first unit that registered the name.
    """
    candidates = registry.unit_candidates(reference)
    named = {u.key for u in known}
    related = set(named)
    for unit in known:
        related.update(u.key for u in registry.ancestors(unit.key))
        related.update(registry.descendants(unit.key))
    for circle in (named, related):
        inside = [c for c in candidates if c.key in circle]
        if len(inside) == 1:
            return inside[0]
        if len(inside) > 1:
            candidates = inside
            break
    listed = "; ".join(f'{c.key} ("{c.name}")' for c in candidates)
    if len(candidates) == 1:
        message = (
            f'"{reference}" is a generic name and no other unit of this post '
            f"shows which one it means: write the key or the full name ({listed}),"
            " or add your own unit to content/data/units.yml"
        )
    else:
        message = (
            f'"{reference}" could mean {len(candidates)} units: {listed}; write '
            "the key or the full name of the one you mean"
        )
    problems.append(locate.problem(where, message))
    return None


def _person(
    registry: Registry,
    reference: str,
    where: tuple,
    locate: Locator,
    problems: list[Problem],
) -> Person | None:
    """Return the person ``reference`` names, or report it with a suggestion."""
    person = registry.find_person(reference)
    if person is not None:
        return person
    namesakes = registry.people_named(reference)
    if namesakes:
        keys = ", ".join(p.key for p in namesakes)
        message = (
            f'"{reference}" names {len(namesakes)} people ({keys}): write the key '
            "of the one you mean"
        )
    else:
        guess = registry.suggest_person(reference)
        hint = (
            f'; did you mean "{guess.name}" ({guess.key})?'
            if guess
            else ": add them to content/data/people.yml"
        )
        message = f'unknown person "{reference}"{hint}'
    problems.append(locate.problem(where, message))
    return None


def _entries(data: dict, key: str) -> list[tuple[int, dict]]:
    """Return the well-formed entries of a list key with their indexes."""
    value = data.get(key)
    if not isinstance(value, list):
        return []
    return [(i, item) for i, item in enumerate(value) if isinstance(item, dict)]


def _references(value: Any) -> list[tuple[int | None, str]]:
    """Return the names of a names key (list or single text) with their indexes."""
    if isinstance(value, list):
        return [(i, t) for i, t in enumerate(map(_text, value)) if t]
    text = _text(value)
    return [(None, text)] if text else []


def resolve_original(
    post: PostLike,
    registry: Registry,
    content_root: Path,
    timezone: str,
    follow_history: bool = True,
) -> tuple[PostFacts, list[Problem]]:
    """Resolve the facts of a Vietnamese post; return them and any problems.

    Units are shown as named on the event's day; ``follow_history`` files the
    post under the units that later took over from them too (``filed_under``).
    """
    data = post.metadata.get("frontmatter", {})
    locate = Locator(post)
    problems: list[Problem] = []
    facts = PostFacts()
    event = data.get("event") if isinstance(data.get("event"), dict) else {}
    # Every unit reference with where it is written; generic ones wait for
    # the others, which tell them apart.
    references: list[tuple[tuple, str]] = [
        (("units",) if index is None else ("units", index), reference)
        for index, reference in _references(data.get("units"))
    ]
    if _text(event.get("organizer")):
        references.append((("event", "organizer"), _text(event["organizer"])))
    speakers = _entries(data, "speakers")
    for index, item in speakers:
        if _text(item.get("unit")):
            references.append((("speakers", index, "unit"), _text(item["unit"])))
    resolved: dict[tuple, Unit | None] = {
        where: _unit(registry, reference, where, locate, problems)
        for where, reference in references
    }
    known = [u for u in resolved.values() if u is not None]
    for where, reference in references:
        if resolved[where] is None and registry.unit_candidates(reference):
            resolved[where] = _resolve_generic(
                registry, reference, where, known, locate, problems
            )
    facts.event = _event(post, event, timezone)
    # A refused post without a readable date has no day to check units against.
    day = facts.event.date if _has_date(data, event) else None
    if day is not None:
        problems += _dated_problems(data, resolved, day, locate)

    def dated(unit: Unit | None) -> Unit | None:
        return unit.as_of(day) if unit is not None and day is not None else unit

    for where, _reference in references:
        unit = resolved[where]
        if where[0] == "units" and unit and unit not in facts.units:
            facts.units.append(dated(unit))
    organizer = dated(resolved.get(("event", "organizer")))
    facts.event = replace(facts.event, organizer=organizer)
    if organizer and organizer not in facts.units:
        facts.units.append(organizer)
    for index, item in speakers:
        name = _text(item.get("name"))
        where = ("speakers", index, "name")
        person = _person(registry, name, where, locate, problems) if name else None
        unit = dated(resolved.get(("speakers", index, "unit")))
        if person is not None:
            role = _text(item.get("role")) or ""
            if day is not None:
                problems += _ended_in_role(registry, role, day, index, locate)
            facts.speakers.append(
                Speaker(person, role, unit, item.get("part") or "speaker")
            )
    facts.filed_under = registry.filed_under(
        [u.key for u in facts.units], follow_history
    )
    for _index, item in _entries(data, "attendees"):
        count = item.get("count")
        valid = isinstance(count, int) and not isinstance(count, bool) and count > 0
        facts.attendees.append(
            Attendance(_text(item.get("group")) or "", count if valid else None)
        )
    for index, item in _entries(data, "photos"):
        photo = _photo(item, ("photos", index), content_root, locate, problems)
        if photo:
            facts.photos.append(photo)
    return facts, problems


def _has_date(data: dict, event: dict) -> bool:
    """Return whether the post gives a day its units can be checked against."""
    for value in (event.get("date"), data.get("date")):
        if value:
            try:
                parse_datetime(value)
                return True
            except DateParseError:
                pass
    return False


def _dated_problems(
    data: dict, resolved: dict[tuple, Unit | None], day: date, locate: Locator
) -> list[Problem]:
    """Report units named on a day they did not exist, unless ``units_note`` says why.

    A post about Quận Đoàn Tân Bình dated after 30/6/2025 is most likely a
    slip (the district level ended); a retrospective post explains itself in
    ``units_note:``.
    """
    if _text(data.get("units_note")):
        return []
    problems = []
    for where, unit in resolved.items():
        if unit is None or unit.existed_on(day):
            continue
        when = f"{day:%d/%m/%Y}"
        if unit.ended and day > unit.ended:
            fact = f"ended on {unit.ended:%d/%m/%Y}"
            hint = f' (its successor is "{unit.successor}")' if unit.successor else ""
        else:
            fact = f"was founded on {unit.founded:%d/%m/%Y}"
            hint = ""
        problems.append(
            locate.problem(
                where,
                f'"{unit.name}" {fact}, but this post\'s event is on {when}{hint}: '
                "check the date and the unit, or say why the post names it in "
                "'units_note:'",
            )
        )
    return problems


def _ended_in_role(
    registry: Registry, role: str, day: date, index: int, locate: Locator
) -> list[Problem]:
    """Return a notice when a speaker's role names a unit that had ended by ``day``.

    A role written as former ("nguyên Bí thư …") is what it should be.
    """
    if not role or match_key(role).startswith("nguyên"):
        return []
    text = f" {match_key(role)} "
    for unit in registry.ended_units():
        if unit.ended is None or day <= unit.ended:
            continue
        for name in (unit.name, *(former.name for former in unit.names)):
            if f" {match_key(name)} " in text:
                return [
                    locate.problem(
                        ("speakers", index, "role"),
                        f'the role names "{name}", which ended on '
                        f"{unit.ended:%d/%m/%Y}, before this event: if it is a "
                        "former role, write it as such (nguyên …)",
                        NOTICE,
                    )
                ]
    return []


def _event(post: PostLike, event: dict, timezone: str) -> Event:
    """Return the post's event: its own date and time, or the publication date's.

    The organizer is set by ``resolve_original`` once units are resolved.
    """
    event_date = post.date.date()
    try:
        if event.get("date"):
            event_date = parse_datetime(event["date"], tz=timezone).date()
    except DateParseError:
        pass  # reported by the reader
    try:
        time = parse_event_time(event.get("time"))
    except DateParseError:
        time = None  # reported by the reader
    return Event(event_date, time, _text(event.get("place")), None)


def _photo(
    item: dict,
    where: tuple,
    content_root: Path,
    locate: Locator,
    problems: list[Problem],
) -> Photo | None:
    """Return a Photo if its file exists under ``content/``, else report it."""
    src = _text(item.get("src"))
    if src is None:
        return None  # reported by the reader
    root = content_root.resolve()
    target = (root / src).resolve()
    if not target.is_relative_to(root):
        problems.append(
            locate.problem(
                (*where, "src"),
                f'the photo "{src}" lies outside content/: copy it into '
                "content/photos/ and write its path from there",
            )
        )
        return None
    if not target.is_file():
        problems.append(
            locate.problem(
                (*where, "src"),
                f'the photo "{src}" does not exist (paths are relative to '
                "content/, e.g. photos/2020/name.jpg)",
            )
        )
        return None
    return Photo(
        src,
        _text(item.get("alt")) or "",
        _text(item.get("caption")),
        line=locate.line(where),
    )


def translate_facts(
    facts: PostFacts, translation: PostLike, original: PostLike | None = None
) -> tuple[PostFacts, list[Problem]]:
    """Return the original's facts with the translation's own roles and captions.

    A translation that contradicts its original (a different date, a role or
    caption for a speaker or photo the original does not have, published
    while the original is a draft) is an error.
    """
    data = translation.metadata.get("frontmatter", {})
    locate = Locator(translation)
    problems: list[Problem] = []
    roles = _positions(data.get("roles"))
    captions = _positions(data.get("captions"))
    for key, given, items, what in (
        ("roles", roles, facts.speakers, "speaker"),
        ("captions", captions, facts.photos, "photo"),
    ):
        for position in given:
            if position > len(items):
                count = len(items)
                has = f"{count or 'no'} {what}{'' if count == 1 else 's'}"
                problems.append(
                    locate.problem(
                        (key, str(position)),
                        f"the original has {has}: there is no {what} {position}",
                    )
                )
    if original is not None:
        problems += _contradictions(translation, original, locate)
    speakers = [
        Speaker(s.person, s.role, s.unit, s.part, roles.get(i + 1))
        for i, s in enumerate(facts.speakers)
    ]
    photos = [
        Photo(p.src, p.alt, p.caption, captions.get(i + 1), p.line)
        for i, p in enumerate(facts.photos)
    ]
    translated = PostFacts(
        facts.event, facts.units, speakers, facts.attendees, photos, facts.filed_under
    )
    return translated, problems


def _positions(value: Any) -> dict[int, str]:
    """Return a roles or captions map with valid positions and texts only."""
    if not isinstance(value, dict):
        return {}
    return {
        position: _text(text)
        for position, text in value.items()
        if isinstance(position, int)
        and not isinstance(position, bool)
        and position > 0
        and _text(text)
    }


def _contradictions(translation: Any, original: Any, locate: Locator) -> list[Problem]:
    """Report where a translation states a fact differently from its original."""
    problems = []
    data = translation.metadata.get("frontmatter", {})
    source = original.metadata.get("source_label", original.source_path)
    dated = data.get("date") is not None and None not in (
        translation.date,
        original.date,
    )
    if dated and translation.date != original.date:
        problems.append(
            locate.problem(
                ("date",),
                f"{translation.date:%Y-%m-%d %H:%M} contradicts the original's "
                f"{original.date:%Y-%m-%d %H:%M} ({source}): remove the date from "
                "the translation",
            )
        )
    if translation.status == "published" and original.status == "draft":
        problems.append(
            locate.problem(
                ("status",),
                f"the translation is published but its original ({source}) is a "
                "draft: publish the original, or add 'status: draft' here",
            )
        )
    return problems
