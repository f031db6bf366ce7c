"""The command line's parser, speaking Vietnamese in its help and its errors.

``argparse`` writes its own frame in English ("usage:", "options:", "error:
the following arguments are required: --slug"), whatever the language of the
help texts given to it. Its texts go through ``gettext``'s process-wide
domain, which a command should not take over, so this parser translates
what it prints instead: the headings of ``-h``, and each error argparse can
raise for the options this command has (``ARGPARSE_ERRORS``); an error it
does not know is shown as argparse wrote it, after a Vietnamese prefix.
"""

from __future__ import annotations

import argparse
import re
import sys
from typing import NoReturn

from . import messages

# argparse's heading -> ours ("optional arguments" before Python 3.10)
HEADINGS = {
    "positional arguments:": messages.HELP_ARGUMENTS,
    "options:": messages.HELP_OPTIONS,
    "optional arguments:": messages.HELP_OPTIONS,
}
ENGLISH_USAGE = "usage: "

# argparse's error texts (its own gettext ids, as regular expressions) -> ours.
ARGPARSE_ERRORS = [
    (r"the following arguments are required: (?P<names>.+)", messages.ARG_REQUIRED),
    (r"unrecognized arguments: (?P<names>.+)", messages.ARG_UNKNOWN),
    (r"expected one argument", messages.ARG_EXPECTED_ONE),
    (r"expected at least one argument", messages.ARG_EXPECTED_ONE),
    (r"invalid int value: (?P<value>.+)", messages.ARG_NOT_A_NUMBER),
    (r"invalid \w+ value: (?P<value>.+)", messages.ARG_INVALID),
    (
        r"invalid choice: (?P<value>'[^']*') \(choose from (?P<choices>.+)\)",
        messages.ARG_UNKNOWN_COMMAND,
    ),
    (
        r"ambiguous option: (?P<option>\S+) could match (?P<matches>.+)",
        messages.ARG_AMBIGUOUS,
    ),
]
ARGUMENT = re.compile(r"argument (?P<name>[^:]+): (?P<rest>.+)", re.DOTALL)


def vietnamese_error(message: str) -> str:
    """Return argparse's error ``message`` in Vietnamese (as it is when unknown)."""
    found = ARGUMENT.fullmatch(message)
    name, rest = (found["name"], found["rest"]) if found else (None, message)
    for pattern, text in ARGPARSE_ERRORS:
        matched = re.fullmatch(pattern, rest, re.DOTALL)
        if matched:
            rest = text.format(**matched.groupdict())
            break
    return f"{name}: {rest}" if name and name != messages.COMMAND_METAVAR else rest


class Parser(argparse.ArgumentParser):
    """``argparse.ArgumentParser`` with its headings and errors in Vietnamese.

    Sub-command parsers are made of the same class (argparse's default).
    """

    def format_usage(self) -> str:
        return _usage_in_vietnamese(super().format_usage())

    def format_help(self) -> str:
        lines = _usage_in_vietnamese(super().format_help()).split("\n")
        lines = [HEADINGS.get(line, line) for line in lines]
        return "\n".join(lines).replace(
            "show this help message and exit", messages.HELP_HELP
        )

    def error(self, message: str) -> NoReturn:
        """Print the usage and the error, in Vietnamese; exit with code 2."""
        self.print_usage(sys.stderr)
        text = vietnamese_error(message)
        self.exit(2, f"{self.prog}: {messages.ARG_ERROR}: {text}\n")


def _usage_in_vietnamese(text: str) -> str:
    """Swap argparse's "usage: " for ours, keeping the usage's lines aligned."""
    if not text.startswith(ENGLISH_USAGE):
        return text
    shift = " " * (len(messages.HELP_USAGE) - len(ENGLISH_USAGE))
    usage, blank, rest = text.partition("\n\n")
    lines = usage.split("\n")
    lines = [messages.HELP_USAGE + lines[0][len(ENGLISH_USAGE) :]] + [
        shift + line if line.strip() else line for line in lines[1:]
    ]
    return "\n".join(lines) + blank + rest
