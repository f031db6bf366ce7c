"""The event model: resolve each post's front matter against the registries.

Runs once all posts are read. Vietnamese originals carry the facts; each
English translation receives the same facts from its original, with its own
role and caption texts. Problems are collected, never raised one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from vietnamese import DateParseError, parse_datetime, parse_event_time

from .problems import ERROR, Problem, field_label, line_of
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
    lead: bool = False  # shown at the top of the post and on its cards


@dataclass
class PostFacts:
    """The resolved facts of one post (shared by an original and its translation)."""

    event: Event | None = None
    units: list[Unit] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    attendees: list[Attendance] = field(default_factory=list)
    photos: list[Photo] = field(default_factory=list)


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
    """Return the unit ``reference`` names, or report it with a suggestion."""
    unit = registry.find_unit(reference)
    if unit is None:
        guess = registry.suggest_unit(reference)
        hint = (
            f'; did you mean "{guess.name}" ({guess.key})?'
            if guess
            else ": add it to content/data/units.yml"
        )
        problems.append(locate.problem(where, f'unknown unit "{reference}"{hint}'))
    return unit


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
    post: PostLike, registry: Registry, content_root: Path, timezone: str
) -> tuple[PostFacts, list[Problem]]:
    """Resolve the facts of a Vietnamese post; return them and any problems."""
    data = post.metadata.get("frontmatter", {})
    locate = Locator(post)
    problems: list[Problem] = []
    facts = PostFacts()
    for index, reference in _references(data.get("units")):
        where = ("units",) if index is None else ("units", index)
        unit = _unit(registry, reference, where, locate, problems)
        if unit and unit not in facts.units:
            facts.units.append(unit)
    event = data.get("event") if isinstance(data.get("event"), dict) else {}
    facts.event = _event(post, event, registry, timezone, locate, problems)
    organizer = facts.event.organizer
    if organizer and organizer not in facts.units:
        facts.units.append(organizer)
    for index, item in _entries(data, "speakers"):
        name = _text(item.get("name"))
        where = ("speakers", index, "name")
        person = _person(registry, name, where, locate, problems) if name else None
        unit = None
        if _text(item.get("unit")):
            where = ("speakers", index, "unit")
            unit = _unit(registry, _text(item["unit"]), where, locate, problems)
        if person is not None:
            facts.speakers.append(
                Speaker(
                    person,
                    _text(item.get("role")) or "",
                    unit,
                    item.get("part") or "speaker",
                )
            )
    for _index, item in _entries(data, "attendees"):
        count = item.get("count")
        valid = isinstance(count, int) and not isinstance(count, bool) and count > 0
        facts.attendees.append(
            Attendance(_text(item.get("group")) or "", count if valid else None)
        )
    lead_position = None
    for index, item in _entries(data, "photos"):
        if item.get("lead") is True:
            if lead_position is None:
                lead_position = index + 1
            else:
                problems.append(
                    locate.problem(
                        ("photos", index, "lead"),
                        f"only one photo can be the lead; photo {lead_position} "
                        "already is: remove one of the two `lead: true`",
                    )
                )
        photo = _photo(item, ("photos", index), content_root, locate, problems)
        if photo:
            facts.photos.append(photo)
    return facts, problems


def _event(
    post: PostLike,
    event: dict,
    registry: Registry,
    timezone: str,
    locate: Locator,
    problems: list[Problem],
) -> Event:
    """Return the post's event: its own date and time, or the publication date's."""
    organizer = None
    if _text(event.get("organizer")):
        where = ("event", "organizer")
        organizer = _unit(registry, _text(event["organizer"]), where, locate, problems)
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
    return Event(event_date, time, _text(event.get("place")), organizer)


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
        lead=item.get("lead") is True,
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
        Photo(p.src, p.alt, p.caption, captions.get(i + 1), p.line, p.lead)
        for i, p in enumerate(facts.photos)
    ]
    translated = PostFacts(facts.event, facts.units, speakers, facts.attendees, photos)
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
