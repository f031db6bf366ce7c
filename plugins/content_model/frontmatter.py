"""Split a post into its YAML front matter and Markdown body, keeping line numbers.

Every key of the front matter is mapped to the line it stands on, so that a
problem can point staff at ``path:line``. Scalars stay strings unless they are
plain integers, booleans or null: dates and times are parsed by our own code
(YAML 1.1 would read ``08:30`` as the number 510).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import ContentError, Problem

try:  # the C loader is several times faster; it exists wherever libyaml does
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _BaseLoader = yaml.SafeLoader

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)


class _PostLoader(_BaseLoader):
    """A safe loader that leaves timestamps and base-60 numbers as text."""


_PostLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        if tag not in ("tag:yaml.org,2002:timestamp",)
    ]
    for first, resolvers in _BaseLoader.yaml_implicit_resolvers.items()
}
_PostLoader.add_implicit_resolver(
    "tag:yaml.org,2002:int",
    re.compile(r"^[-+]?(0|[1-9][0-9_]*)$"),
    list("-+0123456789"),
)
# Drop the resolvers for floats and base-60 integers, then restore plain ints.
for _first, _resolvers in list(_PostLoader.yaml_implicit_resolvers.items()):
    _PostLoader.yaml_implicit_resolvers[_first] = [
        (tag, regexp)
        for tag, regexp in _resolvers
        if tag not in ("tag:yaml.org,2002:float",)
        and not (tag == "tag:yaml.org,2002:int" and ":" in regexp.pattern)
    ]


@dataclass
class FrontMatter:
    """A post's parsed front matter, its key lines, and its body."""

    data: dict[str, Any]
    lines: dict[tuple, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1

    def line(self, *path: Any) -> int:
        """Return the line of the key at ``path``, or of its nearest parent."""
        while path:
            if path in self.lines:
                return self.lines[path]
            path = path[:-1]
        return self.lines.get((), 1)


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark) and normalise to NFC."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError(
            [
                Problem(
                    path,
                    line,
                    "",
                    "the file is not UTF-8 text (was it saved in a legacy "
                    "Vietnamese encoding such as TCVN3 or VNI?): save it as "
                    "UTF-8 in your editor",
                )
            ]
        ) from None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def split(text: str, path: str) -> FrontMatter:
    """Parse ``text`` into front matter and body; raise ContentError if broken."""
    if not text.startswith("---"):
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    "",
                    "the post does not start with a front-matter block: put a "
                    "line '---', the YAML keys (title, date, ...), and '---'",
                )
            ]
        )
    fences = list(_FENCE.finditer(text, 0))
    if len(fences) < 2 or fences[0].start() != 0:
        raise ContentError(
            [
                Problem(
                    path,
                    1,
                    "",
                    "the front matter is not closed: add a line '---' after "
                    "its last key",
                )
            ]
        )
    start, end = fences[0].end(), fences[1].start()
    data, lines = load_yaml(text[start:end], path)
    if not isinstance(data, dict):
        raise ContentError(
            [
                Problem(
                    path, 2, "", "the front matter must be a list of 'key: value' lines"
                )
            ]
        )
    rest = text[fences[1].end() :]
    body = rest.lstrip("\n")
    body_line = (
        text.count("\n", 0, fences[1].end())
        + 1
        + rest.count("\n", 0, len(rest) - len(body))
    )
    return FrontMatter(data=data, lines=lines, body=body, body_line=body_line)


def load_yaml(source: str, path: str) -> tuple[Any, dict]:
    """Parse YAML ``source``; return the data and a map of key paths to lines.

    Front matter is passed with the newline that ends the opening fence, so
    its line numbers are the file's own, as they are for a whole YAML file.
    """
    try:
        loader = _PostLoader(source)
        try:
            node = loader.get_single_node()
            data = loader.construct_document(node) if node is not None else None
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        context = error.context or ""
        if error.context_mark and ("flow" in context or "quoted" in context):
            mark = error.context_mark  # where the unclosed bracket or quote began
        line = (mark.line if mark else 0) + 1
        reason = error.problem or "invalid YAML"
        raise ContentError(
            [
                Problem(
                    path,
                    line,
                    "",
                    f"invalid YAML: {reason} (check the indentation, and quote "
                    "values that contain ': ' or start with a special character)",
                )
            ]
        ) from None
    lines: dict[tuple, int] = {(): 1}
    if node is not None:
        _record_lines(node, (), 1, lines)
    return data, lines


def _record_lines(node: Any, path: tuple, offset: int, lines: dict) -> None:
    """Record the line of every mapping key and sequence item under ``node``."""
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if isinstance(key, str) and key.isdigit():
                key = int(key)
            child = (*path, key)
            lines[child] = offset + key_node.start_mark.line
            _record_lines(value_node, child, offset, lines)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = offset + item.start_mark.line
            _record_lines(item, child, offset, lines)
