"""Progress of long work (build, photos, search index, importers, exports, deploys).

A library (``track``) and a plugin: ``register`` shows the build's own stages.
"""

from .tracker import Tracker, defaults, duration, track


def register() -> None:
    """Show the build's stages (``plugin.register``).

    Imported when Pelican calls it, so that the library alone (the search
    indexer's process, the command-line tools) does not load Pelican.
    """
    from .plugin import register as connect

    connect()


__all__ = ["Tracker", "defaults", "duration", "register", "track"]
