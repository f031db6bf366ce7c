"""The 404 pages: ``/404.html`` in both languages, ``/en/404.html`` in English.

A static host serves ``/404.html`` for every missing URL, English ones too, so
that page speaks Vietnamese first and English second. ``/en/404.html`` serves
hosts that pick a 404 page per folder. Neither is indexed nor in the sitemap.
"""

from __future__ import annotations

from pelican.generators import Generator

from newsroom.pages import write_page

NOT_FOUND = {"vi": "404.html", "en": "en/404.html"}


class NotFoundPagesGenerator(Generator):
    """Write the 404 pages from the ``404.html`` template."""

    def generate_context(self):
        """Nothing to read."""

    def generate_output(self, writer):
        """Write one 404 page per language; the Vietnamese one adds English."""
        for lang, also in (("vi", ["en"]), ("en", [])):
            write_page(self, writer, "404", NOT_FOUND, lang, also_in=also, noindex=True)
