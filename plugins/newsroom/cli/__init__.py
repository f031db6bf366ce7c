"""``python -m newsroom``: the writers' command, on any OS, for every Make target.

``serve | devserver | check | new | new-en | preview | build | publish | upload
| deploy | convert-keys``: each does what its ``make`` target does (the
Makefile calls this), with nothing but Python: no make, bash or apt, paths
through pathlib, UTF-8 on a Windows console. Messages are Vietnamese (``messages.py``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..bytecode import compile_plugins
from . import messages
from .arguments import Parser

VIETNAM = timezone(timedelta(hours=7))  # the site's time zone; no summer time
PACKAGE_ROOT = Path(__file__).resolve().parents[3]
DEVSERVER_SETTINGS = (
    "CONTENT_MODEL_EXIT_ON_ERROR=false",
    "FAST_BUILD_SKIP_UNCHANGED=true",
    "SEARCH_INDEX_BACKGROUND=true",
)


@dataclass(frozen=True)
class Project:
    """The folders a command works on: the repository, content, output."""

    root: Path
    content: Path
    output: Path

    @property
    def settings(self) -> Path:
        """Return the development settings file."""
        return self.root / "pelicanconf.py"

    @property
    def publish_settings(self) -> Path:
        """Return the production settings file."""
        return self.root / "publishconf.py"

    def environment(self) -> dict[str, str]:
        """Return the environment for a build: our plugins importable, site.yml."""
        plugins = str(self.root / "plugins")
        path = os.environ.get("PYTHONPATH")
        return {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([plugins, path] if path else [plugins]),
            "SITE_CONTENT": str(self.content),
            "PYTHONUTF8": "1",
        }

    def python(self, *arguments: str | Path) -> int:
        """Run ``python *arguments`` from the repository; return its exit code.

        The plugins' bytecode is brought up to date first (``bytecode``).
        """
        compile_plugins(self.root)
        command = [sys.executable, *map(str, arguments)]
        return subprocess.call(command, cwd=self.root, env=self.environment())


def utf8_console() -> None:
    """Print UTF-8 whatever the console's code page (Windows' cp1252…)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and (stream.encoding or "").lower() != "utf-8":
            reconfigure(encoding="utf-8", errors="replace")


def _registry(project: Project):
    """Load the registries of the project's content (problems stop the command)."""
    from content_model.registry import load_registry

    return load_registry(project.content / "data", project.content)


def cmd_new(project: Project, args: argparse.Namespace) -> int:
    """Write a new Vietnamese draft, from the options or by asking."""
    from .drafts import DraftAnswers, parse_when, resolve_unit, write_post
    from .prompts import Asker, ask_draft

    registry = _registry(project)
    given = (args.title, args.date, args.unit)
    if any(given):
        for value, option in zip(given, ("--title", "--date", "--unit"), strict=True):
            if not value:
                usage = "python -m newsroom new --title … --date … --unit …"
                raise _Usage(messages.MISSING_OPTION.format(option=option, usage=usage))
        when, timed = parse_when(args.date)
        answers = DraftAnswers(
            args.title.strip(), when, resolve_unit(registry, args.unit), timed=timed
        )
    else:
        try:
            now = datetime.now(VIETNAM)
            answers = ask_draft(registry, Asker(sys.stdin, sys.stdout), now)
        except (EOFError, KeyboardInterrupt):
            print(messages.INTERRUPTED, file=sys.stderr)
            return 1
    path = write_post(project.content, registry, answers)
    shown = _shown(path)
    print(messages.WROTE_DRAFT.format(path=shown))
    print(messages.NEXT_STEPS.format(path=shown))
    return 0


def cmd_new_en(project: Project, args: argparse.Namespace) -> int:
    """Write the English translation's draft of the post with ``--slug``."""
    from .drafts import write_translation

    path = write_translation(project.content, _registry(project), args.slug)
    print(messages.WROTE_TRANSLATION.format(path=_shown(path)))
    return 0


