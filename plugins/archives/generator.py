"""Write the archive pages (by year and month) and the topic pages, per language."""

from __future__ import annotations

from pelican.generators import Generator

from bilingual.english_pages import in_language

from .chronology import by_year_and_month
from .topics import by_topic

LANGUAGES = ("vi", "en")


def _save_as(url: str) -> str:
    """Return the file a folder-style URL is written to."""
    return f"{url}index.html"


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
        settings = self.settings
        for lang in LANGUAGES:
            posts = self.posts(lang)
            years = by_year_and_month(posts)
            index_urls = {code: settings["ARCHIVES_URL"][code] for code in LANGUAGES}
            writer.write_file(
                _save_as(index_urls[lang]),
                self.get_template("archives"),
                self.context,
                page_lang=lang,
                alternates=index_urls,
                archive_years=years,
                url=index_urls[lang],
            )
            for year in years:
                urls = {
                    code: settings["ARCHIVES_YEAR_URL"][code].format(year=year.number)
                    for code in LANGUAGES
                }
                writer.write_file(
                    _save_as(urls[lang]),
                    self.get_template("archive_year"),
                    self.context,
                    page_lang=lang,
                    alternates=urls,
                    archive_year=year,
                    archive_years=years,
                    url=urls[lang],
                )
            for topic in by_topic(posts):
                urls = {
                    code: settings["ARCHIVES_TOPIC_URL"][code].format(slug=topic.slug)
                    for code in LANGUAGES
                }
                writer.write_file(
                    _save_as(urls[lang]),
                    self.get_template("topic"),
                    self.context,
                    page_lang=lang,
                    alternates=urls,
                    topic=topic,
                    url=urls[lang],
                )
