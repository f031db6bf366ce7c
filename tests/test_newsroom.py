"""The shared core: the typed post (``article.news``) and the one build state.

Builds run in this process (``read_settings(override=...)``), as ``make
devserver`` runs them, so the content objects and the build state can be read
after each build.
"""

from __future__ import annotations

import filecmp
import io
import re
from datetime import date
from pathlib import Path

import pytest
from pelican import Pelican, signals
from pelican.contents import Article, Content, Page
from pelican.generators import ArticlesGenerator, PagesGenerator
from pelican.settings import read_settings
from PIL import Image

from bilingual.cards import CardCache
from bilingual.feeds import FeedTexts
from content_model.model import Attendance, Event, Photo, Speaker
from content_model.registry import Unit
from content_model.state import ContentState
from newsroom import build
from newsroom.post import NewsPost
from photos.gallery import PublishedPhoto
from search_index.state import SearchState
from tests.sitebuild import CONTENT, ROOT, copy_content
from tests.sitebuild import build as build_in_subprocess
from unit_pages.plugin import UnitPagesState

README = ROOT / "plugins" / "newsroom" / "README.md"
ORIGINAL = "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"
PHOTO = "photos/2021/hoi-nghi.jpg"

# What each documented field of a NewsPost holds on a built post; a field of
# the README's table missing here (or here and not there) fails the test.
Check = tuple[type | tuple[type, ...], type | None]  # (type, type of each item)
SURFACE: dict[str, Check] = {
    "event": ((Event, type(None)), None),
    "units": (list, Unit),
    "filed_under": (list, str),
    "speakers": (list, Speaker),
    "attendees": (list, Attendance),
    "photos": (list, Photo),
    "tags_en": (dict, None),
    "original": ((Article, type(None)), None),
    "featured": (bool, None),
    "gallery": (list, PublishedPhoto),
    "og_image": ((str, type(None)), None),
    "lead_photo": ((PublishedPhoto, type(None)), None),
    "card_photo": ((PublishedPhoto, type(None)), None),
    "more_photos": (list, PublishedPhoto),
    "older": ((Article, type(None)), None),
    "newer": ((Article, type(None)), None),
    "more_from_unit": (list, Article),
    "lede": ((str, type(None)), None),
    "body": (str, None),
}

# Pelican's own attributes that it sets after making a post: a draft's
# category (content_model fills it in), URLs fixed once the date is settled.
PELICAN_LATER = {"category", "override_url", "override_save_as"}
# fast_build (optional, being reworked in issue #14) freezes URLs with a key of
# its own; it is the one exception, and only while it is in PLUGINS.
FAST_BUILD_OWN = {"_fast_build_url_key"}

_generators: list = []


class FakePelican:
    """What ``newsroom.build.start`` reads of Pelican: the site's settings."""

    def __init__(self) -> None:
        self.settings = read_settings(
            str(ROOT / "pelicanconf.py"), override={"PATH": str(CONTENT)}
        )
        self.output_path = "out"


def _keep_generators(generators: list) -> None:
    """Keep the generators of the build in progress (``all_generators_finalized``)."""
    _generators[:] = generators


def documented_fields() -> list[str]:
    """Return the field names of the README's table of the typed post."""
    text = README.read_text(encoding="utf-8")
    table = text.split("## The typed post", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE)


def site_with_photos(root: Path) -> Path:
    """Return the tests' site with a gallery photo, a body image and a page."""
    content = copy_content(root / "content")
    (content / "photos" / "2021").mkdir(parents=True)
    Image.new("RGB", (800, 600), (30, 90, 160)).save(content / PHOTO)
    post = content / ORIGINAL
    text = post.read_text(encoding="utf-8").replace(
        "tags: [",
        f"photos:\n  - src: {PHOTO}\n    alt: Quang cảnh hội nghị\n"
        "    caption: Hội nghị đối thoại\ntags: [",
        1,
    )
    post.write_text(text + f"\n![Đoàn viên dự hội nghị]({PHOTO})\n", encoding="utf-8")
    (content / "pages").mkdir()
    (content / "pages" / "gioi-thieu.md").write_text(
        f"---\ntitle: Giới thiệu\nslug: gioi-thieu\n---\n![Trụ sở]({PHOTO})\n",
        encoding="utf-8",
    )
    return content


