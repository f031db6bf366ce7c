"""Start a post (``new``) or its English translation (``new-en``) as a valid draft.

The answers are resolved against the registries exactly as the build reads a
post (the content model's own resolution and its messages), so a draft written
here passes ``check`` as it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import yaml

from bilingual.roles import RoleComposer
from content_model.model import Speaker, generic_unit, person_named, unknown_unit
from content_model.registry import Person, Registry, Unit
from vietnamese import DateParseError, parse_datetime, slugify

from . import messages

FRONT_MATTER = re.compile(r"\A\ufeff?---\r?\n(.*?)\r?\n---\r?\n", re.DOTALL)
SLUG_LINE = re.compile(r"^slug:\s*['\"]?([^'\"\s#]+)", re.MULTILINE)
BODY_PLACEHOLDER = "Viết nội dung bài ở đây (xem docs/huong-dan-viet-bai.md).\n"
# A summary is optional but an empty one is an error: the key waits in a comment.
SUMMARY_HINT = (
    "# summary: một hoặc hai câu tóm tắt, hiện trong danh sách và khi chia sẻ\n"
)
SUMMARY_HINT_EN = "# summary: one or two sentences for lists and sharing\n"
BODY_PLACEHOLDER_EN = "Write the English text here (see docs/writers-guide.md).\n"


MAX_SLUG = 80  # characters of a slug made from a title


class DraftError(ValueError):
    """An answer or option that cannot make a valid draft (message in Vietnamese)."""


# A speaker as asked: the registered person, their role then, their unit, part.
SpeakerAnswer = Speaker


@dataclass
class DraftAnswers:
    """Everything ``new`` asks for."""

    title: str
    when: datetime
    unit: Unit
    speakers: list[SpeakerAnswer] = field(default_factory=list)
    attendees: list[tuple[str, int | None]] = field(default_factory=list)
    timed: bool = True


def resolve_unit(registry: Registry, reference: str) -> Unit:
    """Return the unit ``reference`` names; raise DraftError as ``check`` would.

    A draft has no other unit yet, so a generic or shared name ("Huyện đoàn")
    is refused with every candidate and its key, as the content model does.
    """
    unit = registry.find_unit(reference)
    if unit is not None:
        return unit
    if registry.unit_candidates(reference):
        found = generic_unit(registry, reference)
    else:
        found = unknown_unit(registry, reference)
    if isinstance(found, Unit):
        return found
    raise DraftError(found.render(messages.LANG))


def resolve_person(registry: Registry, reference: str) -> Person:
    """Return the person ``reference`` names; raise DraftError as ``check`` would."""
    found = person_named(registry, reference)
    if isinstance(found, Person):
        return found
    raise DraftError(found.render(messages.LANG))


def parse_when(text: str) -> tuple[datetime, bool]:
    """Read a publication date as the content model does; say if it had a time."""
    try:
        when = parse_datetime(text.strip())
    except DateParseError:
        raise DraftError(messages.BAD_DATE.format(value=text)) from None
    return when, ":" in text


def taken_slugs(posts: Path) -> set[str]:
    """Return every slug in use under ``posts``: file names and ``slug:`` lines."""
    slugs: set[str] = set()
    for path in posts.rglob("*.md"):
        slugs.add(path.name.split(".")[0])
        head = path.read_bytes()[:4096].decode("utf-8", "replace")
        if match := FRONT_MATTER.match(head):
            slugs.update(SLUG_LINE.findall(match.group(1)))
    return slugs


def unique_slug(title: str, posts: Path) -> str:
    """Return the title's slug, with -2, -3… when another post already has it."""
    base = slugify(title)
    if len(base) > MAX_SLUG:  # cut between words
        base = base[: MAX_SLUG + 1].rsplit("-", 1)[0] or base[:MAX_SLUG]
    if not base:
        raise DraftError(messages.EMPTY_SLUG)
    taken = taken_slugs(posts) if posts.is_dir() else set()
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _name(entry: Person | Unit, finder) -> str:
    """Return how a post names ``entry``: its name, or its key for namesakes."""
    return entry.name if finder(entry.name) == entry else entry.key


