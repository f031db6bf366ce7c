"""Pair posts with their translations in one pass, as Pelican would.

Pelican's ``process_translations`` groups the posts by ``ARTICLE_TRANSLATION_ID``
and then lists the translations with ``[x for x in content_list if x not in
index]``: a membership test in a list of the originals for every post,
quadratic in the archive (1.8 s at 10,000 posts and 7,000 translations, on
every build and every ``make devserver`` rebuild; about three minutes at
100,000). It is the first stage of a build that stops being linear.

fast_build takes the grouping over for articles. At ``initialized`` the
setting moves to ``FAST_BUILD_ARTICLE_TRANSLATION_ID`` and Pelican's becomes
``None``: Pelican then lists every post as an original (sorted by
``ARTICLE_ORDER_BY``) and pairs nothing. At ``article_generator_pretaxonomy``,
before Pelican groups the posts by tag, category and author, this module
groups them as ``process_translations`` does (the same sort by translation
id, the same choice of originals with Pelican's ``get_original_items``, the same
warnings, the originals in the same order) but finds the translations with a
set. Within one post's group, Pelican keeps the order in which it found the
files (a set's: it changes between processes); here the group follows
``ARTICLE_ORDER_BY``, the same in every build.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from itertools import groupby
from operator import attrgetter
from typing import Any

from pelican.utils import get_original_items, order_content

#: Where fast_build keeps the site's ``ARTICLE_TRANSLATION_ID``.
KEPT_SETTING = "FAST_BUILD_ARTICLE_TRANSLATION_ID"

#: The generator's lists: (what Pelican listed, where the translations go).
LISTS = (
    ("articles", "translations"),
    ("hidden_articles", "hidden_translations"),
    ("drafts", "drafts_translations"),
)


def take_over(settings: dict[str, Any]) -> None:
    """Keep the site's translation id for ``pair_translations``; Pelican's off."""
    if settings.get("ARTICLE_TRANSLATION_ID"):
        settings[KEPT_SETTING] = settings["ARTICLE_TRANSLATION_ID"]
        settings["ARTICLE_TRANSLATION_ID"] = None


def pair_translations(generator: Any) -> None:
    """Split the generator's posts into originals and translations."""
    translation_id = generator.settings.get(KEPT_SETTING)
    if not translation_id:
        return
    order_by = generator.settings["ARTICLE_ORDER_BY"]
    for listed, translations in LISTS:
        posts = getattr(generator, listed)
        originals, found = split_translations(posts, translation_id)
        setattr(generator, listed, order_content(originals, order_by))
        setattr(generator, translations, found)


def split_translations(
    contents: Iterable[Any], translation_id: str | Collection[str]
) -> tuple[list[Any], list[Any]]:
    """Return (originals, translations) and set each post's ``translations``.

    The behaviour of ``pelican.utils.process_translations``, in linear time.
    """
    one = isinstance(translation_id, str)
    names = [translation_id] if one else list(translation_id)
    key = attrgetter(*names)
    try:
        ordered = sorted(contents, key=key)
    except AttributeError:
        raise AttributeError(
            f"Cannot use {translation_id} as 'translation_id', there "
            "appear to be items without these metadata attributes"
        ) from None
    # Pelican's words for a group in its warnings: 'with slug "{}"'.
    with_str = "with" + ", ".join([' {} "{{}}"'] * len(names)).format(*names)
    originals: list[Any] = []
    for values, group in groupby(ordered, key):
        items = list(group)
        found = _plain_original(items)
        if found is None:  # Pelican's own choice, with its warnings
            values = (values,) if len(names) == 1 else values
            found = get_original_items(items, with_str.format(*values))
        originals.extend(found)
        if len(items) == 1:
            items[0].translations = []
        else:
            for item in items:
                item.translations = [other for other in items if other is not item]
    kept = {id(item) for item in originals}
    return originals, [item for item in ordered if id(item) not in kept]


def _plain_original(items: list[Any]) -> list[Any] | None:
    """Return what Pelican's ``get_original_items`` returns for the groups
    most sites are made of, without its checks: one post, or a post and its
    translation in another language, none marked ``translation: true``, one
    in the default language. None for any other group (Pelican decides)."""
    if len(items) > 2 or any(
        item.metadata.get("translation", "false").lower() != "false" for item in items
    ):
        return None
    if len(items) == 1:
        return items
    first, second = items
    if first.lang == second.lang or first.in_default_lang == second.in_default_lang:
        return None
    return [first if first.in_default_lang else second]
