"""Keep unchanged posts' ``Article`` objects between ``make devserver`` builds.

Pelican makes every post's ``Article`` again on every build, even from the
read cache: ``read_file`` and ``Article.__init__`` were 29 % of a one-post
edit's rebuild at 10,000 posts (17,000 files). Its ``ArticlesGenerator`` asks
its own content cache first (``get_cached_data``, the documented
``CONTENT_CACHING_LAYER = "generator"`` cache, which pickles the posts to
disk) and hands every new post to ``cache_data``. In a devserver process the
generator's two calls are answered from memory here: a post whose file (and,
for a translation, its original's) has the stamp it had when the post was
made, read with the same settings and reader code, is the same object again.

A kept post is announced as Pelican announces a post it has just made
(``content_object_init``): every plugin meets each post of a build once, and
content_model gives it a new, empty ``NewsPost`` that the build fills again.

Pelican's ``Article`` keeps the context of the build that made it and links
``{filename}``/``{static}`` targets through it when its content is rendered.
Only posts whose body and formatted fields have no such link
(``INTRASITE_LINK_REGEX``) are kept, so a kept post renders the same in any
build. Only the posts of one build (the *base*: the first, or the first after
everything changed) are kept: each kept post holds that build's context, so
kept posts hold one old context, not one per edit; a post edited since is made
again in every build (a few, against the thousands kept). When more than a
quarter of the base's posts were edited or deleted since, the next build
starts a new base.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from pelican import signals
from pelican.contents import Article

from newsroom import incremental
from newsroom.i18n import every_post

from . import read_cache, world
from . import settings as fast_settings
from .translations import KEPT_SETTING

#: Share of the base's posts edited or deleted since, beyond which the next
#: build is a new base.
REBASE_SHARE = 0.25

kept_counts = {"kept": 0, "made": 0}  # this build's (tests, benchmarks)


@dataclass
class _Kept:
    """The base build's posts: source path -> (file stamp, post)."""

    key: tuple | None = None
    posts: dict[str, tuple[tuple, Article]] = field(default_factory=dict)
    taking: bool = True  # this build is the base: keep what it makes
    rebase: bool = False  # the next build is a new base
    served: set[str] = field(default_factory=set)  # kept posts this build took
    # kept post -> its translations' (its original's) files when the last build ended
    partners: dict[str, tuple[str, ...]] = field(default_factory=dict)
    dropped: int = 0  # kept posts edited since the base (their old Article lives on)
    # the translation ids of the posts this build made (read, not kept)
    made_ids: set = field(default_factory=set)
    translation_id: Any = None  # a post's translation id (attrgetter), if any
    # Pelican's names of the files -> their absolute paths, and the kept
    # posts' paths relative to the content folder (the same settings' PATH)
    paths: dict[str, str] = field(default_factory=dict)
    relative: dict[str, str] = field(default_factory=dict)
    # the ids of the kept posts, and of those this build took (each alive
    # while kept: an id names one post)
    ids: set[int] = field(default_factory=set)
    taken: set[int] = field(default_factory=set)

    def drop(self, path: str) -> None:
        """Keep the post of ``path`` no more."""
        _stamp, post = self.posts.pop(path)
        self.ids.discard(id(post))
        self.taken.discard(id(post))


_kept = _Kept()


def forget() -> None:
    """Keep nothing from the builds so far (a failed build, new settings)."""
    _kept.posts.clear()
    _kept.ids.clear()
    _kept.taken.clear()
    _kept.partners.clear()
    _kept.paths.clear()
    _kept.relative.clear()
    _kept.key = None
    _kept.taking = True
    _kept.rebase = False
    _kept.dropped = 0


def start_build(generator: Any) -> None:
    """Answer ``generator``'s content-cache calls from memory (devserver only)."""
    kept_counts.update(kept=0, made=0)
    _forget_answers()
    _kept.made_ids.clear()
    settings = generator.settings
    if not incremental.builds_again(settings) or not fast_settings.get(
        settings, "FAST_BUILD_MEMORY_CACHE"
    ):
        forget()
        return
    key = (id(settings), read_cache.reading_key(settings), str(generator.path))
    if key != _kept.key or _kept.rebase:
        forget()
        _kept.key = key
    _kept.taking = not _kept.posts
    _kept.served.clear()
    _kept.taken.clear()
    names = settings.get(KEPT_SETTING) or settings.get("ARTICLE_TRANSLATION_ID")
    if isinstance(names, str):
        names = [names]
    _kept.translation_id = attrgetter(*names) if names else None
    links = re.compile(settings["INTRASITE_LINK_REGEX"])
    fields = tuple(name.lower() for name in settings.get("FORMATTED_FIELDS", ()))
    root = str(generator.path)

    def get_cached_data(filename: str, default: Any = None) -> Any:
        path = _kept.paths.get(filename)
        if path is None:
            path = _kept.paths[filename] = os.path.abspath(os.path.join(root, filename))
        entry = _kept.posts.get(path)
        if entry is None:
            return default
        stamp, post = entry
        if not read_cache.serve_unread(path, stamp):
            _kept.drop(path)  # edited, or gone from the read cache
            _kept.dropped += 1
            return default
        kept_counts["kept"] += 1
        _kept.served.add(path)
        _kept.taken.add(id(post))
        _forget_answers()
        signals.content_object_init.send(post)
        return post

    def cache_data(filename: str, post: Any) -> None:
        del filename  # Pelican's own key; the post knows its absolute path
        kept_counts["made"] += 1
        if _kept.translation_id is not None:
            # a new post pairs with the kept posts of its translation id
            _kept.made_ids.add(_translation_id(post))
            _forget_answers()
        if not _kept.taking or not isinstance(post, Article):
            return
        stamp = read_cache.stamp_read(post.source_path)
        if stamp is None or _links(post, links, fields):
            return  # read with errors, or links through its build's context
        if post.source_path in _kept.posts:
            _kept.drop(post.source_path)
        _kept.posts[post.source_path] = (stamp, post)
        _kept.ids.add(id(post))

    # Pelican's generator calls these two public methods of its content cache
    # for every post; on this generator alone they are the memory's.
    generator.get_cached_data = get_cached_data
    generator.cache_data = cache_data
    _skip_links_of_kept_posts(generator)


