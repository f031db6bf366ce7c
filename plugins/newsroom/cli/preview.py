"""``preview FILE``: build one post, its translation, its units and people, alone.

Pelican reads only the files listed in ``ARTICLE_PATHS`` (a path may name a
file), so the preview is the full build (same settings, plugins and theme)
over one post and its translation: a second at most, whatever the archive's
size. It writes into ``cache/preview/`` with relative links, so the printed
``file://`` address opens in any browser without a server.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

from pelican import Pelican, signals
from pelican.settings import read_settings

from . import messages
from .drafts import DraftError, read_front_matter

# What the last preview build generated (filled by the receiver below).
_built: list = []


def _remember(generator) -> None:
    """Keep the posts Pelican read (articles, translations, drafts)."""
    _built.extend(
        [
            *generator.articles,
            *generator.translations,
            *generator.drafts,
            *generator.drafts_translations,
        ]
    )


@dataclass
class Preview:
    """What ``preview`` built: where, the post's address, how long it took."""

    output: Path
    page: Path
    seconds: float
    pages: int

    @property
    def url(self) -> str:
        """Return the post's page as a ``file://`` address."""
        return self.page.resolve().as_uri()


def post_files(content: Path, file: Path) -> list[Path]:
    """Return the post and its translation (or original), relative to ``content``."""
    path = file if file.is_absolute() else Path.cwd() / file
    if not path.is_file() and (content / file).is_file():
        path = content / file
    if not path.is_file() or path.suffix != ".md":
        raise DraftError(messages.NOT_A_POST.format(path=file))
    path = path.resolve()
    if not path.is_relative_to(content.resolve() / "posts"):
        raise DraftError(messages.OUTSIDE_POSTS.format(path=file))
    stem = path.name.removesuffix(".md").removesuffix(".en")
    pair = [path.with_name(f"{stem}.md"), path.with_name(f"{stem}.en.md")]
    return [p.relative_to(content.resolve()) for p in pair if p.is_file()]


def build_preview(
    content: Path, settings_file: Path, file: Path, output: Path, cache: Path
) -> Preview:
    """Build ``file`` and its translation with the site's settings into ``output``."""
    started = time.perf_counter()
    files = post_files(content, file)
    override = {
        "PATH": str(content.resolve()),
        "OUTPUT_PATH": str(output),
        "CACHE_PATH": str(cache),
        "ARTICLE_PATHS": [p.as_posix() for p in files],
        "PAGE_PATHS": [],
        "RELATIVE_URLS": True,
        "SEARCH_INDEX_ENABLED": False,
        "PROGRESS_ENABLED": False,
        "DELETE_OUTPUT_DIRECTORY": False,
    }
    settings = read_settings(str(settings_file), override=override)
    _built.clear()
    signals.article_generator_finalized.connect(_remember)
    try:
        Pelican(settings).run()
    finally:
        signals.article_generator_finalized.disconnect(_remember)
    main = (content / files[0]).resolve()
    post = next(p for p in _built if Path(p.source_path).resolve() == main)
    page = output / post.save_as
    pages = sum(1 for _ in output.rglob("*.html"))
    return Preview(output, page, time.perf_counter() - started, pages)


def quiet_pelican() -> None:
    """Show warnings and errors of the build only, one per line."""
    logging.basicConfig(level=logging.WARNING, format="%(message)s")


def slug_of(path: Path) -> str:
    """Return a post's slug (front matter, else its file name)."""
    return str(read_front_matter(path).get("slug") or path.name.split(".")[0])
