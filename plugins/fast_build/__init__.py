"""Make the build fast: parallel reading and rendering, warm caches for devserver."""

from .plugin import register

__all__ = ["register"]
