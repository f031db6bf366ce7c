"""The 404 pages: ``/404.html`` in both languages, ``/en/404.html`` in English.

A static host serves ``/404.html`` for every missing URL, English ones too, so
that page speaks Vietnamese first and English second. ``/en/404.html`` serves
hosts that pick a 404 page per folder. Neither is indexed nor in the sitemap.
"""

from __future__ import annotations

from pelican.generators import Generator

NOT_FOUND = {"vi": "404.html", "en": "en/404.html"}


class NotFoundPagesGenerator(Generator):
    """Write the 404 pages from the ``404.html`` template."""

    def generate_context(self):
        """Nothing to read."""

    def generate_output(self, writer):
        """Write one 404 page per language; the Vietnamese one adds English."""
        template = self.get_template("404")
        for lang, also in (("vi", ["en"]), ("en", [])):
            writer.write_file(
                NOT_FOUND[lang],
                template,
                self.context,
                page_lang=lang,
                alternates=NOT_FOUND,
                also_in=also,
                noindex=True,
                template_name="404",
                url=NOT_FOUND[lang],
            )
