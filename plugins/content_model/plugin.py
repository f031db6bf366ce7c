"""Wire the content model into Pelican: reader, registries, facts, and the gate.

The build stops before writing anything when any post has an error, and when
any file under the article paths did not become a post: Pelican's default is
to log and skip, ours is to refuse.
"""

from __future__ import annotations

import logging
import os
from operator import attrgetter
from pathlib import Path
from typing import Any

from pelican import Pelican, signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, Generator
from pelican.log import console
from pelican.readers import Readers
from pelican.urlwrappers import Category

from newsroom import build, incremental
from newsroom.i18n import every_post as posts_of
from newsroom.messages import Message
from newsroom.post import (
    attach_news,
    drop_carried,
    finish_news_build,
    still_offered,
)

from .addresses import address_problems
from .memo import ResolutionMemo, photo_files
from .model import (
    PostFacts,
    PostLike,
    RefusedPost,
    resolve_original,
    translate_facts,
)
from .problems import ContentError, Problem
from .reader import PostReader
from .refusals import quiet_refusals
from .settings import setting
from .state import begin, content_state

logger = logging.getLogger(__name__)

LANGUAGE_NAMES = {"vi": Message("Vietnamese"), "en": Message("English")}


def keep_existing_static_paths(pelican: Pelican) -> None:
    """Drop the ``STATIC_PATHS`` missing under ``PATH`` (``content/extra`` most often).

    ``make devserver`` would warn "Unable to watch path … as it does not exist"
    for each on every start. Nothing is lost: the content folder itself is
    watched with everything under it, and a folder created later is copied
    from the next start of the server or build.
    """
    settings = pelican.settings
    root = Path(settings["PATH"])
    settings["STATIC_PATHS"] = [
        path for path in settings.get("STATIC_PATHS", []) if (root / path).exists()
    ]


def add_reader(readers: Readers) -> None:
    """Read Markdown files with the front-matter reader."""
    for extension in ("md", "markdown", "mkd", "mdown"):
        readers.reader_classes[extension] = PostReader


def give_news(content: Content) -> None:
    """Give every post and page its typed post, ``content.news`` (filled later).

    In a ``make devserver`` rebuild, a post kept from the last build is
    offered its last news (``NewsPost.offered``): ``resolve_posts`` carries it
    over (``carried_over``) if the post is unchanged, else gives it a new one.
    """
    if isinstance(content, (Article, Page)):
        attach_news(content, carry=incremental.builds_again(content.settings))


def label(post: PostLike) -> str:
    """Return a post's path as problems show it."""
    return post.metadata.get("source_label", post.source_path)


def resolve_posts(generator: ArticlesGenerator) -> None:
    """Resolve every post's facts, and give each translation its original's."""
    state = content_state()
    settings = generator.settings
    root = Path(settings["PATH"])
    timezone = settings.get("TIMEZONE", "Asia/Ho_Chi_Minh")
    follow_history = setting(settings, "CONTENT_MODEL_FOLLOW_UNIT_HISTORY")
    every_post = sorted(posts_of(generator, unpublished=True), key=label)
    refused = sorted(state.refused, key=label)
    _check_unique(every_post + refused)
    originals = {}
    resolutions.start(keep=incremental.builds_again(settings))
    settled = (str(root), timezone, follow_history)
    for post in every_post:
        # warnings travel with the post (read caches keep them)
        warnings = post.metadata.get("content_warnings")
        if warnings:
            state.problems.extend(warnings)
        if post.lang == "vi" and post.slug not in originals:
            carried = _carried(post, "original")
            if carried is not None:  # facts as the last build resolved them
                facts, problems = carried
                state.problems.extend(problems)
                originals[post.slug] = (post, facts)
                continue
            facts, problems = resolutions.get_for(
                post,
                "original",
                state.registry,
                lambda post=post: (*settled, *_written(post, root)),
                lambda post=post: resolve_original(
                    post, state.registry, root, timezone, follow_history
                ),
            )
            state.problems.extend(problems)
            post.news.set_facts(facts)
            originals[post.slug] = (post, facts)
    for post in refused:  # a refused original still owns its slug
        if post.lang == "vi" and post.slug:
            originals.setdefault(post.slug, (post, post.facts or PostFacts()))
    for post in every_post + refused:
        if post.lang != "vi" and post.slug:
            _resolve_translation(post, originals, root)
    for post in still_offered():  # left unresolved (a broken translation)
        drop_carried(post)
    state.published.update(map(attrgetter("lang"), posts_of(generator)))
    for draft in generator.drafts + generator.drafts_translations:
        # Pelican writes drafts with ``draft.category``, which posts lack when
        # the site has no category pages (CATEGORY_SAVE_AS = "").
        if not hasattr(draft, "category"):
            draft.category = Category(settings["DEFAULT_CATEGORY"], settings)
    _check_nothing_lost(generator, every_post)


