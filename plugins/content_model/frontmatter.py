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

from .problems import ContentError, Problem, line_of

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
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)

    def line(self, *path: Any) -> int:
        """Return the line of the key at ``path``, or of its nearest parent."""
        return line_of(self.lines, path)


def _problem(path: str, line: int, field_name: str, message: str) -> ContentError:
    """Return a ContentError holding one whole-file problem."""
    return ContentError([Problem(path, line, field_name, message)])


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark) and normalise to NFC."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _problem(
            path,
            1,
            "encoding",
            "the file is saved as UTF-16: save it as UTF-8 in your editor",
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise _problem(
            path,
            line,
            "encoding",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02X} on this line): "
            "it was probably saved in a legacy Vietnamese encoding (TCVN3, VNI "
            "or Windows-1258); save it as UTF-8 in your editor",
        ) from None
    return unicodedata.normalize("NFC", text.replace("\r\n", "\n"))


def split(text: str, path: str) -> FrontMatter:
    """Parse ``text`` into front matter and body; raise ContentError if broken."""
    if not text.strip():
        raise _problem(
            path,
            1,
            "front matter",
            "the file is empty: a post starts with '---', its keys (title, date, "
            "…), and '---'",
        )
    fences = list(_FENCE.finditer(text))
    if not fences or fences[0].start() != 0:
        raise _problem(
            path,
            1,
            "front matter",
            "the post does not start with a front-matter block: its first line "
            "must be '---', then the keys (title, date, …), then '---'",
        )
    if len(fences) < 2:
        raise _problem(
            path,
            1,
            "front matter",
            "the front matter is not closed: add a line '---' after its last key",
        )
    start, end = fences[0].end(), fences[1].start()
    data, lines, duplicates = load_yaml(text[start:end], path)
    if not isinstance(data, dict):
        raise _problem(
            path,
            2,
            "front matter",
            "the front matter must be 'key: value' lines (title: …, date: …)",
        )
    rest = text[fences[1].end() :]
    body = rest.lstrip("\n")
    body_line = (
        text.count("\n", 0, fences[1].end())
        + 1
        + rest.count("\n", 0, len(rest) - len(body))
    )
    return FrontMatter(data, lines, body, body_line, duplicates)


# Every post repeats the same keys and key paths ("speakers", ("speakers", 0,
# "role")...): one shared copy of each saves about 4 KB a post in memory.
_shared: dict[Any, Any] = {}


def _share(value: Any) -> Any:
    return _shared.setdefault(value, value)


def share_repeated_keys(data: Any, lines: dict) -> tuple[Any, dict]:
    """Return front matter and its line map with keys shared between posts.

    Posts read in other processes arrive as copies; this makes their mapping
    keys and line-map key paths the same objects as every other post's.
    """
    return _share_keys(data), {_share(path): line for path, line in lines.items()}


def _share_keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            _share(key) if isinstance(key, str) else key: _share_keys(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_share_keys(item) for item in data]
    return data


def load_yaml(source: str, path: str) -> tuple[Any, dict, list]:
    """Parse YAML ``source``; return the data, key lines and duplicated keys.

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
        text = source.split("\n")[line - 1] if line <= source.count("\n") + 1 else ""
        raise _problem(path, line, "yaml", _yaml_advice(error, text)) from None
    lines: dict[tuple, int] = {(): 1}
    duplicates: list[tuple[tuple, int]] = []
    if node is not None:
        _record_lines(node, (), 1, lines, duplicates)
    return data, lines, duplicates


def _yaml_advice(error: yaml.MarkedYAMLError, text: str) -> str:
    """Explain a YAML error the way staff can fix it, from the offending line."""
    reason = error.problem or "invalid YAML"
    if "\t" in text and "cannot start any token" in reason:
        return "invalid YAML: a tab is used to indent; indent with spaces"
    if "mapping values are not allowed" in reason and ": " in text:
        key, _, value = text.partition(": ")
        if key.strip() and not key.strip().startswith("-"):
            return (
                "invalid YAML: the value contains ': '; put it in double quotes: "
                f'{key.strip()}: "{value.strip()}"'
            )
    if "expected ',' or ']'" in reason:
        return "invalid YAML: a list opened with '[' is not closed with ']'"
    if "expected ',' or '}'" in reason:
        return "invalid YAML: a block opened with '{' is not closed with '}'"
    return (
        f"invalid YAML: {reason} (check the indentation, and quote values that "
        "contain ': ' or start with a special character)"
    )


def _record_lines(
    node: Any, path: tuple, offset: int, lines: dict, duplicates: list
) -> None:
    """Record the line of every mapping key and sequence item under ``node``.

    A key given twice in one mapping goes to ``duplicates``: YAML would
    silently keep the last value.
    """
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            # Mapping keys are recorded as text (position ``1:`` is "1"), so
            # that an int in a key path always means a list index.
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            child = (*path, key)
            if child in lines:
                duplicates.append((child, offset + key_node.start_mark.line))
            else:
                lines[child] = offset + key_node.start_mark.line
            _record_lines(value_node, child, offset, lines, duplicates)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            child = (*path, index)
            lines[child] = offset + item.start_mark.line
            _record_lines(item, child, offset, lines, duplicates)
