"""``python -m newsroom``: the writers' command (see ``newsroom.cli``)."""

import sys

from newsroom.cli.bootstrap import ensure_environment

ensure_environment()  # in .venv, created first if needed, when Pelican is missing

from newsroom.cli import main  # noqa: E402

sys.exit(main())