def build_here(content: Path, output: Path, **override) -> list:
    """Build ``content`` in this process; return the build's generators."""
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(content),
            "OUTPUT_PATH": str(output),
            "CACHE_PATH": str(output.parent / f"{output.name}-cache"),
            "SEARCH_INDEX_ENABLED": False,
            **override,
        },
    )
    signals.all_generators_finalized.connect(_keep_generators)
    try:
        Pelican(settings).run()
    finally:
        signals.all_generators_finalized.disconnect(_keep_generators)
    return list(_generators)


def contents_of(generators: list) -> list[Content]:
    """Return every post, translation, draft and page the generators read."""
    found: list[Content] = []
    for generator in generators:
        if isinstance(generator, ArticlesGenerator):
            found += generator.articles + generator.translations + generator.drafts
        elif isinstance(generator, PagesGenerator):
            found += generator.pages + generator.hidden_pages + generator.draft_pages
    return found


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> list[Content]:
    """Build the site with photos once; return its posts and pages."""
    root = tmp_path_factory.mktemp("newsroom")
    return contents_of(build_here(site_with_photos(root), root / "output"))


def _source(content: Content) -> str:
    return content.metadata["source_label"]


def test_the_readme_documents_exactly_the_typed_posts_fields():
    assert sorted(documented_fields()) == sorted(SURFACE)


def test_every_documented_field_has_its_type_on_a_built_post(built):
    posts = [c for c in built if isinstance(c, Article)]
    assert len(posts) == 6
    for post in posts:
        for name in documented_fields():
            kind, item = SURFACE[name]
            value = getattr(post.news, name)
            assert isinstance(value, kind), (_source(post), name, value)
            if item is not None:
                assert all(isinstance(each, item) for each in value), (
                    _source(post),
                    name,
                )


def test_a_built_post_and_its_translation_carry_their_facts(built):
    original = next(c for c in built if _source(c) == ORIGINAL)
    translation = next(c for c in built if _source(c) == ORIGINAL[:-3] + ".en.md")
    news, english = original.news, translation.news
    assert news.event.date == date(2021, 4, 6)
    assert [u.key for u in news.units] == [u.key for u in english.units]
    assert len(news.units) >= 2
    assert [s.person.name for s in news.speakers] == [
        "La Thanh Tuấn",
        "Phan Lê Huy Hoàng",
        "Đoàn Long",
    ]
    assert all(s.role_en for s in english.speakers)  # the translation's roles
    assert [a.count for a in news.attendees] == [117]
    assert [p.src for p in news.photos] == [PHOTO]
    assert (news.original, english.original) == (None, original)
    assert len(news.gallery) == 1 and news.og_image.endswith(".jpg")
    assert news.newer is None or news.newer.lang == "vi"
    assert news.older is not None and news.older.lang == "vi"
    assert all(other.lang == "en" for other in english.more_from_unit)


def test_the_body_shows_photos_and_pelicans_content_stays_as_read(built):
    for content in built:
        if "<img" not in content._content:
            continue
        assert "<picture>" in content.news.body, _source(content)
        assert "<picture>" not in content.content
        assert "<picture>" not in content._content
    shown = [c for c in built if "<picture>" in c.news.body]
    assert {type(c) for c in shown} == {Article, Page}