def cmd_preview(project: Project, args: argparse.Namespace) -> int:
    """Build one post with its translation, units and people; print its address."""
    os.environ["SITE_CONTENT"] = str(project.content)
    from .preview import build_preview, quiet_pelican

    quiet_pelican()
    output = args.output.resolve() if args.output else project.root / "cache/preview"
    try:
        built = build_preview(
            project.content,
            project.settings,
            Path(args.file),
            output,
            output.with_name(f"{output.name}-cache"),
        )
    except SystemExit as stop:  # the content model stops a post with errors
        return int(stop.code or 1)
    print(messages.PREVIEW_BUILT.format(seconds=built.seconds, pages=built.pages))
    print(messages.PREVIEW_OPEN.format(url=built.url))
    return 0


def cmd_convert_keys(project: Project, args: argparse.Namespace) -> int:
    """Key every translation's positional roles and captions (``convert.py``)."""
    from .convert import convert_content

    done = convert_content(project.content)
    for path, changes in done.items():
        shown = _shown(path)
        for name, position, key in changes:
            print(
                messages.CONVERTED.format(path=shown, name=name, old=position, new=key)
            )
    print(messages.CONVERTED_SUMMARY.format(count=len(done)))
    return 0


def cmd_check(project: Project, args: argparse.Namespace) -> int:
    """Validate every post and registry, as ``make check``."""
    os.environ["SITE_CONTENT"] = str(project.content)
    from content_model.check import run_check

    return run_check(str(project.settings), {"PATH": str(project.content)})


def log_handler(extra: tuple[str, ...] | list[str]) -> list[str]:
    """Return ``--log-handler`` for Pelican unless ``extra`` chooses one.

    Rich output (columns that wrap a long path mid-word) only in a terminal at
    least 100 columns wide; anywhere else one whole message per line.
    """
    if any(str(option).startswith("--log-handler") for option in extra):
        return []
    try:
        wide = sys.stderr.isatty() and os.get_terminal_size(2).columns >= 100
    except OSError:
        wide = False
    return ["--log-handler", "rich" if wide else "plain"]


def _pelican(project: Project, settings: Path, *extra: str) -> int:
    """Run Pelican on the project's content with ``settings``."""
    return project.python(
        "-m",
        "pelican",
        project.content,
        "-o",
        project.output,
        "-s",
        settings,
        *settings_last([*log_handler(extra), *extra]),
    )


def cmd_build(project: Project, args: argparse.Namespace) -> int:
    """Build the site into the output folder, as ``make html``."""
    return _pelican(project, project.settings, *args.pelican)


def settings_last(options: Sequence[str], settings: Sequence[str] = ()) -> list[str]:
    """Return ``options`` with one ``-e`` at their end: ``settings``, then theirs.

    Pelican's ``-e`` takes every word after it (a folder named after it would
    be read as a setting) and keeps only its last use, so the command's own
    settings and any the writer passes go together, the writer's last.
    """
    kept, extra = [], list(settings)
    taking = False
    for option in options:
        if option in ("-e", "--extra-settings"):
            taking = True
        elif option.startswith("--extra-settings="):
            extra.append(option.partition("=")[2])
        elif taking and not option.startswith("-"):
            extra.append(option)
        else:
            taking = False
            kept.append(option)
    return [*kept, "-e", *extra] if extra else kept


def _devserver(
    project: Project, args: argparse.Namespace, *flags: str, settings: tuple = ()
) -> int:
    """Run the project's server (``devserver``) with ``flags`` and ``settings``."""
    return project.python(
        "-m",
        "devserver",
        *flags,
        project.content,
        "-o",
        project.output,
        "-s",
        project.settings,
        "-b",
        "127.0.0.1",
        "-p",
        str(args.port),
        *settings_last([*log_handler(args.pelican), *args.pelican], settings),
    )


def cmd_serve(project: Project, args: argparse.Namespace) -> int:
    """Build, then serve the output folder, as ``make serve``."""
    code = _pelican(project, project.settings)
    return code or _devserver(
        project, argparse.Namespace(port=args.port, pelican=[]), "-l"
    )


def cmd_devserver(project: Project, args: argparse.Namespace) -> int:
    """Serve and rebuild on every change, as ``make devserver``."""
    return _devserver(project, args, "-lr", settings=DEVSERVER_SETTINGS)


