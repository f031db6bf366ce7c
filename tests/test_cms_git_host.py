"""The published editor on a Git host: Decap's backends wrapped (admin/git-backend.js).

A real Git host cannot run here, so the wrapper is driven around Decap's own
``test-repo`` backend (an in-browser repository), wrapped exactly as GitHub,
GitLab and Gitea are: the page is the editor ``cms_admin`` writes, its
generated config.json with the backend named ``newsroom-test-repo``, and the
repository is seeded with the tests' site (posts named ``{slug}.md`` and
``{slug}.en.md``, registries as YAML lists). Chromium fills the forms as a
writer would; the files the repository then holds must be today's names and
what ``make check`` accepts.
"""

from __future__ import annotations

import json
import types
from pathlib import Path

import pytest
import yaml

from cms_admin.config import CONTENT as REPO_CONTENT
from cms_admin.plugin import write_admin
from tests.browser import serve
from tests.sitebuild import CONTENT, copy_content
from tests.test_cms_editor import _make_check, _pick, _wait_for

TITLE = "Hội nghị biên tập trên kho Git"
SLUG = "hoi-nghi-bien-tap-tren-kho-git"
SEED = "posts/2020/kiem-tra-cong-tac-doan-quang-ninh-2020"  # under content/
# The repository's names: its content folder (cms_admin.config.CONTENT),
# here seeded with the tests' site, never the live content/.
POSTS = f"{REPO_CONTENT}/posts"
PEOPLE = f"{REPO_CONTENT}/data/people.yml"
ROLE = "Phó Bí thư Quận Đoàn"
ALIAS = "Phan L. H. Hoàng"
ENGLISH_ROLE = "Deputy Secretary of the District Youth Union"


def _repository() -> dict:
    """The test-repo backend's tree: content/ of the tests' site, as text."""
    tree: dict = {}
    for path in sorted(CONTENT.rglob("*")):
        if path.suffix not in (".md", ".yml") or path.name == "README.md":
            continue
        relative = f"{REPO_CONTENT}/{path.relative_to(CONTENT).as_posix()}"
        node = tree
        *folders, name = relative.split("/")
        for folder in folders:
            node = node.setdefault(folder, {})
        node[name] = {"path": relative, "content": path.read_text("utf-8")}
    return tree


@pytest.fixture(scope="module")
def editor(tmp_path_factory, browser):
    """The editor as `cms_admin` writes it, served; the backend: test-repo, wrapped."""
    output = tmp_path_factory.mktemp("git-host")
    settings = {"OUTPUT_PATH": str(output), "CMS_ADMIN_ENABLED": True}
    write_admin(types.SimpleNamespace(settings=settings))
    config = json.loads((output / "admin" / "config.json").read_text("utf-8"))
    assert config["backend"]["name"] == "newsroom-github"
    config["backend"] = {"name": "newsroom-test-repo"}
    with serve(output) as url:
        # One context: its pages share the cache (Decap's 5 MB, parsed once).
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, locale="vi-VN"
        )
        yield url, context, config
        context.close()


def _open(editor, publish_mode: str | None = None):
    url, context, config = editor
    config = dict(config)
    if publish_mode is None:
        config.pop("publish_mode", None)
    page = context.new_page()
    # test-repo lists a folder by its whole path as one key of the tree
    # (made for `_posts`), and reads or writes a file through each folder:
    # the posts folder is both, one object.
    page.add_init_script(
        f"window.repoFiles = {json.dumps(_repository())};"
        f'window.repoFiles["{POSTS}"] = window.repoFiles.{REPO_CONTENT}.posts;'
    )
    page.route(
        "**/admin/config.json",
        lambda route: route.fulfill(json=config),
    )
    page.goto(f"{url}/admin/")
    login = page.get_by_role("button", name="Đăng nhập")
    collections = page.get_by_text("Bài viết", exact=True).first
    login.or_(collections).first.wait_for()
    if login.is_visible():  # the context's first page: test-repo's login
        login.click()
    collections.wait_for()
    return page


