"""``make check``: validate all content with the build's own validator, write nothing.

Usage: ``python -m content_model.check [-s pelicanconf.py] [content folder]``.
Reads every post and registry exactly as the build does (same reader, same
model), prints every problem as ``path:line: [level] field: message`` and
exits 1 if any is an error.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections import Counter
from typing import TextIO

from pelican import Pelican
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings

from bilingual.english_terms import untranslated_strings
from bilingual.speaker_roles import untranslatable_roles
from newsroom import build
from newsroom.i18n import every_content
from newsroom.messages import Message

from .addresses import address_problems
from .state import content_state


def run_check(
    settings_path: str, overrides: dict | None = None, out: TextIO | None = None
) -> int:
    """Read all content as the build does; print problems; return the exit code."""
    loggers = [logging.getLogger(name) for name in ("pelican", "content_model")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)  # we print the problems ourselves
    try:
        return _check(settings_path, overrides or {}, out or sys.stdout)
    finally:
        for logger, level in zip(loggers, levels, strict=True):
            logger.setLevel(level)


def _check(settings_path: str, overrides: dict, out: TextIO) -> int:
    """Run the check with the loggers quiet."""
    # Nothing is written, so no search index: its indexer process would read
    # every post and be abandoned unread.
    override = {
        "CONTENT_MODEL_EXIT_ON_ERROR": False,
        "SEARCH_INDEX_ENABLED": False,
        **overrides,
    }
    settings = read_settings(settings_path, override=override)
    pelican = Pelican(settings)
    build.start(pelican)  # a fresh state: checks the settings, loads the registries
    context = settings.copy()
    context.update(
        generated_content={},
        static_links=set(),
        static_content={},
        localsiteurl=settings["SITEURL"],
    )
    generators = [
        generator_class(
            context=context,
            settings=settings,
            path=settings["PATH"],
            theme=settings["THEME"],
            output_path=pelican.output_path,
        )
        for generator_class in (ArticlesGenerator, PagesGenerator)
    ]
    for generator in generators:
        generator.generate_context()
    state = content_state()
    # Generated pages are known from the settings: nothing is rendered.
    state.problems.extend(address_problems(generators, settings))
    problems = state.problems
    for problem in problems.errors + problems.warnings + problems.notices:
        print(problem, file=out)
    # Roles shown in Vietnamese on English pages: notices for the glossary.
    articles = context.get("articles", [])
    for notice in untranslatable_roles(state.registry, articles):
        print(notice, file=out)
    # Groups, tags and captions shown in Vietnamese on English pages, per post.
    for notice in untranslated_strings(articles):
        print(notice, file=out)
    errors, warnings = len(problems.errors), len(problems.warnings)
    checked = _posts_read(generators[0], state.refused)
    summary = Message(
        "Checked %(posts)s posts (%(vi)s in Vietnamese, %(en)s in "
        "English): %(errors)s error(s), %(warnings)s warning(s)",
        posts=sum(checked.values()),
        vi=checked["vi"],
        en=checked["en"],
        errors=errors,
        warnings=warnings,
    )
    print(summary, file=sys.stderr)
    return 1 if errors else 0


def _posts_read(articles: ArticlesGenerator, refused: list) -> Counter:
    """Count every post read, per language: published, hidden, drafts and
    refused ones (a post refused for its errors was checked too)."""
    return Counter(post.lang for post in [*every_content(articles), *refused])


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-s", "--settings", default="pelicanconf.py")
    parser.add_argument("path", nargs="?", help="content folder (default: PATH)")
    args = parser.parse_args(argv)
    overrides = {"PATH": args.path} if args.path else {}
    return run_check(args.settings, overrides)


if __name__ == "__main__":
    sys.exit(main())
