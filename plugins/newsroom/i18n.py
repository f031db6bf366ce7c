"""The site's languages, and what each post and setting says in each.

Vietnamese comes first and is the default; English is the second language.
Every plugin that lists posts or names the site in a language asks here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: The languages every page is written in: Vietnamese first.
LANGUAGES = ("vi", "en")
DEFAULT_LANGUAGE = "vi"


def other_language(lang: str) -> str:
    """Return the site's other language."""
    return "en" if lang == "vi" else "vi"


@dataclass(frozen=True)
class ListedPost:
    """A post as a list in one language shows it: its translation, if any."""

    post: object
    lang: str
    untranslated: bool

    def __getattr__(self, name: str) -> object:
        """Read everything else (title, url, date, units...) from the post."""
        return getattr(self.post, name)


def in_language(post: Any, lang: str) -> ListedPost:
    """Return ``post`` or its translation in ``lang``, with a flag if missing.

    A Vietnamese post without a translation is listed as it is, marked with
    its own language, never left out of an English list.
    """
    if post.lang == lang:
        return ListedPost(post, lang, False)
    for translation in getattr(post, "translations", []):
        if translation.lang == lang:
            return ListedPost(translation, lang, False)
    return ListedPost(post, post.lang, True)


def every_post(generator: Any, *, unpublished: bool = False) -> list:
    """Return the posts of the articles generator: originals, then translations.

    Only published posts, unless ``unpublished``: then drafts and hidden posts
    (with their translations) follow, for what must hold for every post read.
    """
    lists = ["articles", "translations"]
    if unpublished:
        lists += ["drafts", "drafts_translations"]
        lists += ["hidden_articles", "hidden_translations"]
    return [post for name in lists for post in getattr(generator, name)]


#: Every list of posts and pages Pelican's generators keep.
CONTENT_LISTS = (
    "articles",
    "translations",
    "drafts",
    "drafts_translations",
    "hidden_articles",
    "hidden_translations",
    "pages",
    "hidden_pages",
    "draft_pages",
    "draft_translations",
)


def every_content(generator: Any) -> list:
    """Return every post and page a generator read (published, hidden, drafts), once."""
    found: dict[int, Any] = {}
    for name in CONTENT_LISTS:
        for content in getattr(generator, name, None) or ():
            found.setdefault(id(content), content)
    return list(found.values())


def site_name(settings: Mapping[str, Any], lang: str) -> str:
    """Return the site's name in ``lang`` (``SITENAME_EN`` for English, if set)."""
    if lang == "en" and settings.get("SITENAME_EN"):
        return settings["SITENAME_EN"]
    return settings.get("SITENAME", "")


def site_subtitle(settings: Mapping[str, Any], lang: str) -> str:
    """Return the site's subtitle in ``lang`` (``SITESUBTITLE_EN`` for English)."""
    if lang == "en" and settings.get("SITESUBTITLE_EN"):
        return settings["SITESUBTITLE_EN"]
    return settings.get("SITESUBTITLE") or ""
