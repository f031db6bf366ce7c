"""The "follow new posts (RSS)" page: what a news feed is and how to use one.

Readers do not know the words "Atom" or "RSS": every feed link says "Theo dõi
tin mới (RSS)" and leads here (``/theo-doi/``, ``/en/follow/``), a short page
in plain words with the site's feed and where each unit's own feed is.
"""

from __future__ import annotations

from pelican.generators import Generator

from newsroom.pages import write_page

from .settings import SETTINGS


class FollowPagesGenerator(Generator):
    """Write the follow page in each language from the ``follow.html`` template."""

    def generate_context(self):
        """Nothing to read."""

    def generate_output(self, writer):
        """Write ``/theo-doi/`` and ``/en/follow/``."""
        pages = SETTINGS.get(self.settings, "BILINGUAL_FOLLOW_PAGES")
        for lang in pages:
            write_page(self, writer, "follow", pages, lang)