@pytest.fixture(scope="module")
def page(editor):
    """One loaded editor (publish mode "simple") shared by the post tests:
    loading Decap costs ~4 s of CPU. Each test goes to its own route; what one
    saves stays in the in-browser repository, where the other reads nothing
    it wrote (different posts and folders)."""
    page = _open(editor)
    page.on("dialog", lambda dialog: dialog.accept())  # a failed test's draft
    yield page
    page.close()


def _file(page, path: str) -> str | None:
    """The repository's text of ``path`` (None: no such file)."""
    return page.evaluate(
        """path => {
            let node = window.repoFiles;
            for (const part of path.split("/")) { node = node && node[part]; }
            return node && typeof node.content === "string" ? node.content : null;
        }""",
        path,
    )


def _files(page, folder: str) -> list[str]:
    return page.evaluate(
        """folder => {
            let node = window.repoFiles;
            for (const part of folder.split("/")) { node = node && node[part]; }
            return Object.keys(node || {}).sort();
        }""",
        folder,
    )


def _front_matter(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def _save(page) -> None:
    page.get_by_text("Công bố", exact=True).first.click()
    page.get_by_text("Công bố ngay", exact=True).first.click()


def _checked(page, tmp_path: Path, paths: list[str]) -> None:
    """Run `make check` on the tests' site with the repository's ``paths``."""
    content = copy_content(tmp_path / "content")
    for path in paths:
        text = _file(page, path)
        assert text is not None, path
        target = content / path.removeprefix(f"{REPO_CONTENT}/")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    check = _make_check(content)
    assert check.returncode == 0, check.stdout + check.stderr


def test_existing_posts_are_listed_opened_and_saved_with_their_keyed_maps(
    editor, page, tmp_path
):
    # The names both ways, for any post, and nothing else renamed.
    names = page.evaluate(
        """([config, paths]) => {
            const layout = new window.newsroomGitBackend.Layout(config);
            return paths.map(p => [layout.toCms(p), layout.toRepo(layout.toCms(p))]);
        }""",
        [editor[2], [f"{POSTS}/2031/a.b-c.md", f"{POSTS}/x.en.md", PEOPLE, "x/y.md"]],
    )
    assert names == [
        [f"{POSTS}/2031/a.b-c.vi.md", f"{POSTS}/2031/a.b-c.md"],
        [f"{POSTS}/x.en.md", f"{POSTS}/x.en.md"],
        [PEOPLE, PEOPLE],
        ["x/y.md", "x/y.md"],
    ]
    # Keys match whatever the tone's place, case or Unicode form; not the tone.
    keys = page.evaluate(
        """words => words.map(window.newsroomGitBackend.matchKey)""",
        ["Hoà", "HÒA", "Ho\u0300a", "Hóa"],
    )
    assert keys[0] == keys[1] == keys[2] != keys[3]
    page.goto(page.url.split("#")[0] + "#/collections/posts")
    for path in sorted((CONTENT / "posts").rglob("*.md")):
        if not path.name.endswith(".en.md"):
            title = _front_matter(path.read_text("utf-8"))["title"]
            page.get_by_text(title[:40]).first.wait_for()
    page.goto(page.url.split("#")[0] + f"#/collections/posts/entries/{SEED[6:]}")
    titles = page.locator("input[id^=title-field]")
    titles.nth(1).wait_for()
    original = _front_matter((CONTENT / f"{SEED}.md").read_text("utf-8"))
    english = _front_matter((CONTENT / f"{SEED}.en.md").read_text("utf-8"))
    assert titles.nth(0).input_value() == original["title"]
    assert titles.nth(1).input_value() == english["title"]
    # The English role keyed by the speaker's person key (hoang-van-hai, the
    # original's "Hoàng Văn Hải"): one line of a list, beside that speaker.
    (role,) = english["roles"].values()
    assert page.locator("input[id^=text-field]").first.input_value() == role

    # Saved again: the English side keeps its keyed maps.
    english_path = f"{REPO_CONTENT}/{SEED}.en.md"
    before = _front_matter(_file(page, english_path))
    page.locator("textarea[id^=summary-field]").nth(1).fill("A new English summary.")
    _save(page)
    _wait_for(
        lambda: "A new English summary." in (_file(page, english_path) or ""),
        "the English side to be saved",
    )
    after = _front_matter(_file(page, english_path))
    assert after["summary"] == "A new English summary."
    for name in ("roles", "groups", "tags", "lang", "slug", "title"):
        assert after[name] == before[name], name
    # The original, written again by Decap: the same data (the text may not
    # be: README, "Editing on a Git host").
    assert _front_matter(_file(page, f"{REPO_CONTENT}/{SEED}.md")) == original
    assert _files(page, f"{POSTS}/2020") == sorted(
        p.name for p in (CONTENT / "posts" / "2020").iterdir()
    )
    _checked(page, tmp_path, [english_path, f"{REPO_CONTENT}/{SEED}.md"])


def test_a_new_post_and_its_english_side_are_saved_as_today(page, tmp_path):
    base = page.url.split("#")[0]
    page.goto(base + "#/collections/posts/new")
    page.locator("input[id^=title-field]").first.fill(TITLE)
    page.locator("input[id^=date-field]").first.fill("2024-03-15T08:30")
    page.locator("textarea[id^=summary-field]").first.fill(
        "Quận Đoàn Tân Bình tổ chức hội nghị."
    )
    _pick(page, "units", "quan doan tan", "Quận Đoàn Tân Bình")
    page.get_by_role("button", name="Add lãnh đạo phát biểu").first.click()
    _pick(page, "name", "phan le", "Phan Lê Huy Hoàng")
    page.locator("input[id^=role-field]").first.fill(ROLE)
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Nội dung.")
    _save(page)
    folder = f"{POSTS}/2024"
    _wait_for(lambda: _file(page, f"{folder}/{SLUG}.md") is not None, "the post")
    assert _files(page, folder) == [f"{SLUG}.md"]  # no English side yet
    data = _front_matter(_file(page, f"{folder}/{SLUG}.md"))
    assert data["slug"] == SLUG and data["title"] == TITLE
    assert data["units"] == ["quan-doan-tan-binh"]
    assert data["speakers"] == [
        {"name": "phan-le-huy-hoang", "role": ROLE, "part": "speaker"}
    ]
    assert "roles" not in data and "attendees" not in data

    # The English side, with the speaker's role in English.
    page.goto(base + f"#/collections/posts/entries/2024/{SLUG}")
    english = page.locator("input[id^=title-field]").nth(1)
    english.wait_for()
    english.fill("A meeting edited on the Git host")
    page.locator("textarea[id^=summary-field]").nth(1).fill("A meeting.")
    page.get_by_role("button", name="Add chức vụ bằng tiếng anh").last.click()
    page.locator("input[id^=text-field]").last.fill(ENGLISH_ROLE)
    page.locator("[data-slate-editor]").nth(1).click()
    page.keyboard.type("Text.")
    _save(page)
    _wait_for(lambda: _file(page, f"{folder}/{SLUG}.en.md") is not None, "English")
    assert _files(page, folder) == [f"{SLUG}.en.md", f"{SLUG}.md"]
    english_data = _front_matter(_file(page, f"{folder}/{SLUG}.en.md"))
    assert english_data["lang"] == "en" and english_data["slug"] == SLUG
    assert english_data["roles"] == {"phan-le-huy-hoang": ENGLISH_ROLE}
    assert not {"units", "speakers", "date", "event"} & set(english_data)
    _checked(page, tmp_path, [f"{folder}/{SLUG}.md", f"{folder}/{SLUG}.en.md"])


def test_a_registry_stays_a_list_and_feeds_the_pickers(page, tmp_path):
    base = page.url.split("#")[0]
    # Through the list, as a writer goes: Decap then drops the entry it showed.
    page.goto(base + "#/collections/registries")
    page.get_by_text("Danh mục", exact=True).first.wait_for()
    page.goto(base + "#/collections/registries/entries/people")
    summary = page.get_by_text("Phan Lê Huy Hoàng (phan-le-huy-hoang)")
    summary.click()  # the list unfolds; then the entry, by its first button
    summary.locator("xpath=..").locator("button").first.click()
    people_before = yaml.safe_load(_file(page, PEOPLE))
    page.locator("input[id^=aliases-field]:visible").first.fill(ALIAS)
    _save(page)
    _wait_for(
        lambda: ALIAS in (_file(page, PEOPLE) or ""),
        "the registry to be saved",
    )
    people = yaml.safe_load(_file(page, PEOPLE))
    assert isinstance(people, list) and len(people) == len(people_before)
    assert people[0] == {**people_before[0], "aliases": [ALIAS]}
    assert people[1:] == people_before[1:]
    assert not any("search" in p or "label" in p for p in people)
    _checked(page, tmp_path, [PEOPLE])


def test_the_editorial_workflow_drafts_and_publishes_files_named_as_today(
    editor, tmp_path
):
    page = _open(editor, publish_mode="editorial_workflow")
    page.on("dialog", lambda dialog: dialog.accept())  # "publish now?"
    base = page.url.split("#")[0]
    slug = "bai-nhap-tren-kho-git"
    page.goto(base + "#/collections/posts/new")
    page.locator("input[id^=title-field]").first.fill("Bài nháp trên kho Git")
    page.locator("input[id^=date-field]").first.fill("2024-03-15T08:30")
    page.locator("textarea[id^=summary-field]").first.fill("Một bài nháp.")
    _pick(page, "units", "quan doan tan", "Quận Đoàn Tân Bình")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Nháp.")
    page.get_by_role("button", name="Lưu").first.click()
    draft = f"{POSTS}/2024/{slug}"

    def diffs() -> dict[str, str]:
        return page.evaluate(
            """() => Object.fromEntries(Object.values(window.repoFilesUnpublished)
                .flatMap(entry => entry.diffs.map(d => [d.path, d.content])))"""
        )

    _wait_for(lambda: f"{draft}.md" in diffs(), "the draft (a pull request)")
    assert list(diffs()) == [f"{draft}.md"]
    assert _file(page, f"{draft}.md") is None  # not on the branch yet

    # The draft reopened from the workflow: read back through the wrapper.
    page.goto(base + "#/workflow")
    page.get_by_text("Bài nháp trên kho Git").first.click()
    titles = page.locator("input[id^=title-field]")
    titles.nth(1).wait_for()
    assert titles.first.input_value() == "Bài nháp trên kho Git"
    titles.nth(1).fill("A draft on the Git host")
    page.locator("textarea[id^=summary-field]").nth(1).fill("A draft.")
    page.locator("[data-slate-editor]").nth(1).click()
    page.keyboard.type("Draft text.")
    page.get_by_role("button", name="Lưu").first.click()
    _wait_for(lambda: f"{draft}.en.md" in diffs(), "the English side in the draft")
    assert sorted(diffs()) == [f"{draft}.en.md", f"{draft}.md"]
    english = _front_matter(diffs()[f"{draft}.en.md"])
    assert english["lang"] == "en" and english["slug"] == slug

    page.get_by_role("button", name="Trạng: Bản nháp").click()
    page.get_by_text("Sẵn sàng", exact=True).first.click()
    page.get_by_text("Trạng: Sẵn sàng").wait_for()
    page.get_by_role("button", name="Công bố").first.click()
    page.get_by_text("Công bố ngay", exact=True).first.click()
    _wait_for(lambda: _file(page, f"{draft}.en.md") is not None, "the merge")
    assert _files(page, f"{POSTS}/2024") == [f"{slug}.en.md", f"{slug}.md"]
    assert not diffs()
    _checked(page, tmp_path, [f"{draft}.md", f"{draft}.en.md"])
    page.close()
