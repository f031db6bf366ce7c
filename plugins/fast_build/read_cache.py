"""Read posts in parallel, and keep them in memory between rebuilds.

Stock Pelican reads files one by one. Before the first post of a generator is
read, we read every post that is not already in memory in a pool of forked
processes, and serve Pelican's own calls from that result. In ``make
devserver`` the process stays alive, so an edit re-reads only the edited file.

A file with errors is never cached: Pelican's own call reads it again and
reports its problems the usual way.
"""

from __future__ import annotations

import atexit
import logging
import multiprocessing
import os
import pickle
import tempfile
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

from content_model.frontmatter import share_repeated_keys
from content_model.problems import ContentError
from content_model.reader import PostReader
from newsroom import incremental
from newsroom.build import content_files
from newsroom.messages import Message

from . import settings as fast_settings
from .fingerprint import stable_repr

logger = logging.getLogger(__name__)
_reader_logger = logging.getLogger("content_model.reader")

# source path -> (stamp, content, plain metadata, warnings as (level, message))
_memory: dict[str, tuple] = {}
_memory_key: list = [None]
_CACHE_FORMAT = 2  # bump when an entry's shape changes
_seen: set[str] = set()  # posts read (or served) this build
_files_read: list[int] = [0]  # posts read from their files this build
_worker_reader: list = []


class _Wrappers:
    """What process_metadata made of a (field, value): categories, authors and
    tags, one object per name for the life of the process (see ``_wrapped``),
    while the slug settings (``key``) are the same."""

    def __init__(self) -> None:
        self.key: tuple | None = None
        self.made: dict[tuple[str, object], object] = {}


_wrappers = _Wrappers()
_WRAPPED = frozenset({"category", "author", "authors", "tags"})
wrapper_counts = {"made": 0, "reused": 0}  # this build's (tests, benchmarks)


def _stamp(path: str) -> tuple[int, ...]:
    """Return what tells us a file changed: its modification time and size.

    A translation (``x.en.md``) without a slug takes its original's (``x.md``):
    it is read again when the original changes too.
    """
    status = os.stat(path)
    stamp: tuple[int, ...] = (status.st_mtime_ns, status.st_size)
    if path.endswith(".en.md"):
        try:  # the original's own stamp, taken once a build
            original = _stamp_now(path.removesuffix(".en.md") + ".md")
        except OSError:
            return stamp
        stamp += original[:2]
    return stamp


def _stamp_now(path: str) -> tuple[int, ...]:
    """Return ``path``'s stamp, taken once per build (``_stamp``).

    The parallel read's list of changed posts and the kept posts
    (``kept_posts``) both ask for every post's stamp: one ``stat`` (two for
    a translation) per post and build instead of two (four).
    """
    stamp = _build_stamps.get(path)
    if stamp is None:
        stamp = _build_stamps[path] = _stamp(path)
    return stamp


_build_stamps: dict[str, tuple[int, ...]] = {}


def _plain(metadata: dict) -> dict:
    """Return metadata that pickles cheaply (tags as names, not Tag objects)."""
    if "tags" in metadata:
        metadata = {**metadata, "tags": [tag.name for tag in metadata["tags"]]}
    return metadata


class _Capture(logging.Handler):
    """Keep the warnings a read logs, so a cached read can repeat them."""

    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[tuple[int, str]] = []

    def emit(self, record):
        self.records.append((record.levelno, record.getMessage()))


@contextmanager
def _captured():
    handler = _Capture()
    _reader_logger.addHandler(handler)
    try:
        yield handler.records
    finally:
        _reader_logger.removeHandler(handler)


