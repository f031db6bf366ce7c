"""Wire the archives into Pelican: neighbours in time, home sections, pages."""

from __future__ import annotations

import logging

from jinja2 import pass_context
from pelican import signals

from content_model.addresses import Reservation, reserved_addresses
from content_model.state import content_state
from newsroom import incremental
from newsroom.i18n import every_post, in_language
from newsroom.messages import Message
from newsroom.post import fresh_news
from newsroom.settings import add_to_templates
from vietnamese import format_month, slugify

from .chronology import neighbours
from .generator import ArchivesGenerator
from .home import UnitSection, post_units, unit_sections
from .settings import SETTINGS
from .topics import post_tags

logger = logging.getLogger(__name__)


@pass_context
def archive_url(context, lang: str, year: int | None = None) -> str:
    """Return the site-relative URL of the archives, or of one year."""
    if year is None:
        return context["ARCHIVES_URL"][lang]
    return context["ARCHIVES_YEAR_URL"][lang].format(year=year)


@pass_context
def topic_url(context, tag, lang: str) -> str:
    """Return the site-relative URL of a tag's topic page."""
    name = str(getattr(tag, "name", tag))
    return context["ARCHIVES_TOPIC_URL"][lang].format(slug=slugify(name))


def month_name(year: int, month: int, lang: str) -> str:
    """Return a month heading in ``lang`` ("Tháng 12/2020", "December 2020")."""
    return format_month(year, month, lang)


def configure(pelican) -> None:
    """Check the settings and give the templates the URL helpers."""
    SETTINGS.check(pelican.settings)
    add_to_templates(
        pelican.settings,
        globals={
            "archive_url": archive_url,
            "topic_url": topic_url,
            "post_tags": post_tags,
            "month_name": month_name,
        },
    )


def _link_key(post) -> tuple:
    """Return what decides a post's neighbours and its place in the sections."""
    return (
        post.lang,
        post.date,
        post.slug,
        tuple(unit.key for unit in post_units(post)),
        tuple(other.lang for other in getattr(post, "translations", ())),
    )


#: The neighbours and home sections by post file, kept between devserver
#: builds while every post's date, slug, units and translations are unchanged
#: (a body or title edit): sorting and grouping every post was 6 % of a
#: one-post rebuild at 10,000 posts.
kept_links: incremental.KeptWhilePostsAre[tuple[dict, dict]] = (
    incremental.KeptWhilePostsAre(_link_key)
)


def link_posts(generator) -> None:
    """Give each post its neighbours in time and the home page its unit sections."""
    settings = generator.settings
    registry = content_state().registry
    pinned = tuple(settings["ARCHIVES_HOME_PINNED_UNITS"])
    for key in pinned:
        if key not in registry.units:
            logger.warning(
                Message(
                    "ARCHIVES_HOME_PINNED_UNITS: %(key)s is not a unit key of "
                    "units.yml",
                    key=repr(key),
                )
            )
    options = (
        tuple(settings["ARCHIVES_HOME_UNIT_KINDS"]),
        settings["ARCHIVES_HOME_SECTIONS"],
        settings["ARCHIVES_HOME_POSTS_PER_UNIT"],
        pinned,
    )
    posts = every_post(generator)
    by_file = {post.source_path: post for post in posts}
    older_newer, sections = kept_links.get_knowing(
        by_file,
        fresh_news(),
        (registry, *options),
        lambda: _links_by_file(posts, generator.articles, options),
        keep=incremental.builds_again(settings),
    )
    # a post carried over keeps its neighbours unless one was given new news
    for post in kept_links.to_set_again(by_file, lambda value: value[0].items()):
        older, newer = older_newer[post.source_path]
        post.news.set_neighbours(by_file.get(older), by_file.get(newer))
    generator.context["home_sections"] = {
        lang: [
            UnitSection(
                registry.units[key],
                [
                    by_file[path] if lang == "vi" else in_language(by_file[path], lang)
                    for path in paths
                ],
            )
            for key, paths in found
        ]
        for lang, found in sections.items()
    }
    # The home page shows them from the shared context (unit names included).
    incremental.shows_shared("index.html", "home_sections")


def _links_by_file(posts: list, originals: list, options: tuple) -> tuple[dict, dict]:
    """Return every post's neighbours in time, and the home sections of
    ``originals`` in each language, by post file."""
    by_lang: dict[str, list] = {}
    for post in posts:
        by_lang.setdefault(post.lang, []).append(post)
    older_newer: dict[str, tuple[str | None, str | None]] = {}
    for listed in by_lang.values():
        lookup = neighbours(listed)
        for post in listed:
            older, newer = lookup[id(post)]
            older_newer[post.source_path] = (
                older and older.source_path,
                newer and newer.source_path,
            )
    sections = {}
    for lang in ("vi", "en"):
        listed = [
            post if lang == "vi" else in_language(post, lang) for post in originals
        ]
        sections[lang] = [
            (
                section.unit.key,
                [getattr(p, "post", p).source_path for p in section.posts],
            )
            for section in unit_sections(listed, *options)
        ]
    return older_newer, sections


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths of the archives and topic pages, from their URL settings."""
    owners = {
        "ARCHIVES_URL": Message("the archives"),
        "ARCHIVES_YEAR_URL": Message("a year of the archives"),
        "ARCHIVES_TOPIC_URL": Message("a topic page"),
    }
    return [
        Reservation(url, owner)
        for name, owner in owners.items()
        for url in SETTINGS.get(settings, name).values()
    ]


def add_generators(pelican):
    """Add the archives generator."""
    del pelican
    return ArchivesGenerator


def register() -> None:
    """Connect the archives to Pelican's signals."""
    signals.initialized.connect(configure)
    signals.article_generator_finalized.connect(link_posts)
    signals.get_generators.connect(add_generators)
    reserved_addresses.connect(reserve_addresses)
