"""Index the archive by unit in one pass: own posts, roll-up, people, relations.

Every post is visited once. Its units' ancestors come from a per-unit cache of
``Registry.ancestors``, so the work grows with posts × units per post × depth,
never with posts × units in the registry.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from content_model.registry import PARTNER_KINDS, Registry, Unit
from newsroom.incremental import KeptFromLastBuild
from vietnamese import person_sort_key, sort_key


@dataclass(frozen=True)
class UnitPost:
    """A post as a unit's page lists it; ``via`` names the sub-units it came from."""

    post: Any
    via: tuple[Unit, ...] = ()


@dataclass(frozen=True)
class Appearance:
    """A person's latest appearance at a unit's events: the post and speaker index."""

    post: Any
    index: int

    @property
    def speaker(self) -> Any:
        """Return the speaker entry of this appearance."""
        return self.post.news.speakers[self.index]


@dataclass
class UnitNode:
    """A unit in the tree of every unit, with its post count and sub-units."""

    unit: Unit
    count: int
    children: list[UnitNode] = field(default_factory=list)


@dataclass(frozen=True)
class TreeRow:
    """A unit in the flattened tree: open a sub-list after it, or close levels."""

    unit: Unit
    count: int
    depth: int
    has_children: bool
    closes: int  # levels to close after this row when it has no children


def flatten_tree(roots: list[UnitNode]) -> list[TreeRow]:
    """Return the tree in reading order as rows a template nests with <ul>s.

    Flat rows keep the tree page describable by fast_build's page fingerprints
    (a nested tree is too deep for them), so ``make devserver`` skips it when
    nothing changed.
    """
    ordered: list[tuple[UnitNode, int]] = []
    stack = [(node, 0) for node in reversed(roots)]
    while stack:
        node, depth = stack.pop()
        ordered.append((node, depth))
        stack.extend((child, depth + 1) for child in reversed(node.children))
    rows = []
    for position, (node, depth) in enumerate(ordered):
        following = ordered[position + 1][1] if position + 1 < len(ordered) else 0
        rows.append(
            TreeRow(
                node.unit,
                node.count,
                depth,
                bool(node.children),
                0 if node.children else depth - following,
            )
        )
    return rows


@dataclass
class UnitIndex:
    """Posts by unit (newest first), with roll-up to every ancestor."""

    registry: Registry
    posts: dict[str, list[UnitPost]] = field(default_factory=dict)
    direct: dict[str, list[Any]] = field(default_factory=dict)
    people: dict[str, dict[str, Appearance]] = field(default_factory=dict)

    def count(self, key: str) -> int:
        """Return how many posts unit ``key`` lists, its sub-units' included."""
        return len(self.posts.get(key, ()))

    def has_page(self, key: str) -> bool:
        """Return whether unit ``key`` gets a page (it lists at least one post)."""
        return key in self.posts

    def months(self, key: str) -> Counter[tuple[int, int]]:
        """Return the number of posts unit ``key`` lists per (year, month)."""
        return Counter((e.post.date.year, e.post.date.month) for e in self.posts[key])

    def years(self, key: str) -> dict[int, list[UnitPost]]:
        """Return the posts of unit ``key`` by year, newest year first."""
        by_year: dict[int, list[UnitPost]] = {}
        for entry in self.posts.get(key, ()):
            by_year.setdefault(entry.post.date.year, []).append(entry)
        return by_year

    def sub_units(self, key: str, lang: str) -> list[UnitNode]:
        """Return the direct sub-units of ``key`` that have a page, by name.

        A unit without a published post (of its own or a sub-unit's) is not
        public: a unit added only for a draft must not be named.
        """
        children = self.registry.children(key)
        nodes = [
            UnitNode(unit, self.count(unit.key))
            for unit in children
            if self.has_page(unit.key)
        ]
        return sorted(nodes, key=lambda n: sort_key(n.unit.display_name(lang)))

    def appearances(self, key: str) -> list[Appearance]:
        """Return who appeared at unit ``key``'s events or spoke for it, by name."""
        found = self.people.get(key, {}).values()
        return sorted(found, key=lambda a: person_sort_key(a.speaker.person.name))

    def tree(self, lang: str) -> list[UnitNode]:
        """Return the units that have a page as a tree by parent, siblings by name.

        A unit has a page when it or a sub-unit has a published post; its
        parents then have one too (posts roll up), so the tree stays whole.
        Partners (Party bodies, agencies…) are not Đoàn units: see ``partners``.
        """
        nodes = {
            key: UnitNode(unit, self.count(key))
            for key, unit in self.registry.units.items()
            if self.has_page(key) and not unit.is_partner
        }
        roots = []
        for key, node in nodes.items():
            parent = node.unit.parent
            if parent in nodes and parent != key:
                nodes[parent].children.append(node)
            else:
                roots.append(node)

        def order(level: list[UnitNode]) -> list[UnitNode]:
            level.sort(key=lambda n: sort_key(n.unit.display_name(lang)))
            for node in level:
                order(node.children)
            return level

        return order(roots)

    def partners(self, lang: str) -> list[UnitNode]:
        """Return the partner bodies that have a page, by kind then name."""
        nodes = [
            UnitNode(unit, self.count(key))
            for key, unit in self.registry.units.items()
            if unit.is_partner and self.has_page(key)
        ]
        return sorted(
            nodes,
            key=lambda n: (
                PARTNER_KINDS.index(n.unit.kind),
                sort_key(n.unit.display_name(lang)),
            ),
        )


