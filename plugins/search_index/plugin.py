"""Wire the search index into Pelican: describe the posts, write the pages, index.

Pagefind runs on ``finalized``, once every page is written, on every build
(``make html``, ``make publish``, each ``make devserver`` rebuild).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import partial
from pathlib import Path

from pelican import signals
from pelican.log import console

from bilingual.attendance import group_description
from content_model.addresses import Reservation, reserved_addresses
from content_model.state import content_state
from newsroom import build, timing
from newsroom.i18n import every_post
from newsroom.messages import Message

from .background import BackgroundIndexer, documents_digest
from .documents import document_for
from .indexer import SearchIndexError, build_index
from .search_pages import SearchPagesGenerator, search_url
from .settings import check, setting
from .state import search_state

logger = logging.getLogger(__name__)


def configure(pelican) -> None:
    """Check the settings and give templates ``search_url``.

    Templates link to a pre-filtered search with
    ``{{ SITEURL }}/{{ search_url(lang, unit=unit.key) }}``.
    """
    check(pelican.settings)
    pages = dict(pelican.settings["SEARCH_INDEX_PAGES"])
    pelican.settings.setdefault("JINJA_GLOBALS", {})["search_url"] = partial(
        search_url, pages
    )


def add_generators(pelican):
    """Add the generator of the search pages."""
    del pelican
    return SearchPagesGenerator


def describe_posts(generator) -> None:
    """Describe every published post and translation for the index."""
    if not setting(generator.settings, "SEARCH_INDEX_ENABLED"):
        return  # no index this build: nothing to describe
    registry = content_state().registry
    state = search_state()
    state.registry = registry

    def ancestors(key: str) -> list:
        return registry.ancestors(key) if key in registry.units else []

    # Only published posts: drafts and hidden posts live in other lists.
    posts = every_post(generator)
    catalogues = generator.settings.get("BILINGUAL_CATALOGUE_PATH")

    def describe_group(lang: str):
        return group_description(catalogues, lang)

    state.documents = [document_for(post, ancestors, describe_group) for post in posts]
    state.posts = posts


def add_card_photos(generators) -> None:
    """Give each document its post's card photo, once the photos are published."""
    del generators
    state = search_state()
    documents = []
    for document, post in zip(state.documents, state.posts, strict=True):
        photo = post.news.card_photo
        if photo is not None and photo.cards:
            document = replace(document, card=photo.cards[0].jpeg)
        documents.append(document)
    state.documents, state.posts = documents, []


_background = BackgroundIndexer()
_last_digest: dict[str, str] = {}  # output folder -> digest of its indexed posts


def wait_for_background_index(timeout: float | None = None) -> None:
    """Wait until the background index shows the last build (benchmarks, tests)."""
    _background.wait(timeout)


def index_site(pelican) -> None:
    """Run Pagefind over the posts' search documents; report size and time."""
    settings = pelican.settings
    state = search_state()
    documents, state.documents = state.documents, []  # nothing else needs them
    if not setting(settings, "SEARCH_INDEX_ENABLED"):
        logger.info("Search index: not built (SEARCH_INDEX_ENABLED is False)")
        return
    if not documents:
        logger.warning(Message("Search index: no published post to index"))
        return
    output = Path(pelican.output_path)
    bundle_dir = setting(settings, "SEARCH_INDEX_BUNDLE_DIR").strip("/")
    job = partial(
        _index,
        documents,
        output,
        bundle_dir,
        setting(settings, "SEARCH_INDEX_BINARY"),
        setting(settings, "SEARCH_INDEX_KEEP_UI_BUNDLES"),
        setting(settings, "SEARCH_INDEX_CHUNK_SIZE"),
        setting(settings, "SEARCH_INDEX_PAGEFIND"),
    )
    if not setting(settings, "SEARCH_INDEX_BACKGROUND"):
        job()
        return
    job = partial(job, show_progress=False)  # the next build may be showing its own
    digest = documents_digest(documents)
    if _last_digest.get(str(output)) == digest and (output / bundle_dir).is_dir():
        logger.info("Search index: no post's search text changed; kept as it is")
        return
    _last_digest[str(output)] = digest
    console.print(str(Message("Search index: updating in the background")))
    _background.submit(job)


def _index(
    documents,
    output: Path,
    bundle_dir: str,
    binary: str,
    keep_ui: bool,
    chunk_size: int = 0,
    pagefind: bool = False,
    show_progress: bool = True,
):
    """Build the index and log what it took."""
    try:
        report = build_index(
            documents,
            output,
            bundle_dir=bundle_dir,
            binary=binary,
            keep_ui_bundles=keep_ui,
            show_progress=show_progress,
            chunk_size=chunk_size,
            pagefind=pagefind,
        )
    except SearchIndexError as error:
        logger.error(Message("Search index not built: %(error)s", error=str(error)))
        return
    timing.record("search", report.seconds)
    languages = ", ".join(
        f"{count} {lang}" for lang, count in sorted(report.pages.items())
    )
    logger.info(
        "Search index: %d posts (%s) in %.2f s; %s: %d files, %.1f KB "
        "(index data %.1f KB)",
        sum(report.pages.values()),
        languages,
        report.seconds,
        bundle_dir,
        report.files,
        report.total_bytes / 1024,
        report.index_bytes / 1024,
    )


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the paths of the search pages and of Pagefind's bundle."""
    bundle = setting(settings, "SEARCH_INDEX_BUNDLE_DIR").strip("/")
    pages = setting(settings, "SEARCH_INDEX_PAGES")
    return [
        *(Reservation(url, Message("the search page")) for url in pages.values()),
        Reservation(f"{bundle}/", Message("the search index")),
    ]


def register() -> None:
    """Connect the search index to Pelican's signals."""
    build.connect()
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generators)
    reserved_addresses.connect(reserve_addresses)
    signals.article_generator_finalized.connect(describe_posts)
    signals.all_generators_finalized.connect(add_card_photos)
    signals.finalized.connect(index_site)