#: The last build's resolutions (``make devserver`` rebuilds reuse them).
resolutions = ResolutionMemo()


def _carried(post: Any, kind: str) -> tuple[PostFacts, tuple[Problem, ...]] | None:
    """Return the last build's resolution of a post whose news was carried
    over and is as that build made it (``same_post``); else None, and the post
    gets a new, empty news to fill."""
    if not post.news.offered:
        return None
    if incremental.same_post(post):
        carried = resolutions.carry(post, kind)
        if carried is not None:
            post.news.carry_over()
            return carried
    drop_carried(post)
    return None


def _written(post: PostLike, root: Path) -> tuple:
    """Return what a post's resolution depends on besides the registry."""
    metadata = post.metadata
    data = metadata.get("frontmatter", {})
    return (
        label(post),
        str(post.date),
        getattr(post, "status", None),
        data,
        metadata.get("frontmatter_lines"),
        photo_files(data, str(root)),
    )


def _line(post: PostLike, key: str) -> int:
    """Return the line of ``key`` in a post's front matter (1 when absent)."""
    return post.metadata.get("frontmatter_lines", {}).get((key,), 1)


def _check_unique(posts: list) -> None:
    """Report posts that share a slug and a language (each names the others)."""
    state = content_state()
    # One pass with a set; only a slug seen twice gathers its group.
    seen: set[tuple[str, str]] = set()
    shared: set[tuple[str, str]] = set()
    for post in posts:
        key = (post.slug, post.lang)
        if key in seen:
            shared.add(key)
        seen.add(key)
    groups: dict[tuple[str, str], list] = {key: [] for key in shared}
    if shared:
        for post in posts:
            group = groups.get((post.slug, post.lang))
            if group is not None:
                group.append(post)
    for (slug, lang), group in groups.items():
        for post in group:
            others = ", ".join(label(p) for p in group if p is not post)
            written = "slug" in post.metadata.get("frontmatter", {})
            state.problems.add(
                Problem(
                    label(post),
                    _line(post, "slug") if written else 1,
                    "slug" if written else "file",
                    Message(
                        'the slug "%(slug)s" is also used by %(others)s '
                        "(%(language)s): give each post its own slug",
                        slug=slug,
                        others=others,
                        language=LANGUAGE_NAMES.get(lang, lang),
                    )
                    if written
                    else Message(
                        'the slug "%(slug)s" (from its file name) is also used by '
                        "%(others)s (%(language)s): give each post its own slug",
                        slug=slug,
                        others=others,
                        language=LANGUAGE_NAMES.get(lang, lang),
                    ),
                )
            )


def _resolve_translation(post: Any, originals: dict, root: Path) -> None:
    """Give a translation its original's facts, or report that it has none.

    A refused translation (a RefusedPost) is only checked against its original.
    """
    state = content_state()
    refused = isinstance(post, RefusedPost)
    if post.slug not in originals:
        state.problems.add(
            Problem(
                label(post),
                _line(post, "slug"),
                "slug",
                Message(
                    "this translation has no Vietnamese original with the slug "
                    '"%(slug)s": write the Vietnamese post first, or correct the slug',
                    slug=post.slug,
                )
                if "slug" in post.metadata.get("frontmatter", {})
                else Message(
                    "this translation has no Vietnamese original with the slug "
                    '"%(slug)s": write the Vietnamese post first, or correct the slug '
                    "(taken from the file name: name the translation as its original, "
                    "{slug}.en.md beside {slug}.md, or write 'slug: …')",
                    slug=post.slug,
                ),
            )
        )
        if not refused:
            post.news.set_facts(PostFacts())
        return
    original, facts = originals[post.slug]
    if not refused:
        carried = _carried(post, "translation")
        if carried is not None:  # as its original's: the last build's
            state.problems.extend(carried[1])
            return
    undated = post.metadata.get("frontmatter", {}).get("date") is None
    if undated and not refused and original.date is not None:
        post.date = original.date
        post.metadata["date"] = original.date
    if refused or isinstance(original, RefusedPost):
        translated, problems = translate_facts(facts, post, original)
    else:  # the original's facts follow from its own front matter and registry
        translated, problems = resolutions.get_for(
            post,
            "translation",
            state.registry,
            lambda: (_written(post, root), _written(original, root), facts),
            lambda: translate_facts(facts, post, original),
        )
    state.problems.extend(problems)
    if refused or isinstance(original, RefusedPost):
        return
    post.news.set_facts(translated, original)