def newest_first(posts: Iterable[Any]) -> list[Any]:
    """Return the posts newest first (ties by slug, for a stable order)."""
    return sorted(posts, key=lambda p: (p.date, p.slug), reverse=True)


#: Each post's entries in the index, kept for the next devserver build: a post
#: as the last build had it (``newsroom.incremental.same_post``: its file,
#: the registry and settings unchanged) is filed as it was.
_entries: KeptFromLastBuild[tuple] = KeptFromLastBuild()


def build_unit_index(
    posts: Iterable[Any], registry: Registry, keep: bool = False
) -> UnitIndex:
    """Index ``posts`` by unit in one pass; each list ends up newest first.

    With ``keep`` (``make devserver``), each post's entries are kept for the
    next build.
    """
    index = UnitIndex(registry)
    rolled: defaultdict[str, list[UnitPost]] = defaultdict(list)
    direct: defaultdict[str, list[Any]] = defaultdict(list)
    people: defaultdict[str, dict[str, Appearance]] = defaultdict(dict)
    chains: dict[str, tuple[str, ...]] = {}

    def chain(key: str) -> tuple[str, ...]:
        if key not in chains:
            chains[key] = tuple(u.key for u in registry.ancestors(key))
        return chains[key]

    _entries.start(keep)
    for post in newest_first(posts):
        if keep:
            named, listed, appearances = _entries.get_if_same(
                post,
                post.source_path,
                lambda post=post: _post_entries(post, registry, chain),
            )
        else:
            named, listed, appearances = _post_entries(post, registry, chain)
        for key in named:
            direct[key].append(post)
        for key, entry in listed:
            rolled[key].append(entry)
        for key, person, appearance in appearances:
            people[key].setdefault(person, appearance)
    index.posts = dict(rolled)
    index.direct = dict(direct)
    index.people = dict(people)
    return index


def _post_entries(post: Any, registry: Registry, chain) -> tuple:
    """Return where a post is filed: the units it names, its entries in each
    unit's list (with the sub-units it came from), and its speakers'
    appearances by unit."""
    named = list(dict.fromkeys(u.key for u in post.news.units))
    named_set = set(named)
    listed = [(key, UnitPost(post)) for key in named]
    via: dict[str, list[str]] = {}
    for key in named:
        for ancestor in chain(key):
            if ancestor not in named_set:
                via.setdefault(ancestor, []).append(key)
    # The content model files the post under the units that took over from
    # its units too (CONTENT_MODEL_FOLLOW_UNIT_HISTORY), and their parents.
    for key in getattr(post.news, "filed_under", ()):
        if key not in named_set and key not in via and key in registry.units:
            via[key] = [k for k in named if key in registry.filed_under([k])] or named
    for ancestor, keys in via.items():
        listed.append((ancestor, UnitPost(post, _topmost(keys, chain, registry))))
    appearances = []
    for position, speaker in enumerate(post.news.speakers):
        # At a unit's events: the posts naming it, and wherever the speaker
        # spoke for it (so a provincial leader's latest role shows there).
        here = [*named, speaker.unit.key] if speaker.unit else named
        for key in here:
            appearances.append((key, speaker.person.key, Appearance(post, position)))
    return tuple(named), tuple(listed), tuple(appearances)


def _topmost(keys: Sequence[str], chain, registry: Registry) -> tuple[Unit, ...]:
    """Return the units among ``keys`` that have no ancestor among ``keys``."""
    wanted = set(keys)
    return tuple(
        registry.units[key]
        for key in keys
        if not any(ancestor in wanted for ancestor in chain(key))
    )


def related_key(post: Any) -> tuple:
    """Return what decides the posts that share a unit with ``post`` and
    where it stands among them: its date, slug and units."""
    return (post.date, post.slug, tuple(unit.key for unit in post.news.units))


def related_posts(post: Any, index: UnitIndex, count: int) -> list[Any]:
    """Return up to ``count`` other posts sharing a unit with ``post``, newest first."""
    seen = {id(post)}
    found: list[Any] = []
    for unit in post.news.units:
        taken = 0
        for other in index.direct.get(unit.key, ()):
            if taken == count:
                break
            if id(other) in seen:
                continue
            seen.add(id(other))
            found.append(other)
            taken += 1
    return newest_first(found)[:count]
