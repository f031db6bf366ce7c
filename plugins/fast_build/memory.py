"""Keep the build's memory down, and the garbage collector out of the way.

- Pelican memoises ``Content.get_content`` and ``get_summary`` on the class,
  keyed by the post: ``forget_rendered_content`` empties that memo.
- glibc keeps freed heap memory (rendered pages are large strings):
  ``release_free_memory`` gives it back before a fork.
- Everything a devserver build made becomes garbage when it ends, much of it
  in reference cycles that only Python's collector frees. Left alone, the next
  build's first full collection walks both builds' objects (0.1 s at 2,000
  files): ``collect_garbage`` is run when the editor is idle (``idle.py``).
- What survives that collection (memos, the read cache, the registries) lives
  on through the next build: ``start_build`` freezes it, so the next build's
  full collections walk only what that build makes (1.5-3 s of a rebuild at
  10,000 posts walked the survivors again, 1-5 times per rebuild). A build
  that starts before the idle collection ran freezes the last build's garbage
  with it (a few thousand objects) for the next idle collection. A rebuild
  also lets more new objects come before each pass (``REBUILD_FIRST_GENERATION``).
- What a build makes mostly lives until it ends: ``freeze_survivors``
  freezes what survives each full collection during a build, so the next
  pass does not walk it again (23-29 passes, 6-9 s of CPU, in a 10,000-post
  build).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os

from pelican.contents import Content

from . import settings as fast_settings


def release_free_memory() -> None:
    """Give the C library's free heap memory back to the system.

    Rendered pages are large strings; once written, glibc keeps their memory
    for itself. Trimming before a fork and after this process renders keeps
    the build's peak (and what each render process inherits) down.
    """
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _load_libc():
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:  # not glibc: nothing to trim
        return None


_LIBC = _load_libc()


def forget_rendered_content() -> None:
    """Empty Pelican's memo of each post's rendered content and summary.

    ``Content.get_content`` and ``get_summary`` are memoised on the class,
    keyed by the post: the memo keeps every summary a list showed for the
    whole build, and in a ``make devserver`` process every build's posts
    for good (30,000 objects and their HTML per build of 1,000 posts).
    """
    for name in ("get_content", "get_summary"):
        memo = Content.__dict__.get(name)
        if memo is not None and hasattr(memo, "cache"):
            memo.cache.clear()


def resident_mib() -> float:
    """Return this process's resident memory in MiB (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            pages = int(statm.read().split()[1])
    except (OSError, IndexError, ValueError):
        return 0.0
    return pages * os.sysconf("SC_PAGE_SIZE") / (1024 * 1024)


# What a render process adds to the build's memory, as a share of this one's:
# the pages it copies (reference counts are written as templates read posts)
# and its own garbage. Measured: 35 % at 4,000 posts, 45-58 % at 10,000.
RENDER_PROCESS_SHARE = 0.6


def fork_may_exceed_budget(settings: dict) -> bool:
    """Tell whether forking a render process could take the build over budget."""
    budget = fast_settings.get(settings, "FAST_BUILD_MEMORY_BUDGET")
    return bool(budget) and resident_mib() * (1 + RENDER_PROCESS_SHARE) > budget


def collect_garbage() -> None:
    """Let the last builds' objects be collected, and collect them (when idle)."""
    gc.unfreeze()
    gc.collect()


#: How many objects may be frozen past the fewest seen since the last idle
#: collection before a short pause collects (``collect_garbage_if_grown``).
#: At 10,000 posts a full collection walks 1.7-2.5 million objects (1.4-1.5 s,
#: holding the interpreter: a save meanwhile waits for it) to free about
#: 4,000 left in cycles by each build; the rest of a build's garbage is freed
#: as it goes (reference counts). A long pause collects whatever the count.
IDLE_COLLECTION_GROWTH = 200_000
_fewest_frozen = [0]  # since the last idle collection (0: none yet)


def collect_garbage_if_grown(growth: int = IDLE_COLLECTION_GROWTH) -> bool:
    """Collect the last builds' garbage (``collect_garbage``) once the frozen
    objects grew by ``growth`` past the fewest seen since the last collection
    (the first time: since the first build); tell whether it ran. What
    survives is frozen (as the next build would), and counted."""
    frozen = gc.get_freeze_count()
    # the first build's end: what it left is where growth counts from
    fewest = _fewest_frozen[0] or frozen
    if frozen - fewest < growth:
        _fewest_frozen[0] = min(fewest, frozen)
        return False
    collect_garbage()
    gc.freeze()
    _fewest_frozen[0] = max(gc.get_freeze_count(), 1)
    return True


def collect_garbage_after_long_pause() -> bool:
    """Collect whatever garbage gathered since the last idle collection."""
    return collect_garbage_if_grown(growth=1)


def freeze_survivors(phase: str, info: dict) -> None:
    """After a full collection during a build, freeze what survived it.

    A ``gc.callbacks`` hook. The collector makes a full pass each time the
    heap has grown by a quarter since the last; a build's heap only grows
    (posts, their facts, pages' records), so every pass walked everything
    read so far again: 23-29 passes, 6-9 s of CPU in a 10,000-post build,
    100-380 ms each near the end. Frozen, what survived is not walked again:
    each pass walks only what came since the last. Cycles among frozen
    objects are left for the idle collection (a few hundred objects a pass).
    """
    if phase == "stop" and info["generation"] == 2:
        gc.freeze()


#: How many new objects a devserver rebuild makes before its collector's
#: first pass (Python's default is 700). A rebuild makes millions of short-lived
#: objects: with the default, the collector took 0.3-0.8 s of a 4.5 s one-post
#: rebuild at 10,000 posts; with this, a tenth less time, the same peak.
REBUILD_FIRST_GENERATION = 200_000
_default_thresholds: list[tuple[int, ...]] = []


def start_build(rebuild: bool = False) -> None:
    """Keep what lives on out of this build's collections.

    Everything alive when a build starts is frozen: the collector's passes
    during the build walk only what the build makes. After an idle
    collection that is every long-lived object. A build that starts before
    that collection ran (the editor saved again at once) freezes the last
    build's garbage too and leaves it to the next idle collection: at
    10,000 posts a full pass walks the whole heap (1-1.4 s) to free a few
    thousand objects. Until ``finish_build``, what survives a full pass is
    frozen too (``freeze_survivors``), and in a ``rebuild`` (a devserver
    build after the first) the collector's first generation holds
    ``REBUILD_FIRST_GENERATION`` objects.
    """
    gc.freeze()
    if freeze_survivors not in gc.callbacks:
        gc.callbacks.append(freeze_survivors)
    if rebuild:
        if not _default_thresholds:
            _default_thresholds.append(gc.get_threshold())
        gc.set_threshold(REBUILD_FIRST_GENERATION, *_default_thresholds[0][1:])


def finish_build() -> None:
    """Stop freezing survivors: the idle collection must see this build's garbage."""
    if freeze_survivors in gc.callbacks:
        gc.callbacks.remove(freeze_survivors)
    if _default_thresholds:
        gc.set_threshold(*_default_thresholds.pop())
