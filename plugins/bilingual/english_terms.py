"""English names of a post's attendee groups and tags, and what stays Vietnamese.

A group or tag gets the English the translation gives (``groups:``,
``tags:``, keyed by the Vietnamese text), else the glossary's (an entry, or
terms the role composer joins: "Ban Thường vụ Quận Đoàn" → "Standing
Committee of the District Youth Union"). What has neither is shown in
Vietnamese, marked ``lang="vi"``, and ``make check`` lists it as a notice.
"""

from __future__ import annotations

from dataclasses import replace

from content_model.problems import Problem
from newsroom.messages import Listing, Message

from .roles import RoleComposer
from .speaker_roles import NOTICE, english_translation


def fill_english_terms(posts, composer: RoleComposer) -> None:
    """Set the English names of groups and tags on originals and translations."""
    for post in posts:
        if post.lang != "vi":
            continue
        translation = english_translation(post)
        own = translation.news if translation is not None else None
        if own is not None and own.original is not post:
            own = None  # another original with the same slug (an error)
        groups = post.news.attendees
        given = own.attendees if own is not None else []
        english = [
            (given[i].group_en if i < len(given) else None)
            or (composer.compose(group.group) if group.group else None)
            for i, group in enumerate(groups)
        ]
        pairs = zip(groups, english, strict=True)
        attendees = [replace(group, group_en=text) for group, text in pairs]
        tags = [str(getattr(tag, "name", tag)) for tag in getattr(post, "tags", ())]
        given_tags = own.tags_en if own is not None else {}
        tags_en = {}
        for tag in tags:
            text = given_tags.get(tag) or composer.compose(tag)
            if text:
                tags_en[tag] = text
        for news in (post.news, own):
            if news is None:
                continue
            if len(news.attendees) == len(attendees):
                news.set_attendees(attendees)
            news.set_tags_en(tags_en)


def untranslated_strings(posts) -> list[Problem]:
    """Return one notice per translated post listing what its English page shows
    in Vietnamese: attendee groups, tags and photo captions without English.

    Roles have their own notices (``speaker_roles.untranslatable_roles``).
    ``posts`` are the Vietnamese originals (Pelican's ``articles``).
    """
    notices = []
    for post in posts:
        translation = english_translation(post) if post.lang == "vi" else None
        if translation is None or translation.news.original is not post:
            continue  # untranslated, or another post's translation (one slug)
        news = translation.news
        missing = [
            Message('group "%(text)s"', text=g.group)
            for g in news.attendees
            if not g.group_en
        ]
        missing += [
            Message('tag "%(text)s"', text=tag)
            for tag in (str(getattr(t, "name", t)) for t in getattr(post, "tags", ()))
            if not news.tag_en(tag)
        ]
        missing += [
            Message('the caption of "%(src)s"', src=photo.src)
            for photo in news.photos
            if photo.caption and not photo.caption_en
        ]
        if not missing:
            continue
        lines = translation.metadata.get("frontmatter_lines", {})
        keys = [(key,) for key in ("groups", "tags", "captions")]
        line = min((lines[key] for key in keys if key in lines), default=1)
        notices.append(
            Problem(
                translation.metadata.get("source_label", translation.source_path),
                line,
                "untranslated",
                Message(
                    "shown in Vietnamese on the English page: %(missing)s; add the "
                    "terms to content/data/glossary.yml, or write their English "
                    "here under groups:, tags: or captions: (keyed by the "
                    "Vietnamese text or the photo's src)",
                    missing=Listing(missing),
                ),
                NOTICE,
            )
        )
    return sorted(notices)
