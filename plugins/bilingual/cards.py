"""Render each post's card in lists once, not on every page that lists it.

A post appears in many lists: its units and their parents (pages and year
archives), its speakers' pages, its topics, the home pages, in both
languages. Its card (title, date, units, summary) reads the same on each, so
it is rendered once per build for a given page language and card style,
and kept in the build state (``newsroom.build``), so a new build starts
with none. So are the parts of every page that read the same in a language
(``fragment``: the footer, the header's navigation).

A post's row in a unit's lists is not kept: it is shown again on at most its
units' parents' pages, fewer than half the rows were shown twice at 300 posts
and a quarter at 1,000, and rendering a fragment on its own costs more than
the row inline.
"""

from __future__ import annotations

from collections import Counter, OrderedDict

from jinja2 import pass_context
from markupsafe import Markup

from newsroom.build import BuildState, current

from .templating import context_value, page_language

CARD_TEMPLATE = "partials/post_summary.html"
COUNT_TEMPLATE = "partials/post_count.html"
_MAX_CARDS = 3_000  # about 4 MB: lists that show a post are written close together


class CardCache:
    """The cards and page parts rendered in one build, least recently shown first."""

    def __init__(self, build: BuildState) -> None:
        del build
        self.cards: OrderedDict[tuple, Markup] = OrderedDict()
        self.fragments: OrderedDict[tuple, Markup] = OrderedDict()
        self.counts: dict[tuple, Markup] = {}
        # Fragment renders by template name: what the cache saved is the
        # difference with the parts and cards the pages show.
        self.renders: Counter[str] = Counter()


def _remember(found: OrderedDict[tuple, Markup], key: tuple, render) -> Markup:
    """Return ``found[key]``, made by ``render()`` when missing (least recent out)."""
    fragment = found.get(key)
    if fragment is not None:
        found.move_to_end(key)
        return fragment
    if len(found) >= _MAX_CARDS:
        found.popitem(last=False)
    fragment = found[key] = render()
    return fragment


def _render(context, name: str, variables: dict) -> Markup:
    """Render template ``name`` with the page's context and ``variables``.

    As ``{% include %}`` does, the page's context is shared, not merged again
    with the environment's globals (which it already holds): that merge cost
    more than rendering a small fragment.
    """
    current().section(CardCache).renders[name] += 1
    template = context.environment.get_template(name)
    return Markup(template.make_module({**context.get_all(), **variables}, shared=True))


@pass_context
def post_card(
    context,
    item,
    level: str | None = None,
    featured: bool | None = None,
    compact: bool | None = None,
) -> Markup:
    """Return the card of ``item`` (a post or a ListedPost) for this page."""
    level = level or context_value(context, "summary_level") or "h2"
    if featured is None:
        featured = context_value(context, "summary_featured")
    if compact is None:
        compact = context_value(context, "summary_compact")
    featured, compact = bool(featured), bool(compact)
    key = (
        page_language(context),
        context_value(context, "lang"),
        context_value(context, "SITEURL"),
        item.url,
        item.lang,
        bool(getattr(item, "untranslated", False)),
        level,
        featured,
        compact,
    )
    variables = {
        "item": item,
        "summary_level": level,
        "summary_featured": featured,
        "summary_compact": compact,
    }
    return _remember(
        current().section(CardCache).cards,
        key,
        lambda: _render(context, CARD_TEMPLATE, variables),
    )


@pass_context
def count_badge(context, count: int) -> Markup:
    """Return the post count beside a name (``partials/post_count.html``).

    Unit, person and year lists show one beside every name: the few distinct
    counts are rendered once per build and language, not included on every row.
    """
    key = (page_language(context), count)
    counts = current().section(CardCache).counts
    found = counts.get(key)
    if found is None:
        found = counts[key] = _render(context, COUNT_TEMPLATE, {"count": count})
    return found


@pass_context
def fragment(context, name: str, **key) -> Markup:
    """Return template ``name`` rendered once per build for the values it reads.

    For the parts of every page that read the same on many pages (the site's
    footer, its header's navigation): the part is rendered once per page
    language, ``SITEURL`` and ``key``, whose values (hashable) must name
    everything else the part reads; they are passed to it as variables.
    """
    cache_key = (
        name,
        page_language(context),
        context_value(context, "lang"),
        context_value(context, "SITEURL"),
        tuple(sorted(key.items())),
    )
    return _remember(
        current().section(CardCache).fragments,
        cache_key,
        lambda: _render(context, name, key),
    )
