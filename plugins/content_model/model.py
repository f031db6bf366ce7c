"""The event model: resolve each post's front matter against the registries.

Runs once all posts are read. Vietnamese originals carry the facts; each
English translation receives the same facts from its original, with its own
role and caption texts. Problems are collected, never raised one by one.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path
from typing import Any, Protocol

from newsroom.files import locate as locate_file
from newsroom.files import near_name
from newsroom.messages import Message
from vietnamese import DateParseError, match_key, parse_datetime, parse_event_time

from .problems import ERROR, NOTICE, WARNING, Problem, field_label, line_of
from .registry import Person, Registry, Unit
from .schema import ATTENDANCE_KINDS


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
    """A group at the event: who, how many (exactly or roughly), in what capacity.

    ``approx`` is over, under or about ("hơn 40", "gần 200", "khoảng 1.000");
    ``kind`` is present, delegates, honoured, admitted or guests; ``group_en``
    is the English name the translation gives (``groups:``), or None.
    """

    group: str
    count: int | None = None
    approx: str | None = None
    kind: str = "present"
    group_en: str | None = None


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
    # A translation's own English tags, by the Vietnamese tag (``tags:``).
    tags_en: dict[str, str] = field(default_factory=dict)
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
    #: The body as HTML and the file it came from: its images are still
    #: checked (photos plugin), so that one run lists every problem.
    body_html: str = ""
    file_path: str = ""


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

    def problem(self, key_path: tuple, message: Message, level: str = ERROR) -> Problem:
        """Return a problem with the key at ``key_path``."""
        return Problem(
            self.path, self.line(key_path), field_label(key_path), message, level
        )


def _text(value: Any) -> str | None:
    """Return a scalar as stripped text, or None."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    return str(value).strip() or None


def unknown_unit(registry: Registry, reference: str) -> Message:
    """Say that no unit is named ``reference``, with the closest name if any."""
    found = registry.unit_suggestion(reference)
    hint = (
        Message('; did you mean "%(name)s" (%(key)s)?', name=found[1], key=found[0].key)
        if found
        else Message(": add it to content/data/units.yml")
    )
    return Message('unknown unit "%(unit)s"%(hint)s', unit=reference, hint=hint)


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
        problems.append(locate.problem(where, unknown_unit(registry, reference)))
    return unit


def generic_unit(
    registry: Registry, reference: str, known: Sequence[Unit] = ()
) -> Unit | Message:
    """Resolve a generic or shared name by a post's other units, or say why not.

    The one candidate among the ``known`` units wins; else the one among their
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
        return Message(
            '"%(name)s" is a generic name and no other unit of this post shows '
            "which one it means: write the key or the full name (%(listed)s), or "
            "add your own unit to content/data/units.yml",
            name=reference,
            listed=listed,
        )
    return Message(
        '"%(name)s" could mean %(count)s units: %(listed)s; write the key or '
        "the full name of the one you mean",
        name=reference,
        count=len(candidates),
        listed=listed,
    )


def _resolve_generic(
    registry: Registry,
    reference: str,
    where: tuple,
    known: list[Unit],
    locate: Locator,
    problems: list[Problem],
) -> Unit | None:
    """Resolve a generic or shared name by the post's other units, or report it."""
    found = generic_unit(registry, reference, known)
    if isinstance(found, Message):
        problems.append(locate.problem(where, found))
        return None
    return found


def person_named(registry: Registry, reference: str) -> Person | Message:
    """Return the person ``reference`` names, or say why not with a suggestion."""
    person = registry.find_person(reference)
    if person is not None:
        return person
    namesakes = registry.people_named(reference)
    if namesakes:
        return Message(
            '"%(name)s" names %(count)s people (%(keys)s): write the key of the one '
            "you mean",
            name=reference,
            count=len(namesakes),
            keys=", ".join(p.key for p in namesakes),
        )
    guess = registry.suggest_person(reference)
    hint = (
        Message('; did you mean "%(name)s" (%(key)s)?', name=guess.name, key=guess.key)
        if guess
        else Message(": add them to content/data/people.yml")
    )
    return Message('unknown person "%(person)s"%(hint)s', person=reference, hint=hint)


