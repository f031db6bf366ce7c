"""UI string catalogues: one gettext ``.po`` file per language, compiled by Babel.

Each ``.po`` is compiled to ``.mo`` in memory (Babel's ``write_mo``; fuzzy
entries, pybabel's guesses, are left out as gettext does) and loaded as
``babel.support.Translations``, with the plural rule of its ``Plural-Forms``
header. The compiled catalogue is kept per ``.po`` content, so an edited
catalogue is seen by the next build (``make devserver`` too) and an unchanged
one is not compiled again. No ``.mo`` file is ever written.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

DOMAIN = "messages"


def po_path(directory: str | Path, lang: str) -> Path:
    """Return the ``.po`` file of ``lang`` under ``directory``."""
    return Path(directory) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@lru_cache(maxsize=16)
def _compiled(po: bytes, lang: str) -> NullTranslations:
    """Compile the text of a ``.po`` file; return its translations."""
    catalogue = read_po(io.BytesIO(po), locale=lang)
    mo = io.BytesIO()
    write_mo(mo, catalogue, use_fuzzy=False)
    mo.seek(0)
    return Translations(mo, domain=DOMAIN)


def load_translations(directory: str | Path, lang: str) -> NullTranslations:
    """Return ``lang``'s translations (none, when it has no catalogue)."""
    try:
        po = po_path(directory, lang).read_bytes()
    except FileNotFoundError:
        return NullTranslations()
    return _compiled(po, lang)


def load_catalogue(directory: str | Path, lang: str) -> dict[str, str]:
    """Return ``{msgid: msgstr}`` of ``lang``'s catalogue, plural forms included.

    A plural entry gives its singular id the first form and its plural id
    the last one; fuzzy and empty entries are left out.
    """
    path = po_path(directory, lang)
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    found: dict[str, str] = {}
    for message in catalogue:
        if not message.id or message.fuzzy:
            continue
        if isinstance(message.id, str):
            if message.string:
                found[message.id] = message.string
            continue
        forms = [form for form in message.string if form]
        if forms and len(forms) == len(message.string):
            found[message.id[0]] = forms[0]
            found[message.id[1]] = forms[-1]
    return found


def translate(directory: str | Path, lang: str, message: str) -> str:
    """Return ``message`` in ``lang`` (the message itself when untranslated)."""
    return load_translations(directory, lang).gettext(message)


def N_(message: str) -> str:  # the name pybabel looks for
    """Mark a UI string used in Python code for extraction; return it unchanged."""
    return message
