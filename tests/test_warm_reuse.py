"""make devserver: a warm rebuild describes again only what changed (issue #22).

One warm process (``tests/rebuild_driver.py``, the devserver's settings with
the search index in the background) builds a generated archive, then takes
edits; each report says how many search documents were described again and
the digest of the documents indexed, which a new process must match.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from PIL import Image

from bench.generate import generate_archive
from tests.warm_site import next_report, start_driver

SEARCH = ("--set", "SEARCH_INDEX_BACKGROUND=true")
ROOT = Path(__file__).resolve().parent.parent
GUIDE_LINE = "Một dòng mới của hướng dẫn, để thử."
NEW_TAG = "thẻ thử mới"
NEW_ROLE = "Deputy Secretary of the Warm Rebuild Union"
SENTENCE = "\nMột câu mới được thêm vào bài.\n"
PHOTO = "photos:\n- src: photos/anh-thu.jpg\n  alt: Ảnh thử\n"
PAGE = "---\ntitle: Giới thiệu\nslug: {slug}\nlang: vi\n---\nNội dung.\n"


class Driver:
    """A warm rebuild process: edit the files, then ``build()`` for its report."""

    def __init__(self, content: Path, output: Path, *options: str):
        self.process = start_driver(content, output, *SEARCH, *options)

    def report(self) -> dict:
        return next_report(self.process)

    def build(self) -> dict:
        self.process.stdin.write("build\n")
        self.process.stdin.flush()
        return self.report()

    def close(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=120)


def _posts(content: Path) -> list[Path]:
    return sorted((content / "posts").rglob("*.md"))


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])


def _names_unit(data: dict, names: set[str]) -> bool:
    """Tell whether a post's front matter names one of ``names`` as a unit."""
    units = data.get("units") or []
    written = [*(units if isinstance(units, list) else [units])]
    written.append((data.get("event") or {}).get("organizer"))
    written += [speaker.get("unit") for speaker in data.get("speakers") or []]
    return any(name in names for name in written if isinstance(name, str))


def _fresh_digest(content: Path, output: Path) -> str:
    """Return the documents' digest of one build in a new process."""
    driver = Driver(content, output)
    try:
        return driver.report()["search_digest"]
    finally:
        driver.close()


