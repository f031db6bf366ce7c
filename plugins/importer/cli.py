"""The importer's command line: ``python -m importer SRC [--json]``."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from content_model.problems import ContentError
from content_model.registry import load_registry

from .extract import extract
from .sources import SourceError, read_source, source_files


def main(argv: list[str] | None = None) -> int:
    """Import SRC (a file or folder); with --json print facts and write nothing."""
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
        print(f"{args.src}: [error] SRC: no such file or folder", file=sys.stderr)
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
