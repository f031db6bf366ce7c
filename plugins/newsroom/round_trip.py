"""Editing a post's front matter in place: the split, and ruamel.yaml's round trip.

Tools that rewrite a writer's file (the web editor's backend, ``python -m
newsroom convert-keys``) change only what they mean to: comments, key order
and quoting stay as written. One parser configuration, one post split.
"""

from __future__ import annotations

from ruamel.yaml import YAML


def round_trip() -> YAML:
    """Return ruamel.yaml set to write the site's files as writers write them."""
    parser = YAML()
    parser.preserve_quotes = True
    parser.width = 4096
    parser.indent(mapping=2, sequence=4, offset=2)
    return parser


def split_post(text: str) -> tuple[str, str, str] | None:
    """Split a post into (front matter, closing line, body), or None."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].strip() != "---":
        return None
    for index in range(1, len(lines)):
        if lines[index].strip() in ("---", "..."):
            return "".join(lines[1:index]), lines[index], "".join(lines[index + 1 :])
    return None
