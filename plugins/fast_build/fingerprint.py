"""Fingerprints of pages: what a page shows, reduced to a short hash.

A page's fingerprint combines a site stamp (settings file, theme, glossary,
photos, plugin code: anything that can change every page) with the values
given to that page's template that differ from the shared context: the post
itself in full (its body included), and for the lists it shows, each post's
listing signature (title, date, summary, front matter), which does not change
when only a body is edited. Units and people are described by their
registry entries (name, English name, parent, ...), not by the registry
files: renaming a unit re-renders only the pages that show it. An object we
cannot describe makes the page render every time: never a stale page.
"""

from __future__ import annotations

import fnmatch
import hashlib
import logging
import os
from dataclasses import fields, is_dataclass
from pathlib import Path

from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

from content_model.registry import Person, Unit

logger = logging.getLogger(__name__)
_UNKNOWN = object()
_PLAIN_TYPES = frozenset({str, int, float, bool, type(None)})
_MAIN_KEYS = ("article", "page")
_REGISTRY_ENTRIES = (Unit, Person)
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # dataclass -> its field names
#: Registry files whose entries are described where a page shows them (see
#: ``_value``), so they stay out of the site stamp; ``registry_stamp`` has them.
ENTRY_FILES = ("units.yml", "people.yml")
#: What a post's ``news`` holds that lists show besides its front matter: the
#: registry entries it was resolved to, the roles composed from them and the
#: units it is filed under (parents and successors: the registry's tree).
_RESOLVED = ("units", "speakers", "event", "filed_under")


#: (site, registries, post file) -> description of what the post resolved to,
#: for the last build and this one (see ``Fingerprinter._resolved``).
class _TwoBuilds:
    """A memo's entries of the last build (``before``) and of this one."""

    def __init__(self) -> None:
        self.before: dict = {}
        self.now: dict = {}

    def turn(self) -> None:
        """A build starts: this build's entries are the last build's now."""
        self.before, self.now = self.now, {}


_RESOLVED_DESCRIPTIONS = _TwoBuilds()
#: post file -> (front matter, body, plain facts, description) of what the
#: post's file says, for the last build and this one (``Fingerprinter._written``).
_WRITTEN = _TwoBuilds()
#: This build's posts described from their files, and descriptions reused.
written_counts = {"described": 0, "reused": 0}


def _file_stamps(
    root: Path, patterns: tuple[str, ...], skip: set[Path] = frozenset()
) -> list[str]:
    """Return "path:mtime:size" of the files under ``root`` that ``patterns``
    name: ``folder/*`` (its files), ``folder/**/*.ext`` (every file below it,
    ending so), ``*/*.py`` (in each folder under ``root``), a plain name.

    Walked with ``os.scandir`` on strings: ``Path.glob`` and ``Path.stat``
    took 40 ms a build for the theme, the photos and the code.
    """
    skipped = {str(path) for path in skip}
    stamps = []
    for pattern in patterns:
        found: list[tuple[str, os.stat_result]] = []
        _match(str(root), pattern.split("/"), found)
        for path, status in sorted(found):
            if path not in skipped:
                stamps.append(f"{path}:{status.st_mtime_ns}:{status.st_size}")
    return stamps


def _match(folder: str, parts: list[str], found: list) -> None:
    """Add the files under ``folder`` that the pattern ``parts`` names."""
    head, rest = parts[0], parts[1:]
    if head == "**":  # this folder and every folder under it (links followed)
        _match(folder, rest, found)
        for entry in _entries(folder):
            if _is(entry, folder=True):
                _match(entry.path, parts, found)
        return
    for entry in _entries(folder):
        if not fnmatch.fnmatchcase(entry.name, head):
            continue
        if rest:
            if _is(entry, folder=True):
                _match(entry.path, rest, found)
        elif _is(entry, folder=False):
            found.append((entry.path, entry.stat()))


def _entries(folder: str) -> list[os.DirEntry]:
    try:
        with os.scandir(folder) as entries:
            return list(entries)
    except OSError:
        return []


