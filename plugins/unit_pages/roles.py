"""The role a speaker held at an event, in the language of the page showing it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class RoleText:
    """A role as a page shows it: its text and the language the text is in."""

    text: str
    lang: str


def translation_in(post: Any, lang: str) -> Any | None:
    """Return the translation of ``post`` into ``lang``, if it has one."""
    for translation in getattr(post, "translations", ()):
        if translation.lang == lang:
            return translation
    return None


def role_in(post: Any, index: int, lang: str) -> RoleText:
    """Return the role of speaker ``index`` of a Vietnamese post in ``lang``.

    English comes from the translation's own ``roles`` text, else from the
    speaker's ``role_en`` (which the bilingual plugin composes from the glossary);
    without either the Vietnamese text is returned, marked as Vietnamese, so
    pages can say so with ``lang="vi"``.
    """
    speaker = post.news.speakers[index]
    if lang == "vi" or not speaker.role:
        return RoleText(speaker.role, "vi")
    translation = translation_in(post, lang)
    if translation is not None:
        translated = translation.news.speakers
        if index < len(translated) and translated[index].role_en:
            return RoleText(translated[index].role_en, lang)
    if speaker.role_en:
        return RoleText(speaker.role_en, lang)
    return RoleText(speaker.role, "vi")
