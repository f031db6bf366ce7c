"""Remember the content files each generator lists while their folders are unchanged.

Pelican's ``Generator.get_files`` walks the content folder and matches every
file's name against every ``IGNORE_FILES`` pattern (``fnmatch``). The
articles generator lists its files twice a build (to read them, and to warn
of files no enabled reader takes), the progress bar and the parallel read
once more: at 17,000 files that was 8 % of a one-post devserver rebuild. A
folder's modification time changes when a file is added to it, removed or
renamed, never when a file is edited: while every folder under the listed
paths has the time and the names it had, the list is the same. The generator's public
``get_files`` is answered from memory then (the instance's own attribute, as
``kept_posts`` does with its content cache), in every build of the process.
"""

from __future__ import annotations

import os
import time
from typing import Any

# (content root, paths, excludes, extensions, ignore patterns) -> (stamp, files)
_lists: dict[tuple, tuple[tuple, tuple[str, ...]]] = {}
# (content root, paths) -> stamp, taken once a build (generators are made first)
_stamps: dict[tuple, tuple] = {}
file_list_counts = {"walked": 0, "remembered": 0}  # since the process started


def _folders_stamp(root: str, paths: list[str]) -> tuple:
    """Return every folder under ``paths`` with its modification time and the
    names in it (a file system with whole-second times may not move a
    folder's time for a file added in the same second)."""
    stamp: list[tuple] = []
    for path in paths:
        top = os.path.join(root, path) if path else root
        if not os.path.isdir(top):
            stamp.append((top, os.path.exists(top)))
            continue
        _stamp_folder(top, stamp, set())
    return tuple(stamp)


#: folder -> (its modification time, when it was listed, its subfolders, the
#: hash of its names), so that a folder unchanged since is not listed again
_listed: dict[str, tuple[int, int, tuple[str, ...], int]] = {}
#: a folder listed this long after its last change is not changed again
#: within the same time (whole-second file systems): its time is to be trusted
SETTLED_NS = 2_000_000_000


def _stamp_folder(folder: str, stamp: list[tuple], seen: set[tuple]) -> None:
    """Add ``folder`` and every folder under it (links followed, as
    ``os.walk(followlinks=True)``, each real folder once) to ``stamp``."""
    try:
        status = os.stat(folder)
    except OSError:
        stamp.append((folder, None, 0))
        return
    real = (status.st_dev, status.st_ino)
    if real in seen:  # a link back up the tree
        return
    seen.add(real)
    changed = status.st_mtime_ns
    known = _listed.get(folder)
    if known is not None and known[0] == changed and known[1] - changed > SETTLED_NS:
        subfolders, names = known[2], known[3]
    else:
        listed_at = time.time_ns()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            entries = []
        subfolders = tuple(sorted(entry.name for entry in entries if _is_folder(entry)))
        names = hash(tuple(sorted(entry.name for entry in entries)))
        _listed[folder] = (changed, listed_at, subfolders, names)
    stamp.append((folder, changed, names))
    for name in subfolders:
        _stamp_folder(os.path.join(folder, name), stamp, seen)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()  # follows links, as os.walk(followlinks=True)
    except OSError:
        return False


def start_build() -> None:
    """Take the folders' stamps again when next asked (a build begins)."""
    _stamps.clear()


def remember_file_lists(generator: Any) -> None:
    """Answer ``generator.get_files`` from memory while its folders are
    unchanged (``generator_init``: before any plugin asks for the files).

    Pelican makes every generator of a build before any reads: the folders'
    stamps are taken again from the first list asked for after that, once.
    """
    start_build()
    walk = generator.get_files  # Pelican's own, bound to this generator

    def get_files(
        paths: Any, exclude: list[str] | None = None, extensions: Any = None
    ) -> set[str]:
        if isinstance(paths, str):
            paths = [paths]
        root = str(generator.path)
        known = extensions
        if known is None:  # Pelican's default: the enabled readers' extensions
            known = tuple(generator.readers.extensions)
        elif known is not False:
            known = tuple(known)
        key = (
            root,
            tuple(paths),
            tuple(exclude or ()),
            known,
            tuple(generator.settings.get("IGNORE_FILES", ())),
        )
        where = (root, tuple(paths))
        stamp = _stamps.get(where)
        if stamp is None:
            stamp = _stamps[where] = _folders_stamp(root, list(paths))
        found = _lists.get(key)
        if found is not None and found[0] == stamp:
            file_list_counts["remembered"] += 1
            return set(found[1])  # made as the first caller's was
        listed = tuple(walk(paths, exclude=exclude, extensions=extensions))
        file_list_counts["walked"] += 1
        _lists[key] = (stamp, listed)
        # Every caller gets a set made alike, so each iterates in one order:
        # the parallel read reads the posts in the order Pelican then asks.
        return set(listed)

    generator.get_files = get_files
