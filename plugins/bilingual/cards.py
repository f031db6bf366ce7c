"""Render each post's card in lists once, not on every page that lists it.

A post appears in many lists: its units and their parents (pages and year
archives), its speakers' pages, its topics, the home pages, in both
languages. Its card (title, date, units, summary) reads the same on each, so
it is rendered once per build for a given page language and card style,
and kept in the build state (``newsroom.build``), so a new build starts
with none.
"""

from __future__ import annotations

from collections import OrderedDict

from jinja2 import pass_context
from markupsafe import Markup

from newsroom.build import BuildState, current

from .templating import page_language

CARD_TEMPLATE = "partials/post_summary.html"
COUNT_TEMPLATE = "partials/post_count.html"
_MAX_CARDS = 3_000  # about 4 MB: lists that show a post are written close together


class CardCache:
    """The cards rendered during one build, least recently shown first."""

    def __init__(self, build: BuildState) -> None:
        del build
        self.cards: OrderedDict[tuple, Markup] = OrderedDict()
        self.counts: dict[tuple, Markup] = {}


@pass_context
def post_card(
    context,
    item,
    level: str | None = None,
    featured: bool | None = None,
    compact: bool | None = None,
) -> Markup:
    """Return the card of ``item`` (a post or a ListedPost) for this page."""
    level = level or context.get("summary_level") or "h2"
    featured = bool(context.get("summary_featured") if featured is None else featured)
    compact = bool(context.get("summary_compact") if compact is None else compact)
    key = (
        page_language(context),
        context.get("lang"),
        context.get("SITEURL"),
        item.url,
        item.lang,
        bool(getattr(item, "untranslated", False)),
        level,
        featured,
        compact,
    )
    cards = current().section(CardCache).cards
    card = cards.get(key)
    if card is not None:
        cards.move_to_end(key)
    else:
        if len(cards) >= _MAX_CARDS:
            cards.popitem(last=False)
        variables = {
            **context.get_all(),
            "item": item,
            "summary_level": level,
            "summary_featured": featured,
            "summary_compact": compact,
        }
        template = context.environment.get_template(CARD_TEMPLATE)
        card = cards[key] = Markup(template.render(variables))
    return card


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
        template = context.environment.get_template(COUNT_TEMPLATE)
        found = counts[key] = Markup(
            template.render({**context.get_all(), "count": count})
        )
    return found
