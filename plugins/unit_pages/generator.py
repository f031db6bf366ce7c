"""Generate every unit's pages, year archives and feeds, and the tree of units."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from functools import partial
from typing import Any

from pelican.generators import Generator

from bilingual.feeds import FeedInfo, write_atom_feed
from content_model.registry import Unit
from content_model.state import content_state
from newsroom import incremental
from newsroom.i18n import in_language, site_name, site_subtitle
from newsroom.pages import folder_rules, write_page, write_paginated
from newsroom.post import fresh_news
from vietnamese import format_month

from .chart import build_chart
from .history import timeline
from .index import (
    UnitPost,
    build_unit_index,
    flatten_tree,
    related_key,
    related_posts,
)
from .plugin import plugin_state
from .roles import RoleText, role_in
from .settings import LANGUAGES, UnitPagesSettings

logger = logging.getLogger(__name__)

#: Each post's "more from this unit" by file, kept between devserver builds
#: while every post's date, slug and units (the index's lists, newest first)
#: are unchanged (an edit of a body or title).
kept_related: incremental.KeptWhilePostsAre[dict[str, list[str]]] = (
    incremental.KeptWhilePostsAre(related_key)
)


@dataclass(frozen=True)
class ListedEntry:
    """A post in a unit's list, in the page's language, with its sub-units."""

    item: Any  # bilingual.english_pages.ListedPost
    via: tuple[Unit, ...]


@dataclass(frozen=True)
class PersonAtUnit:
    """Someone who appeared at a unit's events, with their latest role there."""

    person: Any
    role: RoleText
    unit: Unit | None
    date: Any


@dataclass(frozen=True)
class YearLink:
    """A year of a unit's archive, with its post count and URL."""

    year: int
    count: int
    url: str


