"""Index in a background thread during ``make devserver``.

Pagefind takes seconds on a large archive; a devserver rebuild should not
wait for it. One thread runs one indexing job at a time; a rebuild that asks
while a job runs replaces any job still waiting, so only the newest content
is indexed next.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from collections.abc import Callable, Iterable

from .documents import SearchDocument, render

logger = logging.getLogger(__name__)


def documents_digest(
    documents: Iterable[SearchDocument],
    rendered: Callable[[SearchDocument], str] | None = None,
) -> str:
    """Return a hash of everything the index would be built from.

    ``rendered(document)`` may give a digest of each rendered document (kept
    between builds, ``DocumentMemo.rendered``) instead of rendering it here.
    """
    digest = hashlib.blake2b(digest_size=16)
    for document in documents:
        digest.update(document.save_as.encode())
        if rendered is None:
            digest.update(render(document).encode())
        else:
            digest.update(rendered(document).encode())
    return digest.hexdigest()


class BackgroundIndexer:
    """Run indexing jobs one at a time in a thread, newest job wins."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._waiting: Callable[[], None] | None = None
        self._thread: threading.Thread | None = None

    def submit(self, job: Callable[[], None]) -> None:
        """Run ``job`` soon, replacing any job that has not started yet."""
        with self._lock:
            self._waiting = job
            if self._thread is None or not self._thread.is_alive():
                # Not a daemon: at exit Python waits for the index being built
                # (seconds), so its temporary folder is removed cleanly.
                self._thread = threading.Thread(
                    target=self._run, name="search-index", daemon=False
                )
                self._thread.start()

    def wait(self, timeout: float | None = None) -> None:
        """Wait until every submitted job has run (tests and shutdown)."""
        thread = self._thread
        if thread is not None:
            thread.join(timeout)

    def _run(self) -> None:
        while True:
            with self._lock:
                job, self._waiting = self._waiting, None
                if job is None:
                    self._thread = None
                    return
            try:
                job()
            except Exception:  # keep the devserver alive; report and go on
                logger.exception("Search index: background indexing failed")
