"""Write the archive pages (by year and month) and the topic pages, per language."""

from __future__ import annotations

from pelican.generators import Generator

from newsroom import incremental
from newsroom.i18n import LANGUAGES, in_language
from newsroom.pages import write_page

from .chronology import by_year_and_month
from .topics import by_topic


class ArchivesGenerator(Generator):
    """Generate ``/luu-tru/``, ``/en/archives/``, their year pages and topics."""

    def generate_context(self):
        """Nothing to read: the articles generator has read every post."""

    def posts(self, lang: str) -> list:
        """Return every published post as ``lang``'s lists show it."""
        articles = self.context.get("articles", [])
        if lang == "vi":
            return list(articles)
        return [in_language(post, lang) for post in articles]

    def generate_output(self, writer):
        """Write the archive index, a page per year and a page per topic."""
        if incremental.lists_unchanged():  # make devserver: only bodies changed
            return
        settings = self.settings
        for lang in LANGUAGES:
            posts = self.posts(lang)
            years = by_year_and_month(posts)
            index_urls = {code: settings["ARCHIVES_URL"][code] for code in LANGUAGES}
            write_page(self, writer, "archives", index_urls, lang, archive_years=years)
            for year in years:
                urls = {
                    code: settings["ARCHIVES_YEAR_URL"][code].format(year=year.number)
                    for code in LANGUAGES
                }
                write_page(
                    self,
                    writer,
                    "archive_year",
                    urls,
                    lang,
                    archive_year=year,
                    archive_years=years,
                )
            for topic in by_topic(posts):
                urls = {
                    code: settings["ARCHIVES_TOPIC_URL"][code].format(slug=topic.slug)
                    for code in LANGUAGES
                }
                write_page(self, writer, "topic", urls, lang, topic=topic)
