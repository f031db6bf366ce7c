"""UI string catalogues: one gettext ``.po`` file per language, read with Babel."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.messages.pofile import read_po

DOMAIN = "messages"


@lru_cache(maxsize=8)
def load_catalogue(directory: str, lang: str) -> dict[str, str]:
    """Return ``{msgid: msgstr}`` from ``directory/lang/LC_MESSAGES/messages.po``."""
    path = Path(directory) / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
    if not path.exists():
        return {}
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    # Fuzzy entries are pybabel's guesses, not translations: gettext skips them.
    return {
        message.id: message.string
        for message in catalogue
        if message.id
        and isinstance(message.id, str)
        and message.string
        and not message.fuzzy
    }


def translate(directory: str, lang: str, message: str) -> str:
    """Return ``message`` in ``lang`` (the message itself when untranslated)."""
    return load_catalogue(directory, lang).get(message, message)


def N_(message: str) -> str:  # the name pybabel looks for
    """Mark a UI string used in Python code for extraction; return it unchanged."""
    return message