def _is(entry: os.DirEntry, folder: bool) -> bool:
    try:
        return entry.is_dir() if folder else entry.is_file()
    except OSError:
        return False


def stable_repr(value) -> str:
    """Return a repr that is the same in every process and every settings read.

    Sets are sorted, and an object shown only by its address (a cache object
    in the settings, say) by its type.
    """
    if isinstance(value, (set, frozenset)):
        return "{" + ", ".join(sorted(map(stable_repr, value))) + "}"
    if isinstance(value, dict):
        items = sorted((stable_repr(k), stable_repr(v)) for k, v in value.items())
        return "{" + ", ".join(f"{k}: {v}" for k, v in items) + "}"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(stable_repr, value)) + "]"
    if type(value).__repr__ is object.__repr__:
        return f"<{type(value).__module__}.{type(value).__qualname__}>"
    return repr(value)


def site_stamp(settings: dict) -> str:
    """Hash everything outside the posts that every page may depend on."""
    content = Path(settings["PATH"])
    theme = Path(settings["THEME"])
    here = Path(__file__).resolve().parent.parent
    entries = {content / "data" / name for name in ENTRY_FILES}
    parts = _file_stamps(content, ("data/*", "photos/**/*"), skip=entries)
    parts += _file_stamps(theme, ("templates/**/*", "translations/**/*.po"))
    parts += _file_stamps(here, ("*/*.py",))
    parts.append(
        repr(
            sorted(
                (k, stable_repr(v))
                for k, v in settings.items()
                if k.isupper()
                and not callable(v)
                and k != "JINJA_GLOBALS"
                and k != "JINJA_FILTERS"
            )
        )
    )
    return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()


def registry_stamp(settings: dict) -> str:
    """Hash the unit and people registries' files (kept out of the site stamp)."""
    data = Path(settings["PATH"]) / "data"
    return "\n".join(_file_stamps(data, ENTRY_FILES))


def _summary(content: Content) -> str:
    """Return the summary Pelican shows for ``content`` (cut from its body)."""
    return str(getattr(content, "summary", ""))


def _card(content: Content) -> str:
    """Describe the photo a post's cards show (its lead photo, else its first
    body image: a body edit may change it). Its variants follow from its file
    and the settings, both in the site stamp."""
    card = getattr(getattr(content, "news", None), "card_photo", None)
    if card is None:
        return ""
    shown = (card.result.source, bool(card.result.cards), card.alt, card.alt_lang)
    return repr((*shown, card.caption, card.caption_lang, card.title))


