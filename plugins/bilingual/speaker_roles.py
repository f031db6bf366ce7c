"""Give every speaker an English role: the translation's own, else a composed one.

After this runs, ``speaker.role_en`` is the English role wherever a post shows
its speakers (``post.news.speakers``; the Vietnamese original's too, so English
unit and people pages can use it), or None when neither the translation nor the
glossary gives one: the templates then show the Vietnamese role marked
``lang="vi"``.
"""

from __future__ import annotations

from dataclasses import replace

from content_model.problems import Problem
from newsroom.messages import Message

from .roles import RoleComposer

NOTICE = "notice"


def english_translation(post):
    """Return the English translation of a Vietnamese post, or None."""
    for translation in getattr(post, "translations", ()):
        if translation.lang == "en":
            return translation
    return None


def _given_roles(translation) -> list[str | None]:
    """Return the English roles of the translation's speakers, by position."""
    if translation is None:
        return []
    return [
        (speaker.role_en or "").strip() or None for speaker in translation.news.speakers
    ]


def fill_english_roles(originals, composer: RoleComposer) -> int:
    """Set ``role_en`` on the speakers of originals and translations; count gaps."""
    gaps = 0
    for post in originals:
        speakers = post.news.speakers
        if not speakers or post.lang != "vi":
            continue
        translation = english_translation(post)
        given = _given_roles(translation)
        roles = []
        for index, speaker in enumerate(speakers):
            english = (given[index] if index < len(given) else None) or (
                composer.compose(speaker.role) if speaker.role else None
            )
            gaps += english is None and bool(speaker.role)
            roles.append(english)
        post.news.set_speakers(
            [replace(s, role_en=r) for s, r in zip(speakers, roles, strict=True)]
        )
        translated = translation.news.speakers if translation is not None else None
        if translated is not None and len(translated) == len(roles):
            translation.news.set_speakers(
                [replace(s, role_en=r) for s, r in zip(translated, roles, strict=True)]
            )
    return gaps


def untranslatable_roles(registry, posts) -> list[Problem]:
    """Return a notice for every speaker role shown in Vietnamese on English pages.

    ``posts`` are the Vietnamese originals (Pelican's ``articles``); a role has
    an English rendering when the translation gives one under ``roles:`` or the
    glossary composes one.
    """
    composer = RoleComposer.from_registry(registry)
    notices = []
    for post in posts:
        if post.lang != "vi":
            continue
        given = _given_roles(english_translation(post))
        lines = post.metadata.get("frontmatter_lines", {})
        label = post.metadata.get("source_label", post.source_path)
        for index, speaker in enumerate(post.news.speakers):
            if not speaker.role or (index < len(given) and given[index]):
                continue
            reading = composer.read(speaker.role)
            if reading.english is not None:
                continue
            line = lines.get(("speakers", index, "role"), lines.get(("speakers",), 0))
            notices.append(
                Problem(
                    label,
                    line,
                    f"speakers[{index + 1}].role",
                    Message(
                        '"%(role)s" is shown in Vietnamese on English pages: '
                        "%(why)s; add the terms to content/data/glossary.yml or write "
                        "roles: {%(key)s: ...} in the English translation",
                        role=speaker.role,
                        why=reading.problem,
                        key=speaker.person.key,
                    ),
                    NOTICE,
                )
            )
    return sorted(notices)
