"""Keep the output folder to the files the last build wrote.

A build into an existing output folder (``make html``, every ``make
devserver`` rebuild) leaves behind what it no longer writes: the page of a
deleted post, the ``/don-vi/<old-key>/`` pages of a renamed unit. Each build
records the files it wrote (a manifest in ``CACHE_PATH``); the next one
removes those it did not write again. Files no build wrote (yours, Pelican's
``OUTPUT_RETENTION``) are never touched, nor are the folders of
``OUTPUT_MANIFEST_KEEP``, which their own tool replaces whole (Pagefind).

A ``make devserver`` rebuild that leaves some groups of pages as they were
(``fast_build``: no post removed, moved or regrouped) cannot tell their files
from stale ones; no file can have gone either: it removes nothing, and adds
to the manifest the files of a new post.
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path

from pelican import signals

from newsroom import incremental

from .claims import changed_since, file_system_now

logger = logging.getLogger(__name__)

DEFAULTS = {
    # Top-level folders of the output that another tool replaces whole.
    "OUTPUT_MANIFEST_KEEP": ["pagefind"],
}


class _Build:
    """What this process knows about the build under way and the last one."""

    def __init__(self) -> None:
        self.started: int | None = None  # change time at the start of the build
        self.unfinished: int | None = None  # start of a build that failed
        self.static: set[str] = set()  # static files Pelican left as they were


_build = _Build()


def manifest_path(settings: dict) -> Path:
    """Return where the manifest of the output folder is kept."""
    output = os.path.realpath(settings["OUTPUT_PATH"])
    digest = hashlib.blake2b(output.encode(), digest_size=8).hexdigest()
    return Path(settings["CACHE_PATH"]) / "output_manifest" / f"{digest}.txt"


def _skip(settings: dict) -> set[str]:
    keep = settings.get("OUTPUT_MANIFEST_KEEP", DEFAULTS["OUTPUT_MANIFEST_KEEP"])
    return {*keep, *settings.get("OUTPUT_RETENTION", [])}


def start_build(pelican) -> None:
    """Note the file system's time before anything is written (``get_generators``)."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    output = Path(pelican.output_path)
    _build.static = set()
    now = file_system_now(output)
    if _build.started is not None:  # the last build failed: what it wrote is ours
        _build.unfinished = _build.started
    _build.started = now


def note_static(generator) -> None:
    """Claim the static files Pelican copies only when their source is newer."""
    _build.static = {static.save_as for static in generator.staticfiles}


def finish_build(pelican) -> None:
    """Remove what the last build wrote and this one did not; record this one's."""
    if _build.started is None:
        return
    settings = pelican.settings
    output = Path(pelican.output_path)
    skip = _skip(settings)
    path = manifest_path(settings)
    if not incremental.complete():
        # Some groups were left as they were (make devserver): no post was
        # removed or regrouped, so no file has gone; a new post adds some.
        if incremental.added():
            written = changed_since(output, _build.started, skip)
            _write(path, _read(path) | written)
        _build.started = None
        return
    written = changed_since(output, _build.started, skip) | _build.static
    before = _read(path)
    if _build.unfinished is not None:  # files a failed build left are candidates
        before |= changed_since(output, _build.unfinished, skip) - written
    _remove(output, sorted(before - written))
    _write(path, written)
    _build.started = _build.unfinished = None


def _read(path: Path) -> set[str]:
    try:
        return set(path.read_text(encoding="utf-8").splitlines())
    except FileNotFoundError:
        return set()


def _write(path: Path, names: set[str]) -> None:
    """Write the manifest a line at a time: it comes at the build's peak, and
    one text of 27,500 names (10,000 posts) would add to it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    scratch = path.with_suffix(".tmp")
    with scratch.open("w", encoding="utf-8") as manifest:
        manifest.writelines(f"{name}\n" for name in sorted(names))
    os.replace(scratch, path)


def _remove(output: Path, names: list[str]) -> None:
    """Remove the files ``names`` (relative to ``output``) and emptied folders."""
    removed = 0
    for name in names:
        target = output / name
        if ".." in Path(name).parts or not (target.is_file() or target.is_symlink()):
            continue
        target.unlink()
        removed += 1
        folder = target.parent
        while folder != output and not any(folder.iterdir()):
            folder.rmdir()
            folder = folder.parent
    if removed:
        logger.info(
            "Removed %d file(s) this build no longer writes: %s%s",
            removed,
            ", ".join(names[:5]),
            " …" if len(names) > 5 else "",
        )


def register() -> None:
    """Connect the manifest to Pelican's signals."""
    signals.get_generators.connect(start_build)
    signals.static_generator_finalized.connect(note_static)
    signals.finalized.connect(finish_build)
