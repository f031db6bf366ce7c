"""Write a generated file only when its bytes change.

A rebuild into an existing ``output/`` (``make html`` again, every ``make
devserver`` rebuild) produces mostly the same files: after renaming a unit,
only the pages that show it read differently. Leaving the others untouched
spares the disk a write per file and keeps their times, so a watcher, rsync or
a browser cache sees only what changed. Reading a file back costs less than
writing it; a file that does not exist yet costs one failed ``open``.
"""

from __future__ import annotations

import os

from .incremental import keep


def same_bytes(path: str | os.PathLike, data: bytes) -> bool:
    """Return True when the file at ``path`` holds exactly ``data``."""
    try:
        descriptor = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        if os.fstat(descriptor).st_size != len(data):
            return False
        with os.fdopen(descriptor, "rb", closefd=False) as file:
            return file.read() == data
    finally:
        os.close(descriptor)


def write_if_changed(path: str | os.PathLike, data: bytes) -> bool:
    """Write ``data`` to ``path`` unless it is already there; return True if written.

    A file left as it was is still this build's (``incremental.keep``), so
    ``output_manifest`` does not take it for a stale one.
    """
    if same_bytes(path, data):
        keep(path)
        return False
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(descriptor, view) :]
    finally:
        os.close(descriptor)
    return True
