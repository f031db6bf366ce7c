"""Which posts changed since the last build of this process (``make devserver``).

This module computes them; ``newsroom.incremental`` holds them. Generators
of pages that list posts (units, people) ask ``incremental.current()`` and
write only the groups an edit touches: a post whose listing (title,
summary, front matter) changed touches its units and people; a post whose
body alone changed touches only the feeds that show it in full. A changed
site stamp (settings, theme, registries, photos, plugin code), a post
removed or given another URL, date, unit, person or tag, or the first build
of the process, touches everything; a post added touches its groups. An
edit of the unit or people registry also asks every group for its pages,
and the pages' fingerprints (which describe each unit and person shown)
leave all but those showing an edited entry as they were.
The state is committed when a build ends, so a failed build is redone whole
next time.
"""

from __future__ import annotations

import hashlib

from newsroom import incremental
from newsroom.incremental import Changes, PostRecord

from . import settings as fast_settings
from .fingerprint import Fingerprinter
from .unchanged import build_fingerprinter

_committed: dict[str, object] = {
    "site": None,
    "registry": None,
    "posts": {},
    "keys": {},  # source path -> its key (``_post_keys``)
    "common": None,  # what every key starts with
}
_pending: dict[str, object] = {}
record_counts = {"made": 0, "reused": 0}  # this build's post records (tests)


def _record(post, fingerprinter: Fingerprinter) -> PostRecord:
    # With the units it is filed under (successors of its units too).
    units = {unit.key for unit in post.news.units} | set(post.news.filed_under)
    people = set()
    for speaker in post.news.speakers:
        people.add(speaker.person.key)
        if speaker.unit is not None:
            units.add(speaker.unit.key)
    shape = repr(
        (
            getattr(post, "save_as", ""),
            getattr(post, "status", ""),
            str(getattr(post, "date", "")),
            sorted(units),
            sorted(people),
            sorted(str(tag) for tag in getattr(post, "tags", None) or ()),
        )
    )
    return PostRecord(
        fingerprinter._listing(post),
        hash(post._content or ""),
        frozenset(units),
        frozenset(people),
        shape,
    )


def start_build(settings: dict, posts, site: str | None) -> None:
    """Compare this build's posts with the last committed build's.

    ``site`` is the build's site stamp (None: this build writes everything).
    """
    record_counts.update(made=0, reused=0)
    if site is None or not fast_settings.get(settings, "FAST_BUILD_SKIP_UNCHANGED"):
        incremental.set_current(None)
        return
    fingerprinter = build_fingerprinter(settings)  # the pages' memo: one pass
    before: dict[str, PostRecord] = _committed["posts"]  # type: ignore[assignment]
    now: dict[str, PostRecord] = {}
    remade: list[str] = []
    for post in posts:
        path = post.source_path
        last = before.get(path)
        # A post as the last build derived it (its translations too, see
        # ``same_post``) keeps its record.
        if last is None or not incremental.same_post(post):
            last = _record(post, fingerprinter)
            remade.append(path)
        else:
            fingerprinter.listing_known(post, last.listing)
        now[path] = last
    record_counts.update(made=len(remade), reused=len(now) - len(remade))
    registry = fingerprinter.registry
    same_posts = now.keys() == before.keys()
    # Kept records have their shapes: only the remade ones can differ.
    same_shapes = same_posts and all(now[p].shape == before[p].shape for p in remade)
    keys = _post_keys(site, now, same_shapes)
    # A post removed, moved or regrouped may leave files no group writes any
    # more: such a build writes every group, so that output_manifest can tell
    # them apart and remove them. A post added only adds files.
    changes = Changes(
        everything=site != _committed["site"]
        or registry != _committed["registry"]
        or bool(before.keys() - now.keys())
        or not (same_shapes or _same_shapes(before, now)),
        added=not same_posts and bool(now.keys() - before.keys()),
        keys=keys,
    )
    if not changes.everything:
        # a kept record is as the last build had it: only the remade and the
        # gone can differ
        unchanged = set(now)
        for path in [*remade, *(before.keys() - now.keys())]:
            old, new = before.get(path), now.get(path)
            if old is None or new is None or old.listing != new.listing:
                changes.listed += [r for r in (old, new) if r is not None]
            elif old.body != new.body:
                changes.bodies.append(new)
            else:
                continue
            unchanged.discard(path)
        changes.unchanged = frozenset(unchanged)
    incremental.set_current(changes)
    _pending.update(site=site, registry=registry, posts=now)


def _same_shapes(before: dict[str, PostRecord], now: dict[str, PostRecord]) -> bool:
    """Tell whether every post of both builds has the same shape in each."""
    return all(now[p].shape == before[p].shape for p in now.keys() & before.keys())


def _post_keys(
    site: str, records: dict[str, PostRecord], same_shapes: bool
) -> dict[str, str]:
    """Return each post's key (``newsroom.incremental.post_key``).

    A post's record describes its file and the registry entries it resolved
    to; its body's links name other posts' addresses, so every post's shape
    (address, date, groups) counts too, as one digest. With ``same_shapes``
    (the last build's posts, each of the same shape) and the same site stamp,
    that digest is the last build's, and a kept record keeps its key.
    """
    common: str | None = _committed["common"]  # type: ignore[assignment]
    if not same_shapes or common is None or not common.startswith(f"{site}:"):
        shapes = hashlib.blake2b(digest_size=16)
        for path in sorted(records):
            shapes.update(f"{path}\0{records[path].shape}\0".encode())
        common = f"{site}:{shapes.hexdigest()}"
    last_keys: dict[str, str] = _committed["keys"]  # type: ignore[assignment]
    last_records: dict[str, PostRecord] = _committed["posts"]  # type: ignore[assignment]
    reuse = common == _committed["common"]
    keys = {}
    for path, record in records.items():
        key = (
            last_keys.get(path) if reuse and last_records.get(path) is record else None
        )
        keys[path] = key or f"{common}:{record.listing}:{record.body}:{record.shape}"
    _pending.update(keys=keys, common=common)
    return keys


def finish_build() -> None:
    """Commit this build's posts: the next build compares with them."""
    if _pending:
        _committed.update(_pending)
        _pending.clear()


def forget() -> None:
    """Forget the last build: the next one writes every group."""
    _committed.update(site=None, registry=None, posts={}, keys={}, common=None)
    _pending.clear()


def clear_current() -> None:
    """Forget the last build's changes: a new build is reading its posts."""
    incremental.set_current(None)
