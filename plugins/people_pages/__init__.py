"""People pages: a page for everyone named in the news, with a role timeline."""

from .plugin import person_url, register

__all__ = ["person_url", "register"]
