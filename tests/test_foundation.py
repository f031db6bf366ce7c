"""The seeds end to end: every fact their front matter states is on the built pages.

Expectations are read from the seed posts themselves (tests/fixtures/site), not
written here: add, edit or translate a seed and this test follows it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import pytest
import yaml
from pelican.settings import read_settings

from bilingual.roles import RoleComposer
from content_model.registry import Registry, load_registry
from tests.sitebuild import CONTENT, ROOT
from vietnamese import format_event_date, format_number, parse_datetime

SETTINGS = read_settings(str(ROOT / "pelicanconf.py"))


@dataclass(frozen=True)
class Seed:
    """A seed post: its Vietnamese front matter and, if any, its translation's."""

    path: Path
    front: dict
    english: dict | None

    @property
    def slug(self) -> str:
        return self.front["slug"]

    @property
    def date(self) -> datetime:
        return parse_datetime(self.front["date"])

    def url(self, lang: str) -> str:
        """Return the post's URL in ``lang``, as the site's settings make it."""
        if lang == SETTINGS["DEFAULT_LANG"]:
            pattern = SETTINGS["ARTICLE_URL"]
        else:
            pattern = SETTINGS["ARTICLE_LANG_URL"]
        return "/" + pattern.format(date=self.date, slug=self.slug, lang=lang)

    def langs(self) -> list[str]:
        return ["vi", "en"] if self.english else ["vi"]


def front_matter(path: Path) -> dict:
    """Return a post's front matter, read as YAML."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("\n---", 1)[0].removeprefix("---"))


def read_seeds() -> list[Seed]:
    """Return every published Vietnamese seed post with its translation."""
    seeds = []
    for path in sorted((CONTENT / "posts").rglob("*.md")):
        if path.name.endswith(".en.md"):
            continue
        front = front_matter(path)
        if front.get("status", "published") != "published":
            continue
        translation = path.with_name(path.name.removesuffix(".md") + ".en.md")
        english = front_matter(translation) if translation.exists() else None
        seeds.append(Seed(path, front, english))
    return seeds


SEEDS = read_seeds()
CASES = [(seed, lang) for seed in SEEDS for lang in seed.langs()]


def case_id(case) -> str:
    seed, lang = case
    return f"{seed.slug}-{lang}"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(CONTENT / "data", CONTENT)


def texts(page, selector: str) -> list[str]:
    return [
        " ".join(node.get_text(" ", strip=True).split())
        for node in page.select(selector)
    ]


def test_there_are_seeds_in_both_languages():
    assert SEEDS, f"no published seed post under {CONTENT}"
    assert any(seed.english for seed in SEEDS)


@pytest.mark.parametrize("case", CASES, ids=case_id)
def test_each_seed_page_shows_its_front_matter(site, registry, case):
    seed, lang = case
    front = seed.front if lang == "vi" else seed.english
    page = site.page(seed.url(lang))
    where = seed.url(lang)
    assert page.html["lang"] == lang
    assert page.find("h1").get_text(" ", strip=True) == " ".join(front["title"].split())
    published = page.find("time")["datetime"]
    assert published == seed.date.isoformat(timespec="seconds"), where
    text = " ".join(page.get_text(" ", strip=True).split())

    event = seed.front.get("event") or {}
    if event.get("date"):
        when = format_event_date(event["date"], event.get("time"), lang)
        assert when in text, f"{when!r} missing from {where}"

    for reference in seed.front.get("units") or []:
        unit = registry.find_unit(reference)
        assert unit is not None, reference
        assert unit.display_name(lang) in text, f"{unit.key} missing from {where}"

    names = texts(page, ".speaker__name")
    roles = texts(page, ".speaker__role")
    english_roles = (seed.english or {}).get("roles") or {}
    for speaker in seed.front.get("speakers") or []:
        person = registry.find_person(speaker["name"])
        assert person is not None, speaker["name"]
        assert person.name in names, f"{person.name} missing from {where}"
        role = speaker["role"]
        # English roles are keyed by the speaker's key or name.
        english_role = english_roles.get(person.key) or english_roles.get(
            speaker["name"]
        )
        if lang == "en" and english_role:
            role = english_role
        assert " ".join(role.split()) in roles, f"{role!r} missing from {where}"

    counts = texts(page, ".attendees__count")
    english_groups = (seed.english or {}).get("groups") or {}
    glossary = RoleComposer.from_registry(registry)
    for group in seed.front.get("attendees") or []:
        name = group["group"]
        if lang == "en":  # the translation's English, else the glossary's
            name = english_groups.get(name) or glossary.compose(name) or name
        assert name in text, f"{name!r} missing from {where}"
        if group.get("count"):
            assert format_number(group["count"], lang) in counts


@pytest.mark.parametrize("seed", [s for s in SEEDS if s.english], ids=lambda s: s.slug)
def test_translations_link_to_each_other(site, seed):
    vi, en = seed.url("vi"), seed.url("en")
    assert {a["href"] for a in site.page(vi).select('a[hreflang="en"]')} == {en}
    assert {a["href"] for a in site.page(en).select('a[hreflang="vi"]')} == {vi}


@pytest.mark.parametrize(("home", "lang"), [("/", "vi"), ("/en/", "en")])
def test_home_lists_every_seed_newest_first(site, home, lang):
    page = site.page(home)
    assert page.html["lang"] == lang
    newest_first = sorted(SEEDS, key=lambda seed: seed.date, reverse=True)
    expected = [seed.url(lang) for seed in newest_first if lang in seed.langs()]
    links = [a["href"] for a in page.select(".post-summary__title a")]
    shown = [link for link in links if link in expected]  # the home may paginate
    assert shown and shown == expected[: len(shown)]
