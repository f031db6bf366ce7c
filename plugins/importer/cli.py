"""The importer's command line.

``python -m importer SRC [--json]`` imports; ``python -m importer accept
[PROPOSALS]`` appends the reviewed proposals to the registries, then checks.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from content_model.problems import ContentError
from content_model.registry import load_registry
from newsroom.messages import Message

from .drafts import PROPOSALS
from .extract import extract
from .sources import SourceError, read_source, source_files


def accept_main(argv: list[str]) -> int:
    """Append the reviewed proposals to the registries, then run ``make check``."""
    from content_model.check import run_check

    from .accept import accept

    parser = argparse.ArgumentParser(
        prog="python -m importer accept",
        description="Append the reviewed import-proposals.yml to content/data/, "
        "then check every post.",
    )
    parser.add_argument(
        "proposals",
        type=Path,
        nargs="?",
        default=Path(PROPOSALS),
        help=f"the reviewed proposals (default: {PROPOSALS})",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="content folder whose data/ registries grow (default: content)",
    )
    parser.add_argument(
        "-s",
        "--settings",
        default="pelicanconf.py",
        help="Pelican settings for the check",
    )
    args = parser.parse_args(argv)
    if not args.proposals.is_file():
        missing = Message("no such file")
        print(f"{args.proposals}: [error] proposals: {missing}", file=sys.stderr)
        return 2
    appended, problems = accept(args.proposals, args.content / "data")
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        print(Message("Nothing registered: fix the entries above and accept again."))
        return 1
    print(
        Message(
            "%(count)s registry entries appended to %(folder)s",
            count=appended,
            folder=str(args.content / "data"),
        )
    )
    return run_check(args.settings, {"PATH": str(args.content.resolve())})


def main(argv: list[str] | None = None) -> int:
    """Import SRC (a file or folder); with --json print facts and write nothing."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["accept"]:  # a source folder named so: ./accept
        return accept_main(argv[1:])
    parser = argparse.ArgumentParser(prog="python -m importer", description=__doc__)
    parser.add_argument("src", type=Path, help="a source file or a folder of them")
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per post; write nothing",
    )
    parser.add_argument(
        "--content",
        type=Path,
        default=Path("content"),
        help="content folder (default: content)",
    )
    args = parser.parse_args(argv)
    if not args.src.exists():
        missing = Message("no such file or folder")
        print(f"{args.src}: [error] SRC: {missing}", file=sys.stderr)
        return 2
    try:
        registry = load_registry(args.content / "data")
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        return 1
    files = source_files(args.src)
    if args.json:
        failed = False
        for path in files:
            try:
                posts = read_source(path)
            except SourceError as error:
                print(error, file=sys.stderr)
                failed = True
                continue
            for post in posts:
                facts = extract(post.text, registry, post.published)
                print(json.dumps(facts.as_json(), ensure_ascii=False))
        return 1 if failed else 0
    from .drafts import write_drafts

    return write_drafts(files, registry, args.content)
