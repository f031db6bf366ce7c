"""What a partial rebuild may leave as it was: the API speed layers implement.

A full build (``make html``, or any build without a speed layer) writes every
page, feed and file: ``current()`` is None, ``complete()`` True, nothing is
``skipping``. A speed layer (``fast_build`` in ``make devserver``) sets the
changes of the build under way with ``set_current`` and installs a
``FileSkipper``; the generators ask here, never the speed layer itself, so
the site is the same with or without it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar


@dataclass
class PostRecord:
    """What a post was in a build: listing, body, units, people."""

    listing: str
    body: int
    units: frozenset[str]
    people: frozenset[str]
    shape: str = ""  # what decides which files exist: URL, date, groups


@dataclass
class Changes:
    """The posts that changed since the last build, as records of both builds."""

    everything: bool
    added: bool = False  # a post is new: new files, none gone
    listed: list[PostRecord] = field(default_factory=list)
    bodies: list[PostRecord] = field(default_factory=list)
    # the source paths of posts listed and shown in full as the last build did
    unchanged: frozenset[str] = frozenset()
    # source path -> a key equal in two builds only when the post reads, resolves
    # and links the same (see ``post_key``)
    keys: dict[str, str] = field(default_factory=dict)

    def units(self, ancestors: Callable[[str], Iterable[Any]]) -> set[str]:
        """Return the unit keys whose lists show a changed post (with parents)."""
        return _with_ancestors(
            {key for record in self.listed for key in record.units}, ancestors
        )

    def feed_units(self, ancestors: Callable[[str], Iterable[Any]]) -> set[str]:
        """Return the unit keys whose feeds may show a changed post."""
        keys = {key for record in self.listed + self.bodies for key in record.units}
        return _with_ancestors(keys, ancestors)

    def people(self) -> set[str]:
        """Return the keys of people named in a changed post."""
        return {key for record in self.listed for key in record.people}

    def shows_no_change(self, post: Any) -> bool:
        """Tell whether a page of ``post`` alone is as the last build wrote it.

        True when no post was added, removed, moved, regrouped or listed
        differently, nothing site-wide changed, and ``post``'s own body is
        the same: what a post's page shows of other posts is their listing.
        """
        if self.everything or self.added or self.listed:
            return False
        return getattr(post, "source_path", None) in self.unchanged


def _with_ancestors(keys: set[str], ancestors) -> set[str]:
    found = set(keys)
    for key in keys:
        found.update(unit.key for unit in ancestors(key))
    return found


class FileSkipper(Protocol):
    """Tells whether a file written outside templates would come out the same."""

    def skipping(self, settings: dict) -> bool:
        """Return True when this build skips what did not change."""

    def unchanged_feed(self, settings: dict, path: str | Path, items, *parts) -> bool:
        """Return True when the feed at ``path`` would be written as before."""

    def unchanged_text(self, settings: dict, path: str | Path, text_key: str) -> bool:
        """Return True when the file at ``path`` would be written from ``text_key``."""


_current: list[Changes | None] = [None]
_skipper: list[FileSkipper | None] = [None]
_same_posts: list[Callable[[Any], bool] | None] = [None, None]  # same, kept
_shared_inputs: dict[str, tuple[str, ...]] = {}  # template name -> context keys


def shows_shared(template: str, *keys: str) -> None:
    """Declare that pages of ``template`` show these values of the shared context.

    A speed layer describes each page by what its generator passes to
    ``write_file``; a template that also shows a value a plugin put in the
    shared context (the home page's unit sections) declares it here, so that
    a change of that value renders the page again.
    """
    _shared_inputs[template] = tuple(
        dict.fromkeys(_shared_inputs.get(template, ()) + keys)
    )


def shared_inputs(template: str) -> tuple[str, ...]:
    """Return the shared context keys that pages of ``template`` show."""
    return _shared_inputs.get(template, ())


def set_current(changes: Changes | None) -> None:
    """Set the changes of the build under way (None: write everything)."""
    _current[0] = changes
    _unchanged_pages.clear()


_unchanged_pages: set[str] = set()


def note_unchanged_page(path: str) -> None:
    """Record that this build leaves the page at ``path`` as the last build
    wrote it, from the same inputs (a speed layer's writer)."""
    _unchanged_pages.add(str(path))


def unchanged_pages() -> frozenset[str]:
    """Return the pages this build left as the last build wrote them (by the
    path a writer names them): no ``content_written`` is sent for them."""
    return frozenset(_unchanged_pages)


def current() -> Changes | None:
    """Return this build's changes, or None when every group must be written."""
    return _current[0]


def post_key(post: Any) -> str | None:
    """Return a key that stays the same while ``post`` is described the same.

    Equal in two builds of one process only when the post's file, the registry
    entries it resolved to, the site stamp (settings, theme, glossary, photos,
    code) and every post's address are the same: what a plugin derives from
    the post alone (a search document, say) may then be kept from the last
    build. None when no speed layer tells (a full build): derive it again.
    """
    changes = _current[0]
    if changes is None:
        return None
    return changes.keys.get(getattr(post, "source_path", None))


def install_same_posts(
    same: Callable[[Any], bool] | None, kept: Callable[[Any], bool] | None = None
) -> None:
    """Let ``same`` tell which posts are as the last build derived them, and
    ``kept`` which posts the next build may take as they are."""
    _same_posts[0], _same_posts[1] = same, kept


def kept_post(post: Any) -> bool:
    """Tell whether the next build may take ``post`` (this very object) as it
    is: only then can ``same_post`` hold for it there. A post edited since the
    speed layer began keeping is made again in every build."""
    kept = _same_posts[1]
    return kept is not None and kept(post)


def same_post(post: Any) -> bool:
    """Tell whether ``post`` is the very object the last build derived from,
    with nothing it was derived from changed since.

    True in a ``make devserver`` rebuild for a post whose file (and, for a
    translation, its original's) is unchanged, when the settings, registries,
    photos, theme and code are too, and the last build ended well: what a
    plugin derived from the post alone and the registries (its resolution,
    its English, its photos' plan) is still true. What also depends on other
    posts (neighbours, a slug shared by two posts) is not covered. False when
    no speed layer tells (a full build): derive it again.
    """
    oracle = _same_posts[0]
    return oracle is not None and oracle(post)


def lists_unchanged() -> bool:
    """Return True when this build lists every post as the last build did.

    A partial build in which no post was added, removed, moved, regrouped or
    listed differently, and nothing site-wide changed: only bodies were
    edited. A page that shows posts only as lists show them (archives, topic
    pages) would come out as the last build wrote it, from the same inputs:
    its generator may leave it alone (its file and sitemap entry stay).
    """
    changes = _current[0]
    return changes is not None and not (
        changes.everything or changes.added or changes.listed
    )


def complete() -> bool:
    """Return True when this build writes every group (no group is left as was)."""
    return _current[0] is None or _current[0].everything


def added() -> bool:
    """Return True when a partial build adds a post (and so, files)."""
    return _current[0] is not None and _current[0].added


def install_skipper(skipper: FileSkipper | None) -> None:
    """Let ``skipper`` decide which feeds and files are left as they were."""
    _skipper[0] = skipper


def skipping(settings: dict) -> bool:
    """Return True when this build leaves unchanged files as they were."""
    return _skipper[0] is not None and _skipper[0].skipping(settings)


def builds_again(settings: dict) -> bool:
    """Return True when another build of this process may follow this one.

    Only a speed layer's rebuilds (``make devserver``) reuse what a build
    derived (``KeptFromLastBuild``); a one-off build (``make html``) keeps
    nothing for a next build that never comes.
    """
    return skipping(settings)


def unchanged_feed(settings: dict, path: str | Path, items, *parts) -> bool:
    """Return True when the feed at ``path`` would be written as before."""
    skipper = _skipper[0]
    return skipper is not None and skipper.unchanged_feed(settings, path, items, *parts)


def unchanged_text(settings: dict, path: str | Path, text_key: str) -> bool:
    """Return True when the file at ``path`` would be written from ``text_key``."""
    skipper = _skipper[0]
    return skipper is not None and skipper.unchanged_text(settings, path, text_key)


def keep(path: str | os.PathLike) -> None:
    """Claim a file this build leaves as it was (its times stay as they are).

    ``output_manifest`` tells this build's files by their change time; a file
    left as it was (an unchanged page, a cached photo) is claimed by moving
    its change time and nothing else.
    """
    if not complete():  # a partial devserver build: no claims are read
        return
    try:
        status = os.stat(path)
        os.utime(path, ns=(status.st_atime_ns, status.st_mtime_ns))
    except FileNotFoundError:
        pass


Value = TypeVar("Value")


class KeptFromLastBuild(Generic[Value]):
    """Values a build derived, kept for the next build of this process.

    ``make devserver`` builds again and again in one process: a value derived
    from something (a post's resolution, its search document) is taken from
    the last build when that something's ``key`` is the same (``same``,
    equality by default). A None key is never kept. Each ``start()`` begins a
    build: entries the last build did not ask for are dropped; ``made`` and
    ``reused`` count the build's values (tests, benchmarks). A build that no
    other build of its process follows (``make html``: ``start(keep=False)``)
    keeps nothing: its values would only lengthen its life and raise its peak.
    """

    def __init__(self, same: Callable[[Any, Any], bool] | None = None) -> None:
        self._same = same or (lambda last, key: last == key)
        self._before: dict[Any, tuple[Any, Value]] = {}
        self._now: dict[Any, tuple[Any, Value]] = {}
        self.made = 0
        self.reused = 0
        self.keeping = True

    def start(self, keep: bool = True) -> None:
        """Begin a build: the last build's entries are there to reuse.

        With ``keep`` False, this build's values are not kept for the next.
        """
        self._before, self._now = self._now, {}
        self.made = self.reused = 0
        self.keeping = keep

    def get(self, where: Any, key: Any, make: Callable[[], Value]) -> Value:
        """Return the last build's value at ``where`` for ``key``, else ``make()``."""
        last = self._before.get(where)
        if key is not None and last is not None and self._same(last[0], key):
            value = last[1]
            self.reused += 1
        else:
            value = make()
            self.made += 1
        if key is not None and self.keeping:
            self._now[where] = (key, value)
        return value

    def get_for(
        self, post: Any, where: Any, key: Callable[[], Any], make: Callable[[], Value]
    ) -> Value:
        """As ``get``, derived from ``post``: while ``same_post(post)`` holds,
        the last build's value at ``where`` is taken without computing ``key()``.
        """
        last = self._before.get(where)
        if last is not None and same_post(post):
            self.reused += 1
            if self.keeping:
                self._now[where] = last
            return last[1]
        return self.get(where, key(), make)

    def carry(self, where: Any) -> Value | None:
        """Return the last build's value at ``where`` (None if none), kept
        for the next build: the caller knows it still holds."""
        last = self._before.get(where)
        if last is None:
            return None
        self.reused += 1
        if self.keeping:
            self._now[where] = last
        return last[1]

    def get_if_same(self, post: Any, where: Any, make: Callable[[], Value]) -> Value:
        """Return the value derived from ``post`` at ``where``: this build's if
        it was derived already, else the last build's while ``same_post(post)``
        holds, else ``make()``'s. For values with no key cheaper than making
        them again; kept for the next build when ``kept_post(post)``.
        """
        known = self._now.get(where)
        if known is not None:
            return known[1]
        last = self._before.get(where)
        if last is not None and _carried_over(post):  # same, and kept: cheaper
            self.reused += 1
            if self.keeping:
                self._now[where] = last
            return last[1]
        if last is not None and same_post(post):
            value = last[1]
            self.reused += 1
        else:
            value = make()
            self.made += 1
        # only what a next build may take: a value holding a post made again
        # in each build would keep its last version alive for nothing
        if self.keeping and kept_post(post):
            self._now[where] = (None, value)
        return value

    def __len__(self) -> int:
        """Return how many values are kept for the next build."""
        return len(self._now)


class KeptWhilePostsAre(Generic[Value]):
    """A value derived from every post together, kept between builds of one
    process while each post's key and the other ``inputs`` are as they were.

    ``key_of(post)`` says what of a post the value depends on (its date and
    units, say); a post as the last build derived it (``same_post``) keeps its
    last key without computing it again. ``inputs`` are compared element by
    element: plain values (settings) by equality, objects by identity (a
    registry, the same object while its files are unchanged). ``reused`` tells
    whether this build took the last value.
    A build that no other follows (``keep`` False) keeps nothing.
    """

    def __init__(self, key_of: Callable[[Any], Any]) -> None:
        self._key_of = key_of
        self.forget()

    def forget(self) -> None:
        """Keep nothing from the builds so far."""
        self._keys: dict[Any, Any] = {}
        self._inputs: tuple | None = None
        self._value: Any = None
        self._referrers: dict[str, list[str]] | None = None
        self.reused = False
        self.fresh: list[str] = []

    def get(
        self, posts: Iterable[Any], inputs: tuple, make: Callable[[], Value], keep: bool
    ) -> Value:
        """Return the last build's value while it still holds, else ``make()``."""
        if not keep:
            self.forget()
            return make()
        keys = {}
        for post in posts:
            path = post.source_path
            key = (
                self._keys.get(path) if _carried_over(post) or same_post(post) else None
            )
            keys[path] = key if key is not None else self._key_of(post)
        last = self._inputs
        self.reused = (
            last is not None
            and len(last) == len(inputs)
            and all(map(_same_input, last, inputs))
            and keys == self._keys
        )
        if not self.reused:
            self._keys, self._inputs, self._value = keys, inputs, make()
            self._referrers = None
        self.fresh = list(keys)  # no post known as it was: every one
        return self._value

    def get_knowing(
        self,
        by_path: Mapping[str, Any],
        fresh: Collection[str],
        inputs: tuple,
        make: Callable[[], Value],
        keep: bool,
    ) -> Value:
        """As ``get``, in a build that tells which posts may have changed:
        each post of ``by_path`` (source path -> post) not named in ``fresh``
        is as the last build had it (its news carried over), so only the
        fresh posts' keys are worked out. ``self.fresh`` names them after the
        call (every post when the value was made again)."""
        self.fresh = [path for path in fresh if path in by_path]
        last = self._inputs
        if (
            keep
            and last is not None
            and len(by_path) == len(self._keys)
            and len(last) == len(inputs)
            and all(map(_same_input, last, inputs))
            and all(
                self._keys.get(path, _NO_KEY) == self._key_of(by_path[path])
                for path in self.fresh
            )
        ):
            self.reused = True
            return self._value
        return self.get(by_path.values(), inputs, make, keep)

    def referrers(self, named: Callable[[Value], Iterable[tuple[str, Iterable]]]):
        """Return, for the kept value, which posts name each post: ``named``
        yields each post's path with the paths its entry names. Worked out
        once per value."""
        if self._referrers is None:
            found: dict[str, list[str]] = {}
            for path, targets in named(self._value):
                for target in targets:
                    if target is not None:
                        found.setdefault(target, []).append(path)
            self._referrers = found
        return self._referrers

    def touched(self, named: Callable[[Value], Iterable[tuple[str, Iterable]]]):
        """Return the paths of the posts whose entry may show a fresh post:
        the fresh posts and those naming one (every post when the value was
        made again)."""
        if not self.reused:
            return None
        referrers = self.referrers(named)
        found = set(self.fresh)
        for path in self.fresh:
            found.update(referrers.get(path, ()))
        return found

    def to_set_again(
        self,
        by_path: Mapping[str, Any],
        named: Callable[[Value], Iterable[tuple[str, Iterable]]],
    ) -> list[Any]:
        """Return the posts of ``by_path`` whose entry a build sets again on
        them: those ``touched`` names, or every one when the value was made
        again (a post carried over keeps what the last build set)."""
        paths = self.touched(named)
        if paths is None:
            return list(by_path.values())
        return [by_path[path] for path in paths]


_NO_KEY = object()


def _carried_over(post: Any) -> bool:
    """Tell whether the build carried ``post``'s news over from the last
    (``NewsPost.carried_over``: it is as that build derived it, and kept)."""
    news = getattr(post, "news", None)
    return news is not None and news.carried_over


def _same_input(last: Any, now: Any) -> bool:
    """Tell whether an input is the last build's: the same object, or an equal
    plain value."""
    plain = (str, int, float, bool, tuple, frozenset, type(None))
    return last is now or (type(now) in plain and last == now)