@pytest.fixture(scope="module")
def warm(tmp_path_factory):
    """Build warm, then: a body edit, nothing, a unit rename; keep each report."""
    root = tmp_path_factory.mktemp("warm-reuse")
    generate_archive(root, 30)
    content = root / "content"
    posts = _posts(content)
    units_file = content / "data" / "units.yml"
    units = yaml.safe_load(units_file.read_text(encoding="utf-8"))
    named = {p: _front_matter(p) for p in posts}

    def names_of(unit: dict) -> set[str]:
        return {unit["name"], *unit.get("aliases", [])}

    # A unit that some posts name (and others do not), renamed in English.
    unit = next(
        u
        for u in units
        if u.get("parent")
        and 0
        < sum(_names_unit(data, names_of(u)) for data in named.values())
        < len(posts) // 3
    )
    names = names_of(unit)
    originals = {p for p, data in named.items() if _names_unit(data, names)}
    # Translations take their original's units.
    slugs = {named[p].get("slug") or p.stem for p in originals}
    showing = {
        p for p in posts if (named[p].get("slug") or p.name.split(".")[0]) in slugs
    }
    # The writers' guide from copies this test may edit.
    guides = {}
    for lang, name in (("vi", "huong-dan-viet-bai.md"), ("en", "writers-guide.md")):
        guides[lang] = root / f"guide-{lang}.md"
        guides[lang].write_text((ROOT / "docs" / name).read_text("utf-8"), "utf-8")
    sources = json.dumps({lang: str(path) for lang, path in guides.items()})
    driver = Driver(content, root / "out", "--set", f"WRITERS_GUIDE_SOURCES={sources}")
    try:
        reports = {"first": driver.report()}
        edited = next(p for p in posts if not p.name.endswith(".en.md"))
        with open(edited, "a", encoding="utf-8") as post:
            post.write(SENTENCE)
        reports["body"] = driver.build()
        reports["nothing"] = driver.build()
        unit["name_en"] = "Renamed Test Youth Union"
        units_file.write_text(
            yaml.safe_dump(units, allow_unicode=True, sort_keys=False), "utf-8"
        )
        reports["rename"] = driver.build()
        fresh = _fresh_digest(content, root / "fresh")  # a new process, same files
        # The guide's text, then a post's tags: both show in the next build.
        with open(guides["vi"], "a", encoding="utf-8") as guide:
            guide.write(f"\n{GUIDE_LINE}\n")
        reports["guide"] = driver.build()
        tagged = next(
            p
            for p in posts
            if p not in showing
            and p.name.count(".") == 1
            and "\ntags:" in p.read_text()
        )
        tag_text = tagged.read_text(encoding="utf-8")
        tag_line = next(
            line for line in tag_text.splitlines() if line.startswith("tags:")
        )
        tagged.write_text(tag_text.replace(tag_line, f"tags: [{NEW_TAG}]"), "utf-8")
        reports["tag"] = driver.build()
        tag_pages = [
            page.read_text(encoding="utf-8")
            for page in (root / "out").rglob(f"{named[tagged]['slug']}/index.html")
        ]
        guide_pages = [
            page.read_text(encoding="utf-8")
            for page in (root / "out").rglob("index.html")
            if GUIDE_LINE in page.read_text(encoding="utf-8")
        ]
        tagged.write_text(tag_text, encoding="utf-8")
        reports["untag"] = driver.build()
        # A translation's own English role: shown at the next build.
        translated = next(
            p
            for p in posts
            if p.name.endswith(".en.md")
            and p not in showing
            and "\nroles:\n" in p.read_text()
        )
        en_text = translated.read_text(encoding="utf-8")
        role_line = next(
            line
            for line in en_text.split("\nroles:\n", 1)[1].splitlines()
            if line.startswith("  ")
        )
        new_role = role_line.split(":", 1)[0] + f": {NEW_ROLE}"
        translated.write_text(en_text.replace(role_line, new_role), "utf-8")
        reports["en role"] = driver.build()
        role_pages = [
            page.read_text(encoding="utf-8")
            for page in (root / "out" / "en").rglob(
                f"{_front_matter(translated)['slug']}/index.html"
            )
        ]
        translated.write_text(en_text, encoding="utf-8")
        reports["en role back"] = driver.build()
        # Front matter edits: the title of an original (it and its translation
        # are resolved again), then a unit no registry has, then put back.
        original = next(p for p in sorted(showing) if not p.name.endswith(".en.md"))
        text = original.read_text(encoding="utf-8")
        title = next(line for line in text.splitlines() if line.startswith("title:"))
        original.write_text(text.replace(title, "title: Tiêu đề mới"), "utf-8")
        reports["title"] = driver.build()
        wrong = next(p for p in posts if p not in showing and p.name.count(".") == 1)
        good = wrong.read_text(encoding="utf-8")
        wrong.write_text(good.replace("units:", "units: [Đoàn Không Có Thật]\nx:"))
        reports["wrong"] = driver.build()
        wrong.write_text(good, encoding="utf-8")
        reports["fixed"] = driver.build()
        # A page given the search page's address, then moved off it.
        pages = content / "pages"
        pages.mkdir(exist_ok=True)
        page = pages / "gioi-thieu.md"
        page.write_text(PAGE.format(slug="gioi-thieu"), encoding="utf-8")
        reports["page"] = driver.build()
        page.write_text(PAGE.format(slug="tim-kiem"), encoding="utf-8")
        reports["reserved"] = driver.build()
        page.unlink()
        reports["no page"] = driver.build()
        # A photo a post shows is deleted: the post's error comes back.
        (content / "photos").mkdir(exist_ok=True)
        photo = content / "photos" / "anh-thu.jpg"
        Image.new("RGB", (1200, 800), (200, 30, 30)).save(photo, quality=80)
        head, _, body = good.partition("\n---\n")
        wrong.write_text(f"{head}\n{PHOTO}---\n{body}", encoding="utf-8")
        reports["photo"] = driver.build()
        photo.unlink()
        reports["photo gone"] = driver.build()
        wrong.write_text(good, encoding="utf-8")
        # The registry loses the unit: every post that names it is an error.
        units_file.write_text(
            yaml.safe_dump(
                [u for u in units if u is not unit], allow_unicode=True, sort_keys=False
            ),
            "utf-8",
        )
        reports["removed"] = driver.build()
    finally:
        driver.close()
    for name, report in reports.items():
        if name not in ("wrong", "reserved", "photo gone", "removed"):
            assert "failed" not in report, (name, report)
    return {
        "reports": reports,
        "posts": len(posts),
        "showing": len(showing),
        "originals": sorted(originals),
        "wrong": wrong,
        "fresh": fresh,
        "tag_pages": tag_pages,
        "guide_pages": guide_pages,
        "role_pages": role_pages,
    }


