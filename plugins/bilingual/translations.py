"""``make translations``' last step: fill the English catalogue, list what is missing.

Usage: ``python -m bilingual.translations theme/translations``. Message ids are
English, so an empty English entry takes its id (an editor may still reword
it); every Vietnamese entry that is empty or fuzzy (pybabel's guess) is listed
for a translator (the test suite fails until none remains).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

from .catalogue import DOMAIN


def catalogue_path(directory: Path, lang: str) -> Path:
    """Return the ``.po`` file of ``lang`` under ``directory``."""
    return directory / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def _missing(message) -> bool:
    """Tell whether an entry (plural entries: any of its forms) needs a translator."""
    forms = message.string if isinstance(message.string, tuple) else (message.string,)
    return message.fuzzy or not all(forms)


def fill_english(directory: Path) -> int:
    """Give every empty or fuzzy English entry its id; return how many."""
    path = catalogue_path(directory, "en")
    with path.open("rb") as handle:
        catalogue = read_po(handle, locale="en")
    filled = 0
    for message in catalogue:
        if message.id and _missing(message):
            # A plural entry: English has two forms, the ids themselves.
            message.string = message.id
            message.flags.discard("fuzzy")
            filled += 1
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=0, no_location=True)
    return filled


def untranslated(directory: Path, lang: str) -> list[str]:
    """Return the ids of ``lang``'s entries that are empty or fuzzy."""
    with catalogue_path(directory, lang).open("rb") as handle:
        catalogue = read_po(handle, locale=lang)
    return [
        message.id if isinstance(message.id, str) else message.id[0]
        for message in catalogue
        if message.id and _missing(message)
    ]


def main(argv: list[str] | None = None) -> int:
    """Fill English, list the Vietnamese entries still to translate."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path, help="e.g. theme/translations")
    args = parser.parse_args(argv)
    filled = fill_english(args.directory)
    missing = untranslated(args.directory, "vi")
    print(f"English: {filled} new entries filled from their ids")
    for message in missing:
        print(f"vi: to translate: {message!r}")
    print(f"Vietnamese: {len(missing)} entries to translate", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
