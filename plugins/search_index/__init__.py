"""Full-text search of the published posts with Pagefind, run on every build."""

from .plugin import register

__all__ = ["register"]
