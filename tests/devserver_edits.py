"""The devserver tests' edits (tests/test_devserver_*.py): a warm build process
over a copy of the tests' site, a writer's edits, and the clean build a warm
tree must equal."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from tests.sitebuild import build, copy_content
from tests.warm_site import WarmSite, tree_differences

POST = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2"
SLUG = "giao-ban-quan-uy-quan-doan-2020-lan-2"


def warm_copy(tmp_path: Path) -> Iterator[WarmSite]:
    """Yield a warm build process over a copy of the tests' site (a fixture's
    body: each test module's ``warm`` fixture)."""
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
