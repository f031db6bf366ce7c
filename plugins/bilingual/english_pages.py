"""Write the English list pages: every post, in English where translated.

A Vietnamese post without a translation is listed with its Vietnamese title,
marked ``lang="vi"`` and badged "Vietnamese only", never left out.
"""

from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass

from pelican.generators import Generator

from .alternates import HOME, pagination_settings


@dataclass(frozen=True)
class ListedPost:
    """A post as an English (or Vietnamese) list shows it."""

    post: object
    lang: str
    untranslated: bool

    def __getattr__(self, name: str) -> object:
        """Read everything else (title, url, date, units...) from the post."""
        return getattr(self.post, name)


def in_language(post, lang: str) -> ListedPost:
    """Return ``post`` or its translation in ``lang``, with a flag if missing."""
    if post.lang == lang:
        return ListedPost(post, lang, False)
    for translation in getattr(post, "translations", []):
        if translation.lang == lang:
            return ListedPost(translation, lang, False)
    return ListedPost(post, post.lang, True)


class EnglishPagesGenerator(Generator):
    """Generate ``/en/`` and its pages from the Vietnamese articles' order."""

    def generate_context(self):
        """Nothing to read: the articles generator has read every post."""

    def generate_output(self, writer):
        """Write the English home page, paginated like the Vietnamese one."""
        articles = [in_language(post, "en") for post in self.context["articles"]]
        template = self.get_template("index")
        with english_pagination(writer):
            writer.write_file(
                "en/index.html",
                template,
                self.context,
                articles=articles,
                page_lang="en",
                alternates=HOME,
                paginated={"articles": articles},
                template_name="index",
                page_name="en/index",
                url="en/",
            )


@contextmanager
def english_pagination(writer):
    """Let ``writer`` number the pages of an English list in English ("page/2/").

    Pelican's paginator reads the writer's settings, and each page keeps
    them, so its URL is the English one when the template renders it.
    """
    original = writer.settings
    writer.settings = pagination_settings(original, "en")
    try:
        yield writer
    finally:
        writer.settings = original
