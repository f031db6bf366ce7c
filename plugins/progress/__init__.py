"""Progress of long work (build, photos, search index, importers, exports, deploys).

A library (``track``) and a plugin: ``register`` shows the build's own stages.
"""

from .plugin import register
from .tracker import Tracker, defaults, duration, track

__all__ = ["Tracker", "defaults", "duration", "register", "track"]
