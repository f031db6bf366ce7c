"""Concatenate and minify the theme's CSS: tokens first, print rules last."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import rcssmin

#: Files that must come first, in this order; ``print.css`` always comes last.
FIRST = ("tokens.css", "base.css")
LAST = ("print.css",)


@dataclass(frozen=True)
class CssBundle:
    """The bundled stylesheet, its fingerprint and the files it came from."""

    text: str
    digest: str
    sources: tuple[Path, ...]

    @property
    def filename(self) -> str:
        """Return the fingerprinted file name, e.g. ``site.3f2a9c0d1e.css``."""
        return f"site.{self.digest}.css"


def css_sources(directory: Path) -> list[Path]:
    """Return the component files of ``directory`` in cascade order.

    ``tokens.css`` and ``base.css`` open the bundle, every other component
    follows in name order (so a new component is picked up by dropping a file
    in), and ``print.css`` closes it so print rules win.
    """
    files = {path.name: path for path in directory.glob("*.css")}
    first = [files[name] for name in FIRST if name in files]
    last = [files[name] for name in LAST if name in files]
    middle = [
        files[name] for name in sorted(files) if name not in FIRST and name not in LAST
    ]
    return first + middle + last


def minify_css(text: str) -> str:
    """Remove comments and needless whitespace, keeping the rules unchanged.

    rcssmin tokenises CSS, so strings, ``url()`` and ``calc()`` keep their
    spaces and comment-like text, which a regular expression cannot know.
    """
    return rcssmin.cssmin(text).strip() + "\n"


def bundle_css(directory: Path) -> CssBundle:
    """Concatenate and minify the components of ``directory``."""
    sources = css_sources(directory)
    text = minify_css("\n".join(path.read_text(encoding="utf-8") for path in sources))
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]
    return CssBundle(text, digest, tuple(sources))
