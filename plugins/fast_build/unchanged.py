"""Let other plugins skip writing files whose inputs did not change (devserver).

Feeds and the sitemap are written directly, not through templates. With
``FAST_BUILD_SKIP_UNCHANGED`` they ask ``newsroom.incremental`` first, which
asks this module (installed as its ``FileSkipper``): it answers
True when the same file was written from the same inputs earlier in this
process and still exists.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from newsroom.incremental import keep

from . import settings as fast_settings
from . import world
from .fingerprint import Fingerprinter, site_stamp

_written: dict[str, str] = {}  # output path -> fingerprint of its inputs
_site: dict[str, object] = {}  # the site stamp and fingerprinter of this build


def skipping(settings: dict) -> bool:
    """Return True when this build skips what did not change (devserver)."""
    return bool(fast_settings.get(settings, "FAST_BUILD_SKIP_UNCHANGED"))


def start_build(settings: dict) -> str | None:
    """Compute the site stamp once for the build that starts; return it."""
    if fast_settings.get(settings, "FAST_BUILD_SKIP_UNCHANGED"):
        # taken when reading started (a file changed since shows next build)
        _site["stamp"] = stamp = world.site() or site_stamp(settings)
        _site["fingerprinter"] = Fingerprinter(
            settings, site=stamp, registry=world.registry()
        )
        return stamp
    _site.clear()
    _written.clear()
    return None


def forget() -> None:
    """Forget every file written: after a failed build, none may be skipped."""
    _site.clear()
    _written.clear()


def build_fingerprinter(settings: dict) -> Fingerprinter:
    """Return this build's fingerprinter: one memo for pages, feeds and changes."""
    if "fingerprinter" not in _site:
        _site["fingerprinter"] = Fingerprinter(settings)
    return _site["fingerprinter"]  # type: ignore[return-value]


def unchanged_feed(settings: dict, path: str | Path, items, *parts) -> bool:
    """Return True when the feed at ``path`` would be written as before."""
    if "stamp" not in _site or not fast_settings.get(
        settings, "FAST_BUILD_SKIP_UNCHANGED"
    ):
        return False
    fingerprinter = _site["fingerprinter"]
    extra = hashlib.blake2b(repr(parts).encode(), digest_size=8).hexdigest()
    return _same(path, f"{fingerprinter.contents(items)}:{extra}")


def unchanged_text(settings: dict, path: str | Path, text_key: str) -> bool:
    """Return True when the file at ``path`` would be written from ``text_key``."""
    if "stamp" not in _site or not fast_settings.get(
        settings, "FAST_BUILD_SKIP_UNCHANGED"
    ):
        return False
    digest = hashlib.blake2b(text_key.encode(), digest_size=16).hexdigest()
    return _same(path, f"{_site['stamp']}:{digest}")


def _same(path: str | Path, fingerprint: str) -> bool:
    key = str(path)
    if _written.get(key) == fingerprint and os.path.exists(key):
        keep(key)  # still this build's file (output_manifest)
        return True
    _written[key] = fingerprint
    return False
