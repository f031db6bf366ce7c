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

from newsroom.messages import Message

from .characters import character_problems, reference_problems
from .problems import ContentError, Problem, line_of
from .yaml_composer import Composer

try:  # the C loader is several times faster; it exists wherever libyaml does
    _BaseLoader = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _BaseLoader = yaml.SafeLoader

_FENCE = re.compile(r"^---[ \t]*$", re.MULTILINE)
# Defaults of the CONTENT_MODEL_MAX_* settings (see settings.py).
DEFAULT_MAX_DEPTH = 10  # a post needs 3 levels (speakers → entry → role)
DEFAULT_MAX_FRONT_MATTER_BYTES = 64 * 1024


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
    re.compile(r"^[-+]?(0|[1-9][0-9_]{0,30})$"),  # longer stays text: int() refuses
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


def _problem(path: str, line: int, field_name: str, message: Message) -> ContentError:
    """Return a ContentError holding one whole-file problem."""
    return ContentError([Problem(path, line, field_name, message)])


def decode(raw: bytes, path: str) -> str:
    """Decode UTF-8 (with or without a byte-order mark) and normalise to NFC.

    Line endings become LF, whether the file has CRLF (Windows) or CR alone
    (old Mac editors) or a mix of them.
    """
    start = raw[:400]
    # UTF-16 has a zero byte beside every ASCII letter, with or without a mark.
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or start.count(0) > len(start) // 4:
        raise _problem(
            path,
            1,
            "encoding",
            Message("the file is saved as UTF-16: save it as UTF-8 in your editor"),
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
            Message(
                "the file is not UTF-8 (byte %(byte)s on this line): it was probably "
                "saved in a legacy Vietnamese encoding (TCVN3, VNI or Windows-1258); "
                "save it as UTF-8 in your editor",
                byte=f"0x{raw[error.start]:02X}",
            ),
        ) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def over_limit(what: Message, size: int, limit: int, setting: str) -> Message:
    """Return "the post is 1,200,000 bytes, more than the limit of … (1 MiB, …)"."""
    shown = (
        f"{limit / (1 << 20):g} MiB" if limit >= 1 << 20 else f"{limit / 1024:g} KiB"
    )
    return Message(
        "the %(what)s is %(size)s bytes, more than the limit of %(limit)s bytes "
        "(%(shown)s, %(setting)s)",
        what=what,
        size=f"{size:,}",
        limit=f"{limit:,}",
        shown=shown,
        setting=setting,
    )


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
            Message(
                "the file is empty: a post starts with '---', its keys (title, "
                "date, …), and '---'"
            ),
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
            Message(
                "the post does not start with a front-matter block: its first line "
                "must be '---', then the keys (title, date, …), then '---'"
            ),
        )
    if len(fences) < 2:
        raise _problem(
            path,
            1,
            "front matter",
            Message(
                "the front matter is not closed: add a line '---' after its last key"
            ),
        )
    start, end = fences[0].end(), fences[1].start()
    size = len(text[start:end].encode("utf-8"))
    if size > max_bytes:
        raise _problem(
            path,
            2,
            "front matter",
            Message(
                "%(limit)s: long texts belong in the body, after the closing '---'",
                limit=over_limit(
                    Message("front matter"),
                    size,
                    max_bytes,
                    "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES",
                ),
            ),
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
            Message("the front matter must be 'key: value' lines (title: …, date: …)"),
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
# Short texts repeat too (names, roles, units, places, groups, tags): each
# post's own copy of them was 5 MiB at 3,000 posts (issue #22). Longer texts
# (titles, summaries) are the post's own, kept out of the table.
_shared: dict[Any, Any] = {}
SHARED_TEXT_MAX = 80  # characters
# Posts written from the same layout have the same line map (key path ->
# line): one copy of each (2,157 maps for 5,100 posts of the benchmark's
# archive). Line maps are never changed once read.
_shared_lines: dict[tuple, dict] = {}


def _share(value: Any) -> Any:
    return _shared.setdefault(value, value)


def share_repeated_keys(data: Any, lines: dict) -> tuple[Any, dict]:
    """Return front matter and its line map with keys shared between posts.

    Posts read in other processes arrive as copies; this makes their mapping
    keys, line-map key paths and short texts the same objects as every other
    post's, and a line map the same as any other post's with the same lines.
    """
    shared = {_share(path): line for path, line in lines.items()}
    return _share_keys(data), _shared_lines.setdefault(tuple(shared.items()), shared)


def _share_keys(data: Any) -> Any:
    if isinstance(data, dict):
        return {
            _share(key) if isinstance(key, str) else key: _share_keys(value)
            for key, value in data.items()
        }
    if isinstance(data, list):
        return [_share_keys(item) for item in data]
    if type(data) is str and len(data) <= SHARED_TEXT_MAX:
        return _share(data)
    return data


def load_yaml(
    source: str, path: str, max_depth: int = DEFAULT_MAX_DEPTH
) -> tuple[Any, dict, list]:
    """Parse YAML ``source``; return the data, key lines and duplicated keys.

    Front matter is passed with the newline that ends the opening fence, so
    its line numbers are the file's own, as they are for a whole YAML file.
    The document is composed by ``Composer`` (no recursion, nesting bounded
    by ``max_depth``, no anchors, aliases, tags or merge keys), so no input
    can exhaust the memory or the stack; every refusal is a ContentError.
    """
    unreadable = character_problems(source, path)
    if unreadable:  # YAML would take U+FEFF or U+0085 (a line break!) as text
        raise ContentError(unreadable)
    try:
        loader = _PostLoader(source)
        try:
            composer = Composer(loader, path, max_depth)
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
        raise _problem(
            path, 1, "yaml", Message("invalid YAML: %(error)s", error=str(error))
        ) from None
    return data, composer.lines, composer.duplicates


def _yaml_advice(error: yaml.MarkedYAMLError, text: str) -> Message:
    """Explain a YAML error the way staff can fix it, from the offending line."""
    reason = error.problem or "invalid YAML"
    if "\t" in text and "cannot start any token" in reason:
        return Message("invalid YAML: a tab is used to indent; indent with spaces")
    if "mapping values are not allowed" in reason and ": " in text:
        key, _, value = text.partition(": ")
        if key.strip() and not key.strip().startswith("-"):
            return Message(
                "invalid YAML: the value contains ': '; put it in double quotes: "
                "%(fixed)s",
                fixed=f'{key.strip()}: "{value.strip()}"',
            )
    if "another document" in reason:
        return Message(
            "invalid YAML: a line '---' or '...' starts a second document: remove it"
        )
    if "expected ',' or ']'" in reason:
        return Message("invalid YAML: a list opened with '[' is not closed with ']'")
    if "expected ',' or '}'" in reason:
        return Message("invalid YAML: a block opened with '{' is not closed with '}'")
    return Message(
        "invalid YAML: %(reason)s (check the indentation, and quote values that "
        "contain ': ' or start with a special character)",
        reason=reason,
    )
