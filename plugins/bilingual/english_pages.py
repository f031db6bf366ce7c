"""Write the English home page: every post, in English where translated.

A Vietnamese post without a translation is listed with its Vietnamese title,
marked ``lang="vi"`` and badged "Vietnamese only", never left out.
"""

from __future__ import annotations

from pelican.generators import Generator

from newsroom import incremental
from newsroom.i18n import LANGUAGES, in_language
from newsroom.pages import write_paginated

from .alternates import HOME, pagination_rules


class EnglishPagesGenerator(Generator):
    """Generate ``/en/`` and its pages from the Vietnamese articles' order."""

    def generate_context(self):
        """Nothing to read: the articles generator has read every post."""

    def generate_output(self, writer):
        """Write the English home page, paginated like the Vietnamese one."""
        if incremental.lists_unchanged():  # make devserver: only bodies changed
            return
        articles = [in_language(post, "en") for post in self.context["articles"]]
        settings = self.settings
        paginated = settings["PAGINATED_TEMPLATES"]  # as Pelican's own lists
        per_page = (
            (paginated["index"] or settings["DEFAULT_PAGINATION"])
            if "index" in paginated
            else None
        )
        write_paginated(
            self,
            writer,
            "index",
            HOME,
            "en",
            articles,
            per_page,
            {lang: pagination_rules(settings, lang) for lang in LANGUAGES},
            pelican_names="articles",
            page_name="en/index",
        )
