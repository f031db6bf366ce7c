"""Characters no page or feed may carry: find them, name them, say where.

XML 1.0 refuses most C0 controls, so one in a title makes every Atom feed
invalid; the others (C1 controls, DEL, noncharacters, a byte-order mark past
the start) are invisible in editors and never meant. Tab and line breaks are
fine.
"""

from __future__ import annotations

import re

from newsroom.messages import Message

from .problems import Problem

# C0 and C1 controls but tab and line breaks, DEL, noncharacters (U+FDD0…,
# U+FFFE and the last two of every plane), a byte-order mark past the start.
_ASTRAL_NONCHARACTERS = tuple(
    chr(plane + last) for plane in range(0x10000, 0x110000, 0x10000) for last in
    (0xFFFE, 0xFFFF)
)  # fmt: skip
FORBIDDEN_BMP = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufdd0-\ufdef\ufeff\ufffe\uffff"
_FORBIDDEN_FAST = re.compile(f"[{FORBIDDEN_BMP}]")
_FORBIDDEN = re.compile(f"[{FORBIDDEN_BMP}{''.join(_ASTRAL_NONCHARACTERS)}]")
_MAX_CHARACTER_LINES = 10
_CONTROL_NAMES = {0x00: "NUL", 0x1B: "ESC", 0x7F: "DEL", 0x0B: "VT", 0x0C: "FF"}
CHARACTER_ADVICE = Message(
    "no page or feed can carry it: delete it (it may be invisible in your editor)"
)


def describe_character(char: str) -> Message:
    """Return a forbidden character as staff can search for it: U+001B (ESC)."""
    code = ord(char)
    if code == 0xFEFF:
        return Message("U+FEFF (a byte-order mark, invisible)")
    if 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE:
        return Message("%(code)s (a noncharacter)", code=f"U+{code:04X}")
    if code in _CONTROL_NAMES:
        return Message(
            "%(code)s (%(name)s)", code=f"U+{code:04X}", name=_CONTROL_NAMES[code]
        )
    return Message("%(code)s (a control character)", code=f"U+{code:04X}")


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
                Message(
                    "the character %(character)s in column %(column)s: %(advice)s",
                    character=describe_character(match.group()),
                    column=column,
                    advice=CHARACTER_ADVICE,
                ),
            )
        )
    if more:
        last_problem = problems[-1]
        problems[-1] = Problem(
            path,
            last_problem.line,
            last_problem.field,
            Message(
                "%(message)s (%(more)s more lines have such characters)",
                message=last_problem.message,
                more=more,
            ),
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
            message = Message(
                "%(reference)s stands for no character: delete it",
                reference=match.group(),
            )
        elif forbidden_character(chr(code)) is not None:
            message = Message(
                "%(reference)s stands for %(character)s: %(advice)s",
                reference=match.group(),
                character=describe_character(chr(code)),
                advice=CHARACTER_ADVICE,
            )
        else:
            continue
        line = body_line + body.count("\n", 0, match.start())
        problems.append(Problem(path, line, "body", message))
    return problems