def cmd_publish(project: Project, args: argparse.Namespace) -> int:
    """Check, then build for production, as ``make publish``."""
    steps = (
        lambda: cmd_check(project, args),
        lambda: project.python(
            "-m", "publishing", "--content", project.content, "preflight"
        ),
        lambda: _pelican(
            project, project.publish_settings, "--fatal", "warnings", *args.pelican
        ),
        lambda: project.python(
            "-m",
            "publishing",
            "cdn",
            "-s",
            project.publish_settings,
            "--output",
            project.output,
        ),
    )
    for step in steps:
        if code := step():
            return code
    return 0


def cmd_upload(project: Project, args: argparse.Namespace) -> int:
    """Upload the output folder to the target of site.yml, as ``make upload``."""
    return project.python(
        "-m",
        "publishing",
        "--content",
        project.content,
        "deploy",
        "--output",
        project.output,
    )


def cmd_deploy(project: Project, args: argparse.Namespace) -> int:
    """Publish, then upload, as ``make deploy``."""
    return cmd_publish(project, args) or cmd_upload(project, args)


class _Usage(Exception):
    """A command line that cannot run (exit code 2)."""


def _shown(path: Path) -> str:
    """Return ``path`` relative to the working folder when it is inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


# Commands that pass options they do not know to Pelican (-D, -e KEY=VALUE…).
PASSES_PELICAN_OPTIONS = ("build", "devserver", "publish", "deploy")
COMMANDS = {
    "serve": cmd_serve,
    "devserver": cmd_devserver,
    "check": cmd_check,
    "new": cmd_new,
    "new-en": cmd_new_en,
    "preview": cmd_preview,
    "build": cmd_build,
    "publish": cmd_publish,
    "upload": cmd_upload,
    "deploy": cmd_deploy,
    "convert-keys": cmd_convert_keys,
}


def parser() -> argparse.ArgumentParser:
    """Return the command line's parser."""
    top = Parser(prog="python -m newsroom", description=messages.DESCRIPTION)
    _folder_options(top, None)
    # The same options after the command (`check --content x`), as writers
    # type them; given there, they win.
    after = Parser(add_help=False)
    _folder_options(after, argparse.SUPPRESS)
    commands = top.add_subparsers(
        dest="command", required=True, metavar=messages.COMMAND_METAVAR
    )
    for name in COMMANDS:
        sub = commands.add_parser(name, help=messages.HELP[name], parents=[after])
        if name in ("serve", "devserver"):
            _option(sub, "--port", type=int, default=int(os.environ.get("PORT", 8000)))
        if name == "new":
            for option in ("--title", "--date", "--unit"):
                _option(sub, option)
        if name == "new-en":
            _option(sub, "--slug", required=True)
        if name == "preview":
            _option(sub, "file")
    return top


def _option(parser: argparse.ArgumentParser, name: str, **options) -> None:
    """Add option (or argument) ``name`` with its value's name and help in
    Vietnamese (``messages.OPTIONS``)."""
    metavar, text = messages.OPTIONS[name]
    parser.add_argument(name, metavar=metavar, help=text, **options)


def _folder_options(parser: argparse.ArgumentParser, default: object) -> None:
    """Add --root, --content and --output to ``parser``."""
    for name in ("--root", "--content", "--output"):
        _option(parser, name, type=Path, default=default)


def project_of(args: argparse.Namespace) -> Project:
    """Return the project the options name (the working folder by default)."""
    here = Path.cwd()
    root = args.root or (here if (here / "pelicanconf.py").is_file() else PACKAGE_ROOT)
    content = args.content or root / "content"
    output = args.output or root / "output"
    return Project(root.resolve(), content.resolve(), output.resolve())


def main(argv: list[str] | None = None) -> int:
    """Run one command; return its exit code."""
    from content_model.problems import ContentError

    from .drafts import DraftError

    utf8_console()
    command_line = parser()
    args, extra = command_line.parse_known_args(argv)
    if extra and args.command not in PASSES_PELICAN_OPTIONS:
        command_line.error(
            messages.UNKNOWN_OPTIONS.format(
                command=args.command, options=" ".join(extra)
            )
        )
    args.pelican = extra
    project = project_of(args)
    try:
        return COMMANDS[args.command](project, args)
    except _Usage as error:
        print(messages.ERROR.format(message=error), file=sys.stderr)
        return 2
    except DraftError as error:
        print(messages.ERROR.format(message=error), file=sys.stderr)
        return 1
    except ContentError as error:
        print(error, file=sys.stderr)
        return 1