def _dump(data: dict[str, Any], hint: str) -> str:
    """Return ``data`` as a YAML front matter block, with ``hint`` as a comment."""
    text = yaml.safe_dump(
        data,
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return f"---\n{text}{hint}---\n"


def post_text(registry: Registry, answers: DraftAnswers, slug: str) -> str:
    """Return the Markdown of a new Vietnamese draft."""
    unit_name = _name(answers.unit, registry.find_unit)
    units = [unit_name]
    speakers = []
    for speaker in answers.speakers:
        item: dict[str, Any] = {
            "name": _name(speaker.person, registry.find_person),
            "role": speaker.role,
        }
        if speaker.unit is not None:
            item["unit"] = _name(speaker.unit, registry.find_unit)
            if item["unit"] not in units:
                units.append(item["unit"])
        item["part"] = speaker.part
        speakers.append(item)
    date_format = "%Y-%m-%d %H:%M" if answers.timed else "%Y-%m-%d"
    data: dict[str, Any] = {
        "title": answers.title,
        "date": answers.when.strftime(date_format),
        "slug": slug,
        "lang": "vi",
        "status": "draft",
        "event": {"date": answers.when.date(), "organizer": unit_name},
        "units": units,
    }
    if speakers:
        data["speakers"] = speakers
    if answers.attendees:
        data["attendees"] = [
            {"group": group, **({"count": count} if count else {})}
            for group, count in answers.attendees
        ]
    return _dump(data, SUMMARY_HINT) + BODY_PLACEHOLDER


def write_post(content: Path, registry: Registry, answers: DraftAnswers) -> Path:
    """Write a new draft at posts/{yyyy}/{slug}.md under ``content``; return it."""
    posts = content / "posts"
    slug = unique_slug(answers.title, posts)
    path = posts / f"{answers.when.year:04d}" / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8", newline="\n") as sink:
        sink.write(post_text(registry, answers, slug))
    return path


# --- the English translation -------------------------------------------------


def read_front_matter(path: Path) -> dict[str, Any]:
    """Return a post's front matter as plain data ({} when it has none)."""
    match = FRONT_MATTER.match(path.read_text(encoding="utf-8"))
    data = yaml.safe_load(match.group(1)) if match else None
    return data if isinstance(data, dict) else {}


def find_original(posts: Path, slug: str) -> Path:
    """Return the Vietnamese post whose slug is ``slug``."""
    for path in sorted(posts.rglob(f"{slug}.md")):
        return path
    for path in sorted(posts.rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        data = read_front_matter(path)
        if str(data.get("slug", "")) == slug and data.get("lang", "vi") == "vi":
            return path
    raise DraftError(messages.NO_ORIGINAL.format(slug=slug))


# ``roles:`` is keyed by speaker (the person's key, else the name as written);
# the positional form (1: …) is still read, with a warning, for one release.
ROLES_BY_SPEAKER_KEY = True


def english_roles(
    registry: Registry, speakers: list[dict]
) -> tuple[dict[int | str, str], list[str]]:
    """Return the translation's ``roles:`` and the roles left to translate.

    Each role is the glossary's English rendering where it composes one; the
    others are returned as ``position or key: Vietnamese role`` lines for the
    writer (a draft never shows a made-up role). The one place that knows the
    shape of ``roles:``: adapt it here if the content model changes.
    """
    composer = RoleComposer.from_registry(registry)
    roles: dict[int | str, str] = {}
    untranslated: list[str] = []
    for position, speaker in enumerate(speakers, start=1):
        reference = str(speaker.get("name", ""))
        person = registry.find_person(reference)
        key: int | str = position
        if ROLES_BY_SPEAKER_KEY:
            key = person.key if person else reference
        role = str(speaker.get("role") or "").strip()
        if not role:
            continue
        if english := composer.compose(role):
            roles[key] = english
        else:
            untranslated.append(f"{key}: {role}")
    return roles, untranslated


def translation_text(registry: Registry, original: dict[str, Any]) -> str:
    """Return the Markdown of a new English translation of ``original``."""
    data: dict[str, Any] = {
        "title": f"[English title] {original.get('title', '')}",
        "slug": str(original.get("slug", "")),
        "lang": "en",
        "status": "draft",
    }
    speakers = original.get("speakers") or []
    roles, untranslated = english_roles(
        registry, [s for s in speakers if isinstance(s, dict)]
    )
    if roles:
        data["roles"] = roles
    hint = SUMMARY_HINT_EN
    if untranslated:
        hint += "# roles to translate (add under roles:):\n"
        hint += "".join(f"#   {line}\n" for line in untranslated)
    return _dump(data, hint) + BODY_PLACEHOLDER_EN


def write_translation(content: Path, registry: Registry, slug: str) -> Path:
    """Write the English draft beside the original with ``slug``; return it."""
    original_path = find_original(content / "posts", slug)
    original = read_front_matter(original_path)
    if str(original.get("lang", "vi")) != "vi":
        raise DraftError(messages.NOT_VIETNAMESE.format(path=original_path))
    original.setdefault("slug", original_path.stem)
    path = original_path.with_name(f"{original_path.stem}.en.md")
    if path.exists():
        raise DraftError(messages.ALREADY_TRANSLATED.format(path=path))
    with path.open("x", encoding="utf-8", newline="\n") as sink:
        sink.write(translation_text(registry, original))
    return path
