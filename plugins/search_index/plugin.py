"""Wire the search index into Pelican: describe the posts, write the pages, index.

The index is built on every build (``make html``, ``make publish``, each
``make devserver`` rebuild) in a process of its own (``process.py``): started
when the posts are described (``article_generator_finalized``), it indexes
each as it is written to the document file, while this process goes on with
the other generators and then the pages; it gets the card photos last
(``all_generators_finalized``), and ``finalized`` waits for it. In ``make
devserver`` (``SEARCH_INDEX_BACKGROUND``) the posts are described on
``finalized`` instead, where unchanged posts keep their last documents
(``DocumentMemo``), and the index starts from a thread, so the rebuild's pages
come first.
"""

from __future__ import annotations

import logging
import os
import time
from collections import Counter
from collections.abc import Callable
from functools import cache, partial
from pathlib import Path
from typing import NamedTuple

from pelican import signals
from pelican.log import console

from bilingual.attendance import group_description
from content_model.addresses import Reservation, reserved_addresses
from content_model.state import content_state
from newsroom import build, incremental, timing
from newsroom.i18n import every_post
from newsroom.messages import Message
from newsroom.settings import add_to_templates

from .background import BackgroundIndexer, documents_digest
from .documents import FILTERS, DocumentMemo, document_for, filters_for
from .indexer import IndexReport, SearchIndexError
from .process import DocumentFile, IndexProcess, index_in_process, peak_mib
from .search_pages import (
    LANGUAGES,
    SearchPagesGenerator,
    add_counts,
    count_filters,
    search_url,
)
from .settings import check, setting
from .state import search_state
from .words import ordered

logger = logging.getLogger(__name__)


def configure(pelican) -> None:
    """Check the settings and give templates ``search_url``.

    Templates link to a pre-filtered search with
    ``{{ SITEURL }}/{{ search_url(lang, unit=unit.key) }}``.
    """
    check(pelican.settings)
    pages = dict(pelican.settings["SEARCH_INDEX_PAGES"])
    add_to_templates(
        pelican.settings, globals={"search_url": partial(search_url, pages)}
    )


def add_generators(pelican):
    """Add the generator of the search pages."""
    del pelican
    return SearchPagesGenerator


def describe_posts(generator) -> None:
    """Describe every published post and translation for the index.

    In ``make devserver`` only count their filters here (the search pages'
    choices); ``index_site`` describes them once the speed layer has said
    which posts changed.
    """
    if not setting(generator.settings, "SEARCH_INDEX_ENABLED"):
        return  # no index this build: nothing to describe
    registry = content_state().registry
    state = search_state()
    state.registry = registry

    def ancestors(key: str) -> list:
        return registry.ancestors(key) if key in registry.units else []

    # Only published posts: drafts and hidden posts live in other lists. In
    # the order the index numbers them, so the indexer takes each as it comes.
    posts = ordered(every_post(generator))
    catalogues = generator.settings.get("BILINGUAL_CATALOGUE_PATH")

    @cache  # once per language and build, not per post (it reads the catalogue)
    def describe_group(lang: str):
        return group_description(catalogues, lang)

    state.posts = posts
    if setting(generator.settings, "SEARCH_INDEX_BACKGROUND"):
        # make devserver: described once the pages are written (``index_site``),
        # when the speed layer knows which posts changed; counted now for the
        # search pages' choices.
        state.describe = partial(
            document_for,
            ancestors=ancestors,
            describe_group=describe_group,
            remember=True,  # its bodies' texts are kept for the next build
        )
        state.counts = {  # each post's filters worked out once, in its language
            lang: count_filters(
                (
                    _Filtered(p.lang, filters_for(p, ancestors))
                    for p in posts
                    if p.lang == lang
                ),
                lang,
            )
            for lang in LANGUAGES
        }
        return
    described = (
        document_for(post, ancestors, describe_group, remember=False) for post in posts
    )
    # Straight to the indexer's file: this process never holds them all, and
    # the indexer, started now, indexes each while the next is described.
    file = state.document_file = DocumentFile()
    if posts:
        _start_indexer(state, file, generator.settings, generator.output_path)
    counts = {lang: {name: Counter() for name in FILTERS} for lang in LANGUAGES}
    for document in described:
        file.add(document)
        add_counts(counts[document.lang], document.filters)
    file.described()
    state.counts = counts


def _start_indexer(state, file: DocumentFile, settings: dict, output: str) -> None:
    """Start the indexer process on the document ``file`` (being written)."""
    try:
        state.indexing = IndexProcess(file, Path(output), **_options(settings))
    except SearchIndexError as error:  # reported; finalized has nothing to do
        logger.error(Message("Search index not built: %(error)s", error=str(error)))


class _Filtered(NamedTuple):
    """What ``count_filters`` reads of a document: its language and filters."""

    lang: str
    filters: dict[str, list[str]]


def _card(post) -> str:
    photo = post.news.card_photo
    return photo.cards[0].jpeg if photo is not None and photo.cards else ""


