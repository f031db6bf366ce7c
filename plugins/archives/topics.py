"""Group posts by their tags into topics with ASCII slugs."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from vietnamese import slugify, sort_key


@dataclass
class Topic:
    """A tag and the posts that carry it, newest first."""

    slug: str
    name: str
    posts: list = field(default_factory=list)

    @property
    def name_en(self) -> str | None:
        """Return the topic's English name (its posts' ``tags_en``), or None."""
        for post in self.posts:
            news = getattr(post, "news", None)
            english = news.tag_en(self.name) if news is not None else None
            if english:
                return english
        return None

    def display_name(self, lang: str) -> str:
        """Return the name pages in ``lang`` show (Vietnamese when untranslated)."""
        return (self.name_en if lang == "en" else None) or self.name


def post_tags(post) -> list:
    """Return a post's tags; a translation carries its original's."""
    original = post.news.original
    return list(getattr(original or post, "tags", None) or [])


def by_topic(posts: Iterable, tags_of: Callable = post_tags) -> list[Topic]:
    """Return the topics of ``posts`` in Vietnamese alphabetical order."""
    topics: dict[str, Topic] = {}
    slugs: dict[str, str] = {}  # a few hundred tags on thousands of posts
    for post in sorted(posts, key=lambda p: p.date, reverse=True):
        for tag in tags_of(post):
            name = str(getattr(tag, "name", tag))
            slug = slugs.get(name)
            if slug is None:
                slug = slugs[name] = slugify(name)
            if not slug:
                continue
            topic = topics.setdefault(slug, Topic(slug, name))
            if not topic.posts or topic.posts[-1] is not post:
                topic.posts.append(post)
    return sorted(topics.values(), key=lambda t: sort_key(t.name))
