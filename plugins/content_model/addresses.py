"""Output addresses: every path of the site has one owner.

Posts, pages and drafts claim the path Pelican saves them to. Generated pages
(search, units, people, archives, feeds, sitemap, photos, theme files…) are
reserved by the plugins that write them, derived from their URL settings and
sent through the ``reserved_addresses`` signal, so ``make check`` knows them
without rendering anything. A post or page is refused when its address is
already another's, lies in a folder another owner writes into, or is a folder
holding another owner's files (a page ``2020`` above the posts of 2020).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from itertools import groupby
from operator import attrgetter
from typing import Any

from blinker import signal
from pelican.contents import Page

from newsroom.i18n import every_content
from newsroom.incremental import KeptFromLastBuild, builds_again
from newsroom.messages import Message

from .problems import Problem

#: Sent with the settings (``make check`` and the build alike); each receiver
#: returns the ``Reservation`` list of what its plugin writes.
reserved_addresses = signal("content_model_reserved_addresses")

# What a placeholder of a URL pattern can stand for (one folder name otherwise).
PLACEHOLDER_PATTERNS = {"%Y": r"\d{4}", "%m": r"\d{2}", "%d": r"\d{2}"}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
# Pelican's own lists and feeds (``""`` or None where this site has none).
PELICAN_OUTPUTS = re.compile(
    r"(CATEGORY|CATEGORIES|TAG|TAGS|AUTHOR|AUTHORS|ARCHIVES|YEAR_ARCHIVE|"
    r"MONTH_ARCHIVE|DAY_ARCHIVE)_SAVE_AS|(\w+_)?FEED_(ALL_)?(ATOM|RSS)"
)


def is_written(content: Any) -> bool:
    """Tell whether this build writes ``content`` (a post or page) to the site.

    Pelican skips content whose ``save_as`` is empty: drafts in a publish
    build (``DRAFT_SAVE_AS = ""``). What such content uses (photos, people,
    units) must then leave no trace in the site either.
    """
    return bool(getattr(content, "save_as", ""))


def shown(path: str) -> str:
    """Return a saved path as readers type it: ``a/index.html`` is ``/a/``."""
    if path == "index.html" or path.endswith("/index.html"):
        path = path[: -len("index.html")]
    return "/" + path


@dataclass(frozen=True)
class Reservation:
    """A path a generator writes: one file, or a whole folder (``path`` ends in /).

    ``path`` is site-relative and may hold URL-pattern placeholders
    (``don-vi/{key}/``, ``{date:%Y}/{date:%m}/{slug}/index.html``): each
    stands for one folder name (four digits for ``%Y``, two for ``%m``).
    ``exempt`` names the kind of content allowed there (posts in their own
    pattern).
    """

    path: str
    owner: str
    exempt: str = ""

    @property
    def folder(self) -> bool:
        """Tell whether the owner writes everything under ``path``."""
        return self.path.endswith("/")

    @cached_property
    def _levels(self) -> list[str]:
        """Return the regular expression of each level: folders end with "/"."""
        levels = self.path.lstrip("/").split("/")
        parts = [_regex(level) + "/" for level in levels[:-1]]
        return parts + ([_regex(levels[-1])] if levels[-1] else [])

    @cached_property
    def _whole(self) -> re.Pattern:
        """Return the expression of the path (of its start, for a folder)."""
        return re.compile("".join(self._levels))

    @cached_property
    def _folders(self) -> list[re.Pattern]:
        """Return the expressions of the folders the path goes through."""
        return [
            re.compile("".join(self._levels[: depth + 1]))
            for depth, level in enumerate(self._levels)
            if level.endswith("/")
        ]

    @property
    def top(self) -> str | None:
        """Return the path's first folder (or file) name; None if it varies."""
        level = self.path.lstrip("/").split("/")[0]
        return None if PLACEHOLDER.search(level) else level

    def covers(self, path: str) -> bool:
        """Tell whether the owner writes ``path`` (it is the file, or in the folder)."""
        if self.folder:
            return self._whole.match(path) is not None
        return self._whole.fullmatch(path) is not None

    def has_folder(self, folder: str) -> bool:
        """Tell whether ``folder`` (``a/b/``) holds part of what the owner writes."""
        return any(pattern.fullmatch(folder) for pattern in self._folders)


def per_language_reservations(
    *owned: tuple[dict[str, str], Message],
) -> list[Reservation]:
    """Return a reservation of each language's pattern of every ``(patterns,
    owner)`` pair: what a generator of per-language URL settings owns."""
    return [
        Reservation(patterns[lang], owner)
        for patterns, owner in owned
        for lang in patterns
    ]


def _regex(level: str) -> str:
    """Return the regular expression of one level of a URL pattern."""
    pattern, end = "", 0
    for found in PLACEHOLDER.finditer(level):
        pattern += re.escape(level[end : found.start()])
        spec = found.group()[1:-1].partition(":")[2]
        pattern += PLACEHOLDER_PATTERNS.get(spec, r"[^/]+")
        end = found.end()
    return pattern + re.escape(level[end:])


