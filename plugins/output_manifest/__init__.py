"""Remove from the output folder what the last build wrote and this one did not."""

from .plugin import register

__all__ = ["register"]