def test_no_plugin_sets_its_own_attributes_on_pelicans_content(tmp_path):
    """Every content object has Pelican's attributes, plus ``news``, and no other."""
    content = site_with_photos(tmp_path)
    draft = content / "posts" / "2021" / "ban-nhap.md"
    draft.write_text(
        "---\ntitle: Bản nháp\ndate: 2021-05-01 08:00\nstatus: draft\n"
        "units: [Quận Đoàn Tân Bình]\n---\nNháp.\n",
        encoding="utf-8",
    )
    built = contents_of(build_here(content, tmp_path / "output"))
    assert {c.status for c in built} == {"published", "draft"}
    for item in built:
        with signals.content_object_init.muted():  # as Pelican alone makes it
            fresh = type(item)(
                item._content,
                metadata=item.metadata,
                settings=item.settings,
                source_path=item.source_path,
                context=item._context,
            )
        own = set(vars(fresh)) | PELICAN_LATER | FAST_BUILD_OWN
        assert set(vars(item)) - own == {"news"}, _source(item)
        assert isinstance(item.news, NewsPost)


def _same_tree(left: Path, right: Path) -> list[str]:
    """Return the files that differ or exist on one side only."""
    differences: list[str] = []

    def walk(compared: filecmp.dircmp, where: str) -> None:
        differences.extend(where + name for name in compared.left_only)
        differences.extend(where + name for name in compared.right_only)
        _, mismatch, errors = filecmp.cmpfiles(
            compared.left, compared.right, compared.common_files, shallow=False
        )
        differences.extend(where + name for name in mismatch + errors)
        for name, sub in compared.subdirs.items():
            walk(sub, f"{where}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return differences


def test_a_second_build_in_one_process_starts_from_a_fresh_state(tmp_path):
    """As ``make devserver``: nothing of build 1 is left in build 2."""
    first = copy_content(tmp_path / "first")
    (first / "data" / "units.yml").write_text(
        (first / "data" / "units.yml").read_text(encoding="utf-8")
        + "\n- key: chi-doan-chi-mot-lan\n  name: Chi đoàn Chỉ Một Lần\n"
        "  kind: ward\n  parent: quan-doan-tan-binh\n",
        encoding="utf-8",
    )
    (first / "posts" / "2021" / "mot-lan.md").write_text(
        "---\ntitle: Chỉ ở lần dựng đầu\ndate: 2021-06-01 08:00\n"
        "units: [Chi đoàn Chỉ Một Lần]\nsummary: Một tin.\n---\nMột tin.\n",
        encoding="utf-8",
    )
    second = copy_content(tmp_path / "second")
    build_here(first, tmp_path / "out-first")
    state_first = build.current()
    cards_first = state_first.section(CardCache).cards
    assert cards_first  # the lists of build 1 rendered its cards
    build_here(second, tmp_path / "out-second")
    state = build.current()

    assert state is not state_first
    content = state.section(ContentState)
    assert "chi-doan-chi-mot-lan" in state_first.section(ContentState).registry.units
    assert "chi-doan-chi-mot-lan" not in content.registry.units
    assert dict(content.published) == {"vi": 3, "en": 3}
    assert not content.problems.errors
    assert not state.section(UnitPagesState).index.has_page("chi-doan-chi-mot-lan")
    assert state.section(SearchState).documents == []  # the index is off
    cards = state.section(CardCache).cards
    assert all("mot-lan" not in str(key) for key in cards)
    assert not any("mot-lan" in str(card) for card in cards.values())
    # The same site as a new process builds from the second site alone.
    alone = build_in_subprocess(
        second,
        tmp_path / "out-alone",
        extra={
            "SEARCH_INDEX_ENABLED": "false",
            "CACHE_PATH": f'"{tmp_path / "alone-cache"}"',
        },
    )
    assert alone.returncode == 0, alone.log
    assert _same_tree(tmp_path / "out-second", tmp_path / "out-alone") == []


def test_make_check_starts_a_build_state_without_sending_a_signal(tmp_path):
    from content_model.check import run_check

    sent: list = []

    def count(sender, **_kwargs) -> None:
        sent.append(sender)

    signals.get_generators.connect(count)
    before = build.current() if build._current is not None else None
    try:
        code = run_check(
            str(ROOT / "pelicanconf.py"),
            {"PATH": str(copy_content(tmp_path / "content"))},
            out=io.StringIO(),
        )
    finally:
        signals.get_generators.disconnect(count)
    assert code == 0
    assert sent == []
    assert build.current() is not before
    assert dict(build.current().section(ContentState).published) == {"vi": 3, "en": 3}


def test_the_build_state_is_shared_and_each_section_made_once():
    class Section:
        def __init__(self, state: build.BuildState) -> None:
            self.state = state

    state = build.start(FakePelican())
    assert build.current() is state
    assert state.section(Section) is state.section(Section)
    assert state.section(Section).state is state
    assert not build.start(FakePelican()).has(Section)


def test_pages_have_no_facts_only_their_body_and_photos(built):
    page = next(c for c in built if isinstance(c, Page))
    assert (page.news.event, page.news.units, page.news.speakers) == (None, [], [])
    assert page.news.gallery == []  # a page shows its photos in its body only


def test_the_next_build_closes_what_the_last_one_left_open():
    closed: list[str] = []

    class Open:
        def __init__(self, state: build.BuildState) -> None:
            self.state = state

        def close(self) -> None:
            closed.append("closed")

    build.start(FakePelican()).section(Open)
    assert closed == []
    build.start(FakePelican())
    assert closed == ["closed"]


@pytest.fixture(scope="module")
def one_off_build(tmp_path_factory) -> Path:
    """Build the test site once in this process, as ``make html`` does; its output."""
    root = tmp_path_factory.mktemp("one-off")
    output = root / "out"
    build_here(copy_content(root / "site"), output)
    return output


def test_shared_fragments_are_made_once_per_build(one_off_build):
    """Count badges and feed texts are worked out once, then reused (issue #22)."""
    output = one_off_build
    state = build.current()
    counts = state.section(CardCache).counts
    pages = [p.read_text(encoding="utf-8") for p in output.rglob("*.html")]
    shown = sum(page.count('<span class="post-count">') for page in pages)
    assert counts and shown > 2 * len(counts)
    for (_lang, count), badge in counts.items():
        assert f'<span aria-hidden="true">{count}</span>' in badge
    feed_texts = state.section(FeedTexts)
    feeds = [p.read_text(encoding="utf-8") for p in output.rglob("*.atom.xml")]
    entries = sum(feed.count("<entry") for feed in feeds)
    assert feed_texts.made and feed_texts.reused
    assert entries > 2 * feed_texts.made


def test_a_one_off_build_keeps_nothing_for_a_next_build(one_off_build):
    """What only a devserver rebuild would reuse is let go (issue #22, memory).

    The feeds' texts once the feeds are written; the resolutions, the English
    of each post and the read posts (saved to the disk cache once read) are
    never kept: no next build of this process comes.
    """
    from bilingual.english_memo import kept as english_kept
    from content_model.plugin import resolutions
    from fast_build import read_cache

    assert build.current().section(FeedTexts).texts == {}
    assert resolutions.resolved and len(resolutions) == 0
    assert english_kept.made and len(english_kept) == 0
    assert read_cache.posts_in_memory() == 0
    cache = one_off_build.parent / f"{one_off_build.name}-cache"
    assert (cache / "fast_build" / "posts.pickle").is_file()


def test_a_value_of_every_post_is_kept_while_keys_and_inputs_are():
    """``incremental.KeptWhilePostsAre``: the last value while every post's key
    and each input hold (plain values by equality, objects by identity: a
    registry read again is another build's, even when equal)."""
    from types import SimpleNamespace

    from newsroom.incremental import KeptWhilePostsAre

    class Registry(dict):  # equal to any other empty one
        pass

    posts = [SimpleNamespace(source_path=f"{n}.md", date=n) for n in range(3)]
    kept = KeptWhilePostsAre(lambda post: post.date)
    made = []

    def make():
        made.append(1)
        return len(made)

    registry = Registry()
    assert kept.get(posts, (registry, ("a",)), make, keep=True) == 1
    assert kept.get(posts, (registry, ("a",)), make, keep=True) == 1
    assert kept.reused
    posts[1].date = 7  # a post moved
    assert kept.get(posts, (registry, ("a",)), make, keep=True) == 2
    assert not kept.reused
    assert kept.get(posts, (Registry(), ("a",)), make, keep=True) == 3  # equal, new
    assert kept.get(posts, (registry, ("b",)), make, keep=True) == 4
    assert kept.get(posts[:2], (registry, ("b",)), make, keep=True) == 5  # one gone
    assert kept.get(posts[:2], (registry, ("b",)), make, keep=False) == 6
    assert kept.get(posts[:2], (registry, ("b",)), make, keep=True) == 7  # forgot


def test_a_kept_post_is_offered_its_news_only_from_a_finished_build():
    """``attach_news``: a post announced again keeps the news a finished build
    filled, offered (not yet carried over) until the content model confirms
    it; a build that did not finish never offers its news; without ``carry``
    (a one-off build) every post gets a new one."""
    from newsroom.post import (
        attach_news,
        drop_carried,
        finish_news_build,
        start_news_build,
    )

    class Post:
        pass

    post = Post()
    start_news_build()
    first = attach_news(post, carry=True)
    assert not first.offered and not first.carried_over  # nothing to offer
    start_news_build()  # the first build did not finish
    unfinished = attach_news(post, carry=True)
    assert unfinished is not first and not unfinished.offered
    finish_news_build()
    start_news_build()
    offered = attach_news(post, carry=True)
    assert offered is unfinished and offered.offered
    assert not offered.carried_over  # owners fill it until it is confirmed
    offered.carry_over()
    assert offered.carried_over and not offered.offered
    start_news_build()
    again = attach_news(post, carry=True)  # still the finished build's news
    assert again is unfinished and again.offered
    assert drop_carried(post) is not again and not post.news.offered
    finish_news_build()
    start_news_build()
    last = post.news
    assert attach_news(post) is not last  # a one-off build: always a new one


def test_a_value_of_every_post_is_checked_by_its_fresh_posts_alone():
    """``KeptWhilePostsAre.get_knowing``: told which posts may have changed
    (the rest are as the last build had them), only those posts' keys are
    worked out; ``touched`` names them and the posts whose entry names one."""
    from types import SimpleNamespace

    from newsroom.incremental import KeptWhilePostsAre

    asked = []

    def key_of(post):
        asked.append(post.source_path)
        return post.date

    posts = {
        f"{n}.md": SimpleNamespace(source_path=f"{n}.md", date=n) for n in range(4)
    }
    kept = KeptWhilePostsAre(key_of)

    def make():  # each post names the next one (its "neighbour")
        return {path: [f"{int(path[0]) + 1}.md"] for path in posts}

    first = kept.get_knowing(posts, set(posts), (), make, keep=True)
    assert not kept.reused and kept.touched(lambda value: value.items()) is None
    asked.clear()
    again = kept.get_knowing(posts, {"2.md"}, (), make, keep=True)
    assert again is first and kept.reused
    assert asked == ["2.md"]  # the others are as they were: not asked
    assert kept.touched(lambda value: value.items()) == {"2.md", "1.md"}
    again_set = kept.to_set_again(posts, lambda value: value.items())
    assert {post.source_path for post in again_set} == {"2.md", "1.md"}
    posts["2.md"].date = 9  # the fresh post moved: made again
    assert kept.get_knowing(posts, {"2.md"}, (), make, keep=True) is not first
    assert not kept.reused
    assert len(kept.to_set_again(posts, lambda value: value.items())) == len(posts)
    gone = dict(posts)
    del gone["3.md"]  # a post left: its count tells
    kept.get_knowing(posts, set(), (), make, keep=True)
    assert kept.get_knowing(gone, set(), (), make, keep=True) is not None
    assert not kept.reused
