"""Write the search pages, ``/tim-kiem/`` and ``/en/search/``.

Each page carries its filter choices, rendered at build time with their
counts and labelled in the page's language, so the search script only
updates counts; the script's own strings come from the UI catalogue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from pelican.generators import Generator

from newsroom.i18n import LANGUAGES
from newsroom.pages import write_page
from vietnamese import person_sort_key, sort_key

from .documents import FILTERS, SearchDocument
from .lists import YEAR, card_plan, year_slices
from .settings import setting
from .state import search_state


def search_url(pages: dict[str, str], lang: str, **filters: str) -> str:
    """Return the site-relative URL of a search in ``lang``, e.g. pre-filtered.

    ``search_url(pages, "vi", unit="quan-doan-tan-binh")`` gives
    ``"tim-kiem/?unit=quan-doan-tan-binh"``; empty values are left out.
    """
    query = urlencode([(name, value) for name, value in filters.items() if value])
    page = pages.get(lang) or pages["vi"]
    return f"{page}?{query}" if query else page


@dataclass(frozen=True)
class FilterChoice:
    """One choice of a filter: its value in the URL, its label and its count."""

    value: str
    label: str
    count: int
    depth: int = 0  # units: how far below a top-level unit
    lang: str | None = None  # when the label is in another language than the page


def count_filters(documents: Iterable[SearchDocument], lang: str) -> dict[str, Counter]:
    """Count the posts in ``lang`` for each value of each filter.

    Also, under ``year_slices(name)``, the posts of each value of the other
    filters in each year (``(value, year)``): which big values have their
    cards beside their list year by year (``lists.card_plan``).
    """
    counts: dict[str, Counter] = {name: Counter() for name in FILTERS}
    for document in documents:
        if document.lang == lang:
            add_counts(counts, document.filters)
    return counts


def add_counts(counts: dict[str, Counter], filters: dict[str, list[str]]) -> None:
    """Count one post of ``filters`` (its filter values) into ``counts``."""
    years = filters.get(YEAR, [])
    for name, values in filters.items():
        counts.setdefault(name, Counter()).update(values)
        if name != YEAR:
            slices = counts.setdefault(year_slices(name), Counter())
            slices.update((value, year) for value in values for year in years)


def unit_choices(counts: Counter, registry, lang: str) -> list[FilterChoice]:
    """Return the units with posts as a tree: parents first, siblings by name."""
    units = registry.units
    roots = [unit for unit in units.values() if unit.parent not in units]
    choices: list[FilterChoice] = []
    seen: set[str] = set()

    def walk(level: list, depth: int) -> None:
        for unit in sorted(level, key=lambda unit: sort_key(unit.display_name(lang))):
            if unit.key in seen:
                continue
            seen.add(unit.key)
            if counts.get(unit.key):
                label = unit.display_name(lang)
                choices.append(FilterChoice(unit.key, label, counts[unit.key], depth))
            walk(registry.children(unit.key), depth + 1)

    walk(roots, 0)
    listed = {choice.value for choice in choices}
    for key in sorted(set(counts) - listed):  # a unit the registry no longer has
        choices.append(FilterChoice(key, key, counts[key]))
    return choices


def person_choices(counts: Counter, registry, lang: str) -> list[FilterChoice]:
    """Return the people with posts, by given name in Vietnamese order."""
    people = registry.people
    choices = [
        FilterChoice(
            key,
            people[key].name if key in people else key,
            count,
            lang="vi" if lang != "vi" else None,
        )
        for key, count in counts.items()
    ]
    return sorted(choices, key=lambda choice: person_sort_key(choice.label))


def year_choices(counts: Counter) -> list[FilterChoice]:
    """Return the years with posts, newest first."""
    return [
        FilterChoice(year, year, counts[year]) for year in sorted(counts, reverse=True)
    ]


def filter_choices(
    documents: list[SearchDocument],
    registry,
    lang: str,
    counts: dict[str, Counter] | None = None,
) -> dict[str, list[FilterChoice]]:
    """Return the choices of every filter for the search page in ``lang``.

    ``counts`` (``count_filters``'s, when the documents went to the indexer)
    replaces counting ``documents``.
    """
    if counts is None:
        counts = count_filters(documents, lang)
    return {
        "unit": unit_choices(counts["unit"], registry, lang),
        "person": person_choices(counts["person"], registry, lang),
        "year": year_choices(counts["year"]),
    }


class SearchPagesGenerator(Generator):
    """Write one search page per language."""

    def generate_context(self):
        """Nothing to read: the posts are described when the articles are ready."""

    def generate_output(self, writer):
        """Write ``/tim-kiem/`` and ``/en/search/``."""
        state = search_state()
        documents, registry = state.documents, state.registry
        pages = setting(self.settings, "SEARCH_INDEX_PAGES")
        links = setting(self.settings, "SEARCH_INDEX_BROWSE_LINKS")
        for lang in LANGUAGES:
            if registry is None:
                counts, choices = {}, {"unit": [], "person": [], "year": []}
            else:
                counts = state.counts.get(lang) or count_filters(documents, lang)
                choices = filter_choices(documents, registry, lang, counts)
            write_page(
                self,
                writer,
                "search",
                pages,
                lang,
                search_choices=choices,
                search_links=links[lang],
                search_bundle=setting(self.settings, "SEARCH_INDEX_BUNDLE_DIR").strip(
                    "/"
                ),
                search_page_size=setting(self.settings, "SEARCH_INDEX_PAGE_SIZE"),
                search_filters=list(FILTERS),
                search_cards=card_plan(counts),
            )
