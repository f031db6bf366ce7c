"""Render pages in parallel: a Pelican writer that defers rendering to the end.

Pelican renders each page as its generator asks for it, in one process. This
writer lets Pelican do all its usual bookkeeping (pagination, output paths,
overwrite checks, the ``content_written`` signal) but records each render
instead of doing it. When every generator has asked, ``flush`` renders the
recorded pages in forked processes, which share the whole build in memory
(nothing is pickled), each writing its share of the files.

With ``FAST_BUILD_SKIP_UNCHANGED`` (devserver), a page whose fingerprint is
the same as in the previous build of this process, and whose file still
exists, is not rendered again.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from collections.abc import Callable
from dataclasses import dataclass

import pelican.writers
from pelican.writers import FileOverwriteFailedError, Writer

from newsroom.incremental import keep

from . import settings as fast_settings
from .fingerprint import Fingerprinter
from .memory import (
    forget_rendered_content,
    fork_may_exceed_budget,
    release_free_memory,
)
from .unchanged import build_fingerprinter

logger = logging.getLogger(__name__)

# output path -> fingerprint of the page written there by this process
_written_fingerprints: dict[str, str] = {}
# what the last build of this process did: pages rendered, pages left unchanged
last_build = {"rendered": 0, "skipped": 0}


class RenderError(RuntimeError):
    """A page failed to render in a worker process."""


@dataclass
class PendingPage:
    """A page Pelican asked for: its template, its context and, soon, its path."""

    template: object
    context: dict
    call_fingerprint: str | None = None  # what the generator passed (devserver)
    path: str | None = None
    job: Callable[[], object] | None = None  # a file that writes itself (feeds)


class _RecordingTemplate:
    """Stand in for a template: record the render, return nothing."""

    def __init__(self, template, writer: DeferredWriter):
        self._template, self._writer = template, writer

    def render(self, context):
        self._writer._pending.append(
            PendingPage(self._template, context, self._writer._call_fingerprint)
        )
        self._writer._awaiting_path = True
        return ""

    def __getattr__(self, name):
        return getattr(self._template, name)


class _NoFile:
    """A file Pelican 'writes' the empty placeholder to; it stays untouched."""

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def write(self, text):
        return len(text)


class _OsLeavingFoldersToTheRenderer:
    """Pelican's ``os`` for a recorded page: folders are made where it is written.

    Pelican makes a page's folder as it asks for the page. Made here, in the
    process that runs every generator, while render processes write files,
    each new folder costs ext4 about 0.3 ms of CPU (1.5 s for 5,000 pages);
    the render processes make them instead, in parallel.
    """

    def __getattr__(self, name):
        return getattr(os, name)

    @staticmethod
    def makedirs(name, mode=0o777, exist_ok=False):
        del name, mode, exist_ok


_LEAVE_FOLDERS = _OsLeavingFoldersToTheRenderer()


class DeferredWriter(Writer):
    """Pelican's writer, rendering every page at ``flush`` on every core."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._pending: list[PendingPage] = []
        self._awaiting_path = False  # a page was recorded; its path comes next
        self._fingerprinter: Fingerprinter | None = None
        self._call_fingerprint: str | None = None
        self._children: list[tuple[int, int]] = []  # batches rendering in children
        self.rendered = 0
        self.skipped = 0
        last_build.update(rendered=0, skipped=0)

    def write_file(self, name, template, context, *args, **kwargs):
        """Record the page(s) Pelican would render and write."""
        self._call_fingerprint = None
        if fast_settings.get(self.settings, "FAST_BUILD_SKIP_UNCHANGED"):
            if self._fingerprinter is None:  # one per build: its memo is shared
                self._fingerprinter = build_fingerprinter(self.settings)
            # What varies between pages is what the generator passes here; the
            # shared context is covered by the site stamp. Described now, in
            # case a generator reuses its objects for the next call.
            self._call_fingerprint = self._fingerprinter.call(
                getattr(template, "name", ""), args, kwargs
            )
        pelican.writers.os = _LEAVE_FOLDERS
        try:
            super().write_file(
                name, _RecordingTemplate(template, self), context, *args, **kwargs
            )
        finally:
            pelican.writers.os = os

    def defer(self, job: Callable[[], object]) -> None:
        """Run ``job``, which writes a file of its own, along with the pages.

        Feeds are not templates; a generator with many (one per unit) hands
        them over here, so that render processes write them in parallel. A
        ``make devserver`` build runs them at once: their skip bookkeeping
        lives in this process.
        """
        if fast_settings.get(self.settings, "FAST_BUILD_SKIP_UNCHANGED"):
            job()
            return
        self._pending.append(
            PendingPage(None, {}, path=f"<job {len(self._pending)}>", job=job)
        )
        if len(self._pending) >= fast_settings.get(self.settings, "FAST_BUILD_BATCH"):
            self.flush(final=False)

    def _open_w(self, filename, encoding, override=False):
        """Apply Pelican's overwrite rules; remember the path, write nothing yet.

        Anything else that opens a file through the writer (feeds) is written
        at once, as Pelican does.
        """
        if not self._awaiting_path:
            return super()._open_w(filename, encoding, override)
        self._awaiting_path = False
        if filename in self._overridden_files:
            if override:
                raise FileOverwriteFailedError(
                    f'Failed to overwrite "{filename}" a second time '
                    "(was previously overwritten)"
                )
            filename = None  # an overriding page was written there: skip this one
        elif filename in self._written_files and not override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{filename}" as Pelican has already '
                "written to it previously (set `override=True` if intended)"
            )
        if filename and override:
            self._overridden_files.add(filename)
            for page in self._pending[:-1]:  # the overridden render is dropped
                if page.path == filename:
                    page.path = None
        if filename:
            self._written_files.add(filename)
        if self._pending and self._pending[-1].path is None:
            self._pending[-1].path = filename
        if len(self._pending) >= fast_settings.get(self.settings, "FAST_BUILD_BATCH"):
            self.flush(final=False)
        return _NoFile()

    def flush(self, final: bool = True) -> None:
        """Render and write every recorded page, in parallel where worth it.

        A batch flushed while generators are still asking for pages
        (``final=False``) is rendered by a forked child while this process
        goes on: generating and rendering overlap. The final flush shares the
        rest between this process and children, then waits for every child.
        """
        pages = [page for page in self._pending if page.path]
        self._pending = []
        if pages and fast_settings.get(self.settings, "FAST_BUILD_SKIP_UNCHANGED"):
            pages = self._changed(pages)
        elif pages:
            _written_fingerprints.clear()
        workers = fast_settings.get(self.settings, "FAST_BUILD_WORKERS")
        if workers > 1 and fork_may_exceed_budget(self.settings):
            workers = 1  # a render process could take the build over budget
        try:
            if not pages:
                pass
            elif workers < 2 or len(pages) < fast_settings.get(
                self.settings, "FAST_BUILD_PARALLEL_MIN"
            ):
                _render(pages)
            elif not final:
                self._reap_finished()
                if len(self._children) < workers - 1:
                    self._children.append(_fork_render(pages))
                else:  # every other core is busy: this process renders it
                    _render(pages)
                    forget_rendered_content()  # what lists show is done with
                    release_free_memory()
            else:
                _render_forked(pages, workers)
        finally:
            if final:
                failures = [_wait(child) for child in self._children]
                self._children = []
                for failure in failures:
                    _raise_on_failure(failure)
        self.rendered += len(pages)
        last_build.update(rendered=self.rendered, skipped=self.skipped)

    def _reap_finished(self) -> None:
        """Collect the render children that have finished; raise if one failed."""
        running = []
        for child in self._children:
            pid, _ = child
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                _raise_on_failure(_wait(child, reaped=True))
            else:
                running.append(child)
        self._children = running

    def _changed(self, pages: list[PendingPage]) -> list[PendingPage]:
        changed = []
        for page in pages:
            fingerprint = f"{page.call_fingerprint}:{page.path}"
            if _written_fingerprints.get(page.path) == fingerprint and os.path.exists(
                page.path
            ):
                self.skipped += 1
                keep(page.path)  # still this build's page (output_manifest)
                continue
            _written_fingerprints[page.path] = fingerprint
            changed.append(page)
        return changed


