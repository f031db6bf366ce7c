"""The stamps of what every post is derived with besides its own file (devserver).

The site stamp (settings, theme, photos, data, code) and the registries'
stamp are taken once, when a build starts reading: the plugins that derive
from posts while reading ask ``newsroom.incremental.same_post``, which needs to
know whether these are as the last build that ended well found them.
"""

from __future__ import annotations

from .fingerprint import registry_stamp, site_stamp

_stamps: dict[str, tuple[str, str] | None] = {"now": None, "last": None}
_same = [False]


def start_build(settings: dict) -> None:
    """Take this build's stamps; compare them with the last finished build's."""
    now = (site_stamp(settings), registry_stamp(settings))
    _same[0] = now == _stamps["last"]
    _stamps.update(now=now, last=None)  # a build that fails compares with nothing


def stop() -> None:
    """Take no stamps (a one-off build): nothing is the same as before."""
    _stamps.update(now=None, last=None)
    _same[0] = False


def site() -> str | None:
    """Return this build's site stamp (None: not taken)."""
    return _stamps["now"][0] if _stamps["now"] else None


def registry() -> str | None:
    """Return this build's registries' stamp (None: not taken)."""
    return _stamps["now"][1] if _stamps["now"] else None


def same_as_last() -> bool:
    """Tell whether the stamps are the last finished build's."""
    return _same[0]


def finish_build() -> None:
    """The build ended well: the next one compares with its stamps."""
    _stamps["last"] = _stamps["now"]
