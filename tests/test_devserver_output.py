"""After any edits, a warm build process (``make devserver``) writes a clean build.

Each test edits a copy of the tests' site, rebuilds it in one warm process as
``make devserver`` does, then builds the same content afresh and compares the
two trees byte for byte.
"""

from __future__ import annotations

import random
import re

import pytest

from tests.sitebuild import build, copy_content
from tests.warm_site import WarmSite, tree_differences

POST = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2"
SLUG = "giao-ban-quan-uy-quan-doan-2020-lan-2"


@pytest.fixture
def warm(tmp_path):
    """A warm build process over a copy of the tests' site."""
    site = WarmSite(copy_content(tmp_path / "content"), tmp_path / "warm")
    assert "failed" not in site.first, "".join(site.log)
    yield site
    site.close()


def assert_same_as_clean(warm: WarmSite, tmp_path) -> None:
    """Build the warm site's content afresh; its tree must be the warm one."""
    clean = build(warm.content, tmp_path / "clean")
    assert clean.returncode == 0, clean.log
    assert "Cannot load plugin" not in clean.log, clean.log
    differences = tree_differences(warm.output, clean.output)
    assert differences == [], "the warm output is not a clean build's:\n" + "\n".join(
        differences
    )


def test_a_rebuild_that_failed_while_writing_leaves_no_page_stale(warm, tmp_path):
    post = warm.content / f"{POST}.md"
    text = post.read_text(encoding="utf-8")
    post.write_text(text.replace("title: ", "title: Đã sửa - ", 1), encoding="utf-8")
    page = warm.output / "2020" / "12" / SLUG / "index.html"
    page.unlink()
    page.mkdir()  # the page cannot be written: the render stops part-way
    assert warm.rebuild()["failed"].startswith("RenderError")
    page.rmdir()
    assert "failed" not in warm.rebuild()  # same content: every page written
    assert_same_as_clean(warm, tmp_path)


def _files(folder) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_a_broken_original_refuses_the_rebuild_and_publishes_no_1970(warm, tmp_path):
    before = _files(warm.output)
    original = warm.content / f"{POST}.md"
    good = original.read_text(encoding="utf-8")
    original.write_text(good.replace("lang: vi", "lang: [vi", 1), encoding="utf-8")
    result = warm.rebuild()
    assert result["failed"].startswith("ContentError")
    assert f"{POST}.md:" in result["failed"]  # path:line of the broken YAML
    assert _files(warm.output) == before  # nothing written, nothing at 1970
    assert not (warm.output / "en" / "1970").exists()
    # A clean build of the same content refuses it too, with the same message.
    clean = build(warm.content, tmp_path / "clean")
    assert clean.returncode == 1
    assert f"{POST}.md:" in clean.log
    assert not (tmp_path / "clean" / "en" / "1970").exists()
    original.write_text(good, encoding="utf-8")  # fixed: the next save rebuilds
    assert "failed" not in warm.rebuild()
    assert_same_as_clean(warm, tmp_path / "fixed")


