"""Accept reviewed proposals: append them to ``units.yml`` and ``people.yml``.

A writer reviews ``import-proposals.yml``: deletes the entries to leave out,
corrects the others, and confirms each guess by deleting its ``# guess`` mark.
Accepting appends the entries kept, as the writer left them (their own lines,
comments included), to the end of the registries: the registries' existing
text and comments are never rewritten. Nothing is written while any entry is
refused (still a guess, no key or name, a key or name registered for another
entry); an entry registered exactly as proposed is skipped, so accepting twice
is harmless.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import textwrap
from dataclasses import dataclass
from pathlib import Path

import yaml

from content_model.problems import ContentError
from content_model.registry import load_registry, read_registry
from newsroom.messages import Message
from vietnamese import match_key

REGISTRIES = {"units": "units.yml", "people": "people.yml"}
_SECTION = re.compile(r"^(units|people):")
_ITEM = re.compile(r"^(\s*)-\s")
_GUESS = re.compile(r"#\s*guess\b", re.IGNORECASE)


@dataclass
class Entry:
    """One proposed registry entry: its section, position, first line and text."""

    section: str
    index: int
    line: int
    lines: list[str]


def _entries(text: str) -> list[Entry]:
    """Split a proposals file into its entries, each with its own lines."""
    entries: list[Entry] = []
    section, indent = "", None
    counts = dict.fromkeys(REGISTRIES, 0)
    for number, line in enumerate(text.splitlines(), 1):
        if match := _SECTION.match(line):
            section, indent = match[1], None
            continue
        if not section or not line.strip():
            continue
        item = _ITEM.match(line)
        if item and (indent is None or len(item[1]) == indent):
            indent = len(item[1])
            counts[section] += 1
            entries.append(Entry(section, counts[section], number, [line]))
        elif entries and entries[-1].section == section:
            stripped = line.lstrip()
            inside = len(line) - len(stripped) > (indent or 0)
            if inside:  # a comment at the entry's own level is the next one's note
                entries[-1].lines.append(line)
    return entries


def accept(proposals: Path, data_dir: Path) -> tuple[int, list[str]]:
    """Append the reviewed proposals to the registries; return (appended, problems)."""
    text = proposals.read_text(encoding="utf-8")
    try:
        yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        return 0, [
            f"{proposals}:{line}: [error] proposals: "
            + str(Message("invalid YAML: %(error)s", error=str(error)))
        ]
    try:
        registry = load_registry(data_dir)
    except ContentError as error:
        return 0, [str(problem) for problem in error.problems]
    problems: list[str] = []
    kept: dict[str, list[list[str]]] = {section: [] for section in REGISTRIES}
    new_keys: dict[str, str] = {}
    for entry in _entries(text):
        where = f"{proposals}:{{line}}: [error] {entry.section}[{entry.index}]"
        body = textwrap.dedent("\n".join(entry.lines))
        data = yaml.safe_load(body)
        data = data[0] if isinstance(data, list) and data else data
        if not isinstance(data, dict) or not data.get("key") or not data.get("name"):
            needs = Message("an entry needs a key and a name")
            problems.append(where.format(line=entry.line) + f": {needs}")
            continue
        guesses = [
            (entry.line + offset, line.strip().lstrip("- ").split(":", 1)[0])
            for offset, line in enumerate(entry.lines)
            if _GUESS.search(line)
        ]
        for line, field in guesses:
            guess = Message(
                'still a guess: check it, correct it if needed, then delete "# guess" '
                "to confirm it"
            )
            problems.append(where.format(line=line) + f".{field}: {guess}")
        if guesses:
            continue
        key, name = str(data["key"]), str(data["name"])
        table = registry.units if entry.section == "units" else registry.people
        found = table.get(key)
        if entry.section == "units" and found is None:
            found = registry.find_unit(name)  # people may share a name, units not
        if (
            found is not None
            and found.key == key
            and match_key(found.name) == match_key(name)
        ):
            continue  # already registered as proposed (accepted before)
        if found is not None:
            clash = Message(
                '"%(name)s" (%(key)s) clashes with the registered %(found)s '
                "(%(found_key)s); delete this entry, or give it another key",
                name=name,
                key=key,
                found=found.name,
                found_key=found.key,
            )
            problems.append(where.format(line=entry.line) + f": {clash}")
            continue
        if key in new_keys:
            twice = Message(
                "key %(key)s is proposed twice (also at line %(line)s)",
                key=key,
                line=new_keys[key],
            )
            problems.append(where.format(line=entry.line) + f": {twice}")
            continue
        new_keys[key] = str(entry.line)
        kept[entry.section].append(body.splitlines())
    if problems:
        return 0, problems
    additions = {
        REGISTRIES[section]: _appendix(proposals.name, blocks)
        for section, blocks in kept.items()
        if blocks
    }
    with tempfile.TemporaryDirectory() as scratch:  # the registries as they would be
        trial = Path(scratch) / "data"
        shutil.copytree(data_dir, trial)
        for name, addition in additions.items():
            _append(trial / name, addition)
        _, problems = read_registry(trial, Path(scratch))
    if problems:  # e.g. an unknown field or parent the writer typed
        return 0, [
            f"{problem} (after accepting {proposals.name})" for problem in problems
        ]
    for name, addition in additions.items():
        _append(data_dir / name, addition)
    return sum(len(blocks) for blocks in kept.values()), []


def _appendix(source: str, blocks: list[list[str]]) -> str:
    """Return the text appended to a registry: a note, then each entry."""
    lines = [f"# Accepted from {source}."]
    for block in blocks:
        lines += ["", *block]
    return "\n".join(lines) + "\n"


def _append(path: Path, addition: str) -> None:
    """Append ``addition`` to ``path`` after a blank line, its text untouched."""
    old = path.read_text(encoding="utf-8") if path.exists() else ""
    separator = "" if old.endswith("\n") or not old else "\n"
    with path.open("a", encoding="utf-8") as handle:
        handle.write(separator + ("\n" if old else "") + addition)