def _skip_links_of_kept_posts(generator: Any) -> None:
    """Spare the kept posts the generator's per-post link work.

    Pelican's generator records each post it reads by its path relative to
    the content folder (``add_source_path``), gathers the files its body
    links with ``{static}`` (``add_static_links``), and, once every post is
    read, links the formatted fields again (``refresh_metadata_intersite_links``).
    A kept post has no intrasite link (``_links``): it adds no static link, and
    its fields come out of a new linking as they are; its relative path is
    the one worked out when it was first recorded (the same settings), in the
    build that made it.
    """
    record = generator.add_source_path
    add_links = generator.add_static_links
    refresh = generator.refresh_metadata_intersite_links

    def add_source_path(content: Any, static: bool = False) -> None:
        if static or not kept(content):
            record(content, static)
            return
        location = _kept.relative.get(content.source_path)
        if location is None:
            location = content.get_relative_source_path()
            _kept.relative[content.source_path] = location
        # as Pelican's add_source_path records a post (a context key it documents)
        generator.context["generated_content"][location] = content

    def add_static_links(content: Any) -> None:
        if not _taken(content):
            add_links(content)

    def refresh_metadata_intersite_links() -> None:
        if not _kept.served:
            refresh()
            return
        for post in every_post(generator, unpublished=True):
            if not _taken(post):
                post.refresh_metadata_intersite_links()

    generator.add_source_path = add_source_path
    generator.add_static_links = add_static_links
    generator.refresh_metadata_intersite_links = refresh_metadata_intersite_links


def finish_build() -> None:
    """After a build: let deleted posts go; start a new base next time once
    more than ``REBASE_SHARE`` of the base's posts were edited since.

    The base build's context holds the first version of each post edited
    since: a new base lets those go. Posts never kept (with intrasite links,
    or added since) do not count: they hold no old version.
    """
    if not _kept.taking:
        gone = _kept.posts.keys() - _kept.served
        for path in gone:
            _kept.drop(path)  # its file is gone (an edited one went already)
        _kept.dropped += len(gone)
        if _kept.dropped > REBASE_SHARE * (len(_kept.posts) + _kept.dropped):
            _kept.rebase = True
    last = _kept.partners
    _kept.partners = {
        # a post as the last build had it has the same translations
        path: last[path] if _known_same(post) else _partners(post)
        for path, (_stamp, post) in _kept.posts.items()
    }
    _forget_answers()  # the answers hold this build's posts: let them go


def _links(post: Article, links: re.Pattern, fields: tuple[str, ...]) -> bool:
    """Tell whether the post's body or a formatted field may hold an intrasite link."""
    body = read_cache.body_read(post.source_path) or ""
    if links.search(body):
        return True
    return any(
        isinstance(value, str) and links.search(value)
        for value in (post.metadata.get(name) for name in fields)
    )


def same_post(post: Any) -> bool:
    """Tell whether ``post`` and its translations (its original, for a
    translation) are kept posts this build took again, with the settings,
    registries, photos, theme and code as the last finished build had them
    (``newsroom.incremental.same_post``).

    The translations are the last build's, by file: each must be taken again,
    and no post made in this build (new, or edited) may share the post's
    translation id (it would pair with it: a post's English tags come from
    its translation). The answer needs no pairing of this build's posts, so
    it holds before Pelican's translations are paired. It is memoised until
    another post is taken or made (once every post is read: to the build's
    end).
    """
    if not world.same_as_last():
        return False  # a one-off build, or the first after a change: nothing kept
    known = _answers.get(id(post))
    if known is not None and known[0] is post:
        return known[1]
    partners = _kept.partners.get(getattr(post, "source_path", None))  # type: ignore[arg-type]
    same = (
        partners is not None
        and _taken(post)
        and all(path in _kept.served for path in partners)
        and (
            _kept.translation_id is None or _translation_id(post) not in _kept.made_ids
        )
    )
    _answers[id(post)] = (post, same)
    return same


def _translation_id(post: Any) -> Any:
    try:
        return _kept.translation_id(post)
    except (AttributeError, TypeError):
        return None


#: ``same_post``'s answers while the posts taken and made are the same
#: (id -> post, answer)
_answers: dict[int, tuple[Any, bool]] = {}


def _known_same(post: Any) -> bool:
    """Tell whether this build found ``post`` the same (asked already)."""
    known = _answers.get(id(post))
    return known is not None and known[0] is post and known[1]


def _forget_answers() -> None:
    """A post was taken or made, or a build starts or ends: answer anew."""
    _answers.clear()


def _partners(post: Any) -> tuple[str, ...]:
    return tuple(
        sorted(other.source_path for other in getattr(post, "translations", ()))
    )


def kept(post: Any) -> bool:
    """Tell whether this very post is kept for the next build
    (``newsroom.incremental.kept_post``)."""
    return id(post) in _kept.ids


def _taken(post: Any) -> bool:
    """Tell whether this build took this very kept post again."""
    return id(post) in _kept.taken


def posts_kept() -> int:
    """Return how many posts this process keeps (tests, benchmarks)."""
    return len(_kept.posts)