class CachingPostReader(PostReader):
    """The post reader, served from the parallel read and the memory cache."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        settings = self.settings
        # what a category's, author's or tag's slug depends on
        self._slug_key = (
            id(settings),
            stable_repr(
                sorted(
                    (name, value)
                    for name, value in settings.items()
                    if "SLUG" in name or name.endswith("_REGEX_SUBSTITUTIONS")
                )
            ),
        )

    def read(self, source_path):
        """Return the post at ``source_path``, from memory when unchanged."""
        path = str(source_path)
        _seen.add(path)
        for stream in _streams:
            stream.wait_for(path)
        stamp = _stamp(path)
        cached = _memory.get(path)
        if cached is not None and cached[0] == stamp:
            _, content, plain, warnings = cached
            for level, message in warnings:
                _reader_logger.log(level, "%s", message)
            return content, self._with_author(self._restore(plain))
        with _captured() as warnings:
            content, metadata = super().read(source_path)
        if fast_settings.get(self.settings, "FAST_BUILD_MEMORY_CACHE"):
            _memory[path] = (stamp, content, _plain(metadata), list(warnings))
        _files_read[0] += 1
        return content, self._with_author(metadata)

    def _with_author(self, metadata: dict) -> dict:
        """Name the site's ``AUTHOR`` as the post's author, as Pelican would.

        Pelican makes a new ``Author`` for every post without one; given
        here, it is the one kept object (``process_metadata``).
        """
        author = self.settings.get("AUTHOR")
        if "author" in metadata or "authors" in metadata or not isinstance(author, str):
            return metadata
        if author and author == author.strip():  # Pelican's name, unstripped
            metadata = {**metadata, "author": self.process_metadata("author", author)}
        return metadata

    def process_metadata(self, name, value):
        """Process a metadata value as Pelican does; one wrapper object per name.

        Pelican makes a new ``Category``, ``Author`` or ``Tag`` for every post of
        every build, and each works its slug out again (``slugify``: 3,400 calls
        per rebuild at 2,000 files) when the generator groups posts by them. A
        wrapper's slug and URLs follow from its name and the slug settings
        alone, so the objects are kept while those settings are the same.
        """
        if name not in _WRAPPED or not isinstance(value, str | list | tuple):
            return super().process_metadata(name, value)
        return _wrapped(self, name, value)

    def _restore(self, plain: dict) -> dict:
        metadata = dict(plain)
        if "tags" in metadata:
            metadata["tags"] = self.process_metadata("tags", metadata["tags"])
        return metadata


def _wrapped(reader: CachingPostReader, name: str, value):
    """Return ``reader``'s processing of ``value``, made once per slug settings."""
    if _wrappers.key != reader._slug_key:
        _wrappers.made.clear()
        _wrappers.key = reader._slug_key
    entry = (name, value if isinstance(value, str) else tuple(value))
    made = _wrappers.made.get(entry)
    if made is None:
        made = _wrappers.made[entry] = PostReader.process_metadata(reader, name, value)
        wrapper_counts["made"] += 1
    else:
        wrapper_counts["reused"] += 1
    return list(made) if isinstance(made, list) else made


def start_build() -> None:
    """Begin a build's counts; files are looked at again."""
    wrapper_counts.update(made=0, reused=0)
    _build_stamps.clear()


def _start_worker() -> None:
    """Silence the worker's own logging: the parent repeats what matters."""
    _reader_logger.propagate = False
    _reader_logger.handlers.clear()


def _read_chunk(paths: list[str]) -> list[tuple]:
    """Read ``paths`` in a worker; a file with errors comes back as ``None``."""
    reader = _worker_reader[0]
    results = []
    for path in paths:
        try:
            stamp = _stamp(path)
            with _captured() as warnings:
                content, metadata = PostReader.read(reader, path)
            results.append((path, (stamp, content, _plain(metadata), warnings)))
        except (ContentError, OSError):
            results.append((path, None))
    return results


