"""The ``checks`` catalogues: every ``Message`` of the code, and the ``.po`` files.

``python -m newsroom.message_catalogue`` (run by ``make translations``) finds
each ``Message("…")`` template in ``plugins/`` and ``devserver/`` with Babel's
Python extractor, and the front-matter keys' help texts (``content_model.schema``,
shown inside messages), adds the new ones to ``theme/translations/vi/.../checks.po``
(empty, to translate) and to the English catalogue (filled from the ids),
drops the ones no code uses any more, and lists what is left to translate.
"""

from __future__ import annotations

import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po, write_po

from .messages import DOMAIN, LANGUAGES, TRANSLATIONS, po_path

ROOT = TRANSLATIONS.parents[1]
SOURCES = ("plugins", "devserver")
KEYWORDS = {"Message": None}


def extract(root: Path = ROOT) -> dict[str, list[str]]:
    """Return every message template in the code, with where it is written."""
    found: dict[str, list[str]] = {}
    for folder in SOURCES:
        for filename, line, message, _comments, _context in extract_from_dir(
            root / folder,
            method_map=[("**.py", "python")],
            keywords=KEYWORDS,
            comment_tags=(),
        ):
            if isinstance(message, str) and message:
                found.setdefault(message, []).append(f"{folder}/{filename}:{line}")
    for help_text in schema_help():
        found.setdefault(help_text, []).append("plugins/content_model/schema.py")
    return found


def schema_help() -> list[str]:
    """Return the help text of every front-matter key (messages quote them)."""
    from content_model.schema import ORIGINAL, PAGE, TRANSLATION

    found: list[str] = []
    stack = [*ORIGINAL, *TRANSLATION, *PAGE]
    while stack:
        key = stack.pop()
        found.append(key.help)
        stack.extend(key.keys)
    return found


def read(lang: str) -> Catalog:
    """Return the ``checks`` catalogue of ``lang`` (empty when missing)."""
    path = po_path(lang)
    if not path.exists():
        return Catalog(locale=lang, domain=DOMAIN)
    with path.open("rb") as handle:
        return read_po(handle, locale=lang, domain=DOMAIN)


def update(root: Path = ROOT) -> list[str]:
    """Bring both catalogues in line with the code; return the ids left to translate."""
    templates = extract(root)
    missing = []
    for lang in LANGUAGES:
        old = read(lang)
        new = Catalog(
            locale=lang,
            domain=DOMAIN,
            project="tin-tuc-doan",
            creation_date=old.creation_date,  # no churn in the header
            revision_date=old.revision_date,
            fuzzy=False,
        )
        for msgid in sorted(templates):
            known = old.get(msgid)
            text = known.string if known is not None and known.string else ""
            if lang == "en" and not text:
                text = msgid
            flags = ["python-format"] if "%(" in msgid else []
            new.add(msgid, text, flags=flags)
            if not text:
                missing.append(msgid)
        path = po_path(lang)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, new, width=0, omit_header=False, no_location=True)
    return missing


def main() -> int:
    """Update the catalogues; print what is left to translate."""
    missing = update()
    for msgid in missing:
        print(f"to translate (vi): {msgid}")
    print(f"{len(missing)} message(s) left to translate in checks.po", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
