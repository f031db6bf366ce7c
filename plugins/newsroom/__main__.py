"""``python -m newsroom``: the writers' command (see ``newsroom.cli``)."""

import sys

from newsroom.cli import main

sys.exit(main())
