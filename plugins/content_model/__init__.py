"""Post front matter, registries and validation: nothing slips through."""

from .plugin import register

__all__ = ["register"]