def pelican_reservations(
    settings: dict, languages: Iterable[str] = ()
) -> list[Reservation]:
    """Return what Pelican itself writes besides posts and pages.

    The direct and template pages (the home page) with their pagination,
    feeds, lists Pelican would make, the theme's static files, the site's
    static folders, and the posts' URL patterns in each of ``languages`` (a
    page may not sit on a folder of the posts, such as ``/2020/``).
    """
    found = []
    for name in settings.get("DIRECT_TEMPLATES", ()):
        path = settings.get(f"{name.upper()}_SAVE_AS", f"{name}.html")
        if not path:
            continue
        owner = (
            Message("the home page")
            if name == "index"
            else Message("the %(name)s page", name=name)
        )
        found.append(Reservation(path, owner))
        found += [Reservation(page, owner) for page in pagination_paths(settings, path)]
    for source, path in (settings.get("TEMPLATE_PAGES") or {}).items():
        found.append(
            Reservation(path, Message("the template page %(source)s", source=source))
        )
    for name, value in sorted(settings.items()):
        if value and isinstance(value, str) and PELICAN_OUTPUTS.fullmatch(name):
            found.append(Reservation(value, Message("Pelican's %(name)s", name=name)))
    theme = settings.get("THEME_STATIC_DIR", "theme")
    found.append(Reservation(f"{theme.strip('/')}/", Message("the theme's files")))
    for folder in settings.get("STATIC_PATHS", ()):
        found.append(Reservation(f"{folder.strip('/')}/", Message("the static files")))
    for source, values in (settings.get("EXTRA_PATH_METADATA") or {}).items():
        target = values.get("save_as") or values.get("path")
        if target:
            found.append(
                Reservation(
                    target, Message("the static file %(source)s", source=source)
                )
            )
    for name in ("ARTICLE_SAVE_AS", "ARTICLE_LANG_SAVE_AS"):
        pattern = settings.get(name) or ""
        for lang in sorted(set(languages)) if "{lang}" in pattern else [None]:
            folder = posts_folder(pattern.replace("{lang}", lang or "{lang}"))
            if folder:
                found.append(Reservation(folder, "the posts", exempt="post"))
    return found


def posts_folder(pattern: str) -> str:
    """Return the folders of a post URL pattern that do not depend on the post.

    ``{date:%Y}/{date:%m}/{slug}/index.html`` gives ``{date:%Y}/{date:%m}/``:
    every year and month folder holds posts; ``{slug}/index.html`` gives "".
    """
    kept = ""
    for level in pattern.split("/")[:-1]:
        fields = [found.group() for found in PLACEHOLDER.finditer(level)]
        if any(not field.startswith("{date:") for field in fields):
            break
        kept += level + "/"
    return kept


def pagination_paths(
    settings: dict, path: str, patterns: Iterable | None = None
) -> list[str]:
    """Return the patterns of the later pages of a list saved at ``path``."""
    folder, _, name = path.rpartition("/")
    base = folder if name in ("index.html", "index.htm") else path.rsplit(".", 1)[0]
    found = []
    for rule in patterns or settings.get("PAGINATION_PATTERNS", ()):
        minimum, pattern = rule[0], rule[2]
        if int(minimum) < 2:
            continue
        page = pattern.replace("{base_name}", base).replace("{save_as}", path)
        found.append(page.lstrip("/"))
    return found


def reservations(settings: dict, languages: Iterable[str] = ()) -> list[Reservation]:
    """Return every path the build's generators write, from the settings alone."""
    found = pelican_reservations(settings, languages)
    for _receiver, declared in reserved_addresses.send(settings):
        found += declared or []
    return found


@dataclass(slots=True)
class Claim:
    """A post or page and the path it is saved to.

    ``label`` and ``where`` (the file, line and key its problems are shown
    at) are worked out once (``claims``): every build checks every claim.
    """

    content: Any
    path: str
    label: str  # how problems name the file (``pages/tim-kiem.md``)
    where: tuple[str, int, str]
    kind: str = "post"  # or "page"
    key: tuple = ()  # what its problems follow from: path, kind, where
    lang: str = ""  # the content's language

    def __post_init__(self) -> None:
        self.kind = "page" if isinstance(self.content, Page) else "post"
        self.key = (self.path, self.kind, self.where)
        self.lang = getattr(self.content, "lang", None) or ""

    def problem(self, message: Message) -> Problem:
        """Return an error at the key the address comes from (slug, else title)."""
        return Problem(*self.where, message)


def _claim(content: Any) -> Claim | None:
    """Return what ``content`` claims: None when the build does not write it."""
    if not is_written(content):
        return None
    path = str(content.save_as).replace("\\", "/").lstrip("/")
    metadata = content.metadata
    label = metadata.get("source_label", content.source_path)
    key = "slug" if "slug" in metadata.get("frontmatter", {}) else "title"
    line = metadata.get("frontmatter_lines", {}).get((key,), 1)
    return Claim(content, path, label, (label, line, key))


