"""fast_build pairs posts with their translations as Pelican does, in linear time (#22).

Pelican's ``process_translations`` lists the translations with a membership
test in the list of originals for every post: quadratic in the archive, the
first stage of a build that stops being linear (1.8 s at 10,000 posts). The
pairing must stay Pelican's in every case (which post is the original, the
order of both lists, each post's ``translations``), with no comparison of
posts at all.
"""

from __future__ import annotations

import copy
import itertools
from datetime import datetime

from pelican import Pelican, signals
from pelican.contents import Article
from pelican.settings import DEFAULT_CONFIG
from pelican.utils import order_content, process_translations

from fast_build.translations import KEPT_SETTING, split_translations
from tests.sitebuild import serial_settings

SETTINGS = {**copy.deepcopy(DEFAULT_CONFIG), "DEFAULT_LANG": "vi"}


class CountedArticle(Article):
    """A real Article that counts how often it is compared with another."""

    comparisons = itertools.count()

    def __eq__(self, other):
        next(self.comparisons)
        return self is other

    __hash__ = Article.__hash__


def _post(slug, lang, day, **metadata) -> Article:
    metadata = {
        "title": f"{slug} {lang}",
        "slug": slug,
        "lang": lang,
        "date": datetime(2024, 1, day),
        **metadata,
    }
    return CountedArticle(
        "<p>x</p>",
        metadata=metadata,
        settings=SETTINGS,
        source_path=f"{slug}-{lang}.md",
    )


def _archive() -> list[Article]:
    """Posts covering each of Pelican's cases, in a shuffled file order."""
    return [
        _post("hoi-nghi", "en", 3),
        _post("hoi-nghi", "vi", 3),  # an original and its translation
        _post("chi-tieng-anh", "en", 5),  # no Vietnamese: the English is the original
        _post("ra-quan", "vi", 2),
        _post("ra-quan", "en", 9, translation="true"),
        _post("hai-ban", "vi", 4),
        _post("hai-ban", "vi", 6),  # two originals with one slug: both kept
        _post("toan-ban-dich", "en", 7, translation="true"),
        _post("toan-ban-dich", "fr", 8, translation="true"),  # all translations
        _post("cung-ngay", "vi", 4),  # the same date as hai-ban: order of ties
        _post("ba-thu-tieng", "fr", 1),
        _post("ba-thu-tieng", "vi", 1),
        _post("ba-thu-tieng", "en", 1),
    ]


def _pelicans(posts) -> tuple[list, list, dict]:
    originals, translations = process_translations(list(posts), "slug")
    originals = order_content(originals, "reversed-date")
    return originals, translations, {id(p): list(p.translations) for p in posts}


def _ours(posts) -> tuple[list, list, dict]:
    # What Pelican hands over with its own pairing off: every post, ordered.
    listed = order_content(list(posts), "reversed-date")
    originals, translations = split_translations(listed, "slug")
    originals = order_content(originals, "reversed-date")
    return originals, translations, {id(p): list(p.translations) for p in posts}


def test_the_pairing_is_pelicans_in_every_case():
    posts = _archive()
    expected = _pelicans(posts)
    for post in posts:
        post.translations = []
    assert _ours(posts) == expected
    # The cases are there: a lone translation is an original, two originals.
    titles = [post.title for post in expected[0]]
    assert "chi-tieng-anh en" in titles and titles.count("hai-ban vi") == 2


def test_a_group_follows_the_order_of_the_posts_not_of_the_files():
    # Pelican finds files as a set: its order within a group is the set's.
    found = [_post("ba-thu-tieng", "fr", 1), _post("ba-thu-tieng", "vi", 1)]
    found.append(_post("ba-thu-tieng", "en", 2))
    for files in (found, found[::-1]):
        originals, _, translations_of = _ours(files)
        (original,) = originals
        assert [p.lang for p in translations_of[id(original)]] == ["en", "fr"]


def test_the_pairing_compares_no_posts():
    posts = [
        _post(f"bai-{n}", lang, 1 + n % 28) for n in range(300) for lang in ("vi", "en")
    ]
    before = next(CountedArticle.comparisons)
    _ours(posts)
    ours = next(CountedArticle.comparisons) - before - 1
    _pelicans(posts)
    pelicans = next(CountedArticle.comparisons) - before - ours - 2

    assert ours == 0
    assert pelicans > 300 * 300 / 4  # what the test would see on the old code


def test_a_build_pairs_translations_with_pelicans_own_pairing_off(tmp_path):
    seen: dict = {}

    def watch(generator) -> None:
        seen["setting"] = generator.settings["ARTICLE_TRANSLATION_ID"]
        seen["kept"] = generator.settings[KEPT_SETTING]
        seen["articles"] = list(generator.articles)
        seen["translations"] = list(generator.translations)

    signals.article_generator_finalized.connect(watch)
    try:
        Pelican(serial_settings(tmp_path)).run()
    finally:
        signals.article_generator_finalized.disconnect(watch)

    assert seen["setting"] is None and seen["kept"] == "slug"
    originals = {post.slug: post for post in seen["articles"]}
    assert seen["translations"], "the tests' site has English translations"
    assert len(originals) == len(seen["articles"])
    for translation in seen["translations"]:
        original = originals[translation.slug]
        assert translation.lang == "en" and original.lang == "vi"
        assert original.translations == [translation]
        assert translation.translations == [original]
