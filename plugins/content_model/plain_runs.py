"""A Markdown extension: text without inline markup skips the inline patterns.

Python-Markdown tries each of its inline patterns (emphasis, code, links,
images, footnotes, raw HTML, entities, line breaks: 15 with "extra") on every
run of text, one regular-expression search each, even where the text holds
none of the characters any of them starts at. In a news post most paragraphs
are plain prose, so that was about 40 % of the time Markdown took on a post.

``PlainRunsExtension`` marks such runs as Markdown's own ``AtomicString``
("not to be processed further") just before the inline step, and makes them
plain strings again just after it, so every later step (abbreviations, ``{:
attributes}``, prettifying) sees what it saw before. The output is the same
byte for byte. It stands aside when the Markdown instance has an inline
pattern it does not know (another extension's, which may start at any
character); extensions that run inline patterns in a step of their own, as
``smarty`` does, come after the release and see every run.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Markdown
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

#: What each known pattern needs in a text to match: a backtick or a backslash
#: (code, escapes), "[" (links, images, references, footnotes), "<" (raw HTML,
#: autolinks), "&" (entities), "*" or "_" (emphasis), two spaces before a line
#: end (a line break), and Markdown's own placeholders (\x02 … \x03).
MARKUP = re.compile(r"[`\\\[<&*_\x02]|  \n")

#: The inline patterns of Markdown and its "extra" extensions (footnotes,
#: abbreviations, attribute lists, ...) that MARKUP covers.
KNOWN_PATTERNS = frozenset(
    {
        "backtick", "escape", "reference", "link", "image_link",
        "image_reference", "short_reference", "short_image_ref", "autolink",
        "automail", "linebreak", "html", "entity", "em_strong", "footnote",
    }
)  # fmt: skip

#: Markdown's inline step runs at this priority among the tree processors.
INLINE_PRIORITY = 20


class _HoldPlainRuns(Treeprocessor):
    """Mark every run of text without markup as atomic, remembering which."""

    def __init__(self, md: Markdown, held: list[tuple[etree.Element, str]]):
        super().__init__(md)
        self.held = held

    def run(self, root: etree.Element) -> None:
        self.held.clear()
        patterns = self.md.inlinePatterns
        if sum(name in patterns for name in KNOWN_PATTERNS) != len(patterns):
            return  # a pattern of another extension: it may start anywhere
        for element in root.iter():
            for part in ("text", "tail"):
                value = getattr(element, part)
                if value and type(value) is str and not MARKUP.search(value):
                    setattr(element, part, AtomicString(value))
                    self.held.append((element, part))


class _ReleasePlainRuns(Treeprocessor):
    """Make the held runs plain strings again once the inline step is done."""

    def __init__(self, md: Markdown, held: list[tuple[etree.Element, str]]):
        super().__init__(md)
        self.held = held

    def run(self, root: etree.Element) -> None:
        del root
        for element, part in self.held:
            value = getattr(element, part)
            if isinstance(value, AtomicString):
                setattr(element, part, str(value))
        self.held.clear()


class PlainRunsExtension(Extension):
    """Let runs of text without inline markup skip Markdown's inline patterns."""

    def extendMarkdown(self, md: Markdown) -> None:
        held: list[tuple[etree.Element, str]] = []
        md.treeprocessors.register(
            _HoldPlainRuns(md, held), "plain_runs_hold", INLINE_PRIORITY + 1
        )
        md.treeprocessors.register(
            _ReleasePlainRuns(md, held), "plain_runs_release", INLINE_PRIORITY - 1
        )
