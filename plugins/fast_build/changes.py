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
    "languages": {},  # source path -> its translations' languages
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
    languages_before: dict[str, tuple] = _committed["languages"]  # type: ignore[assignment]
    now, languages = {}, {}
    for post in posts:
        path = post.source_path
        last = before.get(path)
        # A post as the last build derived it keeps its record, unless its
        # translations changed (a listing names their languages).
        languages[path] = tuple(t.lang for t in getattr(post, "translations", ()))
        if (
            last is None
            or not incremental.same_post(post)
            or languages_before.get(path) != languages[path]
        ):
            last = _record(post, fingerprinter)
            record_counts["made"] += 1
        else:
            fingerprinter.listing_known(post, last.listing)
            record_counts["reused"] += 1
        now[path] = last
    keys = _post_keys(site, now)
    registry = fingerprinter.registry
    # A post removed, moved or regrouped may leave files no group writes any
    # more: such a build writes every group, so that output_manifest can tell
    # them apart and remove them. A post added only adds files.
    changes = Changes(
        everything=site != _committed["site"]
        or registry != _committed["registry"]
        or bool(before.keys() - now.keys())
        or any(now[p].shape != before[p].shape for p in now.keys() & before.keys()),
        added=bool(now.keys() - before.keys()),
        keys=keys,
    )
    if not changes.everything:
        unchanged = []
        for path in now.keys() | before.keys():
            old, new = before.get(path), now.get(path)
            if old is None or new is None or old.listing != new.listing:
                changes.listed += [r for r in (old, new) if r is not None]
            elif old.body != new.body:
                changes.bodies.append(new)
            else:
                unchanged.append(path)
        changes.unchanged = frozenset(unchanged)
    incremental.set_current(changes)
    _pending.update(site=site, registry=registry, posts=now, languages=languages)


def _post_keys(site: str, records: dict[str, PostRecord]) -> dict[str, str]:
    """Return each post's key (``newsroom.incremental.post_key``).

    A post's record describes its file and the registry entries it resolved
    to; its body's links name other posts' addresses, so every post's shape
    (address, date, groups) counts too, as one digest.
    """
    shapes = hashlib.blake2b(digest_size=16)
    for path in sorted(records):
        shapes.update(f"{path}\0{records[path].shape}\0".encode())
    common = f"{site}:{shapes.hexdigest()}"
    return {
        path: f"{common}:{record.listing}:{record.body}:{record.shape}"
        for path, record in records.items()
    }


def finish_build() -> None:
    """Commit this build's posts: the next build compares with them."""
    if _pending:
        _committed.update(_pending)
        _pending.clear()


def forget() -> None:
    """Forget the last build: the next one writes every group."""
    _committed.update(site=None, registry=None, posts={}, languages={})
    _pending.clear()


def clear_current() -> None:
    """Forget the last build's changes: a new build is reading its posts."""
    incremental.set_current(None)
