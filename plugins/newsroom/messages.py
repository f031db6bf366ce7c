"""Messages writers read (check, build, devserver, CLIs): Vietnamese first, via gettext.

A ``Message`` is an English template (the gettext msgid, with ``%(name)s``
placeholders) and its named parameters. It is rendered only when printed
(``str()``, logging's lazy formatting, ``render(lang)``), in the language
chosen then, from the ``checks`` catalogues beside the site's UI strings
(``theme/translations/{vi,en}/LC_MESSAGES/checks.po``). A parameter may be a
``Message`` itself (a suggestion, a quoted value's kind), rendered in the same
language; anything else is inserted as written (paths, field names, values).

The language: ``LANGUAGE`` (set only on purpose) wins, then the setting
``NEWSROOM_MESSAGES_LANG``, then ``LC_ALL``/``LC_MESSAGES``/``LANG`` (which a
Mac sets to its system language), else Vietnamese. Values naming another
language (``C.UTF-8``, ``fr_FR``) are passed over.

Converting an English message is one mechanical change:
``f"unknown unit {name}"`` becomes ``Message("unknown unit %(name)s", name=name)``;
``make translations`` then lists the new entry for ``checks.po``.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal
from babel.support import NullTranslations, Translations

DOMAIN = "checks"
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"
SETTING = "NEWSROOM_MESSAGES_LANG"
TRANSLATIONS = Path(__file__).resolve().parents[2] / "theme" / "translations"

_setting: list[str | None] = [None]  # the site's choice, from its settings


class Message:
    """An English template with named parameters, rendered in a language when shown."""

    __slots__ = ("params", "template")

    def __init__(self, template: str, /, **params: Any) -> None:
        if not isinstance(template, str):
            raise TypeError("a Message template is a str literal")
        self.template = template
        self.params = params

    @classmethod
    def stored(cls, template: str, params: dict[str, Any]) -> Message:
        """Return a message kept as data (a cache): its template was extracted."""
        return cls(template, **params)

    def render(self, lang: str | None = None) -> str:
        """Return the message in ``lang`` (default: the chosen language)."""
        lang = lang or language()
        text = translations(lang).gettext(self.template)
        if not self.params:
            return text
        values = {name: _render(value, lang) for name, value in self.params.items()}
        return text % values

    def __str__(self) -> str:
        return self.render()

    def __repr__(self) -> str:
        return f"Message({self.template!r}, **{self.params!r})"

    def _key(self) -> tuple:
        return (
            self.template,
            tuple(sorted((k, repr(v)) for k, v in self.params.items())),
        )

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Message) and self._key() == other._key()

    def __lt__(self, other: Message) -> bool:
        # Problems sort by file, line, field, then by the text as shown.
        return (self.render(), self._key()) < (other.render(), other._key())

    def __hash__(self) -> int:
        return hash(self._key())

    def __add__(self, other: Message | str) -> Message:
        """Join two messages (a message and its suggestion) into one."""
        return Message("%(first)s%(second)s", first=self, second=other)


class Number(int):
    """A count shown with the language's digit grouping: 1.234.567 / 1,234,567."""


class Tenths(float):
    """A measure shown to one decimal with the language's sign: 0,4 / 0.4."""


class Listing(tuple):
    """Values shown one after another, separated by commas, each in the language."""

    def __repr__(self) -> str:
        return f"Listing({list(self)!r})"


def _render(value: Any, lang: str) -> Any:
    """Render a parameter: messages and numbers in ``lang``, anything else as is."""
    if isinstance(value, Message):
        return value.render(lang)
    if isinstance(value, Number):
        return format_decimal(int(value), locale=lang)
    if isinstance(value, Tenths):
        return format_decimal(float(value), format="#,##0.0", locale=lang)
    if isinstance(value, Listing):
        return ", ".join(str(_render(item, lang)) for item in value)
    return value


def render(value: Message | str, lang: str | None = None) -> str:
    """Return a message (or a text already final) in ``lang``."""
    return value.render(lang) if isinstance(value, Message) else str(value)


def use_setting(settings: Mapping[str, Any]) -> None:
    """Take the message language the site sets (``NEWSROOM_MESSAGES_LANG``)."""
    value = settings.get(SETTING)
    if value is not None and value not in LANGUAGES:
        from .settings import SettingsError  # a bad setting stops the build at once

        raise SettingsError(
            f"{SETTING} = {value!r}: expected one of {', '.join(LANGUAGES)} or None"
        )
    _setting[0] = value


def language(environ: Mapping[str, str] | None = None) -> str:
    """Return the language messages are shown in now (see the module docstring)."""
    environ = os.environ if environ is None else environ
    for name in environ.get("LANGUAGE", "").split(":"):
        if found := _known(name):
            return found
    if _setting[0]:
        return _setting[0]
    for variable in ("LC_ALL", "LC_MESSAGES", "LANG"):
        if found := _known(environ.get(variable, "")):
            return found
    return DEFAULT_LANGUAGE


def _known(locale_name: str) -> str | None:
    """Return ``vi`` or ``en`` for a locale name such as ``vi_VN.UTF-8``, else None."""
    code = locale_name.split(".")[0].split("@")[0].split("_")[0].split("-")[0]
    code = code.strip().lower()
    return code if code in LANGUAGES else None


def po_path(lang: str, directory: Path = TRANSLATIONS) -> Path:
    """Return the messages catalogue of ``lang``."""
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def translations(lang: str) -> NullTranslations:
    """Return the compiled catalogue of ``lang`` (recompiled when the file changes)."""
    path = po_path(lang)
    try:
        stamp = path.stat().st_mtime_ns
    except FileNotFoundError:
        return NullTranslations()
    return _compiled(str(path), stamp, lang)


@lru_cache(maxsize=8)
def _compiled(path: str, stamp: int, lang: str) -> NullTranslations:
    """Compile a ``.po`` file in memory (fuzzy entries left out, as gettext does)."""
    with open(path, "rb") as handle:
        catalogue = read_po(handle, locale=lang)
    mo = io.BytesIO()
    write_mo(mo, catalogue, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def to_data(message: Message) -> dict:
    """Return a message as JSON data (caches keep messages, not texts)."""
    params = {
        name: to_data(value) if isinstance(value, Message) else value
        for name, value in message.params.items()
    }
    return {"message": message.template, "params": params}


def from_data(data: dict) -> Message:
    """Return the message ``to_data`` gave (ValueError when it is not one)."""
    if not isinstance(data, dict) or not isinstance(data.get("message"), str):
        raise ValueError(f"not a stored message: {data!r}")
    params = {
        name: from_data(value) if isinstance(value, dict) else value
        for name, value in data.get("params", {}).items()
    }
    return Message.stored(data["message"], params)
