"""Keep the plugins' compiled bytecode, as pip keeps an installed package's.

pip compiles every package it installs, Pelican included. Our plugins are
imported from the repository, and where ``PYTHONDONTWRITEBYTECODE`` is set
(as in this project's shells and CI) Python never writes their bytecode:
every build, every forked-off indexer and every test build compiled the same
150 modules again, about 0.2 s of CPU each time (issue #22). ``compile_plugins``
writes what is missing or stale before a build; Python still checks each file's
timestamp on import, so an edited module is never run from old bytecode.
"""

from __future__ import annotations

import compileall
import py_compile
from pathlib import Path

#: The repository: ``plugins/`` and the settings files.
ROOT = Path(__file__).resolve().parents[2]


def compile_plugins(root: Path = ROOT) -> bool:
    """Compile the plugins and the settings files under ``root``; True if all did.

    Up-to-date bytecode is left alone (a timestamp check per file). A file
    that does not compile is left to the build, which reports it as usual.
    """
    mode = py_compile.PycInvalidationMode.TIMESTAMP  # what Python itself writes
    compiled = compileall.compile_dir(root / "plugins", quiet=2, invalidation_mode=mode)
    for settings in ("pelicanconf.py", "publishconf.py"):
        if (root / settings).is_file():
            compiled &= compileall.compile_file(
                root / settings, quiet=2, invalidation_mode=mode
            )
    return bool(compiled)


if __name__ == "__main__":  # ``make install`` and ``bench.run``: before any build
    raise SystemExit(0 if compile_plugins() else 1)