def test_a_body_edit_describes_one_search_document(warm):
    reports = warm["reports"]
    assert reports["first"]["search_described"] == warm["posts"]
    assert reports["body"]["search_described"] == 1
    assert reports["body"]["search_reused"] == warm["posts"] - 1
    assert reports["body"]["search_digest"] != reports["first"]["search_digest"]
    assert reports["nothing"]["search_described"] == 0


def test_a_unit_rename_describes_exactly_the_posts_showing_it(warm):
    rename = warm["reports"]["rename"]
    assert 0 < warm["showing"] < warm["posts"]
    assert rename["search_described"] == warm["showing"]
    assert rename["search_reused"] == warm["posts"] - warm["showing"]


def test_the_kept_documents_are_a_new_processs(warm):
    """After every edit, the documents indexed are those a new process describes."""
    assert warm["reports"]["rename"]["search_digest"] == warm["fresh"]
    assert (
        warm["reports"]["rename"]["search_digest"]
        != (warm["reports"]["nothing"]["search_digest"])
    )


def test_a_one_post_edit_resolves_only_that_post(warm):
    reports, posts = warm["reports"], warm["posts"]
    # A body edit leaves every front matter as it was: nothing is resolved again.
    assert reports["body"]["resolved"] == 0
    assert reports["body"]["resolutions_reused"] == posts
    # A new title: the original, and its translation, which checks against it.
    assert reports["title"]["resolved"] == 2
    assert reports["title"]["resolutions_reused"] == posts - 2
    # A registry edit: every post is resolved against the new registry.
    assert reports["rename"]["resolved"] == posts


def test_only_posts_not_as_the_last_build_had_them_are_derived_again(warm):
    """``newsroom.incremental.same_post``: a kept post (its translations kept
    too), with settings, registries and photos unchanged, keeps the last
    build's record of it (fast_build.changes) without deriving it again."""
    reports, posts = warm["reports"], warm["posts"]
    assert reports["first"]["records_made"] == posts
    body = reports["body"]
    assert 1 <= body["records_made"] <= 2  # the edited post and its translation
    assert body["records_made"] + body["records_reused"] == posts
    # The edited post is made again in each build: never the last build's.
    assert reports["nothing"]["records_made"] == body["records_made"]
    assert reports["rename"]["records_made"] == posts  # another registry
    assert reports["photo"]["records_made"] == posts  # another photo folder
    # After a failed build nothing is taken as it was.
    assert reports["fixed"]["records_made"] == posts
    assert reports["page"]["records_made"] < posts  # and the next is not


def test_only_unchanged_posts_keep_the_news_the_last_build_filled(warm):
    """A post as the last build had it keeps its news (facts, English, photos:
    ``NewsPost.carried_over``); an edited post, its translation, every post
    after a registry or photo edit, and every post after a failed build are
    given new news, filled again."""
    reports, posts = warm["reports"], warm["posts"]
    assert reports["first"]["news_carried"] == 0
    for name in ("body", "nothing", "title", "page"):
        report = reports[name]
        assert report["news_carried"] == report["records_reused"], name
        assert report["news_carried"] == posts - report["records_made"], name
    assert reports["body"]["news_carried"] == posts - 1  # the edited post
    for name in ("rename", "photo", "fixed"):
        assert reports[name]["news_carried"] == 0, name


