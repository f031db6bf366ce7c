"""Split a post into its YAML front matter and Markdown body, keeping line numbers.

Every key of the front matter is mapped to the line it stands on, so that a
problem can point staff at ``path:line``. Scalars stay strings unless they are
plain integers, booleans or null: dates and times are parsed by our own code
(YAML 1.1 would read ``08:30`` as the number 510).
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import yaml

from .problems import ContentError, Problem, field_label, line_of

try:  # the C loader is several times faster; it exists wherever libyaml does
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _BaseLoader = yaml.SafeLoader

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"
# Defaults of the CONTENT_MODEL_MAX_* settings (see settings.py).
DEFAULT_MAX_DEPTH = 10  # a post needs 3 levels (speakers → entry → role)
DEFAULT_MAX_FRONT_MATTER_BYTES = 64 * 1024
# Characters no page or feed may carry: C0 and C1 controls but tab and line
# breaks (XML 1.0 refuses most of them, so one would break every feed),
# DEL, noncharacters (U+FFFE, U+FDD0…), and a byte-order mark past the start.
_ASTRAL_NONCHARACTERS = tuple(
    chr(plane + last) for plane in range(0x10000, 0x110000, 0x10000) for last in
    (0xFFFE, 0xFFFF)
)  # fmt: skip
_FORBIDDEN_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufeff\ufffe\uffff"
_FORBIDDEN_FAST = re.compile(f"[{_FORBIDDEN_BMP}]")
_FORBIDDEN = re.compile(f"[{_FORBIDDEN_BMP}{''.join(_ASTRAL_NONCHARACTERS)}]")


class _PostLoader(_BaseLoader):
    """A safe loader that leaves timestamps and base-60 numbers as text."""


_PostLoader.yaml_implicit_resolvers = {
    first: [
        (tag, regexp)
        for tag, regexp in resolvers
        # "=" would be YAML 1.1's value key, which no loader can construct.
        if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:value")
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
    # Forbidden characters in the body: reported with the post's other problems
    problems: list[Problem] = field(default_factory=list)

    def line(self, *path: Any) -> int:
        """Return the line of the key at ``path``, or of its nearest parent."""
        return line_of(self.lines, path)


def _problem(path: str, line: int, field_name: str, message: str) -> ContentError:
    """Return a ContentError holding one whole-file problem."""
    return ContentError([Problem(path, line, field_name, message)])


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark) and normalise to NFC.

    Line endings become LF, whether the file has CRLF (Windows) or CR alone
    (old Mac editors) or a mix of them.
    """
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise _problem(
            path,
            1,
            "encoding",
            "the file is saved as UTF-16: save it as UTF-8 in your editor",
        )
    # Not "utf-8-sig": its errors count positions from after the mark.
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]  # lines end in LF, CRLF or CR alone
        line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
        raise _problem(
            path,
            line,
            "encoding",
            f"the file is not UTF-8 (byte 0x{raw[error.start]:02X} on this line): "
            "it was probably saved in a legacy Vietnamese encoding (TCVN3, VNI "
            "or Windows-1258); save it as UTF-8 in your editor",
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def over_limit(what: str, size: int, limit: int, setting: str) -> str:
    """Return "the post is 1,200,000 bytes, more than the limit of … (1 MiB, …)"."""
    shown = (
        f"{limit / (1 << 20):g} MiB" if limit >= 1 << 20 else f"{limit / 1024:g} KiB"
    )
    return (
        f"the {what} is {size:,} bytes, more than the limit of {limit:,} bytes "
        f"({shown}, {setting})"
    )


def describe_character(char: str) -> str:
    """Return a forbidden character as staff can search for it: U+001B (ESC)."""
    code = ord(char)
    if code == 0xFEFF:
        return "U+FEFF (a byte-order mark, invisible)"
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return f"U+{code:04X} (a noncharacter)"
    name = _CONTROL_NAMES.get(code, "a control character")
    return f"U+{code:04X} ({name})"


_MAX_CHARACTER_LINES = 10
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0B: "VT", 0x0C: "FF"}
_CHARACTER_ADVICE = (
    "no page or feed can carry it: delete it (it may be invisible in your editor)"
)


