"""``python -m cms_admin``: install the web editor's scripts (``install.py``)."""

import sys

from .install import main

sys.exit(main())