def test_neighbours_and_home_sections_are_kept_while_what_decides_them_is(warm):
    """A body or title edit leaves every post's date, slug, units and
    translations: the last build's neighbours, home sections and "more from
    this unit" lists are given to this build's posts; a registry edit or a
    post's new units work them out again."""
    reports = warm["reports"]
    assert not reports["first"]["links_reused"]
    for name in ("body", "nothing", "title", "guide"):
        assert reports[name]["links_reused"], name
        assert reports[name]["related_reused"], name  # "more from this unit"
    for name in ("rename", "fixed"):  # another registry; after a failed build
        assert not reports[name]["links_reused"], name
    # The post given a unit no registry has ("wrong") is listed again.
    assert not reports["fixed"]["related_reused"]


def test_a_one_post_edit_describes_only_that_posts_file(warm):
    """The pages' fingerprints describe a post's file (front matter, title...)
    once: unchanged files keep the last build's description."""
    reports, posts = warm["reports"], warm["posts"]
    assert reports["first"]["files_described"] == posts
    assert reports["body"]["files_described"] == 1
    assert reports["nothing"]["files_described"] == 0
    # A new title: the original, and its translation, read again with it.
    assert reports["title"]["files_described"] == 2


def test_an_error_written_in_a_warm_rebuild_is_reported(warm):
    failed = warm["reports"]["wrong"]["failed"]
    assert "ContentError" in failed
    assert "Đoàn Không Có Thật" in failed
    assert warm["wrong"].name in failed
    assert "failed" not in warm["reports"]["fixed"]


def test_a_page_moved_onto_a_generated_address_is_an_error_in_a_warm_rebuild(warm):
    failed = warm["reports"]["reserved"]["failed"]
    assert "pages/gioi-thieu.md:3: [error] slug: the address /tim-kiem/" in failed
    assert "is already the search page" in failed


def test_a_photo_deleted_between_warm_rebuilds_is_reported(warm):
    failed = warm["reports"]["photo gone"]["failed"]
    assert warm["wrong"].name in failed
    assert 'the photo "photos/anh-thu.jpg" does not exist' in failed


def test_posts_naming_a_unit_the_registry_lost_are_errors_again(warm):
    failed = warm["reports"]["removed"]["failed"]
    for path in warm["originals"]:
        assert path.name in failed


def test_a_rebuild_makes_no_category_author_or_tag_again(warm):
    """Pelican's wrappers (and their slugs) are kept: one object per name."""
    reports = warm["reports"]
    assert reports["first"]["wrappers_made"] > 0
    for name in ("body", "nothing", "rename", "title"):
        assert reports[name]["wrappers_made"] == 0, name
        # the site's author for every post made again, and its tags
        assert reports[name]["wrappers_reused"] >= reports[name]["posts_made"], name
    assert reports["title"]["wrappers_reused"] > 0


def test_a_rebuild_keeps_every_post_whose_file_did_not_change(warm):
    """Pelican's Article objects are kept: only files edited since the first
    build are made again (an original and its translation, which takes its
    original's slug; kept posts are the first build's, see kept_posts)."""
    reports, posts = warm["reports"], warm["posts"]
    assert reports["first"]["posts_kept"] == 0
    assert reports["first"]["posts_made"] == posts
    edited = reports["body"]["posts_made"]
    assert 1 <= edited <= 2
    assert reports["nothing"]["posts_made"] == edited
    assert reports["rename"]["posts_made"] == edited  # a registry edit: none more
    for name in ("body", "nothing", "rename", "title"):
        report = reports[name]
        assert report["posts_kept"] + report["posts_made"] == posts, name


def test_a_new_tag_is_made_and_shown(warm):
    assert warm["reports"]["tag"]["wrappers_made"] == 1
    assert warm["tag_pages"]
    assert all(NEW_TAG in page for page in warm["tag_pages"])


def test_the_content_folder_is_walked_once_per_generator(warm):
    """The progress bar and the parallel read share Pelican's list of files."""
    for name in ("first", "body", "nothing"):
        asked, walked = warm["reports"][name]["content_lists"]
        # the site has no pages yet: Pelican reads none, so none are asked for
        assert (asked, walked) == (2, 1), name  # the progress bar, the parallel read
    asked, walked = warm["reports"]["page"]["content_lists"]  # a page added
    assert (asked, walked) == (3, 2)


