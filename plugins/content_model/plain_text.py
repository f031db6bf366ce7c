"""The rule for plain-text values (front matter and registries): no markup, no controls.

Templates escape every text once, so markup in a text can never run; it is
still refused, because a writer never means it: raw (``<img``) or written as
entities (``&lt;img``, ``&#60;img``, ``&amp;lt;img``), which some consumer
(a feed reader, a sharing card) may decode. A bare ``&`` ("Đoàn & Hội") and
``<`` before a digit or a space ("<3", "a < 5") stay fine. Control characters
are refused too: they are invisible, and XML (feeds, sitemap) forbids them.
"""

from __future__ import annotations

import re
from html import unescape

from newsroom.messages import Message

from .characters import FORBIDDEN_BMP, describe_character, forbidden_character

# A tag, comment, doctype or processing instruction would start here.
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]")
# Entities decoded in turn until none is left: "&amp;lt;" is "&lt;" is "<".
_MAX_DECODING = 5
#: The same rule as one regular expression an editor can run (JSON Schema has no
#: entity decoding): markup, raw or behind "<" written as an entity, or a control.
EDITOR_PATTERN = (
    r"(<|&([aA][mM][pP];)*([lL][tT];?|#0*60;?|#[xX]0*3[cC];?))\s*[a-zA-Z!/?]|"
    + f"[{FORBIDDEN_BMP}]"
)


def decoded(text: str) -> str:
    """Return ``text`` with HTML entities decoded, repeatedly (at most a few times)."""
    for _ in range(_MAX_DECODING):
        plain = unescape(text)
        if plain == text:
            break
        text = plain
    return text


def text_problem(text: str, where: Message, hint: Message | str = "") -> Message | None:
    """Return why ``text`` (a value in ``where``) is not plain text, or None.

    ``hint`` follows the message about markup ("formatting belongs in the body").
    """
    control = forbidden_character(text)
    if control is not None:
        return Message(
            "the invisible character %(character)s is not allowed: delete it "
            "(retype the text around it)",
            character=describe_character(control),
        )
    if _MARKUP.search(text):
        return Message(
            "HTML is not allowed in %(where)s: write plain text%(hint)s",
            where=where,
            hint=hint,
        )
    if _MARKUP.search(decoded(text)):
        return Message(
            "HTML written as entities (&lt;…) is not allowed in %(where)s: write "
            "plain text%(hint)s",
            where=where,
            hint=hint,
        )
    return None