class Fingerprinter:
    """Compute page fingerprints for one build, memoising shared values."""

    def __init__(
        self, settings: dict, site: str | None = None, registry: str | None = None
    ):
        self.site = site if site is not None else site_stamp(settings)
        self.registry = registry if registry is not None else registry_stamp(settings)
        # The last build's descriptions of resolved posts stay for this one.
        _RESOLVED_DESCRIPTIONS.turn()
        _WRITTEN.turn()
        written_counts.update(described=0, reused=0)
        # id -> (the object, its description): holding the object keeps its id
        # from being reused by a later object while this build runs.
        self._memo: dict[object, tuple[object, str]] = {}

    def contents(self, items) -> str:
        """Return the fingerprint of posts shown in full (a feed's entries)."""
        parts = [self.site]
        for item in items:
            post = getattr(item, "post", item)  # a ListedPost shows its post
            parts.append(f"{getattr(item, 'lang', '')}:{self._main(post)}")
        return hashlib.blake2b("\n".join(parts).encode(), digest_size=16).hexdigest()

    def call(self, template: str, args: tuple, kwargs: dict) -> str:
        """Return the fingerprint of one ``write_file`` call's own inputs.

        The writer keeps it by each page's output path (one per pagination
        page), which stands for the page's number.
        """
        digest = hashlib.blake2b(f"{self.site}:{template}".encode(), digest_size=16)
        for index, value in enumerate(args):
            described = self._value(value, 0)
            if described is _UNKNOWN:
                return os.urandom(16).hex()
            digest.update(f"{index}={described};".encode())
        for key in sorted(kwargs):
            value = kwargs[key]
            described = (
                self._main(value) if key in _MAIN_KEYS else self._value(value, 0)
            )
            if described is _UNKNOWN:
                logger.debug(
                    "Cannot fingerprint %r (%s): the page is rendered again",
                    key,
                    type(value).__name__,
                )
                return os.urandom(16).hex()  # cannot tell: render it again
            digest.update(f"{key}={described};".encode())
        return digest.hexdigest()

    def _main(self, content) -> object:
        """Describe the page's own post fully: its body and its neighbours."""
        if not isinstance(content, Content):
            return self._value(content, 0)
        key = ("main", id(content))
        if key in self._memo:
            return self._memo[key][1]
        # The body by Python's own string hash: computed once per string and
        # kept on it, and these fingerprints never leave this process.
        body = content._content or ""
        parts = [self._listing(content), f"{len(body)}:{hash(body)}"]
        # Pelican's links (translations) and the typed post's (older, newer,
        # more_from_unit, original): a neighbour's title shows on the page.
        news = vars(content.news) if hasattr(content, "news") else {}
        linked = {**vars(content), **{f"news.{k}": v for k, v in news.items()}}
        for name, value in sorted(linked.items()):
            if isinstance(value, Content) or (
                isinstance(value, (list, tuple))
                and value
                and isinstance(value[0], Content)
            ):
                linked_posts = value if isinstance(value, (list, tuple)) else [value]
                parts.append(f"{name}:{[self._link(post) for post in linked_posts]}")
        described = hashlib.blake2b("\n".join(map(str, parts)).encode()).hexdigest()
        self._memo[key] = content, described
        return described

    def _link(self, content) -> object:
        """Describe a post a page links to: its file, title, date and language.

        Its address follows from those (a post given another address
        rewrites everything, see ``changes``): computing it here would format
        Pelican's URL settings again for every link.
        """
        if not isinstance(content, Content):
            return self._value(content, 1)
        key = ("link", id(content))
        if key not in self._memo:
            link = (content.source_path, str(getattr(content, "title", "")))
            link += (str(getattr(content, "date", "")), getattr(content, "lang", ""))
            self._memo[key] = content, repr(link)
        return self._memo[key][1]

    def listing_known(self, content: Content, listing: str) -> None:
        """Take ``content``'s listing as the last build described it (a post
        that is as that build derived it: ``changes``)."""
        self._memo[id(content)] = content, listing

    def _listing(self, content: Content) -> str:
        """Describe a post as lists show it: everything but its body (its card
        photo too)."""
        key = id(content)
        if key not in self._memo:
            written = self._written(content)
            resolved = self._resolved(content, written)
            card = _card(content)
            self._memo[key] = (
                content,
                hashlib.blake2b(
                    f"{written}:{resolved}:{card}".encode(), digest_size=12
                ).hexdigest(),
            )
        return self._memo[key][1]

    def _written(self, content: Content) -> str:
        """Describe what a post's file says that lists show (front matter too).

        The read cache gives an unchanged file's front matter and body back as
        the same objects: with the same title, date, summary and translations
        (and site stamp), the last build's description is reused.
        """
        key = ("written", id(content))
        if key not in self._memo:
            metadata = content.metadata
            front = metadata.get("frontmatter")
            summary = metadata.get("summary")
            # the summary lists show: the post's own, or the one Pelican cuts
            # from the start of the body (which then counts)
            body = None if summary else content._content
            plain = (
                self.site,
                str(getattr(content, "title", "")),
                str(getattr(content, "date", "")),
                summary,
                [t.lang for t in getattr(content, "translations", [])],
            )
            path = content.source_path
            last = _WRITTEN.before.get(path)
            if (
                last is not None
                and front is not None
                and last[0] is front
                and last[1] is body
                and last[2] == plain
            ):
                written = last[3]
                written_counts["reused"] += 1
            else:
                written_counts["described"] += 1
                written = repr(
                    (
                        path,
                        plain[1],
                        plain[2],
                        summary or _summary(content),
                        repr(front),
                        plain[4],
                    )
                )
            _WRITTEN.now[path] = (front, body, plain, written)
            self._memo[key] = content, written
        return self._memo[key][1]

    def _resolved(self, content: Content, written: str) -> str | None:
        """Describe the units, people and roles a post was resolved to.

        Their frozen dataclasses' repr holds every field (registry entries in
        full). They follow from the post's file (and its original's), the
        registries and the site stamp (glossary, settings, code): while those
        stay the same, the last build's description is reused.
        """
        news = getattr(content, "news", None)
        if news is None:
            return None
        original = getattr(news, "original", None)
        key = (self.site, self.registry, written)
        if isinstance(original, Content):
            key += (self._written(original),)
        described = _RESOLVED_DESCRIPTIONS.before.get(key)
        if described is None:
            resolved = repr(tuple(getattr(news, name, None) for name in _RESOLVED))
            described = hashlib.blake2b(resolved.encode(), digest_size=12).hexdigest()
        _RESOLVED_DESCRIPTIONS.now[key] = described
        return described

    def _entry(self, entry: Unit | Person) -> str:
        """Describe a registry entry by what it holds (its key stays first)."""
        digest = hashlib.blake2b(repr(entry).encode(), digest_size=8).hexdigest()
        return f"{type(entry).__name__}:{entry.key}:{digest}"

    def _items(self, values, depth: int) -> list:
        """Describe each of ``values`` as ``_value`` does, plain ones inline.

        Lists hold thousands of texts, numbers and posts: describing those
        here saves a call each (the results are ``_value``'s own).
        """
        plain, listing, value_of = _PLAIN_TYPES, self._listing, self._value
        posts = depth <= 6  # deeper, ``_value`` gives up on any object
        items = []
        for item in values:
            if type(item) in plain:
                items.append(repr(item))
            elif posts and isinstance(item, Content):
                items.append(listing(item))
            else:
                items.append(value_of(item, depth))
        return items

    def _value(self, value, depth: int) -> object:
        """Describe any template value; _UNKNOWN when we cannot."""
        if value is None or isinstance(value, (str, int, float, bool)):
            return repr(value)
        if depth > 6:
            return _UNKNOWN
        if isinstance(value, Content):
            return self._listing(value)
        key = id(value)
        if key in self._memo:
            return self._memo[key][1]
        if isinstance(value, (list, tuple, set, frozenset)):
            items = self._items(value, depth + 1)
            if _UNKNOWN in items:
                return _UNKNOWN
            if isinstance(value, (set, frozenset)):
                items.sort()
            described = hashlib.blake2b(repr(items).encode()).hexdigest()
        elif isinstance(value, dict):
            items = [(repr(k), self._value(v, depth + 1)) for k, v in value.items()]
            if any(v is _UNKNOWN for _, v in items):
                return _UNKNOWN
            described = repr(sorted(items))
        elif isinstance(value, URLWrapper):  # a tag, category or author
            described = f"{type(value).__name__}:{value.name}"
        elif isinstance(value, _REGISTRY_ENTRIES):
            described = self._entry(value)  # a unit or person, as the registry has it
        elif is_dataclass(value):
            cls = type(value)
            names = _FIELD_NAMES.get(cls)
            if names is None:
                names = _FIELD_NAMES[cls] = tuple(f.name for f in fields(value))
            items = self._items([getattr(value, name) for name in names], depth + 1)
            if _UNKNOWN in items:
                return _UNKNOWN
            described = f"{cls.__name__}{items}"
        elif hasattr(value, "object_list") and hasattr(value, "number"):
            listed = self._value(value.object_list, depth + 1)  # a Pelican Page
            described = (
                _UNKNOWN if listed is _UNKNOWN else f"page{value.number}:{listed}"
            )
        elif hasattr(value, "object_list") and hasattr(value, "num_pages"):
            listed = self._value(value.object_list, depth + 1)  # a Paginator
            described = (
                _UNKNOWN if listed is _UNKNOWN else f"pages{value.num_pages}:{listed}"
            )
        elif hasattr(value, "isoformat"):
            described = value.isoformat()
        else:
            return _UNKNOWN
        # memoise only values that live for the whole build (shared lists)
        self._memo[key] = value, described
        return described