class Editor:
    """Edit the tests' site as a writer would, one seeded random edit at a time."""

    def __init__(self, content, random_source):
        self.content, self.random = content, random_source
        self.broken: dict = {}  # path -> its good text
        self.added = 0

    def originals(self) -> list:
        return sorted(
            path
            for path in (self.content / "posts").rglob("*.md")
            if not path.name.endswith(".en.md") and path not in self.broken
        )

    def units(self) -> list[str]:
        text = (self.content / "data" / "units.yml").read_text(encoding="utf-8")
        return re.findall(r"^- key: (\S+)$", text, flags=re.MULTILINE)

    def _post(self):
        if not self.originals():  # every post is broken: the writer fixes them
            self.fix_yaml()
        return self.random.choice(self.originals())

    def body(self) -> str:
        post = self._post()
        post.write_text(post.read_text("utf-8") + "\nThêm một câu.\n", "utf-8")
        return f"body {post.name}"

    def title(self) -> str:
        post = self._post()
        number = self.random.randrange(1000)
        text = re.sub(
            r"^title: .*$",
            f"title: Tin số {number}",
            post.read_text("utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        post.write_text(text, "utf-8")
        return f"title {post.name}"

    def break_yaml(self) -> str:
        post = self._post()
        text = post.read_text("utf-8")
        self.broken[post] = text
        post.write_text(text.replace("\nlang: vi", "\nlang: [vi", 1), "utf-8")
        return f"break {post.name}"

    def fix_yaml(self) -> str:
        for post, text in self.broken.items():
            post.write_text(text, "utf-8")
        self.broken.clear()
        return "fix"

    def delete_post(self) -> str:
        if len(self.originals()) < 2:
            return self.body()
        post = self._post()
        post.unlink()
        post.with_name(post.name[:-3] + ".en.md").unlink(missing_ok=True)
        return f"delete {post.name}"

    def delete_translation(self) -> str:
        translations = sorted((self.content / "posts").rglob("*.en.md"))
        if not translations:
            return self.body()
        translation = self.random.choice(translations)
        translation.unlink()
        return f"delete {translation.name}"

    def add_post(self) -> str:
        source = self._post()
        self.added += 1
        slug = f"bai-moi-{self.added}"
        year = self.random.choice(["2019", "2020", "2022"])
        folder = self.content / "posts" / year
        folder.mkdir(exist_ok=True)
        for suffix in (".md", ".en.md"):
            original = source.with_name(source.name[:-3] + suffix)
            if not original.exists():
                continue
            text = re.sub(
                r"^slug: .*$",
                f"slug: {slug}",
                original.read_text("utf-8"),
                count=1,
                flags=re.MULTILINE,
            )
            text = re.sub(
                r"^date: \d{4}", f"date: {year}", text, count=1, flags=re.MULTILINE
            )
            text = re.sub(
                r"^(  date:) \d{4}", rf"\1 {year}", text, count=1, flags=re.MULTILINE
            )
            (folder / f"{slug}{suffix}").write_text(text, "utf-8")
        return f"add {year}/{slug}"

    def rename_unit_key(self) -> str:
        old = self.random.choice(self.units())
        new = f"{old}-moi"
        pattern = re.compile(rf"(?<![\w-]){re.escape(old)}(?![\w-])")
        for path in [
            *(self.content / "data").glob("*.yml"),
            *(self.content / "posts").rglob("*.md"),
        ]:
            text = path.read_text("utf-8")
            if pattern.search(text):
                path.write_text(pattern.sub(new, text), "utf-8")
        for post, text in self.broken.items():
            self.broken[post] = pattern.sub(new, text)
        return f"rename unit {old}"

    def change_units(self) -> str:
        """Give a post other units: its old and new units' pages change."""
        post = self._post()
        unit = self.random.choice(self.units())
        text = re.sub(
            r"^units: .*$",
            f"units: [{unit}]",
            post.read_text("utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        post.write_text(text, "utf-8")
        return f"units {post.name} [{unit}]"

    def change_date(self) -> str:
        """Move a post (and its event) to another year: its address moves too."""
        post = self._post()
        year = self.random.choice(["2019", "2021", "2023"])
        for path in (post, post.with_name(post.name[:-3] + ".en.md")):
            if not path.exists():
                continue
            text = re.sub(
                r"^(date:|  date:) \d{4}",
                rf"\1 {year}",
                path.read_text("utf-8"),
                flags=re.MULTILINE,
            )
            path.write_text(text, "utf-8")
        return f"date {post.name} {year}"

    def rename_unit(self) -> str:
        units = self.content / "data" / "units.yml"
        number = self.random.randrange(1000)
        text = re.sub(
            r"^  name_en: (.*)$",
            rf"  name_en: \1 {number}",
            units.read_text("utf-8"),
            count=1,
            flags=re.MULTILINE,
        )
        units.write_text(text, "utf-8")
        return "rename a unit"


EDITS = [
    "body",
    "title",
    "break_yaml",
    "fix_yaml",
    "delete_post",
    "add_post",
    "delete_translation",
    "rename_unit_key",
    "rename_unit",
    "change_units",
    "change_date",
]


@pytest.mark.parametrize("seed", [13, 2026])
def test_any_sequence_of_edits_ends_in_a_clean_build(seed, warm, tmp_path):
    """Every kind of edit once, in a seeded random order (each seed its own),
    each rebuilt warm; then the warm tree must be a clean build's.

    A permutation rather than random draws: each sequence meets all nine kinds
    (twelve draws met five or six, repeating the others) in fewer rebuilds.
    """
    editor = Editor(warm.content, random.Random(seed))
    order = editor.random.sample(EDITS, len(EDITS))
    done = []
    for kind in order:
        done.append(getattr(editor, kind)())
        result = warm.rebuild()
        assert ("failed" in result) == bool(editor.broken), (done, result)
    done.append(editor.fix_yaml())
    assert "failed" not in warm.rebuild(), done
    clean = build(warm.content, tmp_path / "clean")
    assert clean.returncode == 0, clean.log
    assert "Cannot load plugin" not in clean.log, clean.log
    differences = tree_differences(warm.output, clean.output)
    assert differences == [], f"after {done}:\n" + "\n".join(differences)
    assert not list(warm.output.rglob("1970"))


def test_units_date_registry_deleted_and_new_post_edits_match_a_clean_build(
    warm, tmp_path
):
    editor = Editor(warm.content, random.Random(7))
    done = []
    for edit in ("change_units", "change_date", "body"):
        done.append(getattr(editor, edit)())
        assert "failed" not in warm.rebuild(), done
    assert_same_as_clean(warm, tmp_path / "moved")
    for edit in ("rename_unit", "delete_post", "add_post", "change_units"):
        done.append(getattr(editor, edit)())
        assert "failed" not in warm.rebuild(), done
    assert_same_as_clean(warm, tmp_path / "last")


def test_make_html_into_an_old_output_removes_what_it_no_longer_writes(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "output"
    assert build(content, output).returncode == 0
    assert (output / "don-vi" / "quan-uy-tan-binh" / "index.html").is_file()
    (output / "mine.txt").write_text("not the build's", encoding="utf-8")
    units = content / "data" / "units.yml"
    units.write_text(
        units.read_text("utf-8").replace(
            "key: quan-uy-tan-binh", "key: quan-uy-tan-binh-moi"
        ),
        "utf-8",
    )
    again = build(content, output)
    assert again.returncode == 0, again.log
    assert not (output / "don-vi" / "quan-uy-tan-binh").exists()
    assert (output / "mine.txt").read_text("utf-8") == "not the build's"
    (output / "mine.txt").unlink()
    clean = build(content, tmp_path / "clean")
    assert tree_differences(output, clean.output) == []


def test_a_post_added_then_deleted_leaves_none_of_its_files(warm, tmp_path):
    editor = Editor(warm.content, random.Random(5))
    editor.add_post()
    assert "failed" not in warm.rebuild()
    added = sorted(warm.content.rglob("bai-moi-1*.md"))
    assert added
    assert list(warm.output.rglob("bai-moi-1"))  # its pages were written
    for path in added:
        path.unlink()
    assert "failed" not in warm.rebuild()
    assert not list(warm.output.rglob("bai-moi-1"))
    assert_same_as_clean(warm, tmp_path)


def test_a_deleted_post_leaves_no_page_unit_topic_person_feed_or_sitemap_entry(
    warm, tmp_path
):
    slug = "kiem-tra-cong-tac-doan-quang-ninh-2020"
    gone = [
        f"2020/11/{slug}/index.html",
        f"en/2020/11/{slug}/index.html",
        "don-vi/tinh-doan-quang-ninh/index.html",
        "don-vi/tinh-doan-quang-ninh/feed.atom.xml",
        "en/units/tinh-doan-quang-ninh/feed.atom.xml",
        "chu-de/quang-ninh/index.html",
        "nhan-vat/hoang-van-hai/index.html",
    ]
    for name in gone:
        assert (warm.output / name).is_file(), name
    for path in (warm.content / "posts" / "2020").glob(f"{slug}*.md"):
        path.unlink()
    assert "failed" not in warm.rebuild()
    assert [name for name in gone if (warm.output / name).exists()] == []
    assert slug not in (warm.output / "sitemap.xml").read_text("utf-8")
    assert_same_as_clean(warm, tmp_path)
