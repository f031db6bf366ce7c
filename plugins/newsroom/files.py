"""Write a generated file only when its bytes change.

A rebuild into an existing ``output/`` (``make html`` again, every ``make
devserver`` rebuild) produces mostly the same files: after renaming a unit,
only the pages that show it read differently. Leaving the others untouched
spares the disk a write per file and keeps their times, so a watcher, rsync or
a browser cache sees only what changed. Reading a file back costs less than
writing it; a file that does not exist yet costs one failed ``open``.

A file that changed is replaced whole (a temporary file beside it, then
``os.replace``), keeping its permissions: a reader of ``make devserver``'s
pages during a rebuild gets the old page or the new one, never half of one.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
import unicodedata
from pathlib import Path, PurePath, PurePosixPath

from .incremental import keep

_SAME = -1  # _compare's answer when the file holds the data already
_MISSING = -2


def _compare(path: str | os.PathLike, data: bytes) -> int:
    """Return ``_SAME``, ``_MISSING``, or the permission bits of a file that differs."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:  # missing, or not readable: written in place as before
        return _MISSING
    try:
        status = os.fstat(descriptor)
        if status.st_size == len(data):
            with os.fdopen(descriptor, "rb", closefd=False) as file:
                if file.read() == data:
                    return _SAME
        return stat.S_IMODE(status.st_mode)
    finally:
        os.close(descriptor)


def same_bytes(path: str | os.PathLike, data: bytes) -> bool:
    """Return True when the file at ``path`` holds exactly ``data``."""
    return _compare(path, data) == _SAME


def write_all(descriptor: int, data: bytes) -> None:
    """Write all of ``data`` to an open descriptor (``os.write`` may write less)."""
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view) :]


def write_if_changed(path: str | os.PathLike, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it is already there; return True if written.

    A file left as it was is still this build's (``incremental.keep``), so
    ``output_manifest`` does not take it for a stale one.
    """
    found = _compare(path, data)
    if found == _SAME:
        keep(path)
        return False
    if found == _MISSING or not _replace(os.fspath(path), data, found):
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
        try:
            write_all(descriptor, data)
        finally:
            os.close(descriptor)
    return True


def make_folder(folder: str | os.PathLike) -> bool:
    """Make ``folder`` (and its parents); return True if this call created it.

    One ``mkdir`` for the usual case (the parent exists), where
    ``os.makedirs(exist_ok=True)`` first asks whether the parent exists. A
    folder just made holds no file yet: its pages need no ``write_if_changed``.
    """
    try:
        os.mkdir(folder)
    except FileExistsError:
        return False
    except FileNotFoundError:  # a parent is missing too
        try:
            os.makedirs(folder)
        except FileExistsError:  # made meanwhile by another render process
            return False
    return True


def write_new(path: str | os.PathLike, data: bytes) -> bool:
    """Write ``data`` to a file expected not to exist (in a folder just made).

    Spares ``write_if_changed``'s failed ``open``; a file found there after all
    goes through ``write_if_changed``. Return True if written.
    """
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except FileExistsError:
        return write_if_changed(path, data)
    try:
        write_all(descriptor, data)
    finally:
        os.close(descriptor)
    return True


def _replace(path: str, data: bytes, mode: int) -> bool:
    """Replace the file at ``path`` by ``data`` in one step, with ``mode``.

    Return False, leaving nothing behind, where the system refuses (Windows,
    while a reader holds the file open): the caller then writes in place.
    """
    folder, name = os.path.split(path)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", dir=folder or ".")
    try:
        try:
            write_all(descriptor, data)
        finally:
            os.close(descriptor)
        os.chmod(temporary, mode)  # mkstemp makes 0600
        os.replace(temporary, path)
    except PermissionError:
        os.unlink(temporary)
        return False
    except BaseException:
        os.unlink(temporary)
        raise
    return True


def content_label(path: PurePath, root: PurePath | None) -> str:
    """Return how messages and keys name a file: ``posts/2021/bai.md``.

    Relative to the content folder and with ``/`` on every system: labels
    are compared with settings written with ``/`` (``PAGE_PATHS``), key the
    posts' addresses and are shown to writers, who read ``/`` on Windows
    too. A file outside the folder keeps its own full name.
    """
    if root is not None:
        try:
            return path.relative_to(root).as_posix()
        except ValueError:
            pass
    return str(path)


def _folded(name: str) -> str:
    """Return a file name as it reads: NFC, case-folded."""
    return unicodedata.normalize("NFC", name).casefold()


def locate(root: Path, relative: str) -> Path:
    """Return the file ``relative`` (``photos/2021/anh.jpg``) names under ``root``.

    The path as written when it exists. Otherwise, level by level, the one
    entry whose name reads the same once both are NFC and case-folded: a
    name typed in NFC for a file a Mac or a zip wrote in NFD, ``anh.JPG`` for
    ``anh.jpg``, which Windows and macOS open alike; so a post that builds
    on a writer's laptop builds on a Linux host too. When no single entry
    matches, the path as written (missing: the caller says so).
    """
    written = root / relative
    if written.exists():
        return written
    found = root
    for part in PurePosixPath(relative).parts:
        if part in (".", ".."):
            found = found / part
            continue
        wanted = _folded(part)
        try:
            matches = [name for name in os.listdir(found) if _folded(name) == wanted]
        except OSError:
            return written
        if len(matches) != 1:
            return written
        found = found / matches[0]
    return found


def near_name(root: Path, relative: str) -> str | None:
    """Return the file beside a missing ``relative`` whose name is closest, or None.

    For a "did you mean" after a typo (``hoi-ngi.jpg`` for ``hoi-nghi.jpg``):
    the path from ``root``, with ``/``.
    """
    wanted = PurePosixPath(relative)
    folder = locate(root, wanted.parent.as_posix()) if wanted.parent.parts else root
    try:
        names = [entry.name for entry in os.scandir(folder) if entry.is_file()]
    except OSError:
        return None
    by_reading = {_folded(name): name for name in names}
    close = difflib.get_close_matches(_folded(wanted.name), list(by_reading), n=1)
    if not close:
        return None
    shown = (wanted.parent / by_reading[close[0]]).as_posix()
    return unicodedata.normalize("NFC", shown)  # as it is typed, and found