def forget_written() -> None:
    """Forget every page rendered: after a failed build, none may be skipped."""
    _written_fingerprints.clear()


def _render(pages: list[PendingPage]) -> None:
    """Render and write ``pages`` in this process, making their folders."""
    folders = set()
    for page in pages:
        if page.job is not None:
            page.job()
            continue
        output = page.template.render(page.context)
        folder = os.path.dirname(page.path)
        if folder not in folders:
            os.makedirs(folder, exist_ok=True)
            folders.add(folder)
        _write_bytes(page.path, output.encode("utf-8"))


def _write_bytes(path: str, data: bytes) -> None:
    """Write a page with plain system calls (no text layer: 4 calls fewer a file)."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)


def _fork_render(pages: list[PendingPage]) -> tuple[int, int]:
    """Render ``pages`` in a forked child; return its pid and its error pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: render its share, report failure on the pipe
        os.close(read_end)
        status = 0
        try:
            _render(pages)
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
            status = 1
        finally:
            os.close(write_end)
            sys.stdout.flush()
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _wait(child: tuple[int, int], reaped: bool = False) -> str | None:
    """Wait for a render child; return its failure, if any."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    status = 1 if reaped and message else 0
    if not reaped:
        _, status = os.waitpid(pid, 0)
    if status:
        return message or f"a render process exited with status {status}"
    return None


def _raise_on_failure(failure: str | None) -> None:
    if failure:
        raise RenderError(f"rendering failed:\n{failure}")


def _render_forked(pages: list[PendingPage], workers: int) -> None:
    """Render ``pages`` in ``workers`` processes: this one and forked children."""
    shares = [pages[i::workers] for i in range(workers)]
    release_free_memory()
    children = [_fork_render(share) for share in shares[1:]]
    failure = None
    try:
        _render(shares[0])
    except Exception:
        failure = traceback.format_exc()
    failures = [_wait(child) for child in children]
    _raise_on_failure(failure or next((f for f in failures if f), None))