def add_card_photos(generators) -> None:
    """Give each document its post's card photo: the document file's last record.

    The photos are published by now, and nothing changes the documents
    after this: outside ``make devserver`` the indexer, which has indexed
    the posts meanwhile, writes the lists of results while the pages
    render; this process keeps none of it.
    """
    state = search_state()
    file, state.document_file = state.document_file, None
    if file is None:  # make devserver: described and indexed after the pages
        return
    posts, state.posts = state.posts, []
    if not file.count:
        file.discard()
        logger.warning(Message("Search index: no published post to index"))
        return
    if state.indexing is None:  # it could not start: said already
        file.discard()
        return
    file.finish([_card(post) for post in posts])


_background = BackgroundIndexer()
documents_memo = DocumentMemo()  # make devserver: the last build's documents, by post
_last_digest: dict[str, str] = {}  # output folder -> digest of its indexed posts


def wait_for_background_index(timeout: float | None = None) -> None:
    """Wait until the background index shows the last build (benchmarks, tests)."""
    _background.wait(timeout)


def indexed_digest(output: str | Path) -> str | None:
    """Return the digest of the documents last indexed into ``output`` (devserver).

    Equal in two processes for the same documents: tests compare a warm
    rebuild's with a new process's.
    """
    return _last_digest.get(str(output))


def _options(settings: dict) -> dict:
    """Return ``build_index``'s options from the settings."""
    return {
        "bundle_dir": setting(settings, "SEARCH_INDEX_BUNDLE_DIR").strip("/"),
        "binary": setting(settings, "SEARCH_INDEX_BINARY"),
        "keep_ui_bundles": setting(settings, "SEARCH_INDEX_KEEP_UI_BUNDLES"),
        "chunk_size": setting(settings, "SEARCH_INDEX_CHUNK_SIZE"),
        "pagefind": setting(settings, "SEARCH_INDEX_PAGEFIND"),
    }


def index_site(pelican) -> None:
    """Wait for the indexer (or start it in the background); report size and time."""
    settings = pelican.settings
    state = search_state()
    indexing, state.indexing = state.indexing, None
    if indexing is not None:
        _report(indexing.result, setting(settings, "SEARCH_INDEX_BUNDLE_DIR"))
        return
    if not setting(settings, "SEARCH_INDEX_ENABLED"):
        logger.info("Search index: not built (SEARCH_INDEX_ENABLED is False)")
        return
    if not setting(settings, "SEARCH_INDEX_BACKGROUND") or state.describe is None:
        return  # add_card_photos started the indexer, or said why not
    posts, state.posts = state.posts, []
    # Posts unchanged since the last build keep their documents (DocumentMemo).
    documents = [
        documents_memo.with_card(document, _card(post))
        for document, post in zip(
            documents_memo.documents(posts, incremental.post_key, state.describe),
            posts,
            strict=True,
        )
    ]
    state.describe = None
    if not documents:
        logger.warning(Message("Search index: no published post to index"))
        return
    output = Path(pelican.output_path)
    options = _options(settings)
    bundle_dir = options["bundle_dir"]
    indexing = partial(index_in_process, documents, output, **options)
    job = partial(_report, indexing, bundle_dir)
    digest = documents_digest(documents, documents_memo.rendered)
    if _last_digest.get(str(output)) == digest and (output / bundle_dir).is_dir():
        logger.info("Search index: no post's search text changed; kept as it is")
        return
    _last_digest[str(output)] = digest
    console.print(str(Message("Search index: updating in the background")))
    _background.submit(job)


def _report(indexing: Callable[[], IndexReport], bundle_dir: str = "") -> None:
    """Wait for ``indexing``'s report and log what it took, or its failure."""
    started = time.perf_counter()
    try:
        report = indexing()
    except SearchIndexError as error:
        logger.error(Message("Search index not built: %(error)s", error=str(error)))
        return
    timing.record("search", report.seconds)
    languages = ", ".join(
        f"{count} {lang}" for lang, count in sorted(report.pages.items())
    )
    logger.info(
        "Search index: %d posts (%s) in %.2f s; %s: %d files, %.1f KB "
        "(index data %.1f KB); indexer process %d: peak %s, build process "
        "%d: peak %s",
        sum(report.pages.values()),
        languages,
        report.seconds,
        bundle_dir.strip("/"),
        report.files,
        report.total_bytes / 1024,
        report.index_bytes / 1024,
        report.pid,
        _mib(report.peak_mib),
        os.getpid(),
        _mib(peak_mib()),
    )
    logger.info(
        "Search index: the indexer used %.2f s of CPU; waited for %.2f s at the end",
        report.cpu_seconds,
        time.perf_counter() - started,
    )


def _mib(peak: float) -> str:
    """Return a peak of memory for the log ("unknown": Windows has no ``resource``)."""
    return f"{peak:.0f} MiB" if peak else "unknown"


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
