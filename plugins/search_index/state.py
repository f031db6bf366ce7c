"""The search index's section of the build state (see ``newsroom.build``)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from newsroom.build import BuildState, current

from .documents import SearchDocument


class SearchState:
    """The search documents of the build in progress, and the unit registry."""

    def __init__(self, build: BuildState) -> None:
        del build
        self.documents: list[SearchDocument] = []
        self.posts: list = []  # the post of each document, in the same order
        self.registry: object | None = None
        self.indexing: object | None = None  # the indexer process under way
        self.document_file: object | None = None  # the documents, as described
        # make devserver: describes a post once the pages are written
        self.describe: Callable[[object], SearchDocument] | None = None
        # Posts per filter value and language, for the search pages' choices:
        # counted before the documents go to the indexer.
        self.counts: dict[str, dict[str, Counter]] = {}

    def close(self) -> None:
        """Stop an indexer a failed build left waiting for its documents.

        Called when the next build starts (``newsroom.build``); a finished
        build has collected its indexer already.
        """
        indexing, self.indexing = self.indexing, None
        if indexing is not None:
            indexing.abandon()
        file, self.document_file = self.document_file, None
        if file is not None:
            file.discard()


def search_state() -> SearchState:
    """Return the search index's section of the build in progress."""
    return current().section(SearchState)
