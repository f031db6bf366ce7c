"""Start ``python -m newsroom`` from the repository with any Python 3.11+.

This folder has no ``__init__.py`` on purpose: it is only a namespace
portion, which a regular package of the same name always wins over (PEP 420).
So when ``plugins/`` is on the path (Pelican, the tests, the Makefile), the
name ``newsroom`` is the shared core in ``plugins/newsroom``; only when a
writer types ``python -m newsroom`` in the repository with a bare Python does
this file run. It creates ``.venv`` with the pinned dependencies when they are
missing (what ``make`` does first), then runs the real command,
``plugins/newsroom/cli``, with that Python.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGINS = ROOT / "plugins"


def _load_core() -> None:
    """Make ``newsroom`` the shared core of ``plugins/`` in this process."""
    sys.path.insert(0, str(PLUGINS))
    for name in [
        n for n in sys.modules if n == "newsroom" or n.startswith("newsroom.")
    ]:
        if name != "newsroom.__main__":
            del sys.modules[name]


def _venv_python() -> Path:
    """Return the Python of the project's ``.venv``."""
    if os.name == "nt":
        return ROOT / ".venv" / "Scripts" / "python.exe"
    return ROOT / ".venv" / "bin" / "python"


def _install(messages) -> Path:
    """Create ``.venv`` and install requirements.txt when missing or stale."""
    python = _venv_python()
    stamp = ROOT / ".venv" / ".site-installed"
    requirements = ROOT / "requirements.txt"
    if not python.exists():
        print(messages.CREATING_VENV, flush=True)
        venv.create(ROOT / ".venv", with_pip=True)
    if not stamp.exists() or stamp.stat().st_mtime < requirements.stat().st_mtime:
        print(messages.INSTALLING.format(file=requirements.name), flush=True)
        pip = [str(python), "-m", "pip", "install", "--quiet"]
        subprocess.check_call([*pip, "--disable-pip-version-check", "-r", requirements])
        stamp.touch()
    return python


def main() -> int:
    """Run the command here when Pelican is importable, else in ``.venv``."""
    _load_core()
    from newsroom.cli import messages

    if sys.version_info < (3, 11):  # noqa: UP036 (a writer's Python may be old)
        print(messages.PYTHON_TOO_OLD.format(version=sys.version.split()[0]))
        return 1
    if importlib.util.find_spec("pelican") is not None:
        from newsroom.cli import main as run

        return run()
    python = _install(messages)
    path = os.environ.get("PYTHONPATH")
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(PLUGINS), *([path] if path else [])]),
    }
    return subprocess.call(
        [str(python), "-m", "newsroom", *sys.argv[1:]], env=environment
    )


if __name__ == "__main__":
    sys.exit(main())
