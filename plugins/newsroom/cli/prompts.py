"""The questions of ``new``, asked in Vietnamese on the terminal.

Units and people are completed with Tab (where the terminal has ``readline``)
and a near miss gets "Có phải là …?" from the registry's own suggestion, the one
``check`` uses. Reads plain lines, so a script or a test can answer on stdin.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from datetime import datetime
from typing import TextIO, TypeVar

from content_model.registry import Registry, Unit
from vietnamese import fold_diacritics, match_key

from . import messages
from .drafts import (
    DraftAnswers,
    DraftError,
    SpeakerAnswer,
    parse_when,
    resolve_person,
    resolve_unit,
)

T = TypeVar("T")


class Asker:
    """Ask questions on ``out`` and read the answers from ``source``."""

    def __init__(self, source: TextIO, out: TextIO) -> None:
        self.source, self.out = source, out
        self.terminal = source.isatty() and out.isatty()

    def ask(self, question: str, required: bool = False) -> str:
        """Return the stripped answer to ``question`` (asked again if required)."""
        while True:
            if self.terminal:  # input() completes with readline
                answer = input(f"{question}: ").strip()
            else:
                self.out.write(f"{question}: ")
                self.out.flush()
                line = self.source.readline()
                if not line:
                    raise EOFError
                answer = line.strip()
            if answer or not required:
                return answer
            self.say(messages.REQUIRED)

    def say(self, text: str) -> None:
        """Print one line."""
        print(text, file=self.out, flush=True)

    def confirm(self, question: str) -> bool:
        """Return True when the answer is yes (Enter counts as yes)."""
        return self.ask(question).casefold() in messages.YES_ANSWERS

    def registered(
        self,
        question: str,
        resolve: Callable[[str], T],
        suggest: Callable[[str], T | None],
        names: list[str],
        required: bool = True,
    ) -> T | None:
        """Ask until the answer names a registry entry; None for an empty answer."""
        while True:
            answer = self.ask(question, required)
            if not answer:
                return None
            try:
                return resolve(answer)
            except DraftError as error:
                guess = suggest(answer)
                if guess is not None and self.confirm(
                    messages.ASK_CONFIRM.format(name=guess.name, key=guess.key)
                ):
                    return guess
                if guess is None:
                    self.say(messages.ERROR.format(message=error))
                    if starting := _starting_with(answer, names):
                        self.say(messages.MATCHES.format(names="; ".join(starting)))


def _starting_with(answer: str, names: list[str], limit: int = 8) -> list[str]:
    """Return the names that contain the answer, compared without diacritics."""
    wanted = fold_diacritics(match_key(answer))
    return [n for n in names if wanted in fold_diacritics(match_key(n))][:limit]


@contextlib.contextmanager
def completion(names: list[str]) -> Iterator[None]:
    """Complete registry names with Tab while asking, where readline exists."""
    try:
        import readline
    except ImportError:  # Windows without pyreadline: plain input
        yield
        return

    def complete(text: str, state: int) -> str | None:
        folded = fold_diacritics(match_key(text))
        found = [n for n in names if fold_diacritics(match_key(n)).startswith(folded)]
        return found[state] if state < len(found) else None

    previous = readline.get_completer()
    readline.set_completer_delims("")
    if "libedit" in (readline.__doc__ or ""):  # macOS's Python
        readline.parse_and_bind("bind ^I rl_complete")
    else:
        readline.parse_and_bind("tab: complete")
    readline.set_completer(complete)
    try:
        yield
    finally:
        readline.set_completer(previous)


def unit_names(registry: Registry) -> list[str]:
    """Return every unit name, short name and alias, for completion."""
    names = {n for u in registry.units.values() for n in (u.name, u.short, *u.aliases)}
    return sorted(n for n in names if n)


def person_names(registry: Registry) -> list[str]:
    """Return every person's name and alias, for completion."""
    names = {n for p in registry.people.values() for n in (p.name, *p.aliases)}
    return sorted(names)


def ask_draft(registry: Registry, asker: Asker, now: datetime) -> DraftAnswers:
    """Ask for everything a draft needs and return the answers."""
    title = asker.ask(messages.ASK_TITLE, required=True)
    default = now.strftime("%d/%m/%Y %H:%M")
    while True:
        text = asker.ask(f"{messages.ASK_DATE} [Enter: {default}]") or default
        try:
            when, timed = parse_when(text)
            break
        except DraftError as error:
            asker.say(messages.ERROR.format(message=error))
    units, people = unit_names(registry), person_names(registry)
    with completion(units):
        unit = asker.registered(
            messages.ASK_UNIT,
            lambda answer: resolve_unit(registry, answer),
            registry.suggest_unit,
            units,
        )
    assert isinstance(unit, Unit)
    speakers = []
    while True:
        with completion(people):
            person = asker.registered(
                messages.ASK_SPEAKER.format(number=len(speakers) + 1),
                lambda answer: resolve_person(registry, answer),
                registry.suggest_person,
                people,
                required=False,
            )
        if person is None:
            break
        role = asker.ask(messages.ASK_ROLE.format(name=person.name), required=True)
        with completion(units):
            speaker_unit = asker.registered(
                messages.ASK_SPEAKER_UNIT.format(name=person.name, default=unit.name),
                lambda answer: resolve_unit(registry, answer),
                registry.suggest_unit,
                units,
                required=False,
            )
        part = _ask_part(asker, person.name)
        speakers.append(SpeakerAnswer(person, role, speaker_unit or unit, part))
    attendees: list[tuple[str, int | None]] = []
    while group := asker.ask(messages.ASK_ATTENDEE.format(number=len(attendees) + 1)):
        attendees.append((group, _ask_count(asker, group)))
    return DraftAnswers(title, when, unit, speakers, attendees, timed)


def _ask_part(asker: Asker, name: str) -> str:
    """Ask whether the speaker chaired, spoke or was a guest."""
    while True:
        answer = asker.ask(messages.ASK_PART.format(name=name))
        part = messages.PARTS.get(answer.casefold()) or messages.PARTS.get(
            answer.strip(" .").casefold()
        )
        if part:
            return part
        asker.say(
            messages.ERROR.format(message=messages.BAD_PART.format(answer=answer))
        )


def _ask_count(asker: Asker, group: str) -> int | None:
    """Ask how many attended: a positive whole number, or nothing."""
    while True:
        answer = asker.ask(messages.ASK_COUNT.format(group=group))
        if not answer:
            return None
        if answer.isdigit() and int(answer) > 0:
            return int(answer)
        asker.say(messages.ERROR.format(message=f'"{answer}": ghi một số nguyên dương'))
