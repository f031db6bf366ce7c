"""Compose English roles from the glossary and the unit registry.

"Quận ủy viên, Phó Bí thư Quận Đoàn" becomes "Member of the District Party
Committee, Deputy Secretary of the District Youth Union": the role is split
at commas and semicolons, each part is read as the longest glossary terms and
registered unit names, and a title followed by bodies becomes "Title of the
Body of the Body". A role with any word the glossary does not know has no
English rendering: the caller shows the Vietnamese text instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from newsroom.messages import Message
from vietnamese import match_key

TITLE, BODY, PHRASE, UNIT = "title", "body", "phrase", "unit"
SEPARATORS = (",", ";")
# Words, separators and dashes; quotes are dropped ("3 nắm" and “3 nắm” match).
_TOKEN_RE = re.compile(r"[,;]|-|[^\s,;\-\"']+")
# Glossary entries win a tie against unit names: inside a role "Quận Đoàn" is
# "the District Youth Union", not the one unit registered with that alias.
_PRIORITY = {PHRASE: 0, TITLE: 0, BODY: 0, UNIT: 1}


@dataclass(frozen=True)
class Term:
    """A known Vietnamese term: its English text and how it combines."""

    en: str
    kind: str


@dataclass(frozen=True)
class Reading:
    """The English rendering of a role, or the words that prevent one."""

    text: str
    english: str | None
    unknown: tuple[str, ...] = ()
    problem: Message | None = None


def tokens(text: str) -> tuple[str, ...]:
    """Split text into match keys of words, separators and dashes."""
    return tuple(_TOKEN_RE.findall(match_key(text)))


@dataclass
class RoleComposer:
    """Render Vietnamese roles in English with one glossary and registry."""

    terms: dict[tuple[str, ...], Term] = field(default_factory=dict)
    longest: int = 1
    # Each text read once: a build reads the same roles, groups and tags in
    # post after post (5,000 reads of a few hundred texts at 1,700 posts).
    _readings: dict[str, Reading] = field(
        default_factory=dict, repr=False, compare=False
    )

    @classmethod
    def from_registry(cls, registry) -> RoleComposer:
        """Index the registry's glossary entries and English unit names."""
        composer = cls()
        for entry in registry.glossary:
            composer.add(entry.vi, Term(entry.en, entry.kind))
        for unit in registry.units.values():
            if not unit.name_en:
                continue
            for name in (unit.name, unit.short, *unit.aliases):
                if name:
                    composer.add(name, Term(unit.name_en, UNIT))
        for unit in registry.units.values():  # a role held under a former name
            for former in getattr(unit, "names", ()):
                english = former.name_en or unit.name_en
                if english:
                    composer.add(former.name, Term(english, UNIT))
        return composer

    def add(self, vietnamese: str, term: Term) -> None:
        """Register a term unless an equal or stronger one has the same words."""
        key = tokens(vietnamese)
        if not key:
            return
        self._readings.clear()  # a new term may change any reading
        known = self.terms.get(key)
        if known is None or _PRIORITY[term.kind] < _PRIORITY[known.kind]:
            self.terms[key] = term
        self.longest = max(self.longest, len(key))

    def compose(self, role: str) -> str | None:
        """Return the English rendering of ``role``, or None if there is none."""
        return self.read(role).english

    def read(self, role: str) -> Reading:
        """Render ``role`` in English, or say which words have no entry."""
        reading = self._readings.get(role)
        if reading is None:
            reading = self._readings[role] = self._read(role)
        return reading

    def _read(self, role: str) -> Reading:
        words = tokens(role)
        if not words:
            return Reading(role, None, problem=Message("the role is empty"))
        pieces, unknown = self._match(words)
        if unknown:
            return Reading(
                role,
                None,
                tuple(unknown),
                Message(
                    "no glossary entry for %(words)s",
                    words=", ".join(f'"{w}"' for w in unknown),
                ),
            )
        segments: list[tuple[str, list[Term]]] = [("", [])]
        for piece in pieces:
            if isinstance(piece, str):
                segments.append((piece, []))
            else:
                segments[-1][1].append(piece)
        parts: list[str] = []
        for separator, segment in segments:
            if not segment:
                continue  # a stray comma: "Bí thư, " reads as "Bí thư"
            english = _join(segment)
            if english is None:
                shown = " + ".join(t.en for t in segment)
                return Reading(
                    role,
                    None,
                    problem=Message(
                        "cannot combine %(terms)s: a title comes first, followed "
                        "only by bodies",
                        terms=repr(shown),
                    ),
                )
            parts.append(f"{separator} {english}" if parts else english)
        return Reading(role, "".join(parts))

    def _match(self, words: tuple[str, ...]) -> tuple[list, list[str]]:
        """Read words as the longest known terms; separators stay strings."""
        pieces: list[Term | str] = []
        unknown: list[str] = []
        run: list[str] = []  # consecutive unknown words, reported as one phrase
        index = 0
        while index < len(words):
            term, size = self._longest_term(words, index)
            if term is None and words[index] not in SEPARATORS:
                run.append(words[index])
                index += 1
                continue
            _flush(run, unknown)
            pieces.append(term if term is not None else words[index])
            index += size
        _flush(run, unknown)
        return pieces, unknown

    def _longest_term(self, words: tuple[str, ...], index: int) -> tuple:
        """Return the longest term starting at ``index`` and its length in words."""
        for size in range(min(self.longest, len(words) - index), 0, -1):
            term = self.terms.get(words[index : index + size])
            if term is not None:
                return term, size
        return None, 1


def _flush(run: list[str], unknown: list[str]) -> None:
    """Move a run of unknown words into ``unknown`` as one phrase."""
    phrase = " ".join(run).replace(" - ", "-")
    if phrase and phrase not in unknown:
        unknown.append(phrase)
    run.clear()


def _join(segment: list[Term]) -> str | None:
    """Join one comma-separated part: "Title of the Body of the Body"."""
    head, *rest = segment
    if any(term.kind not in (BODY, UNIT) for term in rest):
        return None
    return " of the ".join([head.en, *(term.en for term in rest)])


def compose_role(role: str, registry) -> str | None:
    """Return the English rendering of a Vietnamese role, or None."""
    return RoleComposer.from_registry(registry).compose(role)
