"""Give each of the theme's scripts a fingerprinted name, so hosts cache it for good."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Script:
    """One script of the theme: its source name, text and fingerprinted name."""

    name: str
    text: bytes
    digest: str

    @property
    def filename(self) -> str:
        """Return the fingerprinted file name, e.g. ``search.3f2a9c0d1e.js``."""
        stem = self.name.removesuffix(".js")
        return f"{stem}.{self.digest}.js"


def fingerprint_scripts(directory: Path) -> dict[str, Script]:
    """Return the scripts of ``directory`` by name, each with its fingerprint.

    The content is served unchanged (a script imports what it needs by absolute
    URL, so its own name may change).
    """
    scripts = {}
    for path in sorted(directory.glob("*.js")):
        text = path.read_bytes()
        digest = hashlib.sha256(text).hexdigest()[:10]
        scripts[path.name] = Script(path.name, text, digest)
    return scripts
