"""Wire the bilingual site into Pelican: strings, roles, pages, feeds, sitemap."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.paginator import PaginationRule

from content_model.addresses import Reservation, pagination_paths, reserved_addresses
from content_model.state import content_state
from newsroom import build, incremental
from newsroom.i18n import every_post
from newsroom.messages import Message
from newsroom.settings import add_to_templates

from . import sitemap
from .attendance import attendee_count, attendee_heading
from .cards import count_badge, fragment, post_card
from .english_memo import fill_english
from .english_pages import EnglishPagesGenerator
from .feeds import FeedsGenerator, release_texts
from .follow_page import FollowPagesGenerator
from .not_found import NOT_FOUND, NotFoundPagesGenerator
from .roles import RoleComposer
from .settings import SETTINGS
from .templating import install, install_translations


def configure(pelican) -> None:
    """Fill default settings, check them and install the template helpers."""
    settings = pelican.settings
    SETTINGS.check(settings)
    # The catalogues live in the theme, beside the templates they translate.
    if settings["BILINGUAL_CATALOGUE_PATH"] is None:
        settings["BILINGUAL_CATALOGUE_PATH"] = str(
            Path(settings["THEME"]) / "translations"
        )
    # The Vietnamese lists' numbering, kept for pages of English lists that
    # link to their Vietnamese twin.
    settings.setdefault(
        "BILINGUAL_PAGINATION_PATTERNS_VI", settings["PAGINATION_PATTERNS"]
    )
    # As Pelican does for PAGINATION_PATTERNS: rules, not plain tuples.
    settings["BILINGUAL_PAGINATION_PATTERNS_EN"] = [
        PaginationRule(*rule) for rule in settings["BILINGUAL_PAGINATION_PATTERNS_EN"]
    ]
    install(settings)
    add_to_templates(
        settings,
        globals={
            "post_card": post_card,
            "attendee_count": attendee_count,
            "attendee_heading": attendee_heading,
            "count_badge": count_badge,
            "fragment": fragment,
        },
    )
    sitemap.state.clear()


def add_translations(generator) -> None:
    """Give each generator's template environment the UI catalogues (gettext)."""
    install_translations(generator.env, generator.settings["BILINGUAL_CATALOGUE_PATH"])


def english_roles(generator) -> None:
    """Give speakers, attendee groups and tags their English once posts resolve."""
    registry = content_state().registry
    composer = RoleComposer.from_registry(registry)
    fill_english(
        every_post(generator, unpublished=True),
        registry,
        composer,
        keep=incremental.builds_again(generator.settings),
    )


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths of the English home page, feeds, sitemap, robots.txt, 404s."""
    english = [Reservation("en/index.html", Message("the English home page"))]
    patterns = SETTINGS.get(settings, "BILINGUAL_PAGINATION_PATTERNS_EN")
    english += [
        Reservation(path, Message("the English home page"))
        for path in pagination_paths(settings, "en/index.html", patterns)
    ]
    feeds = SETTINGS.get(settings, "BILINGUAL_FEEDS")
    sitemap = SETTINGS.get(settings, "BILINGUAL_SITEMAP")
    follow = SETTINGS.get(settings, "BILINGUAL_FOLLOW_PAGES")
    return [
        *english,
        *(Reservation(url, Message("the follow page")) for url in follow.values()),
        *(Reservation(path, Message("the news feed")) for path in feeds.values()),
        Reservation(sitemap, Message("the sitemap")),
        Reservation(
            sitemap.rsplit(".", 1)[0] + "-{number}.xml", Message("the sitemap")
        ),
        Reservation("robots.txt", Message("robots.txt")),
        *(Reservation(path, Message("the 404 page")) for path in NOT_FOUND.values()),
    ]


def add_generators(pelican):
    """Add the generators of English lists, 404 pages and feeds."""
    del pelican
    return [
        EnglishPagesGenerator,
        NotFoundPagesGenerator,
        FeedsGenerator,
        FollowPagesGenerator,
    ]


def register() -> None:
    """Connect the bilingual site to Pelican's signals."""
    build.connect()
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_translations)
    signals.article_generator_init.connect(sitemap.start_build)
    signals.article_generator_finalized.connect(english_roles)
    signals.get_generators.connect(add_generators)
    signals.content_written.connect(sitemap.record_page)
    signals.finalized.connect(release_texts)  # before the sitemap: lowers the peak
    signals.finalized.connect(sitemap.write_sitemap)
    reserved_addresses.connect(reserve_addresses)
