"""``python -m newsroom convert-keys``: positional English roles and captions, keyed.

Translations once gave English roles and captions by position (``1: …``);
the content model now keys them by speaker and photo (a swapped speaker keeps
their role). The old form is still read, with a warning, for one release;
this command rewrites it in every translation, changing nothing else in the
file (ruamel.yaml round trip: comments, order and quoting are kept).
"""

from __future__ import annotations

import io
from pathlib import Path

import yaml

from newsroom.keyed import original_items, positions_to_keys
from newsroom.round_trip import round_trip, split_post


def _front(path: Path) -> dict:
    """Return a post's front matter as plain data (empty when unreadable)."""
    try:
        parts = split_post(path.read_text("utf-8-sig"))
        data = yaml.safe_load(parts[0]) if parts else None
    except (OSError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def convert_file(path: Path, people: list) -> list[tuple[str, int, str]]:
    """Key the positional roles and captions of one translation; return changes."""
    text = path.read_bytes().decode("utf-8-sig")
    newline = "\r\n" if "\r\n" in text else "\n"
    parts = split_post(text.replace("\r\n", "\n"))
    if parts is None:
        return []
    front, closing, body = parts
    parser = round_trip()
    try:
        data = parser.load(front)
    except Exception:
        return []
    if not hasattr(data, "get"):
        return []
    original = _front(path.with_name(path.name.removesuffix(".en.md") + ".md"))
    changed = positions_to_keys(data, original_items(original, people))
    if changed:
        stream = io.StringIO()
        parser.dump(data, stream)
        new = f"---\n{stream.getvalue()}{closing}{body}"
        path.write_bytes(new.replace("\n", newline).encode("utf-8"))
    return changed


def convert_content(content: Path) -> dict[Path, list[tuple[str, int, str]]]:
    """Convert every translation under ``content/posts``; return what changed."""
    try:
        people = yaml.safe_load((content / "data" / "people.yml").read_text("utf-8"))
    except (OSError, yaml.YAMLError):
        people = []
    people = people if isinstance(people, list) else []
    done = {}
    for path in sorted((content / "posts").rglob("*.en.md")):
        if changed := convert_file(path, people):
            done[path] = changed
    return done
