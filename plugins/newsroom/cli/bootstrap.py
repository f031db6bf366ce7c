"""Run the command in the project's ``.venv`` when this Python lacks Pelican.

What ``make`` does first (create ``.venv``, install ``requirements.txt`` when
it changed), for writers with nothing but Python: standard library only.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

from . import messages

ROOT = Path(__file__).resolve().parents[3]


def venv_python(root: Path = ROOT) -> Path:
    """Return the Python of the project's ``.venv`` (Windows or not)."""
    if os.name == "nt":
        return root / ".venv" / "Scripts" / "python.exe"
    return root / ".venv" / "bin" / "python"


def install(root: Path = ROOT) -> Path:
    """Create ``.venv`` and install requirements.txt when missing or changed."""
    python = venv_python(root)
    stamp = root / ".venv" / ".site-installed"
    requirements = root / "requirements.txt"
    if not python.exists():
        print(messages.CREATING_VENV, flush=True)
        venv.create(root / ".venv", with_pip=True)
    if not stamp.exists() or stamp.stat().st_mtime < requirements.stat().st_mtime:
        print(messages.INSTALLING.format(file=requirements.name), flush=True)
        command = [python, "-m", "pip", "install", "--quiet"]
        subprocess.check_call(
            [*command, "--disable-pip-version-check", "-r", requirements]
        )
        stamp.touch()
    return python


def ensure_environment() -> None:
    """Return when Pelican is importable, else run the command in ``.venv``."""
    if sys.version_info < (3, 11):  # noqa: UP036 (a writer's Python may be older)
        print(messages.PYTHON_TOO_OLD.format(version=sys.version.split()[0]))
        raise SystemExit(1)
    if importlib.util.find_spec("pelican") is not None:
        return
    python = install()
    command = [str(python), "-m", "newsroom", *sys.argv[1:]]
    raise SystemExit(subprocess.call(command, cwd=Path.cwd()))
