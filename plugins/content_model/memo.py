"""Resolutions kept between builds of one process (``make devserver``).

Resolving a post's units, people and photos is a function of its front
matter (and the lines it was written on), its date and status, the
registry, the settings, and which of its photos exist. A warm rebuild after a
one-post edit resolves that post again and takes every other post's facts
and problems from the last build: each of its problems is still reported. An
edited registry is a new ``Registry`` object (``read_registry`` keeps the
same one while its files are unchanged), so every post is resolved again.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from typing import Any

from newsroom.incremental import KeptFromLastBuild

from .model import PostFacts, Problem, _text


def photo_files(data: dict, root: str) -> tuple[bool, ...]:
    """Return, for each photo a front matter names, whether its file exists."""
    photos = data.get("photos")
    if not isinstance(photos, list):
        return ()
    found = []
    for item in photos:
        src = _text(item.get("src")) if isinstance(item, dict) else None
        found.append(src is not None and os.path.isfile(os.path.join(root, src)))
    return tuple(found)


class ResolutionMemo:
    """The last build's resolutions, by post file and what they came from.

    ``registry`` is compared by identity, ``key`` by equality
    (``newsroom.incremental.KeptFromLastBuild``). ``resolved`` and ``reused``
    count the build's resolutions (tests, benchmarks).
    """

    def __init__(self) -> None:
        self._kept: KeptFromLastBuild[tuple[PostFacts, tuple[Problem, ...]]] = (
            KeptFromLastBuild(lambda last, now: last[0] is now[0] and last[1] == now[1])
        )

    @property
    def resolved(self) -> int:
        return self._kept.made

    @property
    def reused(self) -> int:
        return self._kept.reused

    def start(self, keep: bool = True) -> None:
        """Begin a build: keep the last build's entries for it to reuse.

        With ``keep`` False (a one-off build) this build's are not kept: each
        post gets its facts as resolved, with no copy in the memo.
        """
        self._kept.start(keep)

    def __len__(self) -> int:
        """Return how many resolutions are kept for the next build."""
        return len(self._kept)

    def get_for(
        self,
        post: Any,
        kind: str,
        registry: Any,
        key: Callable[[], Hashable],
        resolve: Callable[[], tuple[PostFacts, list[Problem]]],
    ) -> tuple[PostFacts, list[Problem]]:
        """Return ``resolve()``'s facts and problems for ``post``, or the last
        build's copy: while ``newsroom.incremental.same_post(post)`` holds,
        without computing ``key()`` (what the resolution came from besides
        ``registry``)."""

        def made() -> tuple[PostFacts, tuple[Problem, ...]]:
            facts, problems = resolve()
            return facts, tuple(problems)

        facts, problems = self._kept.get_for(
            post, (kind, post.source_path), lambda: (registry, key()), made
        )
        return self._give(facts, problems)

    def carry(
        self, post: Any, kind: str
    ) -> tuple[PostFacts, tuple[Problem, ...]] | None:
        """Return the last build's facts and problems for ``post`` (as they
        are: the post's news holds them already) and keep them for the next
        build; None when there are none."""
        return self._kept.carry((kind, post.source_path))

    def _give(
        self, facts: PostFacts, problems: tuple[Problem, ...]
    ) -> tuple[PostFacts, list[Problem]]:
        if not self._kept.keeping:  # no later build reuses them: no copy needed
            return facts, list(problems)
        return _copy(facts), list(problems)


def _copy(facts: PostFacts) -> PostFacts:
    """Return facts whose lists a build may change without touching the memo's.

    Made field by field (``dataclasses.replace`` walks the fields' metadata
    for every one of 17,000 posts a rebuild at 10,000 posts; a new field
    must be added here, ``test_content_model`` compares every field).
    """
    return PostFacts(
        event=facts.event,
        units=list(facts.units),
        speakers=list(facts.speakers),
        attendees=list(facts.attendees),
        photos=list(facts.photos),
        tags_en=dict(facts.tags_en),
        filed_under=list(facts.filed_under),
    )
