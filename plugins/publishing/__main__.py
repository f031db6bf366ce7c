"""``python -m publishing``: check the site URL, prepare CDN files, deploy ``output/``.

Messages for writers are ``newsroom.messages`` (Vietnamese unless asked otherwise).
"""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from content_model.problems import ContentError
from newsroom.messages import Message, Number
from progress import track

from .engine import DeployError, deploy
from .site import load_site, owner_problem, placeholder_problem, settings_path


def _site(content: Path):
    try:
        return load_site(settings_path(content), shown=f"{content.name}/data/site.yml")
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1) from None


def preflight(content: Path) -> int:
    """Refuse to publish at the placeholder URL or for an unknown owner unit."""
    site = _site(content)
    problems = [
        problem
        for problem in (
            placeholder_problem(site),
            owner_problem(site, content / "data"),
        )
        if problem
    ]
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


def run_deploy(content: Path, output: Path, dry_run: bool = False) -> int:
    """Deploy ``output`` to the target of ``site.yml``; print what was done."""
    site = _site(content)
    problem = placeholder_problem(site)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    if not (output / "index.html").is_file():
        print(
            Message(
                "%(output)s: nothing to upload: run `make publish` first",
                output=str(output),
            ),
            file=sys.stderr,
        )
        return 1
    from .targets import make_target

    try:
        target = make_target(site.deploy, site.url)
        try:
            # its summary is below
            with track(Message("Deploying"), None, Message("files")) as work:
                summary = deploy(
                    output,
                    target,
                    on_upload=lambda _upload: work.advance(),
                    dry_run=dry_run,
                    on_plan=work.set_total,
                )
        finally:
            target.close()
    except DeployError as error:
        print(Message("deploy failed: %(error)s", error=str(error)), file=sys.stderr)
        return 1
    print(
        Message(
            "Deployed to %(target)s: %(uploaded)s files uploaded (%(size)s bytes), "
            "%(skipped)s unchanged, %(deleted)s deleted.",
            target=site.deploy.get("target"),
            uploaded=summary.uploaded,
            size=Number(summary.bytes),  # 1.234.567 as Vietnamese write it
            skipped=summary.skipped,
            deleted=summary.deleted,
        )
    )
    return 0


def run_cdn(settings_file: Path, output: Path) -> int:
    """Precompress and write the host files of ``output`` as the settings ask."""
    from pelican.settings import read_settings

    from .cdn import prepare

    done = prepare(output, read_settings(str(settings_file)))
    print(
        Message(
            "CDN: %(precompressed)s precompressed files (.br/.gz), %(host_files)s "
            "host files (_headers, _redirects, .htaccess)",
            precompressed=done["precompressed"],
            host_files=done["host_files"],
        )
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line."""
    parser = argparse.ArgumentParser(prog="python -m publishing", description=__doc__)
    parser.add_argument("--content", type=Path, default=Path("content"))
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("preflight", help="refuse the placeholder site URL")
    deploy_command = commands.add_parser("deploy", help="upload output/ to the target")
    deploy_command.add_argument("--output", type=Path, default=Path("output"))
    deploy_command.add_argument("--dry-run", action="store_true")
    cdn_command = commands.add_parser("cdn", help="precompress, write host files")
    cdn_command.add_argument(
        "-s", "--settings", type=Path, default=Path("publishconf.py")
    )
    cdn_command.add_argument("--output", type=Path, default=Path("output"))
    arguments = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if arguments.command == "preflight":
        return preflight(arguments.content)
    if arguments.command == "cdn":
        return run_cdn(arguments.settings, arguments.output)
    return run_deploy(arguments.content, arguments.output, arguments.dry_run)


if __name__ == "__main__":
    sys.exit(main())
