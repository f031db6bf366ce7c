"""Render pages in parallel: a Pelican writer that defers rendering to the end.

Pelican renders each page as its generator asks for it, in one process. This
writer (given to Pelican through the ``get_writer`` signal) takes the same
calls, with Pelican's own paginator and local context, but records each page
instead of rendering it. When every generator has asked, ``flush`` renders
the recorded pages in forked processes, which share the whole build in
memory (nothing is pickled), each writing its share of the files.

Pelican's contracts are kept: ``content_written`` is sent for each page
written, in the order the pages were asked for, once its file is written;
each page is rendered with the ``localsiteurl`` Pelican would have set for it
(relative URLs). Pelican's overwrite rules hold: a second page for one path is refused,
unless one of them has ``override_output``; a page overwriting one written
without it is written by Pelican's own writer after the recorded pages.

With ``FAST_BUILD_SKIP_UNCHANGED`` (devserver), a page whose fingerprint is
the same as in the previous build of this process, and whose file still
exists, is not rendered again: it is not written, so no ``content_written``
is sent for it; a plugin that derived something from it (the sitemap) keeps
what it derived last time (``newsroom.incremental.unchanged_pages``).
"""

from __future__ import annotations

import logging
import os
import struct
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from pelican import signals
from pelican.contents import Content
from pelican.paginator import Paginator
from pelican.urlwrappers import URLWrapper
from pelican.utils import get_relative_path, path_to_url, sanitised_join
from pelican.writers import FileOverwriteFailedError, Writer

from newsroom import incremental
from newsroom.files import make_folder, write_all, write_if_changed, write_new
from newsroom.incremental import keep, note_unchanged_page

from . import settings as fast_settings
from .fingerprint import Fingerprinter
from .memory import (
    forget_rendered_content,
    fork_may_exceed_budget,
    release_free_memory,
)
from .unchanged import build_fingerprinter

logger = logging.getLogger(__name__)

# output path -> fingerprint of the call that wrote the page there (in this
# process); a paginated call's pages each have their own path
_written_fingerprints: dict[str, str] = {}
# output folder -> (save_as -> its path), kept while rebuilding (devserver)
_joined_paths: dict[str, dict[str, str]] = {}
# what the last build of this process did: pages rendered, pages left unchanged
# pages rendered, left as they were, and fingerprinted (devserver)
last_build = {"rendered": 0, "skipped": 0, "described": 0}


class RenderError(RuntimeError):
    """A page failed to render in a worker process."""


@dataclass
class PendingPage:
    """A page Pelican asked for: its template, its local context and its path."""

    template: object
    context: dict
    call_fingerprint: str | None = None  # what the generator passed (devserver)
    path: str | None = None
    job: Callable[[], object] | None = None  # a file that writes itself (feeds)
    shared: dict | None = None  # the build's context, which posts read URLs from
    render: bool = True  # False: not rendered (left as it was, or not overwritten)
    unchanged: bool = False  # left as the last build wrote it: not written, no signal


@dataclass(eq=False)
class _Batch:
    """Recorded pages handed over for rendering, and the runs of them not yet taken."""

    pages: list[PendingPage]
    rendered: list[PendingPage] = field(default_factory=list)
    chunks: _Chunks | None = None  # None: no run left for anyone to take
    here: bool = False  # this process is rendering it

    def runs(self) -> Iterator[list[PendingPage]]:
        """Yield the runs of this batch nobody has taken yet, as this process
        takes them."""
        if self.chunks is not None:
            for run in self.chunks:
                yield self.rendered[run.start : run.stop]

    def close(self) -> None:
        if self.chunks is not None:
            self.chunks.close()
            self.chunks = None


@dataclass(eq=False)
class _Child:
    """A forked render process, and the batches it may be rendering runs of."""

    pid: int
    errors: int  # the read end of the pipe its failure comes through
    batches: list[_Batch]


