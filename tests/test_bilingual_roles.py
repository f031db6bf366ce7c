"""English roles composed from the glossary and the unit registry."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from bilingual.roles import RoleComposer, compose_role, tokens
from bilingual.speaker_roles import fill_english_roles, untranslatable_roles
from content_model.model import Speaker
from content_model.registry import (
    GlossaryEntry,
    Person,
    Registry,
    Unit,
    load_registry,
)
from newsroom.post import NewsPost
from tests.sitebuild import CONTENT


@pytest.fixture(scope="module")
def real() -> RoleComposer:
    """The composer of the real glossary and units."""
    return RoleComposer.from_registry(load_registry(CONTENT / "data"))


@pytest.fixture
def small() -> Registry:
    """A registry with a few terms, to test the rules one by one."""
    registry = Registry()
    registry.glossary += [
        GlossaryEntry("Bí thư", "Secretary", "title"),
        GlossaryEntry("Phó Bí thư", "Deputy Secretary", "title"),
        GlossaryEntry("Ủy viên", "Member", "title"),
        GlossaryEntry("Quận Đoàn", "District Youth Union", "body"),
        GlossaryEntry("Ban Thường vụ", "Standing Committee", "body"),
        GlossaryEntry(
            "Quận ủy viên", "Member of the District Party Committee", "phrase"
        ),
    ]
    registry.add_unit(
        Unit(
            "quan-doan-tan-binh",
            "Quận Đoàn Tân Bình",
            "Tan Binh District Youth Union",
            aliases=("Quận Đoàn",),
        )
    )
    registry.add_unit(Unit("doan-phuong-1", "Đoàn phường 1"))  # no English name
    return registry


# Every role of the seed posts composes to the translation's own English text.
SEED_ROLES = [
    (
        "Quận ủy viên, Phó Bí thư Quận Đoàn",
        "Member of the District Party Committee, "
        "Deputy Secretary of the District Youth Union",
    ),
    (
        "Quận ủy viên, Bí thư Quận Đoàn Tân Bình",
        "Member of the District Party Committee, "
        "Secretary of the Tan Binh District Youth Union",
    ),
    (
        "Ủy viên Ban Thường vụ, Trưởng Ban Dân vận Quận ủy",
        "Member of the Standing Committee, Head of the Mass Mobilisation "
        "Commission of the District Party Committee",
    ),
    (
        "Phó Bí thư Thường trực Tỉnh đoàn, Trưởng Đoàn kiểm tra",
        "Standing Deputy Secretary of the Provincial Youth Union, "
        "Head of the Inspection Team",
    ),
    (
        "Ủy viên Ban Chấp hành, Phó Ban Công nhân lao động Thành đoàn",
        "Member of the Executive Committee, Deputy Head of the Workers' Affairs "
        "Commission of the City Youth Union",
    ),
    (
        "Ủy viên Ban Chấp hành, Phó Ban Mặt trận – An ninh quốc phòng – Địa bàn dân cư",
        "Member of the Executive Committee, Deputy Head of the Front – National "
        "Defence and Security – Residential Areas Commission",
    ),
]


@pytest.mark.parametrize(("vietnamese", "english"), SEED_ROLES)
def test_seed_roles_compose_like_their_translations(real, vietnamese, english):
    assert real.compose(vietnamese) == english


@pytest.mark.parametrize(
    ("vietnamese", "english"),
    [
        ("Bí thư", "Secretary"),
        ("Phó Bí thư Quận Đoàn", "Deputy Secretary of the District Youth Union"),
        # the longest match wins: the unit's full name over the glossary's body
        ("Bí thư Quận Đoàn Tân Bình", "Secretary of the Tan Binh District Youth Union"),
        # title + body + body
        (
            "Ủy viên Ban Thường vụ Quận Đoàn",
            "Member of the Standing Committee of the District Youth Union",
        ),
        # semicolons are kept; case, tone placement and Unicode form do not matter
        (
            "quận uỷ viên; phó bí thư quận đoàn",
            "Member of the District Party Committee; "
            "Deputy Secretary of the District Youth Union",
        ),
        ("Bí thư, ", "Secretary"),  # a stray comma is no part
    ],
)
def test_composition_rules(small, vietnamese, english):
    assert compose_role(vietnamese, small) == english


@pytest.mark.parametrize(
    ("vietnamese", "problem"),
    [
        ("Bí thư kiêm Chủ tịch Hội", 'no glossary entry for "kiêm chủ tịch hội"'),
        ("Bí thư Đoàn phường 1", 'no glossary entry for "đoàn phường 1"'),
        ("Quận Đoàn Bí thư", "cannot combine"),  # a body cannot precede a title
        ("Bí thư Phó Bí thư", "cannot combine"),  # nor a title follow a title
        ("", "the role is empty"),
    ],
)
def test_roles_without_english(small, vietnamese, problem):
    reading = RoleComposer.from_registry(small).read(vietnamese)
    assert reading.english is None
    assert problem in str(reading.problem)


def test_glossary_wins_a_tie_with_a_unit_alias(small):
    # "Quận Đoàn" is both a glossary body and an alias of Tân Bình's unit:
    # inside a role it is the generic "District Youth Union".
    assert compose_role("Bí thư Quận Đoàn", small) == (
        "Secretary of the District Youth Union"
    )


def test_tokens_ignore_quotes_and_normalise_dashes():
    assert tokens("“3 nắm, 3 biết”") == ("3", "nắm", ",", "3", "biết")
    assert tokens("Mặt trận – An ninh") == ("mặt", "trận", "-", "an", "ninh")


def _post(lang, speakers, translations=(), label="posts/x.md"):
    """A stand-in for a resolved post."""
    return SimpleNamespace(
        lang=lang,
        news=NewsPost(speakers=speakers),
        translations=list(translations),
        metadata={
            "source_label": label,
            "frontmatter_lines": {
                ("speakers", 0, "role"): 12,
                ("speakers", 1, "role"): 15,
            },
        },
        source_path=label,
    )


def test_fill_prefers_the_translations_own_role_and_marks_gaps(small):
    person = Person("a", "Nguyễn Văn A")
    original = _post(
        "vi",
        [
            Speaker(person, "Bí thư Quận Đoàn"),
            Speaker(person, "Chủ tịch Hội"),
        ],
    )
    translation = _post(
        "en",
        [
            Speaker(person, "Bí thư Quận Đoàn", role_en="Secretary (written)"),
            Speaker(person, "Chủ tịch Hội"),
        ],
    )
    original.translations = [translation]
    gaps = fill_english_roles([original], RoleComposer.from_registry(small))
    assert gaps == 1
    assert [s.role_en for s in original.news.speakers] == ["Secretary (written)", None]
    assert [s.role_en for s in translation.news.speakers] == [
        "Secretary (written)",
        None,
    ]


def test_fill_composes_for_posts_without_translation(small):
    person = Person("a", "Nguyễn Văn A")
    original = _post("vi", [Speaker(person, "Phó Bí thư Quận Đoàn")])
    fill_english_roles([original], RoleComposer.from_registry(small))
    assert original.news.speakers[0].role_en == (
        "Deputy Secretary of the District Youth Union"
    )


def test_untranslatable_roles_are_notices_at_their_line(small):
    person = Person("a", "Nguyễn Văn A")
    original = _post(
        "vi",
        [Speaker(person, "Bí thư"), Speaker(person, "Bí thư kiêm Chủ tịch Hội")],
    )
    notices = untranslatable_roles(small, [original])
    assert [str(n) for n in notices] == [
        'posts/x.md:15: [notice] speakers[2].role: "Bí thư kiêm Chủ tịch Hội" is '
        'shown in Vietnamese on English pages: no glossary entry for "kiêm chủ '
        'tịch hội"; add the terms to content/data/glossary.yml or write roles: '
        "{a: ...} in the English translation"
    ]


def test_a_role_the_translation_gives_is_no_notice(small):
    person = Person("a", "Nguyễn Văn A")
    translation = _post("en", [Speaker(person, "Chủ tịch Hội", role_en="Chair")])
    original = _post("vi", [Speaker(person, "Chủ tịch Hội")], [translation])
    assert untranslatable_roles(small, [original]) == []


def test_a_role_is_read_once_per_composer_and_again_after_a_new_term(small):
    from bilingual.roles import UNIT, Term

    composer = RoleComposer.from_registry(small)
    first = composer.read("Phó Bí thư Quận Đoàn")
    # A build reads the same roles, groups and tags in post after post.
    assert composer.read("Phó Bí thư Quận Đoàn") is first
    unknown = composer.read("Bí thư Phường Đoàn")
    assert unknown.english is None and "phường" in " ".join(unknown.unknown).lower()
    composer.add("Phường Đoàn", Term("Ward Youth Union", UNIT))
    assert composer.read("Bí thư Phường Đoàn").english is not None
