"""Render the writers' guide (docs/huong-dan-viet-bai.md, its English twin) as pages.

A development build (``make html``, ``make devserver``) shows the guide at
``/huong-dan/`` and ``/en/writers-guide/``, next to the posts it explains; a
published build leaves it out unless ``WRITERS_GUIDE_ENABLED`` says so.
The guide is our own Markdown, rendered with the site's ``MARKDOWN`` settings.
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
from markupsafe import Markup
from pelican import signals
from pelican.generators import Generator

from content_model.addresses import Reservation, reserved_addresses
from newsroom.messages import Message
from newsroom.pages import write_page
from newsroom.settings import LANGUAGES, check_at_start

from .links import GuideLinks, relative_address
from .settings import SETTINGS

HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)


# (source, its text, the Markdown settings, the guides' pages) -> title and
# body, for the life of the process: ``make devserver`` renders the guide once,
# not on every rebuild
_rendered: dict[tuple[str, str, str, str], tuple[str, Markup]] = {}
render_counts = {"rendered": 0}  # guides converted, since the process started


def render_guide(
    source: Path, markdown_settings: dict, pages: dict[str, str] | None = None
) -> tuple[str, Markup]:
    """Return a guide's title (its first ``#`` heading) and its body as HTML.

    ``pages`` maps a guide's file name to the link to its page, relative to
    this guide's page: the guide's links to that file go there (``links.py``).
    Kept while the guide's text, the Markdown settings and the pages are the same.
    """
    pages = pages or {}
    text = source.read_text(encoding="utf-8")
    key = (str(source), text, repr(markdown_settings), repr(sorted(pages.items())))
    found = _rendered.get(key)
    if found is None:
        for old in [k for k in _rendered if k[0] == key[0]]:
            del _rendered[old]  # the guide's last text
        found = _rendered[key] = _render(text, source.stem, markdown_settings, pages)
        render_counts["rendered"] += 1
    return found


def _render(
    text: str, stem: str, markdown_settings: dict, pages: dict[str, str]
) -> tuple[str, Markup]:
    heading = HEADING.search(text)
    title = heading.group(1) if heading else stem
    if heading:
        text = text[: heading.start()] + text[heading.end() :]
    extensions = [
        *markdown_settings.get("extensions", []),
        "markdown.extensions.toc",
        GuideLinks(pages),
    ]
    converter = markdown.Markdown(
        extensions=extensions,
        extension_configs=markdown_settings.get("extension_configs", {}),
        output_format="html",
    )
    return title, Markup(converter.convert(text))


class WritersGuideGenerator(Generator):
    """Write the guide in each language when the settings enable it."""

    def generate_context(self) -> None:
        """Nothing to read: the guide is not content."""

    def generate_output(self, writer) -> None:
        """Write the guide's pages."""
        values = SETTINGS.values(self.settings)
        if not values["WRITERS_GUIDE_ENABLED"]:
            return
        urls = values["WRITERS_GUIDE_URL"]
        sources = {
            lang: Path(values["WRITERS_GUIDE_SOURCES"][lang]) for lang in LANGUAGES
        }
        for lang in LANGUAGES:
            pages = {  # each guide's page, as a link from this one
                sources[other].name: relative_address(urls[lang], urls[other])
                for other in LANGUAGES
            }
            title, body = render_guide(
                sources[lang], self.settings.get("MARKDOWN", {}), pages
            )
            write_page(
                self, writer, "guide", urls, lang, guide_title=title, guide_body=body
            )


def configure(pelican) -> None:
    """Check the settings once, at start-up."""
    check_at_start(SETTINGS.check, pelican.settings)


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the guide's addresses when it is written."""
    values = SETTINGS.values(settings)
    if not values["WRITERS_GUIDE_ENABLED"]:
        return []
    urls = values["WRITERS_GUIDE_URL"]
    return [
        Reservation(urls[lang], Message("the writers' guide")) for lang in LANGUAGES
    ]


def add_generator(pelican) -> type:
    """Add the guide's generator."""
    del pelican
    return WritersGuideGenerator


def register() -> None:
    """Connect the guide to Pelican's signals."""
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    reserved_addresses.connect(reserve_addresses)
