"""Wire the people pages into Pelican: settings, the Jinja global, the generator."""

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

from .index import PeopleIndex
from .settings import PeoplePagesSettings

logger = logging.getLogger(__name__)


class PeoplePagesState(DirectoryState):
    """The plugin's section of the build state (see ``newsroom.build``)."""

    SETTINGS = PeoplePagesSettings
    settings: PeoplePagesSettings
    index: PeopleIndex | None


def plugin_state() -> PeoplePagesState:
    """Return the plugin's section of the build in progress."""
    return current().section(PeoplePagesState)


def person_url(person_or_key: Any, lang: str = "vi") -> str:
    """Return the site-relative URL of a person's page, or "" when they have none.

    A person has a page when they appear in at least one published post.
    """
    return plugin_state().url_of(person_or_key, lang)


def configure(pelican) -> None:
    """Check the settings and install ``person_url`` for the templates."""
    check_at_start(PeoplePagesSettings.from_pelican, pelican.settings)
    add_to_templates(pelican.settings, globals={"person_url": person_url})


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths the people pages own, from their URL settings."""
    options = PeoplePagesSettings.from_pelican(settings)
    return per_language_reservations(
        (options.index_url, Message("the list of people")),
        (options.url, Message("a person's page")),
    )


def add_generator(pelican) -> type:
    """Add the generator of people pages (after the articles are read)."""
    del pelican
    from .generator import PeoplePagesGenerator

    return PeoplePagesGenerator


def register() -> None:
    """Connect the people pages to Pelican's signals."""
    build.connect()
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generator)
    reserved_addresses.connect(reserve_addresses)
