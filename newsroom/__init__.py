"""``python -m newsroom`` from the repository, with any Python 3.11+.

The shared core and its command live in ``plugins/newsroom``. This package
only makes that folder the body of ``newsroom`` (its ``__path__``) and puts
``plugins/`` on the import path, so that ``python -m newsroom`` works from
the repository root without ``PYTHONPATH`` or make. Whichever of the two is
imported first, ``newsroom.build``, ``newsroom.cli``... are the same files.
"""

import sys
from pathlib import Path

_PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
if str(_PLUGINS) not in sys.path:
    sys.path.append(str(_PLUGINS))
__path__[:] = [str(_PLUGINS / "newsroom")]