def _forbidden(text: str) -> re.Pattern:
    """Return the pattern of forbidden characters ``text`` needs (fast if BMP).

    Searching for astral characters in text that has none returns at once,
    where the full pattern would cost ten times the fast one on every post.
    """
    if any(char in text for char in _ASTRAL_NONCHARACTERS):
        return _FORBIDDEN
    return _FORBIDDEN_FAST


def forbidden_character(text: str) -> str | None:
    """Return the first character of ``text`` that no page may carry, if any."""
    match = _forbidden(text).search(text)
    return match.group() if match else None


def character_problems(text: str, path: str, body_line: int = 0) -> list[Problem]:
    """Return a problem for each line of ``text`` with a forbidden character.

    Lines from ``body_line`` on are the body's; before it, the front matter's
    (a file without a body, such as a registry, is all "text"). After
    ``_MAX_CHARACTER_LINES`` lines the last problem counts the others.
    """
    problems: list[Problem] = []
    position, line, last, more = 0, 1, 0, 0
    for match in _forbidden(text).finditer(text):
        start = match.start()
        line += text.count("\n", position, start)
        position = start
        if line == last:
            continue
        last = line
        if len(problems) == _MAX_CHARACTER_LINES:
            more += 1
            continue
        column = start - text.rfind("\n", 0, start)
        if not body_line:
            field_name = "text"
        else:
            field_name = "body" if line >= body_line else "front matter"
        problems.append(
            Problem(
                path,
                line,
                field_name,
                f"the character {describe_character(match.group())} in column "
                f"{column}: {_CHARACTER_ADVICE}",
            )
        )
    if more:
        last_problem = problems[-1]
        problems[-1] = Problem(
            path,
            last_problem.line,
            last_problem.field,
            f"{last_problem.message} ({more} more lines have such characters)",
        )
    return problems


_REFERENCE = re.compile(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));?")


def reference_problems(body: str, path: str, body_line: int) -> list[Problem]:
    """Return a problem for each character reference to a forbidden character.

    ``&#x1b;`` in raw HTML reaches the page as the character itself.
    """
    if "&#" not in body:
        return []
    problems = []
    for match in _REFERENCE.finditer(body):
        hexadecimal, decimal = match.groups()
        code = int(hexadecimal, 16) if hexadecimal else int(decimal)
        if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
            message = "stands for no character: delete it"
        elif forbidden_character(chr(code)) is not None:
            message = f"stands for {describe_character(chr(code))}: {_CHARACTER_ADVICE}"
        else:
            continue
        line = body_line + body.count("\n", 0, match.start())
        problems.append(Problem(path, line, "body", f"{match.group()} {message}"))
    return problems


def split(
    text: str,
    path: str,
    max_bytes: int = DEFAULT_MAX_FRONT_MATTER_BYTES,
    max_depth: int = DEFAULT_MAX_DEPTH,
) -> FrontMatter:
    """Parse ``text`` into front matter and body; raise ContentError if broken.

    Forbidden characters anywhere, and a front matter over ``max_bytes``
    (UTF-8) or nested deeper than ``max_depth``, are errors at their line.
    """
    if not text.strip():
        raise _problem(
            path,
            1,
            "front matter",
            "the file is empty: a post starts with '---', its keys (title, date, "
            "…), and '---'",
        )
    fences = list(itertools.islice(_FENCE.finditer(text), 2))
    closing_line = text.count("\n", 0, fences[1].start()) + 1 if len(fences) > 1 else 0
    body_problems = character_problems(
        text, path, closing_line + 1 if closing_line else 0
    )
    if any(problem.field != "body" for problem in body_problems):
        raise ContentError(body_problems)  # YAML would refuse them, less clearly
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
    size = len(text[start:end].encode("utf-8"))
    if size > max_bytes:
        raise _problem(
            path,
            2,
            "front matter",
            over_limit(
                "front matter", size, max_bytes, "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES"
            )
            + ": long texts belong in the body, after the closing '---'",
        )
    try:
        data, lines, duplicates = load_yaml(text[start:end], path, max_depth)
    except ContentError as error:
        raise ContentError(error.problems + body_problems) from None
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
    body_problems += reference_problems(body, path, body_line)
    return FrontMatter(data, lines, body, body_line, duplicates, body_problems)


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