#: Each post's claim, kept for the next ``make devserver`` build: a post as
#: the last build had it (``newsroom.incremental.same_post``) claims the same.
_claims: KeptFromLastBuild[Claim | None] = KeptFromLastBuild()


def claims(generators: Iterable[Any], keep: bool = False) -> list[Claim]:
    """Return the path of every post and page the build writes.

    With ``keep`` (a build another follows), each claim is kept for the next.
    """
    _claims.start(keep)
    found: dict[int, Claim] = {}
    for generator in generators:
        for content in every_content(generator):
            if id(content) in found:
                continue
            claim = (
                _claims.get_if_same(
                    content, content.source_path, lambda c=content: _claim(c)
                )
                if keep
                else _claim(content)
            )
            if claim is not None:
                found[id(content)] = claim
    return sorted(found.values(), key=lambda claim: (claim.path, claim.label))


#: The last build's reservations, and the problems of each claim checked
#: against them (``address_problems``).
_checked: dict[str, object] = {"reserved": None, "claims": {}}


def address_problems(generators: Iterable[Any], settings: dict) -> list[Problem]:
    """Return an error for every path claimed twice, naming both owners."""
    found = claims(generators, keep=builds_again(settings))
    languages = {settings.get("DEFAULT_LANG", "en")}
    languages.update(map(attrgetter("lang"), found))
    reserved = reservations(settings, languages - {""})
    # make devserver: a claim checked against the same reservations last build
    # (same path, kind, file and line) has the same problems.
    if _checked["reserved"] != reserved:
        _checked.update(reserved=reserved, claims={})
    before: dict[tuple, list[Problem]] = _checked["claims"]  # type: ignore[assignment]
    now: dict[tuple, list[Problem]] = {}
    # By first folder: a path is only compared with what shares its start.
    by_top: dict[str | None, list[Reservation]] = {}
    for reservation in reserved:
        by_top.setdefault(reservation.top, []).append(reservation)
    problems = []
    for claim in found:
        key = claim.key
        checked = before.get(key)
        if checked is None:
            near = by_top.get(claim.path.split("/")[0], []) + by_top.get(None, [])
            checked = _against_reserved(claim, near)
        now[key] = checked
        problems += checked
    _checked["claims"] = now
    for path, group in _shared_paths(found):
        if _reported_as_one_slug(group):
            continue
        for claim in group:
            others = ", ".join(other.label for other in group if other is not claim)
            problems.append(
                claim.problem(
                    Message(
                        "the address %(address)s is also claimed by %(others)s; "
                        "choose another slug",
                        address=shown(path),
                        others=others,
                    )
                )
            )
    return problems


def _shared_paths(found: list[Claim]) -> Iterator[tuple[str, list[Claim]]]:
    """Yield each path two or more claims share, with them (``found`` is
    sorted by path: they are next to each other)."""
    paths = [claim.path for claim in found]
    if len(set(paths)) == len(paths):
        return  # most builds: nothing to group
    for path, group in groupby(found, key=attrgetter("path")):
        claims = list(group)
        if len(claims) > 1:
            yield path, claims


def _reported_as_one_slug(group: list[Claim]) -> bool:
    """Tell whether posts on one path share their slug and language.

    The content model reports those already (each post names the others).
    """
    kinds = {claim.kind for claim in group}
    keys = {(claim.content.slug, claim.content.lang) for claim in group}
    return kinds == {"post"} and len(keys) == 1


def _against_reserved(claim: Claim, reserved: list[Reservation]) -> list[Problem]:
    """Return the error of a claim on a path a generator writes, if any.

    The closest owner is named: the one whose address it is, else the one
    whose folder it lies in, else the one whose files its folder would hold.
    """
    path, address = claim.path, shown(claim.path)
    folder = path[: -len("index.html")] if path.endswith("/index.html") else ""
    found: list[tuple[int, Message]] = []
    for reservation in reserved:
        if reservation.exempt == claim.kind:
            continue
        owner, at = reservation.owner, shown(reservation.path)
        if reservation.covers(path) and (not reservation.folder or at == address):
            found.append(
                (
                    0,
                    Message(
                        "the address %(address)s is already %(owner)s",
                        address=address,
                        owner=owner,
                    ),
                )
            )
        elif reservation.covers(path):
            found.append(
                (
                    1,
                    Message(
                        "the address %(address)s lies in %(at)s, which is %(owner)s",
                        address=address,
                        at=at,
                        owner=owner,
                    ),
                )
            )
        elif folder and reservation.has_folder(folder):
            found.append(
                (
                    2,
                    Message(
                        "the address %(address)s is a folder of %(owner)s (%(at)s)",
                        address=address,
                        owner=owner,
                        at=at,
                    ),
                )
            )
    if not found:
        return []
    closest = min(found, key=lambda item: item[0])[1]
    return [claim.problem(Message("%(closest)s; choose another slug", closest=closest))]
