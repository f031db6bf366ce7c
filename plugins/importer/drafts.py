"""Write imported posts as drafts, with a review report and registry proposals.

Each source post becomes ``content/posts/{yyyy}/{slug}.md`` with ``status:
draft`` (``undated/`` when no date is written anywhere); an existing file or
slug is never overwritten, the next free ``slug-2``, ``slug-3`` is taken.
``import-report.md`` lists per post every field with the sentence it came
from and every empty field with why. ``import-proposals.yml`` proposes the
units and people not in the registries, in the registry's own form (keys by
its rule, guesses of kind and parent marked ``# guess``): nothing is
registered until a writer accepts the entries (``accept.py``). The
drafts name these units and people as written, so ``make check`` points at
each one until it is registered.
"""

from __future__ import annotations

import difflib
import json
import re
import shutil
import sys
from dataclasses import dataclass, field
from pathlib import Path

from content_model.registry import Registry
from newsroom.messages import Message, Number
from progress import track
from vietnamese import fold_diacritics, match_key, slugify

from .extract import FIELDS, Extraction, extract
from .sources import SourceError, SourcePhoto, SourcePost, read_source

REPORT = "import-report.md"
# Written as a comment where the source gives no description of a photo: the
# content model requires alt, so make check names the photo until it is written;
# uncommented unchanged, its angle brackets are refused as markup.
ALT_TODO = "<CẦN VIẾT: ảnh cho thấy ai, làm gì, ở đâu>"
PROPOSALS = "import-proposals.yml"
_SLUG_LINE = re.compile(r"^slug:\s*['\"]?([^'\"\n]+)", re.MULTILINE)
_MAX_SLUG_WORDS = 10


