"""Wire the content model into Pelican: reader, registries, facts, and the gate.

The build stops before writing anything when any post has an error, and when
any post under the article paths did not become a page: Pelican's default is
to log and skip, ours is to refuse.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from pelican import signals
from pelican.log import console

from .model import PostFacts, attach, resolve_original, translate_facts
from .problems import ContentError, Problem, Problems
from .reader import PostReader
from .registry import Registry, load_registry

logger = logging.getLogger(__name__)

DEFAULTS = {
    "CONTENT_MODEL_DATA_PATH": "data",
    # Exit the process on content errors; ``make devserver`` turns this off so
    # the server keeps watching and rebuilds once the post is fixed.
    "CONTENT_MODEL_EXIT_ON_ERROR": True,
}


@dataclass
class State:
    """Everything the plugin knows during one build; reset when a build starts."""

    registry: Registry = field(default_factory=Registry)
    problems: Problems = field(default_factory=Problems)
    published: Counter = field(default_factory=Counter)


state = State()


def setting(settings: dict, name: str):
    """Return a CONTENT_MODEL_* setting, falling back to its default."""
    return settings.get(name, DEFAULTS[name])


def start_build(pelican) -> None:
    """Reset the state and load the registries."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    state.problems.clear()
    state.published.clear()
    root = Path(pelican.settings["PATH"])
    try:
        state.registry = load_registry(
            root / setting(pelican.settings, "CONTENT_MODEL_DATA_PATH"), root
        )
    except ContentError as error:
        state.registry = Registry()
        state.problems.extend(error.problems)


def add_reader(readers) -> None:
    """Read ``.md`` files with the front-matter reader."""
    readers.reader_classes["md"] = PostReader


def resolve_posts(generator) -> None:
    """Resolve every post's facts, and give each translation its original's."""
    settings = generator.settings
    root = Path(settings["PATH"])
    timezone = settings.get("TIMEZONE", "Asia/Ho_Chi_Minh")
    groups = (
        (generator.articles, generator.translations),
        (generator.drafts, generator.drafts_translations),
        (generator.hidden_articles, generator.hidden_translations),
    )
    every_post = [post for pair in groups for posts in pair for post in posts]
    originals = {}
    seen: dict[tuple[str, str], object] = {}
    for post in every_post:
        ident = (post.slug, post.lang)
        if ident in seen:
            state.problems.add(
                Problem(
                    post.metadata.get("source_label", post.source_path),
                    1,
                    "slug",
                    f'another post has the same slug "{post.slug}" and language '
                    f'"{post.lang}": {seen[ident].metadata.get("source_label")}; '
                    "change one of the slugs",
                )
            )
            continue
        seen[ident] = post
        if post.lang == "vi":
            facts, problems = resolve_original(post, state.registry, root, timezone)
            state.problems.extend(problems)
            attach(post, facts)
            post.original = None
            originals[post.slug] = (post, facts)
    for post in every_post:
        if post.lang == "vi":
            continue
        label = post.metadata.get("source_label", post.source_path)
        if post.slug not in originals:
            state.problems.add(
                Problem(
                    label,
                    1,
                    "slug",
                    "this translation has no Vietnamese original with the slug "
                    f'"{post.slug}": write the Vietnamese post first, or correct '
                    "the slug",
                )
            )
            attach(post, translate_facts(PostFacts(), post)[0])
            continue
        original, facts = originals[post.slug]
        translated, problems = translate_facts(facts, post)
        state.problems.extend(problems)
        if post.metadata.get("frontmatter", {}).get("date") is None:
            post.date = original.date
            post.metadata["date"] = original.date
        elif post.date != original.date:
            state.problems.add(
                Problem(
                    label,
                    post.metadata["frontmatter_lines"].get(("date",), 1),
                    "date",
                    f"the translation's date {post.date:%Y-%m-%d %H:%M} contradicts "
                    f"the original's {original.date:%Y-%m-%d %H:%M}: remove it from "
                    "the "
                    "translation (facts are entered once, in the Vietnamese post)",
                )
            )
        attach(post, translated)
        post.original = original
    for post in generator.articles + generator.translations:
        state.published[post.lang] += 1
    _check_nothing_lost(generator, every_post)


def _check_nothing_lost(generator, posts) -> None:
    """Report every file under the article paths that did not become a post."""
    read = {Path(post.source_path).resolve() for post in posts}
    root = Path(generator.path)
    for name in generator.get_files(
        generator.settings["ARTICLE_PATHS"],
        exclude=generator.settings["ARTICLE_EXCLUDES"],
    ):
        path = (root / name).resolve()
        if path not in read:
            state.problems.add(
                Problem(
                    str(path.relative_to(root.resolve())),
                    0,
                    "",
                    "this file did not become a page (see the errors above); the build "
                    "refuses to publish a site with a post left out",
                )
            )


def stop_on_errors(generators) -> None:
    """Print every problem at once; stop the build before writing if any is an error."""
    settings = generators[0].settings
    for problem in state.problems.warnings:
        logger.warning("%s", problem)
    errors = state.problems.errors
    if errors:
        for problem in errors:
            logger.error("%s", problem)
        summary = (
            f"Build stopped before writing anything: {len(errors)} content "
            f"error(s), listed above as path:line. Fix them and build again."
        )
        if setting(settings, "CONTENT_MODEL_EXIT_ON_ERROR"):
            logger.critical("%s", summary)
            raise SystemExit(1)  # a clean exit: the problems are the message
        raise ContentError(errors)
    console.print(
        f"Posts published: {state.published['vi']} in Vietnamese, "
        f"{state.published['en']} in English"
    )


def register() -> None:
    """Connect the content model to Pelican's signals."""
    signals.initialized.connect(start_build)
    signals.readers_init.connect(add_reader)
    signals.article_generator_pretaxonomy.connect(resolve_posts)
    signals.all_generators_finalized.connect(stop_on_errors)
