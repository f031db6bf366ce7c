"""Sharing and search-engine metadata: canonical URLs, OpenGraph, JSON-LD."""

from .jsonld import event_data, news_article_data, script_json
from .plugin import register

__all__ = ["event_data", "news_article_data", "register", "script_json"]
