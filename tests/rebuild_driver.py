"""Rebuild a site several times in one process, as ``make devserver`` does.

Usage: ``python tests/rebuild_driver.py CONTENT OUTPUT EDIT...`` where each
EDIT is ``none``, ``body:PATH`` (append a sentence to the post at PATH) or
``title:PATH`` (change its title) or ``lead:PATH`` (a new first sentence), or
``idle:SECONDS`` (wait at most that long for the post cache on disk, and
report whether it came). Prints one JSON line per build with the
pages rendered and left unchanged, the posts still alive after it, and how
many posts content_model resolved (and took from the last build) and
fast_build described from their files for the pages' fingerprints.

``--set KEY=JSON`` (before the other arguments, repeatable) overrides a
setting for every build; with ``SEARCH_INDEX_BACKGROUND=true`` each report
says how many search documents were described and reused, and their digest.
With ``--stdin`` instead of edits, the caller edits the files itself and
asks for each rebuild with a line ``build``; a failed build prints
``{"failed": "Type: message"}`` and the process goes on, as the devserver does.
"""

from __future__ import annotations

import gc
import itertools
import json
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from pelican import Pelican  # noqa: E402
from pelican.contents import Article  # noqa: E402
from pelican.settings import read_settings  # noqa: E402

from archives.plugin import kept_links  # noqa: E402
from bilingual.english_memo import carried as english_carried  # noqa: E402
from bilingual.english_memo import kept as english_kept  # noqa: E402
from bilingual.sitemap import state as sitemap_state  # noqa: E402
from content_model.plugin import resolutions  # noqa: E402
from content_model.reader import converter_counts  # noqa: E402
from fast_build.changes import record_counts  # noqa: E402
from fast_build.fingerprint import written_counts  # noqa: E402
from fast_build.frozen_urls import pattern_checks  # noqa: E402
from fast_build.kept_posts import kept, kept_counts, posts_kept  # noqa: E402
from fast_build.parallel_writer import last_build  # noqa: E402
from fast_build.read_cache import wrapper_counts  # noqa: E402
from newsroom.build import content_listings  # noqa: E402
from search_index.plugin import documents_memo, indexed_digest  # noqa: E402
from unit_pages.generator import kept_related  # noqa: E402
from writers_guide.plugin import render_counts  # noqa: E402

_instances: dict[tuple[str, str], Pelican] = {}
_overrides: dict[str, object] = {}


def report(result: dict) -> None:
    """Print one report on a line of its own, in one write to the pipe.

    The search index's background thread prints its progress on the same
    standard output: written as text then newline, a report could take that
    text into its line (``{...}Search index: ...``); one ``os.write`` of a
    line under the pipe's atomic size, starting with a newline, cannot.
    """
    sys.stdout.flush()
    os.write(sys.stdout.fileno(), f"\n{json.dumps(result)}\n".encode())


def build(content: str, output: str) -> dict:
    """Run one build in this process and return what the writer did.

    One Pelican object makes every build, as in ``make devserver``.
    """
    if (content, output) not in _instances:
        settings = read_settings(
            str(ROOT / "pelicanconf.py"),
            override={
                "PATH": content,
                "OUTPUT_PATH": output,
                "CACHE_PATH": f"{output}-cache",
                "FAST_BUILD_SKIP_UNCHANGED": True,
                "CONTENT_MODEL_EXIT_ON_ERROR": False,
                "FAST_BUILD_PARALLEL_MIN": 1,
                **_overrides,
            },
        )
        _instances[content, output] = Pelican(settings)
    _instances[content, output].run()
    gc.unfreeze()  # fast_build froze this build's posts; the next build does too
    gc.collect()
    articles = [thing for thing in gc.get_objects() if isinstance(thing, Article)]
    alive = len(articles)
    carried = sum(  # this build's posts (old versions of edited ones live on)
        1 for article in articles if kept(article) and article.news.carried_over
    )
    search = {}
    if _overrides.get("SEARCH_INDEX_BACKGROUND"):  # the devserver's search index
        search = {
            "search_described": documents_memo.described,
            "search_reused": documents_memo.reused,
            "search_digest": indexed_digest(output),
        }
    resolved = {
        "resolved": resolutions.resolved,
        "resolutions_reused": resolutions.reused,
        "files_described": written_counts["described"],
        "wrappers_made": wrapper_counts["made"],
        "posts_kept": kept_counts["kept"],
        "records_made": record_counts["made"],
        "links_reused": kept_links.reused,
        "related_reused": kept_related.reused,
        "records_reused": record_counts["reused"],
        "posts_held": posts_kept(),
        "sitemap_reused": sitemap_state.reused,
        "posts_made": kept_counts["made"],
        "wrappers_reused": wrapper_counts["reused"],
        "content_lists": content_listings(),
        "guides_rendered": render_counts["rendered"],
        "english_made": english_kept.made,
        "english_reused": english_kept.reused,
        "english_carried": english_carried["pairs"],
        "news_carried": carried,
        "markdown_made": converter_counts["made"],  # since the process started
        "url_pattern_checks": pattern_checks["checked"],  # since it started
    }
    return {**last_build, "articles_alive": alive, **resolved, **search}


def build_or_fail(content: str, output: str) -> dict:
    """Build as ``build`` does; report a failure instead of raising it."""
    try:
        return build(content, output)
    except (Exception, SystemExit) as error:  # the devserver goes on too
        return {"failed": f"{type(error).__name__}: {error}"[:2000]}


def edit(kind: str, path: Path) -> None:
    """Change the post at ``path`` the way an editor would."""
    text = path.read_text(encoding="utf-8")
    if kind == "body":
        path.write_text(text + "\nMột câu mới được thêm vào bài.\n", encoding="utf-8")
    elif kind == "lead":  # a new first sentence: the cut summary changes too
        head, _, body = text.partition("\n---\n")
        path.write_text(f"{head}\n---\nTin mới ở đầu bài. {body}", encoding="utf-8")
    elif kind == "title":
        lines = text.splitlines(keepends=True)
        for index, line in enumerate(lines):
            if line.startswith("title:"):
                lines[index] = "title: Tiêu đề đã được sửa lại\n"
                break
        path.write_text("".join(lines), encoding="utf-8")


def main() -> None:
    """Build, then edit and rebuild once per argument."""
    logging.disable(logging.WARNING)
    if "--debug" in sys.argv:
        logging.disable(logging.NOTSET)
        logging.basicConfig(level=logging.DEBUG)
        sys.argv.remove("--debug")
    while len(sys.argv) > 2 and sys.argv[1] == "--set":
        key, _, value = sys.argv[2].partition("=")
        _overrides[key] = json.loads(value)
        del sys.argv[1:3]
    content, output, *edits = sys.argv[1:]
    if edits == ["--stdin"]:
        for line in itertools.chain(["build"], sys.stdin):
            if line.strip() == "build":
                report(build_or_fail(content, output))
        return
    report(build(content, output))
    for spec in edits:
        kind, _, name = spec.partition(":")
        if kind == "idle":  # the editor pauses: is the cache saved before exit?
            # Wait for it (at most ``name`` seconds), not a fixed time that a
            # loaded machine's idle timer could outlast.
            cache = Path(f"{output}-cache") / "fast_build" / "posts.pickle"
            deadline = time.monotonic() + float(name or 60)
            while not cache.is_file() and time.monotonic() < deadline:
                time.sleep(0.05)
            report({"cache_saved": cache.is_file()})
            continue
        if kind != "none":
            edit(kind, Path(name))
        report(build(content, output))


if __name__ == "__main__":
    main()
