"""Unit pages: a page, year archive, chart and feed for every unit with posts."""

from .plugin import register, unit_url

__all__ = ["register", "unit_url"]
