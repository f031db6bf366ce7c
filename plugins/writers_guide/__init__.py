"""The writers' guide (docs/) as a page of the development site."""

from .plugin import register

__all__ = ["register"]