def load_yaml(
    source: str, path: str, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[Any, dict, list]:
    """Parse YAML ``source``; return the data, key lines and duplicated keys.

    Front matter is passed with the newline that ends the opening fence, so
    its line numbers are the file's own, as they are for a whole YAML file.
    The document is composed by ``_Composer`` (no recursion, nesting bounded
    by ``max_depth``, no anchors, aliases, tags or merge keys), so no input
    can exhaust the memory or the stack; every refusal is a ContentError.
    """
    unreadable = character_problems(source, path)
    if unreadable:  # YAML would take U+FEFF or U+0085 (a line break!) as text
        raise ContentError(unreadable)
    try:
        loader = _PostLoader(source)
        try:
            composer = _Composer(loader, path, max_depth)
            node = composer.compose()
            if composer.problems:
                raise ContentError(composer.problems)
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
    except yaml.YAMLError as error:  # a reader error: characters YAML refuses
        raise _problem(path, 1, "yaml", f"invalid YAML: {error}") from None
    return data, composer.lines, composer.duplicates


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
    if "another document" in reason:
        return "invalid YAML: a line '---' or '...' starts a second document: remove it"
    if "expected ',' or ']'" in reason:
        return "invalid YAML: a list opened with '[' is not closed with ']'"
    if "expected ',' or '}'" in reason:
        return "invalid YAML: a block opened with '{' is not closed with '}'"
    return (
        f"invalid YAML: {reason} (check the indentation, and quote values that "
        "contain ': ' or start with a special character)"
    )


@dataclass
class _Open:
    """A mapping or sequence being composed, with its key path."""

    node: yaml.Node
    path: tuple
    in_key: bool = False  # inside a complex key: lines are not recorded
    key: yaml.Node | None = None  # a mapping's key waiting for its value


_SCALAR = yaml.ScalarEvent
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class _Composer:
    """Compose one YAML document from the parser's events, without recursion.

    PyYAML's composers recurse once per nesting level (the C one overflows
    the C stack: a segmentation fault), and resolve aliases into a graph that
    ten lines can make exponential. Staff never write anchors, aliases, tags
    or merge keys, so each is a problem at its line; nesting deeper than
    ``max_depth`` stops the parse at once. The line of every mapping key and
    sequence item is recorded on the way, and keys given twice.
    """

    def __init__(self, loader: Any, path: str, max_depth: int):
        self.loader, self.path, self.max_depth = loader, path, max_depth
        self.lines: dict[tuple, int] = {(): 1}
        self.duplicates: list[tuple[tuple, int]] = []
        self.problems: list[Problem] = []

    def compose(self) -> yaml.Node | None:
        """Return the document's root node (None for an empty document)."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # document start
        root = self._compose_root()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                event.start_mark,
            )
        loader.get_event()
        return root

    def _compose_root(self) -> yaml.Node:
        """Read events up to the end of the root node; return it.

        One loop with no call per event but the parser's and the resolver's:
        this runs for every key of every post.
        """
        get_event, resolve = self.loader.get_event, self.loader.resolve
        stack: list[_Open] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor or event.tag or event.style == '"':
                    node = self._checked_scalar(event, stack)
                else:
                    node = yaml.ScalarNode(
                        resolve(yaml.ScalarNode, event.value, event.implicit),
                        event.value,
                        event.start_mark,
                        event.end_mark,
                        style=event.style,
                    )
            elif kind in _CLOSES:
                node = stack.pop().node
                node.end_mark = event.end_mark
            elif kind in _OPENS:
                path, in_key = _child_path(stack)
                if len(stack) >= self.max_depth:
                    raise self._too_deep(event, path)
                self._check_properties(event, path)
                node_class = (
                    yaml.MappingNode
                    if kind is yaml.MappingStartEvent
                    else yaml.SequenceNode
                )
                node = node_class(
                    resolve(node_class, None, event.implicit),
                    [],
                    event.start_mark,
                    None,
                    flow_style=event.flow_style,
                )
                stack.append(_Open(node, path, in_key))
                continue
            else:  # an alias
                self._refuse(
                    event.start_mark,
                    _child_path(stack)[0],
                    f"YAML aliases (*{event.anchor}) are not allowed: write the "
                    "value out in full",
                )
                node = yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark)
            if not stack:
                return node
            self._attach(stack[-1], node)

    def _attach(self, parent: _Open, node: yaml.Node) -> None:
        """Add a finished ``node`` to its parent, recording its line."""
        line = node.start_mark.line + 1
        if type(parent.node) is yaml.SequenceNode:
            if not parent.in_key:
                self.lines[(*parent.path, len(parent.node.value))] = line
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
            if node.tag == _MERGE:
                self._refuse(
                    node.start_mark,
                    parent.path,
                    "merge keys ('<<') are not allowed: write each key out",
                )
            if parent.in_key:
                return
            # Keys are recorded as text (position ``1:`` is "1"), so that an
            # int in a key path always means a list index.
            key = node.value if type(node) is yaml.ScalarNode else None
            child = (*parent.path, key)
            if child in self.lines:
                self.duplicates.append((child, line))
            else:
                self.lines[child] = line
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def _checked_scalar(self, event: yaml.ScalarEvent, stack: list) -> yaml.Node:
        """Return the node of a scalar with properties or escapes, or refuse it.

        Only a double-quoted scalar can hold escapes (``"\\0"``, ``"\\e"``):
        forbidden characters written as themselves are refused before YAML.
        """
        path = _child_path(stack)[0]
        self._check_properties(event, path)
        char = forbidden_character(event.value)
        if char is not None:
            self._refuse(
                event.start_mark,
                path,
                f"the text holds the character {describe_character(char)}, as "
                f"itself or as an escape such as \\0: {_CHARACTER_ADVICE}",
            )
        if event.tag:
            return yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark)
        return yaml.ScalarNode(
            self.loader.resolve(yaml.ScalarNode, event.value, event.implicit),
            event.value,
            event.start_mark,
            event.end_mark,
            style=event.style,
        )

    def _check_properties(self, event: yaml.NodeEvent, path: tuple) -> None:
        """Refuse an anchor (``&a``) or a tag (``!!binary``, ``!x``) on a node."""
        mark = event.start_mark
        if event.anchor is not None:
            self._refuse(
                mark,
                path,
                f"YAML anchors (&{event.anchor}) are not allowed: remove "
                f"'&{event.anchor}'",
            )
        if event.tag is not None:
            written = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self._refuse(
                mark,
                path,
                f"YAML tags ({written}) are not allowed: remove the tag, and "
                "put the value in double quotes if it must stay text",
            )

    def _refuse(self, mark: Any, key_path: tuple, message: str) -> None:
        """Record a problem at ``mark`` for the key at ``key_path``."""
        label = field_label(tuple(k for k in key_path if k is not None)) or "yaml"
        self.problems.append(Problem(self.path, mark.line + 1, label, message))

    def _too_deep(self, event: yaml.Event, key_path: tuple) -> ContentError:
        """Return the error for a block or list nested beyond ``max_depth``."""
        self._refuse(
            event.start_mark,
            _without_positions(key_path),  # "event[1][1]…" repeats the nesting
            f"lists and blocks are nested more than {self.max_depth} levels deep "
            "here: a front matter or registry needs a few levels at most; close "
            "the brackets or reduce the indentation",
        )
        return ContentError(self.problems)


def _child_path(stack: list[_Open]) -> tuple[tuple, bool]:
    """Return the key path of the next node, and whether it is within a key."""
    if not stack:
        return (), False
    parent = stack[-1]
    if type(parent.node) is yaml.SequenceNode:
        return (*parent.path, len(parent.node.value)), parent.in_key
    if parent.key is None:
        return (*parent.path, None), True  # the node is a key
    key = parent.key.value if type(parent.key) is yaml.ScalarNode else None
    return (*parent.path, key), parent.in_key


def _without_positions(key_path: tuple) -> tuple:
    """Return ``key_path`` up to its last key name: ``("event", 0, 0)`` → event."""
    end = len(key_path)
    while end and not isinstance(key_path[end - 1], str):
        end -= 1
    return key_path[:end]
