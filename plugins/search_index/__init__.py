"""Full-text search of the published posts, indexed on every build.

``register`` imports the plugin's Pelican side only when Pelican calls it:
the indexer process (``process.py``) imports this package too, and needs
none of Pelican, the content model or the theme's helpers.
"""


def register() -> None:
    """Connect the search index to Pelican's signals (``plugin.register``)."""
    from .plugin import register as connect

    connect()


__all__ = ["register"]
