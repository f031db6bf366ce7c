"""The English side's keyed maps in the editor: lists in the original's order.

A translation keys its English by what it translates (``content_model.model``):
``roles:`` by the speaker's key or name, ``captions:`` by the photo's ``src``,
``groups:`` by the attendee group's Vietnamese text, ``tags:`` by the Vietnamese
tag. Decap CMS edits a field the same way on both sides, so the form shows each
map as a list beside the original's items, in their order, and this module
turns one into the other. On saving, a key that names nothing in the original
is kept as it was (``make check`` reports it: nothing is dropped silently), and
a key the file already used for an item keeps its spelling (no change where
the writer changed nothing).
"""

from __future__ import annotations

from typing import Any

from vietnamese import match_key

KEYED = ("roles", "captions", "groups", "tags")


def _people_names(people: list) -> dict[str, list[str]]:
    """Return every spelling of each person by each of its spellings (match_key)."""
    names: dict[str, list[str]] = {}
    for entry in people:
        if not isinstance(entry, dict):
            continue
        spellings = [entry.get("key"), entry.get("name"), *(entry.get("aliases") or [])]
        spellings = [str(s) for s in spellings if s]
        for spelling in spellings:
            names.setdefault(match_key(spelling), spellings)
    return names


def original_items(original: dict, people: list) -> dict[str, list[list[str]]]:
    """Return, for each keyed map, the spellings each of the original's items
    may be keyed by (the first is the one a new key is written with)."""

    def entries(name: str) -> list[dict]:
        value = original.get(name)
        return (
            [item for item in value if isinstance(item, dict)]
            if isinstance(value, list)
            else []
        )

    known = _people_names(people)
    speakers = []
    for speaker in entries("speakers"):
        written = str(speaker.get("name") or "")
        spellings = known.get(match_key(written), [written]) if written else [""]
        speakers.append(spellings)
    tags = original.get("tags")
    tags = tags if isinstance(tags, list) else [tags] if tags else []
    return {
        "roles": speakers,
        "captions": [[str(p.get("src") or "")] for p in entries("photos")],
        "groups": [[str(a.get("group") or "")] for a in entries("attendees")],
        "tags": [[str(t)] for t in tags if t is not None],
    }


def _position_of(key: Any, items: list[list[str]]) -> int | None:
    """Return the index of the item ``key`` names (a position 1, 2… too)."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key - 1 if 0 < key <= len(items) else None
    wanted = match_key(str(key))
    for index, spellings in enumerate(items):
        if any(match_key(s) == wanted for s in spellings if s):
            return index
    return None


def maps_to_lists(data: dict, items: dict[str, list[list[str]]]) -> dict:
    """Show each keyed map as a list in the order of the original's items."""
    for name in KEYED:
        value = data.get(name)
        if not isinstance(value, dict):
            continue
        shown = [""] * len(items[name])
        for key, text in value.items():
            index = _position_of(key, items[name])
            if index is not None and not shown[index]:
                shown[index] = "" if text is None else str(text)
        while shown and not shown[-1]:
            shown.pop()
        data[name] = shown
    return data


def lists_to_maps(data: dict, items: dict[str, list[list[str]]], old: dict) -> dict:
    """Write the form's lists back as keyed maps (see the module's docstring)."""
    for name in KEYED:
        value = data.get(name)
        if not isinstance(value, list):
            continue
        before = old.get(name) if isinstance(old.get(name), dict) else {}
        spelled = {}
        for key in before:
            index = _position_of(key, items[name])
            if index is not None and not isinstance(key, int):  # positions: keyed now
                spelled.setdefault(index, key)
        written: dict[Any, str] = {}
        for index, text in enumerate(value):
            if text is None or not str(text).strip():
                continue
            if index < len(items[name]):
                key = spelled.get(index, items[name][index][0])
            else:
                key = index + 1  # no such item: make check says so
            written[key] = str(text)
        for key, text in before.items():  # names nothing: kept, and reported
            if _position_of(key, items[name]) is None and key not in written:
                written[key] = text
        data[name] = written
    return data


def positions_to_keys(
    data: Any, items: dict[str, list[list[str]]]
) -> list[tuple[str, int, str]]:
    """Key the positional entries (``2: …``) of a translation's ``roles:`` and
    ``captions:`` in place, keeping their order; return (map, position, key).

    ``data`` is a ruamel round-trip mapping, so comments and the other lines
    of the file stay as they were. A position past the original's items stays
    as it is (``make check`` reports it).
    """
    changed = []
    for name in ("roles", "captions"):
        value = data.get(name) if hasattr(data, "get") else None
        if not hasattr(value, "insert"):
            continue
        for index, key in enumerate(list(value)):
            if isinstance(key, bool) or not isinstance(key, int):
                continue
            if not 0 < key <= len(items[name]) or not items[name][key - 1][0]:
                continue
            new = items[name][key - 1][0]
            if new in value:
                continue  # keyed already: make check reports the two
            text = value.pop(key)
            value.insert(index, new, text)
            changed.append((name, key, new))
    return changed