class DeferredWriter(Writer):
    """Pelican's writer, rendering every page at ``flush`` on every core."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        self._pending: list[PendingPage] = []
        self._batches: list[_Batch] = []  # handed over, not yet signalled
        self._children: list[_Child] = []  # render processes still at work
        self._owners: dict[str, bool] = {}  # path -> written with override_output
        self._joined = _joined_paths.setdefault(str(output_path), {})
        self._skipping: bool | None = None  # FAST_BUILD_SKIP_UNCHANGED, once
        self._fingerprinter: Fingerprinter | None = None
        self.rendered = 0
        self.skipped = 0
        self.described = 0
        last_build.update(rendered=0, skipped=0, described=0)

    def write_file(
        self,
        name,
        template,
        context,
        relative_urls=False,
        paginated=None,
        template_name=None,
        override_output=False,
        url=None,
        **kwargs,
    ):
        """Record the page(s) Pelican would render and write, as Pelican names them."""
        if not name:
            return
        call_fingerprint = None
        skipping = self._skipping
        if skipping is None:  # the same for every page of the build
            skipping = self._skipping = bool(
                fast_settings.get(self.settings, "FAST_BUILD_SKIP_UNCHANGED")
            )
        # save_as -> its path: Pelican's join, once (a build's, or, when
        # rebuilding, the process's: the output folder stays)
        joined: dict[str, str] = self._joined if skipping else {}

        def join(save_as: str) -> str:
            found = joined.get(save_as)
            if found is None:
                found = joined[save_as] = sanitised_join(self.output_path, save_as)
            return found

        if skipping:
            if self._fingerprinter is None:  # one per build: its memo is shared
                self._fingerprinter = build_fingerprinter(self.settings)
            page_template = getattr(template, "name", "")
            shown = incremental.shared_inputs(page_template)
            shared = {  # what the template shows from the shared context too
                f"shared.{key}": context.get(key) for key in shown
            }
            call_fingerprint = _unchanged_post_page(
                join(name), paginated, shared, kwargs
            )
            if call_fingerprint is not None and not relative_urls:
                path = join(name)
                if path not in self._owners and os.path.exists(path):
                    # no local context to copy, no page to record
                    self._leave_as_written(path)
                    self._owners[path] = bool(override_output)  # as _claim does
                    return
            if call_fingerprint is None:
                # What varies between pages is what the generator passes here;
                # the shared context is covered by the site stamp. Described
                # now, in case a generator reuses its objects for the next call.
                named = {
                    "relative_urls": relative_urls,
                    "paginated": paginated,
                    "template_name": template_name,
                    "override_output": override_output,
                    "url": url,
                }
                self.described += 1
                call_fingerprint = self._fingerprinter.call(
                    page_template, (), {**named, **kwargs, **shared}
                )
        pages = list(
            self._pages(
                name, context, relative_urls, paginated, template_name, url, kwargs
            )
        )
        paths = [join(save_as) for save_as, _ in pages]
        if any(override_output and self._owners.get(path) is False for path in paths):
            # Overwriting a page written without override: Pelican's writer
            # does it, once the recorded pages are written, in their order.
            self.flush()
            super().write_file(
                name,
                template,
                context,
                relative_urls,
                paginated,
                template_name,
                override_output,
                url,
                **kwargs,
            )
            self._owners.update(dict.fromkeys(paths, True))
            return
        for path, (_, localcontext) in zip(paths, pages, strict=True):
            render = self._claim(path, override_output)
            self._pending.append(
                PendingPage(
                    template,
                    localcontext,
                    call_fingerprint,
                    path,
                    shared=context,
                    render=render,
                )
            )
        if len(self._pending) >= fast_settings.get(self.settings, "FAST_BUILD_BATCH"):
            self.flush(final=False)

    def _leave_as_written(self, path: str) -> None:
        """Leave a page as the last build wrote it, from the same inputs: not
        written, so no ``content_written`` (``incremental.unchanged_pages``)."""
        self.skipped += 1
        keep(path)  # still this build's page (output_manifest)
        note_unchanged_page(path)

    def _pages(
        self, name, context, relative_urls, paginated, template_name, url, kwargs
    ) -> Iterator[tuple[str, dict]]:
        """Yield each file Pelican's ``write_file`` writes, with its local context."""
        if paginated is None:
            paginated = {
                key: val for key, val in kwargs.items() if key in {"articles", "dates"}
            }
        if not (paginated and template_name in self.settings["PAGINATED_TEMPLATES"]):
            yield name, _local_context(context, name, kwargs, relative_urls)
            return
        per_page = (
            self.settings["PAGINATED_TEMPLATES"][template_name]
            or self.settings["DEFAULT_PAGINATION"]
        )
        paginators = {
            key: Paginator(name, url, val, self.settings, per_page)
            for key, val in paginated.items()
        }
        for number in range(1, next(iter(paginators.values())).num_pages + 1):
            variables = dict(kwargs)
            for key, paginator in paginators.items():
                page = paginator.page(number)
                variables.update(
                    {
                        f"{key}_paginator": paginator,
                        f"{key}_page": page,
                        f"{key}_previous_page": (
                            paginator.page(number - 1) if number > 1 else None
                        ),
                        f"{key}_next_page": (
                            paginator.page(number + 1)
                            if number < paginator.num_pages
                            else None
                        ),
                    }
                )
            yield (
                page.save_as,
                _local_context(context, page.save_as, variables, relative_urls),
            )

    def _claim(self, path: str, override: bool) -> bool:
        """Record who writes ``path``; return False if the page is to be skipped.

        Pelican's rule: one page per path, except that one page written with
        ``override_output`` wins over the others (they are skipped).
        """
        if path not in self._owners:
            self._owners[path] = override
            return True
        if override:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" a second time (was previously '
                "overwritten)"
            )
        if not self._owners[path]:
            raise FileOverwriteFailedError(
                f'Failed to overwrite "{path}" as Pelican has already written to '
                "it previously (set `override=True` if intended)"
            )
        logger.info('Skipping "%s", not overwriting', path)
        return False

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

    def flush(self, final: bool = True) -> None:
        """Render and write every recorded page, in parallel where worth it.

        Each batch's pages are cut into runs (``_Chunks``) that render
        processes take one at a time. A batch flushed while generators are
        still asking for pages (``final=False``) is rendered by a forked child
        while this process goes on: generating and rendering overlap. When
        every other core already has a child, this process renders the batch
        itself, and forks a helper for the rest of it as soon as a child is
        done. The final flush forks helpers and, with this process, renders
        its own runs and those left of every batch still rendering, so that
        no process is left at work alone at the end. Each page's
        ``content_written`` is sent once its batch is written.
        """
        pages = self._pending
        self._pending = []
        if pages and fast_settings.get(self.settings, "FAST_BUILD_SKIP_UNCHANGED"):
            self._mark_unchanged(pages)
        elif pages:
            _written_fingerprints.clear()
        rendered = [page for page in pages if page.render]
        workers = fast_settings.worker_processes(self.settings)
        if workers > 1 and fork_may_exceed_budget(self.settings):
            workers = 1  # a render process could take the build over budget
        if not final:
            self._reap(block=False)  # before this batch joins the queue
        batch = _Batch(pages, rendered)
        self._batches.append(batch)
        try:
            if rendered and (
                workers < 2
                or len(rendered)
                < fast_settings.get(self.settings, "FAST_BUILD_PARALLEL_MIN")
            ):
                _render(rendered)
            elif rendered:
                batch.chunks = _Chunks(len(rendered), _run_size(len(rendered), workers))
                if final:
                    pass  # rendered below, with what is left of the others
                elif len(self._children) < workers - 1:
                    self._fork([batch])
                else:  # every other core is busy: this process renders it
                    self._render_here([batch], workers)
                    forget_rendered_content()  # what lists show is done with
                    release_free_memory()
            if final and workers > 1:  # the runs left of every batch, this one too
                self._render_here(
                    [b for b in self._batches if b.chunks is not None], workers
                )
        finally:
            if final:
                failures = self._reap(block=True)
                for each in self._batches:
                    each.close()
                for failure in failures:
                    _raise_on_failure(failure)
        self.rendered += len(rendered)
        last_build.update(
            rendered=self.rendered, skipped=self.skipped, described=self.described
        )
        self._signal_written()

    def _fork(self, batches: list[_Batch]) -> None:
        """Fork a child that renders the runs left of ``batches``, in order."""

        def drain() -> None:
            for batch in batches:
                for pages in batch.runs():
                    _render(pages)

        pid, errors = _fork(drain)
        self._children.append(_Child(pid, errors, batches))

    def _render_here(self, batches: list[_Batch], workers: int) -> None:
        """Render the runs left of ``batches`` in this process.

        Before each run, a child slot found free (a child done, or none yet)
        gets a helper that takes runs of the same batches: no core waits
        while there are runs left, and no more children run than workers.
        """
        for batch in batches:
            batch.here = True  # not written yet, whatever the children do
        try:
            for batch in batches:
                for pages in batch.runs():
                    self._offer_help(batches, workers)
                    try:
                        _render(pages)
                    except Exception as error:  # as a child reports its own
                        raise RenderError(
                            f"rendering failed:\n{traceback.format_exc()}"
                        ) from error
        finally:
            for batch in batches:
                batch.here = False

    def _offer_help(self, batches: list[_Batch], workers: int) -> None:
        """Fork a child for the runs left of ``batches`` if a slot is free."""
        if self._children:
            self._reap(block=False)
        if len(self._children) < workers - 1 and not fork_may_exceed_budget(
            self.settings
        ):
            release_free_memory()
            self._fork(batches)

    def _reap(self, block: bool) -> list[str]:
        """Collect the render children that are done (all, if ``block``).

        Return their failures; without ``block``, raise the first instead.
        """
        failures = []
        for child in list(self._children):
            status = None
            if not block:
                done, status = os.waitpid(child.pid, os.WNOHANG)
                if not done:
                    continue
            self._children.remove(child)
            failure = _wait((child.pid, child.errors), status)
            if failure:
                failures.append(failure)
        if not block:
            for failure in failures:
                _raise_on_failure(failure)
            self._signal_written()
        return failures

    def _signal_written(self) -> None:
        """Send ``content_written`` for the written pages, in the order asked for.

        A batch is written once no child may still be rendering runs of it.
        """
        while (
            self._batches
            and not self._batches[0].here
            and not any(self._batches[0] in child.batches for child in self._children)
        ):
            batch = self._batches.pop(0)
            batch.close()
            for page in batch.pages:
                if page.job is None and not page.unchanged:
                    logger.info('Writing "%s"', page.path)
                    signals.content_written.send(page.path, context=page.context)

    def _mark_unchanged(self, pages: list[PendingPage]) -> None:
        """Leave as they are the pages whose inputs did not change (devserver)."""
        for page in pages:
            if page.job is not None or not page.render:
                continue
            fingerprint = page.call_fingerprint
            if (
                fingerprint is not None
                and _written_fingerprints.get(page.path) == fingerprint
                and os.path.exists(page.path)
            ):
                page.render = False
                page.unchanged = True
                self._leave_as_written(page.path)
                continue
            _written_fingerprints[page.path] = fingerprint


