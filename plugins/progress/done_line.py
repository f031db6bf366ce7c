"""Pelican's last line of a build, "Done: Processed …", in the writer's language.

Pelican prints it in English on its console after ``finalized``; writers read
it after every ``make html`` and every ``make devserver`` rebuild. A ``rich``
render hook (public ``Console.push_render_hook``) on Pelican's console shows
it as a ``Message`` instead: "Xong: đã xử lý 1.700 bài, … trong 7,20 giây."
In English, or when a Pelican version words the line otherwise, it is left
as Pelican wrote it.
"""

from __future__ import annotations

import re

from rich.console import Console, ConsoleRenderable, RenderHook
from rich.text import Text

from newsroom.messages import Message, Number, language

#: Pelican 4.x's wording (``Pelican.run``): six counts, then the seconds.
DONE = re.compile(
    r"Done: Processed (?P<articles>\d+) articles?, (?P<drafts>\d+) drafts?, "
    r"(?P<hidden>\d+) hidden articles?, (?P<pages>\d+) pages?, "
    r"(?P<hidden_pages>\d+) hidden pages? and (?P<draft_pages>\d+) draft pages? "
    r"in (?P<seconds>\d+(?:\.\d+)?) seconds\."
)


def done_message(line: str) -> Message | None:
    """Return Pelican's "Done: Processed …" ``line`` as a Message, or None."""
    found = DONE.fullmatch(" ".join(line.split()))
    if found is None:
        return None
    counts = {
        name: Number(int(value))
        for name, value in found.groupdict().items()
        if name != "seconds"
    }
    return Message(
        "Done: processed %(articles)s posts, %(drafts)s drafts, %(hidden)s hidden "
        "posts, %(pages)s pages, %(hidden_pages)s hidden pages and %(draft_pages)s "
        "draft pages in %(seconds)s s.",
        seconds=found["seconds"].replace(".", "," if language() == "vi" else "."),
        **counts,
    )


class DoneLine(RenderHook):
    """Show Pelican's closing line in the messages' language (not English)."""

    def process_renderables(
        self, renderables: list[ConsoleRenderable]
    ) -> list[ConsoleRenderable]:
        if language() == "en":
            return renderables
        shown = []
        for renderable in renderables:
            message = None
            if isinstance(renderable, Text) and renderable.plain.startswith("Done:"):
                message = done_message(renderable.plain)
            shown.append(Text(message.render()) if message else renderable)
        return shown


_installed: set[int] = set()  # the consoles with the hook (one per process)


def translate_done_line(console: Console) -> None:
    """Put the hook on ``console`` once (every build of a devserver process calls)."""
    if id(console) not in _installed:
        console.push_render_hook(DoneLine())
        _installed.add(id(console))
