"""Content problems: one type, printed as ``path:line: [level] field: message``.

The message is a ``newsroom.messages.Message`` (never a plain text), rendered
in the writer's language when printed; the path, line and field name stay as
written in the file.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from newsroom.messages import Message

logger = logging.getLogger(__name__)

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # worth a look; never fails a check or a build


class ContentError(ValueError):
    """Raised when content cannot become a page; carries its problems."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or worth fixing) in one content file."""

    path: str
    line: int
    field: str
    message: Message
    level: str = ERROR

    def __post_init__(self) -> None:
        if not isinstance(self.message, Message):  # a text could not be translated
            raise TypeError(
                f"Problem message must be a Message, not {self.message!r}: write "
                'Message("… %(name)s …", name=value)'
            )

    def render(self, lang: str | None = None) -> str:
        """Return ``path:line: [level] field: message`` in ``lang``."""
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = self.message.render(lang)
        what = f"{self.field}: {text}" if self.field else text
        return f"{where}: [{self.level}] {what}"

    def __str__(self) -> str:
        return self.render()


def field_label(key_path: tuple) -> str:
    """Return a key path as staff read it: ``speakers[2].role``."""
    label = ""
    for part in key_path:
        if isinstance(part, int) and not isinstance(part, bool):
            label += f"[{part + 1}]"
        else:
            label += f".{part}" if label else str(part)
    return label


def line_of(lines: dict[tuple, int], key_path: tuple) -> int:
    """Return the line of the key at ``key_path``, or of its nearest parent."""
    while key_path:
        if key_path in lines:
            return lines[key_path]
        key_path = key_path[:-1]
    return lines.get((), 1)


@dataclass
class Problems:
    """Collect problems from a whole build so they are reported all at once."""

    items: list[Problem] = field(default_factory=list)
    _seen: set[Problem] = field(default_factory=set, repr=False)

    def add(self, problem: Problem) -> None:
        """Record a problem unless the same one is already known."""
        if problem not in self._seen:
            self._seen.add(problem)
            self.items.append(problem)

    def extend(self, problems: list[Problem]) -> None:
        """Record several problems."""
        for problem in problems:
            self.add(problem)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop a build, sorted by file and line."""
        return sorted(p for p in self.items if p.level == ERROR)

    @property
    def warnings(self) -> list[Problem]:
        """Return the problems that leave the site correct, sorted."""
        return sorted(p for p in self.items if p.level == WARNING)

    @property
    def notices(self) -> list[Problem]:
        """Return the notices (worth a look, never failing), sorted."""
        return sorted(p for p in self.items if p.level == NOTICE)

    def clear(self) -> None:
        """Forget everything (a new build starts)."""
        self.items.clear()
        self._seen.clear()