def _q(value: object) -> str:
    """Return ``value`` as a YAML scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


@dataclass
class Proposals:
    """Units and people to propose, each with the posts and sentences naming it."""

    units: dict[str, dict] = field(default_factory=dict)
    people: dict[str, dict] = field(default_factory=dict)


def _taken_slugs(content: Path) -> set[str]:
    """Return the slugs of every post already in ``content/posts``."""
    slugs = set()
    for path in (content / "posts").rglob("*.md"):
        slugs.add(path.stem.split(".")[0])
        head = path.read_text(encoding="utf-8", errors="replace")[:4096]
        match = _SLUG_LINE.search(head)
        if match:
            slugs.add(match[1].strip())
    return slugs


def _slug(facts: Extraction, taken: set[str], folder: Path) -> str:
    """Return a new slug from the title (or the first words), free in the site."""
    title = facts.facts["title"].value or " ".join(" ".join(facts.body).split()[:12])
    words = slugify(title).split("-")[:_MAX_SLUG_WORDS]
    base = "-".join(w for w in words if w) or "bai-nhap-khau"
    slug, number = base, 1
    while slug in taken or (folder / f"{slug}.md").exists():
        number += 1
        slug = f"{base}-{number}"
    taken.add(slug)
    return slug


_KINDS = (
    (r"mặt trận", "front"),
    (r"ủy|uỷ", "party"),
    (r"^(?:quận|huyện|thị) ?đoàn", "district"),
    (r"^tỉnh ?đoàn", "province"),
    (r"^thành ?đoàn", "district"),
    (
        r"^(?:đoàn (?:tncs hồ chí minh |thanh niên |tn )?(?:phường|xã|thị trấn))"
        r"|^xã đoàn",
        "ward",
    ),
    (r"^chi đoàn", "branch"),
    # Youth Unions of district rank directly under a province's (not agencies).
    (r"^đoàn (?:thanh niên |tn )?(?:khối|quân sự|công an)", "district"),
    (r"trường|thpt|thcs|tiểu học|đại học|cao đẳng", "school"),
    (r"^hội ", "association"),
    (r"ubnd|hđnd|ủy ban|khối|quân sự|công an", "agency"),
)
_LEVEL_ABOVE = {"ward": "district", "district": "province", "province": "central"}


def _guess_kind(name: str) -> str:
    low = match_key(name)
    for pattern, kind in _KINDS:
        if re.search(pattern, low):
            return kind
    return "agency"


def _guess_parent(kind: str, named: list[str], registry: Registry) -> str | None:
    """Guess a parent: the one registered unit of the level above the post names."""
    wanted = _LEVEL_ABOVE.get(kind, "district" if kind == "school" else "")
    keys = {
        unit.key
        for name in named
        if (unit := registry.find_unit(name)) and unit.kind == wanted
    }
    return keys.pop() if len(keys) == 1 else None


def _propose(
    facts: Extraction, post_path: str, registry: Registry, proposals: Proposals
) -> None:
    data = facts.as_json()
    named = [*data["units"], *(p["unit"] for p in data["people"] if p["unit"])]
    for name in named:
        # A generic name the registry knows ("Đoàn Khối các cơ quan tỉnh") is
        # not new: the post's other units tell which one it is.
        if registry.find_unit(name) is None and not registry.unit_candidates(name):
            entry = proposals.units.setdefault(
                match_key(name), {"name": name, "posts": [], "evidence": []}
            )
            entry["posts"].append(post_path)
            entry["named_with"] = named
    for person in data["people"]:
        if not registry.people_named(person["name"]):
            entry = proposals.people.setdefault(
                match_key(person["name"]),
                {"name": person["name"], "posts": [], "evidence": []},
            )
            entry["posts"].append(post_path)
            entry["evidence"].append(f"{person['name']} – {person['role']}")


def render_post(
    facts: Extraction,
    slug: str,
    source: SourcePost,
    photos: list[tuple[str, SourcePhoto]],
) -> str:
    """Return the draft's text: front matter in the content model's keys, then body."""
    data = facts.as_json()
    when = data["date"] or (
        source.published.date().isoformat() if source.published else None
    )
    lines = ["---"]
    if data["title"]:
        lines.append(f"title: {_q(data['title'])}")
    else:  # a placeholder a writer must replace: the post has no title line
        words = " ".join(facts.body).split()
        lines.append("# title: the source has no title line; write one")
        lines.append(
            f"title: {_q(' '.join(words[:12]) + ('…' if len(words) > 12 else ''))}"
        )
    if when:
        lines.append(f"date: {when}")
    else:
        lines.append("# date: not written in the source; add it before publishing")
    lines += [f"slug: {slug}", "lang: vi", "status: draft"]
    if data["uncertain"]:
        lines.append(
            f"# uncertain: {', '.join(data['uncertain'])} (see import-report.md)"
        )
    event = [(k, data[k]) for k in ("date", "time", "place") if data[k]]
    if facts.organiser:
        event.append(("organizer", facts.organiser))
    if event:
        lines.append("event:")
        lines += [
            f"  {key}: {value if key == 'date' else _q(value)}" for key, value in event
        ]
    if data["units"]:
        lines.append("units:")
        lines += [f"  - {_q(unit)}" for unit in data["units"]]
    if data["people"]:
        lines.append("speakers:")
        for person in data["people"]:
            lines.append(f"  - name: {_q(person['name'])}")
            lines.append(f"    role: {_q(person['role'])}")
            if person["unit"]:
                lines.append(f"    unit: {_q(person['unit'])}")
    if data["attendees"]:
        lines.append("attendees:")
        for group in data["attendees"]:
            notes = [f"{k}: {group[k]}" for k in ("approx", "kind") if group[k]]
            lines.append(f"  - group: {_q(group['group'])}")
            if group["count"] is None:  # named as present, no number written
                notes.insert(0, "count: not written in the source")
                lines.append(f"    # {', '.join(notes)}")
            else:
                lines.append(
                    f"    count: {group['count']}"
                    + (f"  # {', '.join(notes)}" if notes else "")
                )
    if photos:
        lines.append("photos:")
        for src, photo in photos:
            lines.append(f"  - src: {_q(src)}")
            if photo.alt:
                lines.append(f"    alt: {_q(photo.alt)}  # from the source: review it")
            else:  # no alt: make check refuses the photo until a writer writes one
                lines.append(
                    f"    # alt: {_q(ALT_TODO)}  # write it, then remove the first #"
                )
            if photo.caption:
                lines.append(f"    caption: {_q(photo.caption)}")
    if data["signature"]:
        lines.append(f"signature: {_q(data['signature'])}")
    lines.append("---")
    body = [
        re.sub(r"^([#>*+-]|\d+\.)", r"\\\1", line).replace("<", "&lt;")
        for line in facts.body
    ]
    return "\n".join(lines) + "\n" + "\n\n".join(body) + "\n"


def _report_section(facts: Extraction, origin: str, written: str) -> list[str]:
    data = facts.as_json()
    out = [
        f"## {data['title'] or origin}",
        "",
        f"- source: `{origin}`",
        f"- draft: `{written}`",
    ]
    if data["uncertain"]:
        out.append(f"- uncertain: {', '.join(data['uncertain'])}")
    out += ["", "| field | value | evidence, or why empty |", "| --- | --- | --- |"]
    for name in FIELDS:
        fact = facts.facts[name]
        value = fact.value
        shown = (
            json.dumps(value, ensure_ascii=False) if value not in (None, []) else "—"
        )
        note = (
            fact.evidence if value not in (None, []) else f"*{fact.why or 'not found'}*"
        )
        cell = lambda text: str(text).replace("|", "\\|").replace("\n", " ")  # noqa: E731
        out.append(f"| {name} | {cell(shown)} | {cell(note)} |")
    return [*out, ""]


def _copy_photos(
    source: SourcePost, content: Path, when: str | None, slug: str
) -> list[tuple[str, SourcePhoto]]:
    """Copy a post's photos to ``photos/{yyyy}/{slug}/``; return their ``src``."""
    if not source.photos:
        return []
    folder = content / "photos" / (when[:4] if when else "undated") / slug
    folder.mkdir(parents=True, exist_ok=True)
    copied = []
    for index, photo in enumerate(source.photos, 1):
        name, suffix, number = f"{index:02d}", photo.path.suffix.lower(), 1
        dest = folder / f"{name}{suffix}"
        while dest.exists():  # a file left by an earlier import is never replaced
            number += 1
            dest = folder / f"{name}-{number}{suffix}"
        shutil.copyfile(photo.path, dest)
        copied.append((dest.relative_to(content).as_posix(), photo))
    return copied