def _local_context(context: dict, name: str, variables: dict, relative: bool) -> dict:
    """Return a page's local context as Pelican's ``write_file`` makes it."""
    local = context.copy()
    local["localsiteurl"] = local.get("localsiteurl", None)
    if relative:
        local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(name))
    local["output_file"] = name
    local.update(variables)
    return local


# Values a post's own page may be given besides posts, that say no more than
# the call's name does (Pelican's article pages: category, url, blog).
_PLAIN = (str, int, float, bool, type(None), URLWrapper)


def _unchanged_post_page(path: str, paginated, shared, kwargs) -> str | None:
    """Return the last fingerprint of a post's page no change can reach, if any.

    A page given one post (Pelican's article pages) and otherwise only other
    posts and plain values renders as before when ``incremental`` says
    nothing but other posts' bodies changed (``Changes.shows_no_change``):
    its fingerprint would come out the same, so it is not computed again
    (1,700 article pages at 1,000 posts). Anything else: None.
    """
    changes = incremental.current()
    if changes is None or paginated or shared:
        return None
    post = None
    for value in kwargs.values():
        if isinstance(value, Content):
            if post is not None:
                return None  # two posts
            post = value
        elif not isinstance(value, _PLAIN):
            return None
    if post is None or not changes.shows_no_change(post):
        return None
    return _written_fingerprints.get(path)


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
        if page.context.get("localsiteurl") and page.shared is not None:
            # As Pelican does: posts make their links relative to this page.
            page.shared["localsiteurl"] = page.context["localsiteurl"]
        output = page.template.render(page.context)
        folder = os.path.dirname(page.path)
        new_folder = False
        if folder not in folders:
            new_folder = make_folder(folder)
            folders.add(folder)
        # Plain system calls (no text layer); a page that reads as before is
        # left as it was (a unit renamed: only the pages showing it change).
        # A folder this process just made has no page to compare with.
        (write_new if new_folder else write_if_changed)(
            page.path, output.encode("utf-8")
        )


