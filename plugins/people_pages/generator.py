"""Generate every person's page and the alphabetical index of people."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from pelican.generators import Generator

from content_model.registry import Person, Unit
from content_model.state import content_state
from newsroom import incremental
from newsroom.i18n import LANGUAGES, in_language
from newsroom.pages import folder_rules, write_page, write_paginated
from unit_pages.roles import RoleText, role_in

from .index import PersonRecord, RoleSpan, build_people_index
from .plugin import plugin_state
from .settings import PeoplePagesSettings

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class TimelineRole:
    """A role in a person's timeline, as one language shows it."""

    role: RoleText
    unit: Unit | None
    first: Any  # datetime of the first post using the role
    last: Any  # datetime of the last post using it
    count: int


@dataclass(frozen=True)
class IndexEntry:
    """A person in the alphabetical index."""

    person: Person
    count: int
    role: RoleText | None


class PeoplePagesGenerator(Generator):
    """Index the posts by person once, then write each person's pages."""

    def generate_context(self) -> None:
        """Index the published posts by the people they name."""
        posts = self.context.get("articles", [])
        state = plugin_state()
        state.index = build_people_index(posts, content_state().registry)
        logger.debug("people_pages: %d people have a page", len(state.index.records))

    def generate_output(self, writer) -> None:
        """Write the index of people and every person's pages in each language."""
        index, options = plugin_state().index, self._options()
        if index is None:
            return
        groups = index.alphabetical()
        for lang in LANGUAGES:
            write_page(
                self,
                writer,
                "people",
                options.index_url,
                lang,
                people_index_url=options.index_url[lang],
                letter_groups=[
                    (letter, [self._entry(person, lang) for person in people])
                    for letter, people in groups
                ],
            )
        # make devserver: write only the people an edit touched (see incremental).
        changed = incremental.current()
        touched = None if changed is None or changed.everything else changed.people()
        for key, record in index.records.items():
            if touched is not None and key not in touched:
                continue
            for lang in LANGUAGES:
                self._write_person(writer, key, record, lang, options)

    def _options(self) -> PeoplePagesSettings:
        """Return the validated settings of this build."""
        return plugin_state().settings

    @staticmethod
    def _entry(person: Person, lang: str) -> IndexEntry:
        """Return a person as the index lists them: posts and latest role."""
        record = plugin_state().index.records[person.key]  # the index lists only these
        post, position = record.latest()
        return IndexEntry(person, len(record.posts), role_in(post, position, lang))

    @staticmethod
    def _timeline(record: PersonRecord, lang: str) -> list[TimelineRole]:
        """Return the person's roles in order of first use, in ``lang``."""
        return [
            TimelineRole(
                _role_text(span, lang),
                span.unit,
                span.first[0].date,
                span.last[0].date,
                span.count,
            )
            for span in record.timeline()
        ]

    def _write_person(
        self,
        writer,
        key: str,
        record: PersonRecord,
        lang: str,
        options: PeoplePagesSettings,
    ) -> None:
        """Write one person's pages (their posts, paginated) in ``lang``."""
        urls = {code: options.url[code].format(key=key) for code in LANGUAGES}
        write_paginated(
            self,
            writer,
            "person",
            urls,
            lang,
            record.posts,
            options.per_page,
            {code: folder_rules(options.page_url[code]) for code in LANGUAGES},
            listed=in_language,
            person=record.person,
            post_count=len(record.posts),
            people_index_url=options.index_url[lang],
            timeline=self._timeline(record, lang),
            person_units=plugin_state().index.units_of(key, lang),
        )


def _role_text(span: RoleSpan, lang: str) -> RoleText:
    """Return a role in ``lang``: from its latest use, else its first one."""
    text = role_in(*span.last, lang)
    if text.lang != lang:
        earlier = role_in(*span.first, lang)
        if earlier.lang == lang:
            return earlier
    return text
