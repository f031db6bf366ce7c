"""Export the front-matter and units schemas as JSON Schema (``schema/``).

Generated from the tables in ``schema.py``, which the validator walks too, so
the editor's view and the build's cannot drift apart: a test fails when the
committed file is stale. The output keeps to keywords that mean the same in
JSON Schema draft 2020-12 and draft-07 (which VS Code's YAML extension
implements): ``$defs`` is only reached through JSON-pointer ``$ref``\\ s.

Usage: ``python -m content_model.json_schema [-o schema/post.schema.json]
[--units-output schema/units.schema.json] [--check]``.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from .plain_text import EDITOR_PATTERN
from .schema import (
    BLOCK,
    CHOICE,
    COUNT,
    DATE,
    FLAG,
    ITEMS,
    KEYED,
    NAMES,
    ORIGINAL,
    TEXT,
    TIME,
    TRANSLATION,
    UNIT_KEYS,
    Key,
)

DEFAULT_OUTPUT = Path(__file__).resolve().parents[2] / "schema" / "post.schema.json"
UNITS_OUTPUT = DEFAULT_OUTPUT.with_name("units.schema.json")
_TEXT = {
    "type": ["string", "integer"],
    "minLength": 1,
    "not": {"type": "string", "pattern": EDITOR_PATTERN},
}
_DAY = r"(0?[1-9]|[12]\d|3[01])"
_MONTH = r"(0?[1-9]|1[0-2])"
# As vietnamese.parse_event_time reads it: 8:30, 8h30, 8g30, 8 giờ 30 (phút), 14h.
_CLOCK = r"([01]?\d|2[0-3])(:[0-5]\d|\s*([hHgG]|giờ)(\s*[0-5]\d)?(\s*('|′|phút))?)"
_PART_OF_DAY = r"^[Bb]uổi\s+(sáng|chiều|tối)$"
_ISO = (
    rf"\d{{4}}-{_MONTH}-{_DAY}"
    r"([ T]([01]?\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_DAY_FIRST = rf"{_DAY}(/{_MONTH}/|-{_MONTH}-|\.{_MONTH}\.)\d{{4}}(,?\s+{_CLOCK})?"
_DATE = {"type": "string", "pattern": f"^({_ISO}|{_DAY_FIRST})$"}


def _value(key: Key) -> dict[str, Any]:
    """Return the JSON Schema of one key's value."""
    kind = key.kind
    if kind == TEXT:
        return {"$ref": "#/$defs/text"}
    if kind == DATE:
        return {"$ref": "#/$defs/date"}
    if kind == TIME:
        return {
            "anyOf": [
                {"enum": list(key.choices)},
                {"type": "string", "pattern": f"^{_CLOCK}$"},
                {"type": "string", "pattern": _PART_OF_DAY},
            ]
        }
    if kind == CHOICE:
        return {"enum": list(key.choices)}
    if kind == FLAG:
        return {"type": "boolean"}
    if kind == COUNT:
        return {"type": "integer", "minimum": 1}
    if kind == NAMES:
        return {
            "anyOf": [
                {"$ref": "#/$defs/text"},
                {"type": "array", "items": {"$ref": "#/$defs/text"}},
            ]
        }
    if kind == BLOCK:
        return _object(key.keys)
    if kind == ITEMS:
        return {"type": "array", "items": _object(key.keys)}
    if kind == KEYED:
        return {
            "type": "object",
            "propertyNames": {"minLength": 1},
            "additionalProperties": {"$ref": "#/$defs/text"},
        }
    raise ValueError(f"no JSON Schema for kind {kind!r}")


def _property(key: Key) -> dict[str, Any]:
    """Return a key's schema with its description (and default)."""
    value = _value(key)
    if "$ref" in value:  # draft-07 ignores the siblings of a $ref
        value = {"allOf": [value]}
    value["description"] = key.help
    if key.default is not None:
        value["default"] = key.default
    return value


def _object(keys: tuple[Key, ...]) -> dict[str, Any]:
    """Return the schema of a mapping with exactly ``keys``."""
    schema: dict[str, Any] = {
        "type": "object",
        "properties": {key.name: _property(key) for key in keys},
        "additionalProperties": False,
    }
    required = [key.name for key in keys if key.required]
    if required:
        schema["required"] = required
    return schema


def post_schema() -> dict[str, Any]:
    """Return the JSON Schema of a post's front matter."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Post front matter",
        "description": (
            "Front matter of a post in content/posts/. Generated from "
            "plugins/content_model/schema.py by `make schema`: do not edit. "
            "`make check` remains the authority (registries, photos, "
            "translations)."
        ),
        "type": "object",
        "if": {"properties": {"lang": {"const": "en"}}, "required": ["lang"]},
        "then": {"$ref": "#/$defs/translation"},
        "else": {"$ref": "#/$defs/original"},
        "$defs": {
            "original": _object(ORIGINAL),
            "translation": _object(TRANSLATION),
            "text": _TEXT,
            "date": _DATE,
        },
    }


def units_schema() -> dict[str, Any]:
    """Return the JSON Schema of the units registry (``content/data/units.yml``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Units registry",
        "description": (
            "content/data/units.yml: the Youth Union units and their partners, "
            "with their history. Generated from plugins/content_model/schema.py "
            "by `make schema`: do not edit. `make check` remains the authority "
            "(parents, successors, names shared within a parent)."
        ),
        "type": "array",
        "items": _object(UNIT_KEYS),
        "$defs": {"text": _TEXT, "date": _DATE},
    }


def render(schema: dict[str, Any] | None = None) -> str:
    """Return a schema file's text (stable: sorted nowhere, indented 2)."""
    chosen = post_schema() if schema is None else schema
    return json.dumps(chosen, ensure_ascii=False, indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    """Write the schema, or with --check tell whether the file is current."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-o", "--output", type=Path, default=DEFAULT_OUTPUT)
    parser.add_argument(
        "--check", action="store_true", help="exit 1 if the file is out of date"
    )
    parser.add_argument("--units-output", type=Path, default=UNITS_OUTPUT)
    args = parser.parse_args(argv)
    files = (
        (args.output, render()),
        (args.units_output, render(units_schema())),
    )
    if args.check:
        stale = [
            path
            for path, text in files
            if (path.read_text("utf-8") if path.exists() else "") != text
        ]
        for path in stale:
            print(f"{path} is out of date: run make schema", file=sys.stderr)
        return 1 if stale else 0
    for path, text in files:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