def _fork(work: Callable[[], None]) -> tuple[int, int]:
    """Run ``work`` in a forked child; return its pid and its error pipe."""
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: do the work, report failure on the pipe
        os.close(read_end)
        status = 0
        try:
            work()
        except BaseException:
            os.write(write_end, traceback.format_exc().encode())
            status = 1
        finally:
            os.close(write_end)
            sys.stdout.flush()
            os._exit(status)
    os.close(write_end)
    return pid, read_end


def _wait(child: tuple[int, int], status: int | None = None) -> str | None:
    """Wait for a render child (``status``: reaped already); return its failure."""
    pid, read_end = child
    with os.fdopen(read_end, "rb") as pipe:
        message = pipe.read().decode()
    if status is None:
        _, status = os.waitpid(pid, 0)
    if status:
        return message or f"a render process exited with status {status}"
    return None


def _raise_on_failure(failure: str | None) -> None:
    if failure:
        raise RenderError(f"rendering failed:\n{failure}")


class _Chunks:
    """Runs of a list of pages, handed out one at a time to render processes.

    Shared by count, or a whole batch to each process, the pages left one
    process rendering alone at the end of a build for a second or more,
    while the other core idled (a process slowed by the machine's other
    work, the search indexer, a batch of heavier pages). Each process
    instead takes the next run of pages when it is done with its last, so
    they finish together. The runs' starts wait in a pipe, written whole
    before any child forks: reads of 4 bytes from a pipe are atomic, so each
    start goes to one process, and an empty read means none is left.
    """

    _START = struct.Struct("<I")
    _PIPE_BYTES = 65_536  # Linux's pipe capacity: the writes must not block

    def __init__(self, count: int, size: int) -> None:
        size = max(size, -(-count * self._START.size // self._PIPE_BYTES))
        self.size = size
        data = b"".join(self._START.pack(start) for start in range(0, count, size))
        self._read, write = os.pipe()
        try:
            write_all(write, data)
        finally:
            os.close(write)

    def __iter__(self) -> Iterator[range]:
        """Yield the runs this process takes (page indexes), until none is left."""
        while found := os.read(self._read, self._START.size):
            (start,) = self._START.unpack(found)
            yield range(start, start + self.size)

    def close(self) -> None:
        os.close(self._read)


#: Pages in each run a render process takes (``_Chunks``).
CHUNK_PAGES = 16


def _run_size(pages: int, workers: int) -> int:
    """Return the pages in a run: small enough that every process has a few."""
    return max(1, min(CHUNK_PAGES, pages // (2 * workers)))
