"""Neighbours in time and home sections, kept between ``make devserver`` builds.

Which posts neighbour a post, and which posts the home page's unit sections
show, follow from each post's language, date, slug, units and translations'
languages (and the registry and settings). When none of those changed since
the last build (an edit of a post's body or title), the last build's answer,
kept by post file, is given to this build's posts instead of sorting and
grouping every post again (6 % of a one-post rebuild at 10,000 posts).
"""

from __future__ import annotations

from typing import Any

from newsroom import incremental

from .home import post_units


def post_key(post: Any) -> tuple:
    """Return what decides a post's neighbours and its place in the sections."""
    return (
        post.lang,
        post.date,
        post.slug,
        tuple(unit.key for unit in post_units(post)),
        tuple(other.lang for other in getattr(post, "translations", ())),
    )


class KeptLinks:
    """The last build's neighbours and sections, by post file."""

    def __init__(self) -> None:
        self.keys: dict[str, tuple] = {}
        self.inputs: tuple | None = None
        self.neighbours: dict[str, tuple[str | None, str | None]] = {}
        self.sections: dict[str, list[tuple[str, list[str]]]] = {}
        self.reused = False  # this build gave the last build's links (tests)

    def keys_now(self, posts: list) -> dict[str, tuple]:
        """Return every post's key; a post as the last build had it keeps its own
        (``newsroom.incremental.same_post``)."""
        keys = {}
        for post in posts:
            path = post.source_path
            key = self.keys.get(path) if incremental.same_post(post) else None
            keys[path] = key if key is not None else post_key(post)
        return keys

    def still_true(self, keys: dict[str, tuple], inputs: tuple) -> bool:
        """Tell whether the last build's links hold for posts with these keys.

        ``inputs`` is the registry (the same object while its files are
        unchanged: compared by identity) and the settings' options.
        """
        last = self.inputs
        return (
            last is not None
            and last[0] is inputs[0]
            and last[1] == inputs[1]
            and keys == self.keys
        )

    def keep(self, keys: dict, inputs: tuple, neighbours: dict, sections: dict) -> None:
        """Keep this build's links for the next build."""
        self.keys, self.inputs = keys, inputs
        self.neighbours, self.sections = neighbours, sections

    def forget(self) -> None:
        """Keep nothing (a one-off build)."""
        self.__init__()