def test_the_writers_guide_is_rendered_once_until_it_changes(warm):
    reports = warm["reports"]
    assert reports["first"]["guides_rendered"] == 2  # Vietnamese, English
    assert reports["rename"]["guides_rendered"] == 2  # counted since the start
    assert reports["guide"]["guides_rendered"] == 3  # the edited one again
    assert warm["guide_pages"]


def test_a_rebuild_from_memory_makes_no_markdown_converter(warm):
    """Pelican makes a reader per extension and generator in every build; only
    a reader that reads makes its Markdown instance (the edited post is read
    in a forked reading process here)."""
    reports = warm["reports"]
    assert reports["nothing"]["markdown_made"] == reports["body"]["markdown_made"]
    assert reports["body"]["markdown_made"] == reports["first"]["markdown_made"]


def test_the_url_patterns_are_looked_at_once_per_build(warm):
    reports = warm["reports"]
    assert (
        reports["body"]["url_pattern_checks"] - reports["first"]["url_pattern_checks"]
        == 1
    )
    assert (
        reports["nothing"]["url_pattern_checks"] - reports["body"]["url_pattern_checks"]
        == 1
    )


def test_a_translation_s_edited_role_is_shown_at_the_next_build(warm):
    assert warm["role_pages"]
    assert all(NEW_ROLE in page for page in warm["role_pages"])
    assert warm["reports"]["en role"]["english_made"] == 1


def test_english_roles_groups_and_tags_are_composed_only_for_what_changed(warm):
    reports = warm["reports"]
    originals = reports["first"]["english_made"]
    assert originals > 0
    for name in ("body", "nothing", "guide"):
        assert reports[name]["english_made"] == 0, name
        assert reports[name]["english_reused"] == originals, name
        # every unchanged pair's English stays on its news, carried over
        # from the last build; an edited post's is taken from the memo
        assert 0 < reports[name]["english_carried"] < originals, name
    # resolved again, but to speakers, groups and tags equal to the last ones
    assert reports["title"]["english_made"] == 0
    assert reports["tag"]["english_made"] == 1  # its tags changed
    assert reports["rename"]["english_made"] == originals  # a new registry


def test_a_body_edit_keeps_every_other_sitemap_entry(warm):
    """Pages left as the last build wrote them keep their sitemap entries; the
    edited post's page (and its translation's, which links it) are recorded
    again; the sitemap itself equals a new process's (test_devserver_*)."""
    reports = warm["reports"]
    assert reports["first"]["sitemap_reused"] == 0
    body = reports["body"]
    # every page left as it was but the two 404 pages (not in the sitemap)
    assert body["sitemap_reused"] == body["skipped"] - 2
    nothing = reports["nothing"]
    assert nothing["sitemap_reused"] == nothing["skipped"] - 2


def test_after_many_edits_the_next_build_makes_every_post_afresh(tmp_path):
    """Kept posts are one build's (kept_posts): once more than a quarter of
    them were edited, the next build makes them all and keeps them, so the
    edited posts' first versions do not pile up."""
    generate_archive(tmp_path, 12)
    content = tmp_path / "content"
    originals = [p for p in _posts(content) if not p.name.endswith(".en.md")]
    driver = Driver(content, tmp_path / "out")
    try:
        posts = driver.report()["posts_made"]
        assert posts == len(_posts(content))
        for path in originals[: len(originals) // 2]:
            with open(path, "a", encoding="utf-8") as post:
                post.write(SENTENCE)
        many = driver.build()
        assert many["posts_made"] > posts // 4, many
        afresh = driver.build()  # nothing edited: a new base
        assert (afresh["posts_made"], afresh["posts_kept"]) == (posts, 0)
        kept = driver.build()
        assert (kept["posts_made"], kept["posts_kept"]) == (0, posts)
        assert kept["posts_held"] == posts
        # A post deleted: its kept Article goes too.
        deleted = [
            originals[-1],
            originals[-1].with_name(f"{originals[-1].stem}.en.md"),
        ]
        removed = sum(path.exists() for path in deleted)
        for path in deleted:
            path.unlink(missing_ok=True)
        gone = driver.build()
        assert gone["posts_held"] == posts - removed
    finally:
        driver.close()
    for report in (many, afresh, kept, gone):
        assert "failed" not in report, report
