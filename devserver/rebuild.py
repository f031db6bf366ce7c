"""Rebuild the site on every change, in a build process that the server outlives.

Pelican's ``-lr`` runs the builds in a child process and stops watching it:
when a build crashes the process (a C stack overflow, the OOM killer), the
server goes on serving and no edit is ever rebuilt again, silently. Here the
builds run in a process of their own that survives any exception of one
build; if the process itself dies, the supervisor says so and starts another,
which rebuilds on the next change (not at once: the same content would crash
it again).
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import queue
import signal
import threading
import time

import watchfiles
from pelican import LOG_HANDLERS, get_instance
from pelican.log import init as init_logging
from pelican.utils import FileChangeFilter

from content_model.problems import ContentError
from devserver import errors
from newsroom.messages import Message

logger = logging.getLogger(__name__)
# How often the watching thread wakes when nothing changed (milliseconds).
WATCH_WAKE_MS = 200


def build_once(pelican) -> bool:
    """Run one build; report any failure of it; return True when it succeeded."""
    try:
        pelican.run()
    except KeyboardInterrupt:
        raise
    except ContentError as refused:  # the content model has listed every problem
        errors.build_refused(refused.problems)  # shown in the browser too
        logger.error(
            Message(
                "Rebuild refused: nothing was written, the site stays as it was "
                "(make html refuses the same content); save a fix to rebuild"
            )
        )
        return False
    except SystemExit as stop:  # a plugin stopped the build; it said why
        logger.error(
            Message(
                "Rebuild stopped (exit status %(code)s, reason above); the site stays "
                "as it was; save a fix to rebuild",
                code=stop.code,
            )
        )
        return False
    except BaseException as error:
        logger.error(
            Message(
                "Rebuild failed: %(kind)s: %(error)s; the site may be partly rebuilt; "
                "save a fix to rebuild",
                kind=type(error).__name__,
                error=str(error),
            ),
            exc_info=True,
        )
        return False
    errors.build_succeeded()
    return True


def rebuild_forever(
    args: argparse.Namespace, changed_after: float | None = None
) -> None:
    """Build, then rebuild after every change of content, theme or settings.

    With ``changed_after`` (the time a previous build process died), build
    first only if a watched file changed since then.
    """
    init_logging(
        level=args.verbosity,
        fatal=args.fatal,
        name="pelican",
        handler=LOG_HANDLERS[args.log_handler],  # plain: one message per line
    )
    logging.getLogger("devserver").setLevel(logging.INFO)
    errors.watch_urls()
    pelican, settings = get_instance(args)
    settings_file = os.path.abspath(args.settings)
    watcher = ChangeWatcher(settings_file, settings)
    logger.info(
        Message(
            "Build process %(pid)s watches content, theme and settings", pid=os.getpid()
        )
    )
    try:
        if changed_after is None or _changed_since(watcher.paths, changed_after):
            build_once(pelican)
        while True:
            # A file saved while the build ran is rebuilt now, not at the next save.
            during_the_build = watcher.has_changes()
            changed = watcher.next_changes()
            if during_the_build:
                logger.warning(Message("Modified during the build; rebuilding"))
            else:
                files = ", ".join(sorted(changed))
                logger.warning(Message("Modified: %(files)s; rebuilding", files=files))
            if settings_file in changed:
                pelican, settings = get_instance(args)
                watcher.close()
                watcher = ChangeWatcher(settings_file, settings)
            build_once(pelican)
    except KeyboardInterrupt:
        return
    finally:
        watcher.close()


class ChangeWatcher:
    """Watch content, theme and settings in a thread, from creation on.

    Pelican's ``wait_for_changes`` starts a new watcher at every call, so a
    file saved between two calls (while a build runs) goes unseen until the
    next save. This watcher runs for the whole build process and queues every
    change; it watches what ``wait_for_changes`` watches, with its filter.
    """

    def __init__(self, settings_file: str, settings: dict):
        self.paths = _watched_paths(settings_file, settings)
        self._filter = FileChangeFilter(
            ignore_file_patterns=set(settings.get("IGNORE_FILES", []))
        )
        self._changes: queue.SimpleQueue[set[str]] = queue.SimpleQueue()
        self._ready = threading.Event()
        self._stop = threading.Event()
        thread = threading.Thread(target=self._watch, daemon=True, name="watcher")
        thread.start()
        self._ready.wait()  # watching before the first build starts

    def has_changes(self) -> bool:
        """Tell whether a change waits to be taken."""
        return not self._changes.empty()

    def next_changes(self) -> set[str]:
        """Wait for the next changes; take every change queued so far."""
        changed = self._changes.get()
        while not self._changes.empty():
            changed |= self._changes.get()
        return changed

    def close(self) -> None:
        """Stop watching."""
        self._stop.set()

    def _watch(self) -> None:
        # watchfiles starts watching at the first step of its generator and
        # yields an empty set after each quiet WATCH_WAKE_MS: the first yield
        # says it watches.
        try:
            for changes in watchfiles.watch(
                *self.paths,
                watch_filter=self._filter,
                rust_timeout=WATCH_WAKE_MS,
                yield_on_timeout=True,
                stop_event=self._stop,
            ):
                self._ready.set()
                if changes:
                    self._changes.put({path for _, path in changes})
        finally:
            self._ready.set()  # never leave the build process waiting


def _watched_paths(settings_file: str, settings: dict) -> list[str]:
    """The settings file, theme, content and static folders that exist."""
    content = settings.get("PATH", "")
    candidates = [settings_file, settings.get("THEME", ""), content]
    static = settings.get("STATIC_PATHS", [])
    candidates += [os.path.join(content, path) for path in static]
    paths = []
    for path in candidates:
        if path and os.path.exists(path):
            paths.append(os.path.abspath(path))
    return paths


def _changed_since(paths: list[str], since: float) -> bool:
    """Tell whether any file under ``paths`` was modified after ``since``."""
    for top in paths:
        if os.path.isfile(top):
            if os.stat(top).st_mtime > since:
                return True
            continue
        for folder, _, files in os.walk(top):
            for name in files:
                try:
                    if os.stat(os.path.join(folder, name)).st_mtime > since:
                        return True
                except FileNotFoundError:
                    continue
    return False


class Rebuilder:
    """Keep a build process running; report it when it dies and start another."""

    def __init__(self, args: argparse.Namespace):
        self.args = args
        # spawn, not fork: this process runs the server's threads, and a fork
        # could inherit a lock one of them holds.
        self._context = multiprocessing.get_context("spawn")
        self._process = None
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._supervise, daemon=True)

    def start(self) -> None:
        """Start the first build process and watch over it."""
        self._process = self._spawn(None)
        self._thread.start()

    def stop(self) -> None:
        """End the build process."""
        self._stopping.set()
        if self._process is not None and self._process.is_alive():
            self._process.terminate()
            self._process.join(5)

    def _spawn(self, changed_after: float | None):
        process = self._context.Process(
            target=rebuild_forever,
            args=(self.args, changed_after),
            name="devserver-build",
            daemon=True,
        )
        process.start()
        return process

    def _supervise(self) -> None:
        while not self._stopping.is_set():
            self._process.join()
            if self._stopping.is_set():
                return
            logger.error(
                Message(
                    "The build process %(pid)s died (%(how)s); the server goes on with "
                    "the last output; a new build process rebuilds on the next change",
                    pid=self._process.pid,
                    how=describe_exit(self._process.exitcode),
                )
            )
            # Not at once: the same content would crash it again.
            self._process = self._spawn(time.time())


def describe_exit(code: int | None) -> Message:
    """Say how a process ended: ``signal SIGSEGV`` or ``exit status 1``."""
    if code is not None and code < 0:
        try:
            return Message("signal %(signal)s", signal=signal.Signals(-code).name)
        except ValueError:
            return Message("signal %(signal)s", signal=-code)
    return Message("exit status %(code)s", code=code)