def prefetch(generator) -> None:
    """Start reading every changed post of ``generator`` in parallel, once a build.

    Pelican's own calls then take each post as soon as it is read.
    """
    if getattr(generator, "_fast_build_prefetched", False):
        return
    generator._fast_build_prefetched = True
    settings = generator.settings
    key = reading_key(settings)
    if _memory_key[0] != key:
        _memory.clear()
        _memory_key[0] = key
        if fast_settings.get(settings, "FAST_BUILD_DISK_CACHE"):
            _memory.update(_load(settings, key))
    if not fast_settings.get(settings, "FAST_BUILD_MEMORY_CACHE"):
        _memory.clear()
    if hasattr(generator, "articles"):
        paths, exclude = settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]
    else:
        paths, exclude = settings["PAGE_PATHS"], settings["PAGE_EXCLUDES"]
    root = str(Path(generator.path))
    pending = []
    for name in content_files(generator, paths, exclude):
        if not name.endswith(".md"):
            continue
        path = os.path.join(root, name)  # Pelican's join (pathlib's is slower)
        cached = _memory.get(path)
        if cached is None or cached[0] != _stamp_now(path):
            pending.append(path)
    workers = fast_settings.worker_processes(settings)
    if workers < 2 or len(pending) < fast_settings.get(
        settings, "FAST_BUILD_PARALLEL_MIN"
    ):
        return  # Pelican's own calls read the few files one by one
    # In Pelican's own order: it builds post 1 while the workers read on.
    chunk = max(1, len(pending) // (workers * 16))
    chunks = [pending[i : i + chunk] for i in range(0, len(pending), chunk)]
    _worker_reader[:] = [CachingPostReader(settings)]
    # An executor, not a multiprocessing.Pool: a Pool waits for ever for the
    # reads of a worker that died (a C stack overflow in a parser); the
    # executor raises BrokenProcessPool and the rest is read in this process.
    pool = ProcessPoolExecutor(
        workers, multiprocessing.get_context("fork"), initializer=_start_worker
    )
    _streams.append(_Stream(pool, pool.map(_read_chunk, chunks), pending))
    logger.debug("Reading %d posts with %d processes", len(pending), workers)


class _Stream:
    """Posts being read by worker processes, taken as Pelican asks for them."""

    def __init__(self, pool, results, paths: list[str]):
        self._pool, self._results = pool, results
        self._waiting = set(paths)

    def wait_for(self, path: str) -> None:
        """Take finished reads until ``path``'s is in memory (or failed)."""
        while path in self._waiting:
            if not self._take_next():
                self.close()  # what is left is read in this process, in order
                return
        if not self._waiting:
            self.close()

    def _take_next(self) -> bool:
        """Store the next chunk of reads; False when none will come."""
        try:
            results = next(self._results)
        except StopIteration:
            return False
        except Exception:  # a worker failed
            logger.warning(Message("A reading process failed; reading in this one"))
            logger.debug("Reading process failure", exc_info=True)
            return False
        for read_path, entry in results:
            self._waiting.discard(read_path)
            if entry is not None:
                _memory[read_path] = _shared(entry)
                _files_read[0] += 1
        return True

    def close(self) -> None:
        """Stop the workers (every read taken, or the build moved on)."""
        self._waiting.clear()
        if self._pool is not None:  # chunks under way finish; no more start
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None


_streams: list[_Stream] = []


def finish_reading(*_args) -> None:
    """Stop any reading still going (every generator has read its content)."""
    while _streams:
        _streams.pop().close()


def reading_key(settings: dict) -> str:
    """Return what a read depends on besides the file: a change re-reads all."""
    from content_model import reader

    package = Path(reader.__file__).parent  # the reader and its validators
    code = max(path.stat().st_mtime_ns for path in package.glob("*.py"))
    return repr(
        (
            _CACHE_FORMAT,
            code,
            sorted(
                (name, stable_repr(value))
                for name, value in settings.items()
                if name in ("MARKDOWN", "TIMEZONE", "PATH")
                or name.startswith("CONTENT_MODEL_")
            ),
        )
    )


def stamp_read(path: str) -> tuple | None:
    """Return the stamp of the file the cache holds for ``path`` (None if none)."""
    entry = _memory.get(path)
    return entry[0] if entry is not None else None


def body_read(path: str) -> str | None:
    """Return the HTML body the cache holds for ``path`` (None if none)."""
    entry = _memory.get(path)
    return entry[1] if entry is not None else None


def serve_unread(path: str, stamp: tuple) -> bool:
    """Count ``path`` as served from memory if its file still has ``stamp``.

    For a post made from the cache in an earlier build and kept as it was
    (``kept_posts``): the read's warnings are logged again, as a read from
    memory logs them, and the post is saved with this build's. False when the
    file changed or the cache no longer holds it.
    """
    entry = _memory.get(path)
    try:
        if entry is None or entry[0] != stamp or _stamp_now(path) != stamp:
            return False
    except OSError:
        return False
    _seen.add(path)
    for level, message in entry[3]:
        _reader_logger.log(level, "%s", message)
    return True


def _cache_file(settings: dict) -> Path:
    return Path(settings.get("CACHE_PATH") or "cache") / "fast_build" / "posts.pickle"


def _load(settings: dict, key: str) -> dict[str, tuple]:
    """Return the posts the last build saved, if it read with the same settings."""
    entries: dict[str, tuple] = {}
    try:
        with _cache_file(settings).open("rb") as handle:
            unpickler = pickle.Unpickler(handle)
            if unpickler.load() != key:
                return {}
            while (record := unpickler.load()) is not None:
                path, stamp, content, plain, warnings = record
                entries[path] = _shared((stamp, content.decode(), plain, warnings))
    except (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError):
        return {}
    return entries


def _shared(entry: tuple) -> tuple:
    """Return a post read elsewhere with its keys shared with every other post."""
    stamp, content, plain, warnings = entry
    if "frontmatter" in plain and "frontmatter_lines" in plain:
        data, lines = share_repeated_keys(
            plain["frontmatter"], plain["frontmatter_lines"]
        )
        plain = {**plain, "frontmatter": data, "frontmatter_lines": lines}
    return stamp, content, plain, warnings


def release(settings: dict) -> None:
    """In a one-off build, save the posts once reading ends, then let them go.

    Only a next build of this process (``make devserver``) reads them from
    memory; a ``make html`` process would hold each post's entry (its plain
    metadata, a dict per post) until it exits, past the build's peak.
    """
    if incremental.builds_again(settings):
        return
    save(settings)
    _memory.clear()
    _memory_key[0] = None


def posts_in_memory() -> int:
    """Return how many read posts this process keeps in memory (tests)."""
    return len(_memory)


def save(settings: dict) -> None:
    """Save this build's posts for the next build's process, if any was read."""
    if not _seen and not _files_read[0]:
        return  # saved already (``release``), or nothing was read
    seen, read = set(_seen), _files_read[0]
    changed = read or len(seen) != len(_memory)
    _seen.clear()
    _files_read[0] = 0
    logger.info(
        "Read %d posts from their files and %d from the cache",
        read,
        len(seen) - read,
    )
    if not fast_settings.get(settings, "FAST_BUILD_DISK_CACHE") or not changed:
        return
    entries = {path: entry for path, entry in _memory.items() if path in seen}
    target = _cache_file(settings)
    if fast_settings.get(settings, "FAST_BUILD_SKIP_UNCHANGED"):
        # make devserver: the next process needs the posts, this one does
        # not; pickling them after every edit would cost each rebuild. They
        # are written when the editor is idle (``write_pending``), or at exit.
        if not _save_at_exit:
            atexit.register(write_pending)
        _save_at_exit[:] = [(target, _memory_key[0], entries)]
        return
    _write(target, _memory_key[0], entries)


_save_at_exit: list[tuple[Path, str, dict]] = []


def write_pending() -> None:
    """Write the posts a devserver build left to save, if any."""
    while _save_at_exit:
        target, key, entries = _save_at_exit.pop()
        _write(target, key, entries)


def _write(target: Path, key: str, entries: dict) -> None:
    """Write the key, then one record per post, then ``None``.

    Each post's HTML goes as UTF-8 bytes made for that record alone: pickling
    a ``str`` leaves a UTF-8 copy inside it for good (80 MB more at the end
    of a build of 10,000 posts), and one record at a time keeps the pickle
    buffer small.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=target.parent, delete=False) as handle:
            pickler = pickle.Pickler(handle, pickle.HIGHEST_PROTOCOL)
            pickler.fast = True  # no memo: records share nothing worth keeping
            pickler.dump(key)
            for path, (stamp, content, plain, warnings) in entries.items():
                pickler.dump((path, stamp, content.encode(), plain, warnings))
            pickler.dump(None)
        os.replace(handle.name, target)
    except OSError as error:
        logger.warning(
            Message(
                "Could not save the post cache %(file)s: %(error)s",
                file=str(target),
                error=str(error),
            )
        )
