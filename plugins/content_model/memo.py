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
from dataclasses import replace
from typing import Any

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

    ``registry`` is compared by identity, ``key`` by equality. Entries of
    posts not resolved in a build are dropped at the next one. ``resolved``
    and ``reused`` count the build's resolutions (tests, benchmarks).
    """

    def __init__(self) -> None:
        self._before: dict[tuple[str, str], tuple] = {}
        self._now: dict[tuple[str, str], tuple] = {}
        self.resolved = 0
        self.reused = 0

    def start(self) -> None:
        """Begin a build: keep the last build's entries for it to reuse."""
        self._before, self._now = self._now, {}
        self.resolved = self.reused = 0

    def get(
        self,
        kind: str,
        path: str,
        registry: Any,
        key: Hashable,
        resolve: Callable[[], tuple[PostFacts, list[Problem]]],
    ) -> tuple[PostFacts, list[Problem]]:
        """Return ``resolve()``'s facts and problems, or the last build's copy."""
        entry = self._before.get((kind, path))
        if entry is not None and entry[0] is registry and entry[1] == key:
            self.reused += 1
        else:
            facts, problems = resolve()
            entry = (registry, key, facts, tuple(problems))
            self.resolved += 1
        self._now[kind, path] = entry
        return _copy(entry[2]), list(entry[3])


def _copy(facts: PostFacts) -> PostFacts:
    """Return facts whose lists a build may change without touching the memo's."""
    return replace(
        facts,
        units=list(facts.units),
        speakers=list(facts.speakers),
        attendees=list(facts.attendees),
        photos=list(facts.photos),
        tags_en=dict(facts.tags_en),
        filed_under=list(facts.filed_under),
    )