def _check_nothing_lost(generator: ArticlesGenerator, posts: list) -> None:
    """Report every file under the article paths that did not become a post.

    The files are the generator's own list (Pelican's ``get_files`` with
    every extension: what it walked to find the posts, under the same ignore
    and exclude rules), less names starting with a dot. Pelican names each
    post it read by that list's path joined to its folder, so the two compare
    as plain strings.
    """
    state = content_state()
    settings = generator.settings
    root = str(generator.path)
    listed = generator.get_files(
        settings["ARTICLE_PATHS"],
        exclude=settings.get("ARTICLE_EXCLUDES", []),
        extensions=False,
    )
    reported = {p.path for p in state.problems.errors}
    # ``get_files`` names are normalised: the posts read, named as the list
    # does. Only our reader's posts count: an .html file Pelican would publish
    # unchecked is as much an error as a post it skipped.
    prefix = os.path.join(os.path.abspath(root), "")
    read = {
        post.source_path[len(prefix) :]
        for post in posts
        if "source_label" in post.metadata and post.source_path.startswith(prefix)
    }
    for name in sorted(set(listed) - read):
        if any(part.startswith(".") for part in Path(name).parts):
            continue
        shown = Path(name).as_posix()  # as a post's label: relative, with /
        if shown in reported:
            continue
        reason = _lost_reason(Path(prefix, name))
        state.problems.add(Problem(shown, 1, "file", reason))


def _lost_reason(path: Path) -> Message:
    """Say why a file under the article paths is not a post."""
    if path.suffix.lower() != ".md":
        return Message(
            "this file is not a post (posts are Markdown files ending in .md): "
            "rename it, or move it out of content/posts/ (photos go in "
            "content/photos/)"
        )
    return Message(
        "this file did not become a page; the build refuses to publish a site "
        "with a post left out"
    )


def stop_on_errors(generators: list[Generator]) -> None:
    """Print every problem at once; stop the build before writing if any is an error.

    Addresses are checked here, once every generator has read its content:
    a post or page on a generated page's address (or another's) is an error.
    """
    state = content_state()
    settings = generators[0].settings
    state.problems.extend(address_problems(generators, settings))
    for problem in state.problems.warnings:
        logger.warning("%s", problem)
    errors = state.problems.errors
    for problem in errors:
        logger.error("%s", problem)
    if errors and setting(settings, "CONTENT_MODEL_EXIT_ON_ERROR"):
        logger.critical(
            Message(
                "Build stopped before writing anything: %(count)s content error(s), "
                "listed above as path:line. Fix them and build again.",
                count=len(errors),
            )
        )
        raise SystemExit(1)  # a clean exit: the problems are the message
    if errors:  # make devserver: refuse this build, keep the process serving
        # Leaving the broken posts out would publish what a clean build never
        # does (an orphaned translation dated 1970, a unit's stale list): the
        # site stays as the last good build left it.
        logger.error(
            Message(
                "Build refused before writing anything: %(count)s content error(s), "
                "listed above as path:line",
                count=len(errors),
            )
        )
        raise ContentError(errors)
    console.print(
        str(
            Message(
                "Posts published: %(vi)s in Vietnamese, %(en)s in English",
                vi=state.published["vi"],
                en=state.published["en"],
            )
        )
    )


def news_filled(_pelican: Pelican) -> None:
    """Record that this build filled every news it made (it finished)."""
    finish_news_build()


def register() -> None:
    """Connect the content model to Pelican's signals."""
    quiet_refusals()
    build.connect()
    build.on_start(begin)
    signals.initialized.connect(keep_existing_static_paths)
    signals.content_object_init.connect(give_news)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(resolve_posts)
    signals.finalized.connect(news_filled)
    signals.all_generators_finalized.connect(stop_on_errors)
