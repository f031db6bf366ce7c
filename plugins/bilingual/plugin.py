"""Wire the bilingual site into Pelican: strings, roles, pages, feeds, sitemap."""

from __future__ import annotations

from pathlib import Path

from pelican import signals
from pelican.paginator import PaginationRule

from content_model.addresses import Reservation, pagination_paths, reserved_addresses
from content_model.state import state as content_state

from . import sitemap
from .cards import forget_cards, post_card
from .english_pages import EnglishPagesGenerator
from .feeds import FeedsGenerator
from .not_found import NOT_FOUND, NotFoundPagesGenerator
from .roles import RoleComposer
from .speaker_roles import fill_english_roles
from .templating import install, install_translations

DEFAULTS = {
    # Where feeds are written, per language (site-relative).
    "BILINGUAL_FEEDS": {"vi": "feeds/all.atom.xml", "en": "en/feeds/all.atom.xml"},
    # The sitemap index; its files are written beside it (sitemap-1.xml, …),
    # each with at most BILINGUAL_SITEMAP_MAX_URLS pages (the protocol's limit).
    "BILINGUAL_SITEMAP": "sitemap.xml",
    "BILINGUAL_SITEMAP_MAX_URLS": 50_000,
    # Characters of text a feed entry carries from a post's body (and at most
    # from its summary), cut at a word with "…", plus a link to the post.
    "BILINGUAL_FEED_EXCERPT_CHARS": 600,
    # The site's own robots.txt rules, if any (relative to PATH); the sitemap
    # line is added to them.
    "BILINGUAL_ROBOTS_SOURCE": "extra/robots.txt",
    # Feeds, the sitemap and robots.txt need absolute URLs; with SITEURL empty
    # (development builds) they point to `make serve`'s address.
    "BILINGUAL_FALLBACK_SITEURL": "http://127.0.0.1:8000",
    # How the English lists Pelican paginates number their pages
    # (PAGINATION_PATTERNS, in Vietnamese, serves the Vietnamese lists).
    "BILINGUAL_PAGINATION_PATTERNS_EN": (
        (1, "{url}", "{save_as}"),
        (2, "{base_name}/page/{number}/", "{base_name}/page/{number}/index.html"),
    ),
}


def configure(pelican) -> None:
    """Fill default settings, check them and install the template helpers."""
    settings = pelican.settings
    for name, value in DEFAULTS.items():
        settings.setdefault(name, value)
    # The catalogues live in the theme, beside the templates they translate.
    settings.setdefault(
        "BILINGUAL_CATALOGUE_PATH", str(Path(settings["THEME"]) / "translations")
    )
    feeds = settings["BILINGUAL_FEEDS"]
    if not isinstance(feeds, dict) or set(feeds) != {"vi", "en"}:
        raise ValueError(
            f"BILINGUAL_FEEDS must map 'vi' and 'en' to feed paths, got {feeds!r}"
        )
    excerpt = settings["BILINGUAL_FEED_EXCERPT_CHARS"]
    if not isinstance(excerpt, int) or isinstance(excerpt, bool) or excerpt < 1:
        raise ValueError(
            f"BILINGUAL_FEED_EXCERPT_CHARS must be a positive integer, got {excerpt!r}"
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
    settings["JINJA_GLOBALS"]["post_card"] = post_card
    sitemap.state.clear()


def add_translations(generator) -> None:
    """Give each generator's template environment the UI catalogues (gettext)."""
    install_translations(generator.env, generator.settings["BILINGUAL_CATALOGUE_PATH"])


def english_roles(generator) -> None:
    """Give every speaker an English role once the posts are resolved."""
    composer = RoleComposer.from_registry(content_state.registry)
    posts = generator.articles + generator.drafts + generator.hidden_articles
    fill_english_roles(posts, composer)


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths of the English home page, feeds, sitemap, robots.txt, 404s."""
    english = [Reservation("en/index.html", "the English home page")]
    patterns = settings.get(
        "BILINGUAL_PAGINATION_PATTERNS_EN",
        DEFAULTS["BILINGUAL_PAGINATION_PATTERNS_EN"],
    )
    english += [
        Reservation(path, "the English home page")
        for path in pagination_paths(settings, "en/index.html", patterns)
    ]
    feeds = settings.get("BILINGUAL_FEEDS", DEFAULTS["BILINGUAL_FEEDS"])
    sitemap = settings.get("BILINGUAL_SITEMAP", DEFAULTS["BILINGUAL_SITEMAP"])
    return [
        *english,
        *(Reservation(path, "the news feed") for path in feeds.values()),
        Reservation(sitemap, "the sitemap"),
        Reservation(sitemap.rsplit(".", 1)[0] + "-{number}.xml", "the sitemap"),
        Reservation("robots.txt", "robots.txt"),
        *(Reservation(path, "the 404 page") for path in NOT_FOUND.values()),
    ]


def add_generators(pelican):
    """Add the generators of English lists, 404 pages and feeds."""
    del pelican
    return [EnglishPagesGenerator, NotFoundPagesGenerator, FeedsGenerator]


def register() -> None:
    """Connect the bilingual site to Pelican's signals."""
    signals.initialized.connect(configure)
    signals.generator_init.connect(add_translations)
    signals.article_generator_init.connect(forget_cards)
    signals.article_generator_finalized.connect(english_roles)
    signals.get_generators.connect(add_generators)
    signals.content_written.connect(sitemap.record_page)
    signals.finalized.connect(sitemap.write_sitemap)
    reserved_addresses.connect(reserve_addresses)
