"""The event model: resolve each post's front matter against the registries.

Runs once all posts are read. Vietnamese originals carry the facts; each
English translation receives the same facts from its original, with its own
role and caption texts. Problems are collected, never raised one by one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from vietnamese import DateParseError, parse_datetime, parse_event_time

from .problems import ERROR, Problem
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


class _Locator:
    """Turn a key path of one post into a Problem at the right line."""

    def __init__(self, post):
        self.path = post.metadata.get("source_label", post.source_path)
        self.lines = post.metadata.get("frontmatter_lines", {})

    def problem(self, key_path: tuple, message: str, level: str = ERROR) -> Problem:
        line, probe = 1, key_path
        while probe:
            if probe in self.lines:
                line = self.lines[probe]
                break
            probe = probe[:-1]
        field_name = ".".join(
            f"{p}" if isinstance(p, str) else f"[{p + 1}]" for p in key_path
        ).replace(".[", "[")
        return Problem(self.path, line, field_name, message, level)


def _unit(
    registry: Registry,
    reference,
    where: tuple,
    locate: _Locator,
    problems: list[Problem],
) -> Unit | None:
    unit = registry.find_unit(reference)
    if unit is None:
        guess = registry.suggest_unit(reference)
        hint = (
            f'; did you mean "{guess.name}" ({guess.key})?'
            if guess
            else (": add it to content/data/units.yml")
        )
        problems.append(locate.problem(where, f'unknown unit "{reference}"{hint}'))
    return unit


def resolve_original(
    post, registry: Registry, content_root: Path, timezone: str
) -> tuple[PostFacts, list[Problem]]:
    """Resolve the facts of a Vietnamese post; return them and any problems."""
    data = post.metadata.get("frontmatter", {})
    locate = _Locator(post)
    problems: list[Problem] = []
    facts = PostFacts()
    units: list[Unit] = []
    for index, reference in enumerate(data.get("units") or []):
        unit = _unit(registry, reference, ("units", index), locate, problems)
        if unit and unit not in units:
            units.append(unit)
    event = data.get("event") or {}
    organizer = None
    if event.get("organizer"):
        organizer = _unit(
            registry, event["organizer"], ("event", "organizer"), locate, problems
        )
        if organizer and organizer not in units:
            units.append(organizer)
    facts.units = units
    try:
        event_date = (
            parse_datetime(event["date"], tz=timezone).date()
            if event.get("date")
            else post.date.date()
        )
        time = (
            parse_event_time(event["time"]) if event.get("time") is not None else None
        )
    except DateParseError:
        event_date, time = post.date.date(), None  # reported by the reader
    facts.event = Event(
        event_date,
        time,
        (str(event["place"]).strip() if event.get("place") else None),
        organizer,
    )
    for index, item in enumerate(data.get("speakers") or []):
        person = registry.find_person(item.get("name", ""))
        if person is None:
            guess = registry.suggest_person(item.get("name", ""))
            hint = (
                f'; did you mean "{guess.name}" ({guess.key})?'
                if guess
                else (": add them to content/data/people.yml")
            )
            problems.append(
                locate.problem(
                    ("speakers", index, "name"),
                    f'unknown person "{item.get("name")}"{hint}',
                )
            )
            continue
        unit = None
        if item.get("unit"):
            unit = _unit(
                registry, item["unit"], ("speakers", index, "unit"), locate, problems
            )
        facts.speakers.append(
            Speaker(
                person,
                str(item.get("role", "")).strip(),
                unit,
                item.get("part") or "speaker",
            )
        )
    facts.attendees = [
        Attendance(str(item["group"]).strip(), item.get("count"))
        for item in data.get("attendees") or []
    ]
    for index, item in enumerate(data.get("photos") or []):
        src = str(item.get("src", "")).strip()
        target = (content_root / src).resolve()
        if not target.is_relative_to(content_root.resolve()):
            problems.append(
                locate.problem(
                    ("photos", index, "src"),
                    f'the photo "{src}" lies outside content/: '
                    "copy it into content/photos/",
                )
            )
            continue
        if not target.is_file():
            problems.append(
                locate.problem(
                    ("photos", index, "src"),
                    f'the photo "{src}" does not exist (paths '
                    "are relative to content/, e.g. "
                    "photos/2020/name.jpg)",
                )
            )
            continue
        facts.photos.append(
            Photo(
                src,
                str(item.get("alt", "")).strip(),
                item.get("caption"),
                line=locate.problem(("photos", index), "").line,
            )
        )
    return facts, problems


def translate_facts(facts: PostFacts, translation) -> tuple[PostFacts, list[Problem]]:
    """Return the original's facts with the translation's own roles and captions."""
    data = translation.metadata.get("frontmatter", {})
    locate = _Locator(translation)
    problems: list[Problem] = []
    roles = data.get("roles") or {}
    captions = data.get("captions") or {}
    for key, items in (("roles", facts.speakers), ("captions", facts.photos)):
        for position in roles if key == "roles" else captions:
            if isinstance(position, int) and not 1 <= position <= len(items):
                problems.append(
                    locate.problem(
                        (key, position),
                        f"there is no item {position}: the original has {len(items)}",
                    )
                )
    speakers = [
        Speaker(s.person, s.role, s.unit, s.part, roles.get(i + 1))
        for i, s in enumerate(facts.speakers)
    ]
    photos = [
        Photo(p.src, p.alt, p.caption, captions.get(i + 1), p.line)
        for i, p in enumerate(facts.photos)
    ]
    return PostFacts(
        facts.event, facts.units, speakers, facts.attendees, photos
    ), problems


def attach(post, facts: PostFacts) -> None:
    """Set the resolved facts as attributes the templates read."""
    post.event = facts.event
    post.units = facts.units
    post.speakers = facts.speakers
    post.attendees = facts.attendees
    post.photos = facts.photos