def _report_photos(
    photos: list[tuple[str, SourcePhoto]], remote: list[str]
) -> list[str]:
    """Return the report lines on a post's photos: alt to review, remote ones."""
    out = []
    for src, photo in photos:
        alt = (
            f"alt from the source, review it: {photo.alt}"
            if photo.alt
            else "**no alt**: write one (make check refuses the photo until then)"
        )
        out.append(f"- photo `{src}`: {alt}")
    for url in remote:
        out.append(f"- remote photo, not downloaded (no network): <{url}>")
    return [*out, ""] if out else []


def _typo(written: str, registered: str) -> bool:
    """Return True when ``written`` looks like a misspelling of ``registered``."""
    a, b = (fold_diacritics(match_key(x)) for x in (written, registered))
    return a != b and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def _write_proposals(path: Path, proposals: Proposals, registry: Registry) -> None:
    lines = [
        "# Units and people the imported drafts name that the registries do not know.",
        "# Nothing is registered: review each entry, correct it or delete it, confirm",
        "# each guess by deleting its '# guess' mark, then run make import-accept: it",
        "# appends the entries to content/data/units.yml and people.yml and checks.",
        "# Keys follow the registry's rule (the ASCII slug of the name, Đ/đ -> d).",
        "units:",
    ]
    for entry in proposals.units.values():
        name = entry["name"]
        kind = _guess_kind(name)
        parent = _guess_parent(kind, entry.get("named_with", []), registry)
        lines.append(f"  # named in: {', '.join(sorted(set(entry['posts'])))}")
        near = registry.suggest_unit(name)
        if near and _typo(name, near.name):
            lines.append(f"  # or is it the registered {near.name} ({near.key})?")
        lines.append(f"  - key: {slugify(name)}")
        lines.append(f"    name: {_q(name)}")
        lines.append(f"    kind: {kind}  # guess")
        if parent and kind != "party":
            lines.append(f"    parent: {parent}  # guess")
    if not proposals.units:
        lines[-1] = "units: []"
    lines.append("people:")
    for entry in proposals.people.values():
        lines.append(f"  # named in: {', '.join(sorted(set(entry['posts'])))}")
        lines.append(f"  # as: {entry['evidence'][0]}")
        near = registry.suggest_person(entry["name"])
        if near and _typo(entry["name"], near.name):
            lines.append(f"  # or is it the registered {near.name} ({near.key})?")
        lines.append(f"  - key: {slugify(entry['name'])}")
        lines.append(f"    name: {_q(entry['name'])}")
    if not proposals.people:
        lines[-1] = "people: []"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def write_drafts(
    files: list[Path], registry: Registry, content: Path, out: Path | None = None
) -> int:
    """Import ``files`` into ``content``; write the report and proposals in ``out``."""
    out = out or Path.cwd()
    posts, failed = [], []
    for path in files:
        try:
            posts += read_source(path)
        except SourceError as error:
            failed.append(str(error))
    for message in failed:
        print(message, file=sys.stderr)
    taken = _taken_slugs(content)
    report = ["# Import report", ""]
    proposals = Proposals()
    written = remote = 0
    with track(Message("Importing"), len(posts), Message("posts")) as work:
        for source in posts:
            facts = extract(source.text, registry, source.published)
            data = facts.as_json()
            when = data["date"] or (
                source.published.date().isoformat() if source.published else None
            )
            folder = content / "posts" / (when[:4] if when else "undated")
            folder.mkdir(parents=True, exist_ok=True)
            slug = _slug(facts, taken, folder)
            path = folder / f"{slug}.md"
            photos = _copy_photos(source, content, when, slug)
            with path.open("x", encoding="utf-8") as handle:  # never overwrite
                handle.write(render_post(facts, slug, source, photos))
            written += 1
            shown = path.relative_to(content).as_posix()
            report += _report_section(facts, source.origin, shown)
            report += _report_photos(photos, source.remote_photos)
            remote += len(source.remote_photos)
            _propose(facts, shown, registry, proposals)
            work.advance()
        work.summary = Message("%(count)s drafts written", count=Number(written))
    (out / REPORT).write_text("\n".join(report), encoding="utf-8")
    _write_proposals(out / PROPOSALS, proposals, registry)
    print(
        Message(
            "%(written)s draft(s) under %(posts)s; review %(report)s; %(units)s "
            "unit(s) and %(people)s person(s) proposed in %(proposals)s",
            written=written,
            posts=str(content / "posts"),
            report=str(out / REPORT),
            units=len(proposals.units),
            people=len(proposals.people),
            proposals=str(out / PROPOSALS),
        )
    )
    if remote:
        print(
            Message(
                "%(count)s remote photo(s) not downloaded (no network): their "
                "addresses are in %(report)s",
                count=remote,
                report=str(out / REPORT),
            )
        )
    return 1 if failed else 0
