"""The English of each post's speakers, groups and tags, kept between rebuilds.

What ``fill_english_roles`` and ``fill_english_terms`` give an original and
its translation follows from their resolved speakers, groups and tags (the
same objects while content_model reuses their resolutions) and the registry
(one object while its files are unchanged; the glossary is in it). A
``make devserver`` rebuild takes an unchanged pair's English from the last
build instead of composing it again.
"""

from __future__ import annotations

from typing import Any

from newsroom.incremental import KeptFromLastBuild

from .english_terms import fill_english_terms
from .roles import RoleComposer
from .speaker_roles import english_translation, fill_english_roles

# (speakers, attendee groups, English tags) of a post's news
_Shown = tuple[tuple, tuple, dict]


def _same(last: tuple, now: tuple) -> bool:
    return last[0] is now[0] and last[1:] == now[1:]


kept: KeptFromLastBuild[tuple[_Shown, _Shown | None]] = KeptFromLastBuild(_same)
carried = {"pairs": 0}  # this build's originals whose news was carried over


def _inputs(post: Any) -> tuple:
    news = post.news
    tags = tuple(str(getattr(tag, "name", tag)) for tag in getattr(post, "tags", ()))
    return (
        tuple(news.speakers),
        tuple(news.attendees),
        tuple(news.tags_en.items()),
        tags,
    )


def _shown(post: Any) -> _Shown:
    news = post.news
    return tuple(news.speakers), tuple(news.attendees), dict(news.tags_en)


def _show(post: Any, shown: _Shown) -> None:
    speakers, attendees, tags_en = shown
    post.news.set_speakers(list(speakers))
    post.news.set_attendees(list(attendees))
    post.news.set_tags_en(dict(tags_en))


def fill_english(
    posts, registry: Any, composer: RoleComposer, keep: bool = True
) -> None:
    """Give ``posts`` their English roles, groups and tags; reuse the last build's.

    ``posts`` are every post (originals and translations), ``composer`` the
    registry's. Only Vietnamese originals carry a pair's key. A pair whose
    news the build carried over (``NewsPost.carried_over``) has its English
    already. With ``keep`` False (a one-off build) nothing is kept for a
    next build.
    """
    kept.start(keep)
    carried["pairs"] = 0
    for post in posts:
        if post.lang != "vi":
            continue
        if post.news.carried_over and all(
            other.news.carried_over for other in getattr(post, "translations", ())
        ):
            carried["pairs"] += 1
            kept.carry(post.source_path)  # for when either is edited
            continue  # their English is as the last build gave it
        translation = english_translation(post)
        made: list[bool] = []

        def inputs(post=post, translation=translation) -> tuple:
            pair = None
            if translation is not None:
                pair = (_inputs(translation), translation.news.original is post)
            return registry, _inputs(post), pair

        def make(post=post, translation=translation, made=made):
            made.append(True)
            fill_english_roles([post], composer)
            fill_english_terms([post], composer)
            theirs = _shown(translation) if translation is not None else None
            return _shown(post), theirs

        # while the post and its translation are as the last build derived
        # them (``same_post``), their English is too: no inputs to compare
        mine, theirs = kept.get_for(post, post.source_path, inputs, make)
        if not made:
            _show(post, mine)
            if translation is not None and theirs is not None:
                _show(translation, theirs)