def _person(
    registry: Registry,
    reference: str,
    where: tuple,
    locate: Locator,
    problems: list[Problem],
) -> Person | None:
    """Return the person ``reference`` names, or report it with a suggestion."""
    found = person_named(registry, reference)
    if isinstance(found, Message):
        problems.append(locate.problem(where, found))
        return None
    return found


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
    for index, item in _entries(data, "attendees"):
        count = item.get("count")
        valid = isinstance(count, int) and not isinstance(count, bool) and count > 0
        approx = item.get("approx")
        if approx is not None and count is None:
            problems.append(
                locate.problem(
                    ("attendees", index, "approx"),
                    Message(
                        "says how rough a count is, and there is no count: add "
                        "'count: …' (hơn 40 is count: 40 with approx: over), or "
                        "remove it"
                    ),
                )
            )
        facts.attendees.append(
            Attendance(
                _text(item.get("group")) or "",
                count if valid else None,
                approx if valid and approx in ("over", "under", "about") else None,
                item.get("kind") if item.get("kind") in ATTENDANCE_KINDS else "present",
            )
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
                        Message(
                            "only one photo can be the lead; photo %(position)s "
                            "already is: remove one of the two `lead: true`",
                            position=lead_position,
                        ),
                    )
                )
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
            fact = Message("ended on %(day)s", day=f"{unit.ended:%d/%m/%Y}")
            hint = (
                Message(' (its successor is "%(key)s")', key=unit.successor)
                if unit.successor
                else ""
            )
        else:
            fact = Message("was founded on %(day)s", day=f"{unit.founded:%d/%m/%Y}")
            hint = ""
        problems.append(
            locate.problem(
                where,
                Message(
                    '"%(name)s" %(fact)s, but this post\'s event is on '
                    "%(when)s%(hint)s: check the date and the unit, or say why the "
                    "post names it in 'units_note:'",
                    name=unit.name,
                    fact=fact,
                    when=when,
                    hint=hint,
                ),
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
                        Message(
                            'the role names "%(name)s", which ended on %(day)s, '
                            "before this event: if it is a former role, write it "
                            "as such (nguyên …)",
                            name=name,
                            day=f"{unit.ended:%d/%m/%Y}",
                        ),
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


def near_file(root: Path, relative: str) -> Message | str:
    """Return '; did you mean "photos/…"?' for the closest file beside it, or ''."""
    near = near_name(root, relative)
    return Message('; did you mean "%(name)s"?', name=near) if near else ""


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
    target = locate_file(root, src).resolve()  # anh.JPG for anh.jpg, NFD for NFC
    if not target.is_relative_to(root):
        problems.append(
            locate.problem(
                (*where, "src"),
                Message(
                    'the photo "%(src)s" lies outside content/: copy it into '
                    "content/photos/ and write its path from there",
                    src=src,
                ),
            )
        )
        return None
    if not target.is_file():
        problems.append(
            locate.problem(
                (*where, "src"),
                Message(
                    'the photo "%(src)s" does not exist (paths are relative to '
                    "content/, e.g. photos/2020/name.jpg)",
                    src=src,
                )
                + near_file(root, src),
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
    """Return the original's facts with the translation's own English texts.

    ``roles:`` are keyed by the speaker's key or name, ``captions:`` by the
    photo's ``src``, ``groups:`` and ``tags:`` by the Vietnamese text, so that
    reordering the original never moves them. A key that names nothing in the
    original is an error; the positional form (``1: …``) of roles and captions
    is still read, with a warning that says what to write instead. A
    translation that contradicts its original (a different date, published
    while the original is a draft) is an error too.
    """
    data = translation.metadata.get("frontmatter", {})
    locate = Locator(translation)
    problems: list[Problem] = []

    def keyed(name: str, items: list, names_of: Callable) -> dict[int, str]:
        return _match_keyed(data.get(name), name, items, names_of, locate, problems)

    roles = keyed("roles", facts.speakers, _speaker_names)
    captions = keyed("captions", facts.photos, lambda photo: [_src_key(photo.src)])
    groups = keyed("groups", facts.attendees, lambda group: [group.group])
    tags = _original_tags(original)
    tags_en = keyed("tags", tags, lambda tag: [tag])
    if original is not None:
        problems += _contradictions(translation, original, locate)
    speakers = [
        Speaker(s.person, s.role, s.unit, s.part, roles.get(i))
        for i, s in enumerate(facts.speakers)
    ]
    photos = [
        Photo(p.src, p.alt, p.caption, captions.get(i), p.line, p.lead)
        for i, p in enumerate(facts.photos)
    ]
    attendees = [
        Attendance(a.group, a.count, a.approx, a.kind, groups.get(i))
        for i, a in enumerate(facts.attendees)
    ]
    translated = PostFacts(
        facts.event,
        facts.units,
        speakers,
        attendees,
        photos,
        tags_en={tags[i]: text for i, text in tags_en.items()},
        filed_under=facts.filed_under,
    )
    return translated, problems


# What each keyed map names, for messages: (one, many, what its keys are).
_KEYED = {
    "roles": (
        Message("speaker"),
        Message("speakers"),
        Message("the speaker's key or name"),
    ),
    "captions": (Message("photo"), Message("photos"), Message("the photo's src")),
    "groups": (
        Message("attendee group"),
        Message("attendee groups"),
        Message("the group's Vietnamese text"),
    ),
    "tags": (Message("tag"), Message("tags"), Message("the Vietnamese tag")),
}
_POSITIONAL = ("roles", "captions")


def _speaker_names(speaker: Speaker) -> list[str]:
    """Return every text a translation may key a speaker's role by."""
    person = speaker.person
    return [person.key, person.name, *person.aliases]


def _src_key(src: str) -> str:
    """Return a photo path as keys compare it (forward slashes, no leading ./)."""
    return str(src).strip().replace("\\", "/").removeprefix("./")


def _original_tags(original: PostLike | None) -> list[str]:
    """Return the tags the original writes, as texts."""
    if original is None:
        return []
    value = original.metadata.get("frontmatter", {}).get("tags")
    items = value if isinstance(value, list) else [value]
    return [text for text in map(_text, items) if text]


def _match_keyed(
    value: Any,
    name: str,
    items: list,
    names_of: Callable,
    locate: Locator,
    problems: list[Problem],
) -> dict[int, str]:
    """Return ``{index in items: text}`` for one keyed map of a translation.

    A key matches an item when it equals one of ``names_of(item)`` regardless
    of case, Unicode form and tone placement. A whole number is a position,
    read only for roles and captions, with a warning.
    """
    if not isinstance(value, dict):
        return {}
    one, many, _ = _KEYED[name]
    found: dict[int, str] = {}
    given: dict[int, str] = {}  # position -> the key that gave it
    index: dict[str, list[int]] = {}
    for position, item in enumerate(items):
        for text in dict.fromkeys(match_key(n) for n in names_of(item) if n):
            index.setdefault(text, []).append(position)
    for key, text in value.items():
        text = _text(text)
        if text is None or isinstance(key, bool) or _text(key) is None:
            continue  # reported by the reader
        where = (name, str(key))
        if isinstance(key, int) and name in _POSITIONAL:
            if 0 < key <= len(items):
                found[key - 1] = text
                given[key - 1] = str(key)
                advice = _positional_advice(name, key, items)
                problems.append(locate.problem(where, advice, WARNING))
            elif key > 0:
                problems.append(
                    locate.problem(
                        where,
                        Message(
                            "the original has %(count)s %(things)s: there is no "
                            "%(thing)s %(key)s",
                            count=len(items),
                            things=one if len(items) == 1 else many,
                            thing=one,
                            key=key,
                        )
                        if items
                        else Message(
                            "the original has no %(things)s: there is no "
                            "%(thing)s %(key)s",
                            things=many,
                            thing=one,
                            key=key,
                        ),
                    )
                )
            continue
        positions = index.get(match_key(str(key)), [])
        people = {items[p].person.key for p in positions} if name == "roles" else ()
        if len(people) > 1:
            keys = ", ".join(sorted(people))
            problems.append(
                locate.problem(
                    where,
                    Message(
                        '"%(key)s" names %(count)s speakers (%(keys)s): write the '
                        "key of the one you mean",
                        key=key,
                        count=len(people),
                        keys=keys,
                    ),
                )
            )
        elif not positions:
            problems.append(
                locate.problem(where, _unknown_key(str(key), name, items, names_of))
            )
        if len(people) > 1:
            continue
        for position in positions:
            if position in given:
                problems.append(
                    locate.problem(
                        where,
                        Message(
                            '"%(key)s" gives the same %(thing)s as "%(other)s": '
                            "keep one",
                            key=key,
                            thing=one,
                            other=given[position],
                        ),
                    )
                )
                continue
            given[position] = str(key)
            found[position] = text
    return found


def _positional_advice(name: str, key: int, items: list) -> Message:
    """Say how to turn a positional role or caption into a keyed one."""
    item = items[key - 1]
    if name == "roles":
        return Message(
            "roles by position are read until the next release and go to the "
            "wrong speaker when the original's order changes: write '%(new)s: …' "
            "instead of '%(key)s: …' (make convert-keys does it in every "
            "translation)",
            new=item.person.key,
            key=key,
        )
    return Message(
        "captions by position are read until the next release and go to the "
        "wrong photo when the original's order changes: write '%(new)s: …' "
        "instead of '%(key)s: …' (make convert-keys does it in every translation)",
        new=_src_key(item.src),
        key=key,
    )


def _unknown_key(key: str, name: str, items: list, names_of: Callable) -> Message:
    """Say that a key names nothing in the original, and what it may mean."""
    one, many, keyed_by = _KEYED[name]
    if not items:
        return Message(
            '"%(key)s" names no %(thing)s: the original has no %(things)s',
            key=key,
            thing=one,
            things=many,
        )
    shown = list(dict.fromkeys(names_of(item)[0] for item in items))
    folded = [match_key(n) for n in shown]
    guess = difflib.get_close_matches(match_key(key), folded, n=1, cutoff=0.6)
    listed = ", ".join(f'"{n}"' for n in shown)
    if guess:
        return Message(
            '"%(key)s" names no %(thing)s of the original; did you mean '
            '"%(guess)s"? (write %(keyed_by)s: %(listed)s)',
            key=key,
            thing=one,
            guess=shown[folded.index(guess[0])],
            keyed_by=keyed_by,
            listed=listed,
        )
    return Message(
        '"%(key)s" names no %(thing)s of the original (write %(keyed_by)s: %(listed)s)',
        key=key,
        thing=one,
        keyed_by=keyed_by,
        listed=listed,
    )


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
                Message(
                    "%(date)s contradicts the original's %(original)s (%(source)s): "
                    "remove the date from the translation",
                    date=f"{translation.date:%Y-%m-%d %H:%M}",
                    original=f"{original.date:%Y-%m-%d %H:%M}",
                    source=source,
                ),
            )
        )
    if translation.status == "published" and original.status == "draft":
        problems.append(
            locate.problem(
                ("status",),
                Message(
                    "the translation is published but its original (%(source)s) is a "
                    "draft: publish the original, or add 'status: draft' here",
                    source=source,
                ),
            )
        )
    return problems
