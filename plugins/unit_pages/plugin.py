"""Wire the unit pages into Pelican: settings, Jinja globals, generator, feeds."""

from __future__ import annotations

import logging
from typing import Any

from pelican import signals

from content_model.addresses import (
    Reservation,
    per_language_reservations,
    reserved_addresses,
)
from newsroom import build
from newsroom.build import current
from newsroom.messages import Message
from newsroom.pages import DirectoryState
from newsroom.settings import add_to_templates, check_at_start

from .index import UnitIndex
from .settings import UnitPagesSettings

logger = logging.getLogger(__name__)


class UnitPagesState(DirectoryState):
    """The plugin's section of the build state (see ``newsroom.build``)."""

    SETTINGS = UnitPagesSettings
    settings: UnitPagesSettings
    index: UnitIndex | None


def plugin_state() -> UnitPagesState:
    """Return the plugin's section of the build in progress."""
    return current().section(UnitPagesState)


def unit_url(unit_or_key: Any, lang: str = "vi") -> str:
    """Return the site-relative URL of a unit's page, or "" when it has none.

    A unit has a page when it, or one of its sub-units, has a published post.
    """
    return plugin_state().url_of(unit_or_key, lang)


def configure(pelican) -> None:
    """Check the settings and install ``unit_url`` for the templates."""
    check_at_start(UnitPagesSettings.from_pelican, pelican.settings)
    add_to_templates(pelican.settings, globals={"unit_url": unit_url})


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths the unit pages own, from their URL settings."""
    options = UnitPagesSettings.from_pelican(settings)
    return per_language_reservations(
        (options.index_url, Message("the list of units")),
        (options.url, Message("a unit's page")),
        (options.year_url, Message("a unit's year archive")),
        (options.feed_url, Message("a unit's feed")),
    )


def add_generator(pelican) -> type:
    """Add the generator of unit pages (after the articles are read)."""
    del pelican
    from .generator import UnitPagesGenerator

    return UnitPagesGenerator


def register() -> None:
    """Connect the unit pages to Pelican's signals."""
    build.connect()
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    reserved_addresses.connect(reserve_addresses)
