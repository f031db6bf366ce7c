"""Run the importer: ``python -m importer SRC [--json]``."""

import sys

from .cli import main

sys.exit(main())