class UnitPagesGenerator(Generator):
    """Index the posts by unit once, then write each unit's pages in each language."""

    def generate_context(self) -> None:
        """Index the published posts and give each its "more from this unit" list."""
        options = self._options()
        posts = self.context.get("articles", [])
        state = plugin_state()
        keep = incremental.builds_again(self.settings)
        state.index = index = build_unit_index(
            posts, content_state().registry, keep=keep
        )
        count = options.related_count
        by_file = {post.source_path: post for post in posts}
        related_by_file = kept_related.get_knowing(
            by_file,
            fresh_news(),
            (count,),
            lambda: {
                post.source_path: [
                    other.source_path for other in related_posts(post, index, count)
                ]
                for post in posts
            },
            keep=keep,
        )
        # a post carried over keeps its list unless a post in it was given new
        # news (a translation's list follows its original's)
        for post in kept_related.to_set_again(by_file, lambda value: value.items()):
            related = [by_file[path] for path in related_by_file[post.source_path]]
            # Plain posts (each in the page's language where translated), so
            # page fingerprints see them; the template badges the others.
            post.news.set_more_from_unit(related)
            for translation in post.translations:
                translation.news.set_more_from_unit(
                    [in_language(other, translation.lang).post for other in related]
                )
        logger.debug("unit_pages: %d units have a page", len(state.index.posts))

    def generate_output(self, writer) -> None:
        """Write the tree of units, and every unit's pages, years and feeds."""
        index, options = plugin_state().index, self._options()
        if index is None:
            return
        for lang in LANGUAGES:
            write_page(
                self,
                writer,
                "units",
                options.index_url,
                lang,
                tree=flatten_tree(index.tree(lang)),
                partners=index.partners(lang),
            )
        # make devserver: write only the units an edit touched (see incremental).
        changed = incremental.current()
        ancestors = index.registry.ancestors
        touched = (
            None if changed is None or changed.everything else changed.units(ancestors)
        )
        feeds = None if touched is None else changed.feed_units(ancestors)
        for key in index.posts:
            unit = index.registry.units[key]
            if touched is not None and key not in touched:
                if key in feeds:  # a body edit: the feed shows bodies in full
                    for lang in LANGUAGES:
                        self._write_feed_only(unit, lang, options)
                continue
            years, months = index.years(key), index.months(key)
            for lang in LANGUAGES:
                self._write_unit(writer, unit, lang, options, years, months)

    def _options(self) -> UnitPagesSettings:
        """Return the validated settings of this build."""
        return plugin_state().settings

    def _write_unit(
        self,
        writer,
        unit: Unit,
        lang: str,
        options: UnitPagesSettings,
        years: dict[int, list[UnitPost]],
        months: Counter[tuple[int, int]],
    ) -> None:
        """Write one unit's list pages, year archives and feed in ``lang``."""
        index = plugin_state().index
        entries = index.posts[unit.key]
        urls = {code: options.url[code].format(key=unit.key) for code in LANGUAGES}
        feed_url = options.feed_url[lang].format(key=unit.key)
        year_links = [
            YearLink(
                year,
                len(listed),
                options.year_url[lang].format(key=unit.key, year=year),
            )
            for year, listed in years.items()
        ]
        common = {
            "unit": unit,
            "unit_name": unit.display_name(lang),
            "unit_trail": [
                (parent.display_name(lang), options.url[lang].format(key=parent.key))
                for parent in index.registry.ancestors(unit.key)
            ],
            "post_count": len(entries),
            "unit_feed_url": feed_url,
            "year_links": year_links,
            "unit_index_url": options.index_url[lang],
            "timeline": timeline(index.registry, unit, lang),
        }
        first = {
            "chart": build_chart(months, lang),
            "sub_units": index.sub_units(unit.key, lang),
            "people": self._people(unit.key, lang),
        }
        rest = {"chart": None, "sub_units": [], "people": []}
        write_paginated(
            self,
            writer,
            "unit",
            urls,
            lang,
            entries,
            options.per_page,
            {code: folder_rules(options.page_url[code]) for code in LANGUAGES},
            listed=self._listed,
            page_variables=lambda pager: first if pager.number == 1 else rest,
            **common,
        )
        for link in year_links:
            year_urls = {
                code: options.year_url[code].format(key=unit.key, year=link.year)
                for code in LANGUAGES
            }
            write_page(
                self,
                writer,
                "unit_year",
                year_urls,
                lang,
                year=link.year,
                month_groups=self._by_month(years[link.year], lang),
                **common,
            )
        self._write_feed(unit, lang, entries, urls[lang], feed_url, options, writer)

    def _write_feed_only(
        self, unit: Unit, lang: str, options: UnitPagesSettings
    ) -> None:
        """Write a unit's feed alone (its pages are unchanged)."""
        self._write_feed(
            unit,
            lang,
            plugin_state().index.posts[unit.key],
            options.url[lang].format(key=unit.key),
            options.feed_url[lang].format(key=unit.key),
            options,
        )

    @staticmethod
    def _listed(entry: UnitPost, lang: str) -> ListedEntry:
        """Return a unit's post as a list in ``lang`` shows it."""
        return ListedEntry(in_language(entry.post, lang), entry.via)

    @classmethod
    def _by_month(
        cls, entries: list[UnitPost], lang: str
    ) -> list[tuple[str, list[ListedEntry]]]:
        """Group a year's posts by month, newest month first, with its heading."""
        groups: dict[tuple[int, int], list[ListedEntry]] = {}
        for entry in entries:
            when = (entry.post.date.year, entry.post.date.month)
            groups.setdefault(when, []).append(cls._listed(entry, lang))
        return [(format_month(y, m, lang), listed) for (y, m), listed in groups.items()]

    @staticmethod
    def _people(key: str, lang: str) -> list[PersonAtUnit]:
        """Return who appeared at the unit's events, with their latest role."""
        return [
            PersonAtUnit(
                found.speaker.person,
                role_in(found.post, found.index, lang),
                found.speaker.unit,
                found.post.date,
            )
            for found in plugin_state().index.appearances(key)
        ]

    def _write_feed(
        self,
        unit: Unit,
        lang: str,
        entries: list[UnitPost],
        page_url: str,
        feed_url: str,
        options: UnitPagesSettings,
        writer=None,
    ) -> None:
        """Write the unit's Atom feed: its newest posts, translated where possible.

        A writer that can ``defer`` work (fast_build's) writes it along with
        the pages, in parallel.
        """
        info = FeedInfo(
            lang=lang,
            save_as=feed_url,
            page_url=page_url,
            title=f"{unit.display_name(lang)} · {site_name(self.settings, lang)}",
            subtitle=site_subtitle(self.settings, lang),
        )
        items = [
            in_language(entry.post, lang) for entry in entries[: options.feed_max_items]
        ]
        job = partial(write_atom_feed, self.output_path, info, items, self.settings)
        defer = getattr(writer, "defer", None)
        if defer is not None:
            defer(job)
        else:
            job()
