"""The web editor end to end: Decap CMS in Chromium on ``make devserver``.

A real devserver (``python -m devserver -lr``) on a copy of the tests' site
serves /admin/ and answers the CMS's local backend (devserver/cms_backend.py);
Playwright fills the forms as a writer would. What the editor saves must be
what the content model expects: ``make check`` passes on it, the rebuilt site
has the post with its event card, the English side pairs with it, and editing
an existing post changes nothing but the edited value.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from PIL import Image

from tests.sitebuild import ROOT, copy_content
from tests.test_devserver_server import Server

TITLE = "Hội nghị thử nghiệm trình soạn thảo tin bài"
SLUG = "hoi-nghi-thu-nghiem-trinh-soan-thao-tin-bai"
SEED = "posts/2020/kiem-tra-cong-tac-doan-quang-ninh-2020.md"
SEED_URL = "/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/"
# What a writer's file may hold that the CMS never shows: kept on saving.
SEED_COMMENT = "# Bài mẫu: giữ nguyên chú thích này\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """A devserver over a copy of the tests' site, with a comment in one post."""
    tmp = tmp_path_factory.mktemp("editor")
    content = copy_content(tmp / "content")
    seed = content / SEED
    text = seed.read_text("utf-8")
    text = text.replace("status: published\n", SEED_COMMENT + "status: published\n")
    text = text.replace(
        "place: Phòng họp Tỉnh đoàn Quảng Ninh",
        "place: 'Phòng họp Tỉnh đoàn Quảng Ninh'",
    )
    seed.write_text(text, encoding="utf-8")
    output = tmp / "output"
    server = Server(
        tmp,
        content,
        output,
        "-lr",
        "-e",
        "CONTENT_MODEL_EXIT_ON_ERROR=false",
        f'CACHE_PATH="{tmp}/cache"',
    )
    server.wait_for(
        lambda: (
            (output / "admin" / "config.json").is_file()
            and (output / SEED_URL.strip("/") / "index.html").is_file()
        ),
        "the first build",
    )
    yield server, content, output
    server.stop()


@pytest.fixture(scope="module")
def editor(browser, site):
    """One loaded editor for the module's tests (loading Decap costs ~4 s of
    CPU); each test goes to its own route and reads the files on disk."""
    server = site[0]
    context = browser.new_context(
        viewport={"width": 1400, "height": 1000}, locale="vi-VN"
    )
    page = context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())  # a failed test's draft
    page.goto(f"http://127.0.0.1:{server.port}/admin/")
    page.get_by_role("button", name="Đăng nhập").click()
    page.get_by_text("Bài viết", exact=True).first.wait_for()
    yield page
    context.close()


def _open_editor(page, server: Server, route: str):
    # Back to the list first, as a writer would: Decap then drops the entry
    # it showed (its draft and preview) before opening the next.
    page.goto(f"http://127.0.0.1:{server.port}/admin/#/collections/posts")
    page.get_by_text("Bài viết", exact=True).first.wait_for()
    page.goto(f"http://127.0.0.1:{server.port}/admin/#/collections/posts/{route}")
    page.locator("input[id^=title-field]").first.wait_for()
    return page


def _pick(page, field: str, typed: str, option: str, index: int = 0) -> None:
    """Search a registry picker and choose the entry shown as ``option``."""
    page.locator(f"input[id^={field}-field]").nth(index).click()
    page.keyboard.type(typed, delay=20)
    page.locator("[class*=-option]", has_text=option).first.click()


def _save(page) -> None:
    page.get_by_text("Công bố", exact=True).first.click()
    page.get_by_text("Công bố ngay", exact=True).first.click()


def _wait_for(condition, what: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.2)
    raise AssertionError(f"waited {timeout} s for {what}")


def _front_matter(path: Path) -> dict:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def _make_check(content: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "content_model.check",
            "-s",
            "pelicanconf.py",
            str(content),
        ],
        cwd=ROOT,
        env={"PYTHONPATH": "plugins", "SITE_CONTENT": str(content), "PATH": ""},
        capture_output=True,
        text=True,
    )


def test_a_writer_creates_a_post_with_its_facts_photo_and_english_side(
    site, editor, tmp_path
):
    server, content, output = site
    photo = tmp_path / "quang-canh-hoi-nghi.jpg"
    Image.new("RGB", (800, 600), (180, 30, 30)).save(photo, quality=85)
    page = _open_editor(editor, server, "new")
    page.locator("input[id^=title-field]").first.fill(TITLE)
    page.locator("input[id^=date-field]").first.fill("2024-03-15T08:30")
    page.locator("textarea[id^=summary-field]").first.fill(
        "Quận Đoàn Tân Bình tổ chức hội nghị thử nghiệm."
    )
    _pick(page, "units", "Quận Đoàn Tân", "Quận Đoàn Tân Bình")
    _pick(page, "units", "quan uy tan binh", "Quận ủy Tân Bình")
    page.get_by_role("button", name="Add lãnh đạo phát biểu").first.click()
    _pick(page, "name", "Phan Lê", "Phan Lê Huy Hoàng")
    page.locator("input[id^=role-field]").first.fill("Phó Bí thư Quận Đoàn")
    page.get_by_role("button", name="Add thành phần tham dự").first.click()
    page.locator("input[id^=group-field]").first.fill("Đoàn viên thanh niên")
    page.locator("input[id^=count-field]").first.fill("40")
    page.locator("[id^=approx-field]").first.click()  # "hơn 40"
    page.get_by_text("Hơn", exact=True).first.click()
    page.get_by_role("button", name="Add ảnh").first.click()
    page.get_by_role("button", name="Chọn một hình").first.click()
    page.locator("input[type=file]").first.set_input_files(str(photo))
    page.get_by_role("button", name="Lấy những cái đã chọn").click()
    page.locator("input[id^=alt-field]").first.fill("Quang cảnh hội nghị")
    page.locator("[data-slate-editor]").first.click()
    page.keyboard.type("Sáng 15/3, Quận Đoàn Tân Bình tổ chức hội nghị thử nghiệm.")
    page.screenshot(path=str(tmp_path / "new-post.png"))
    _save(page)

    post = content / "posts" / "2024" / f"{SLUG}.md"
    _wait_for(post.is_file, f"{post} to be written")
    data = _front_matter(post)
    assert data["title"] == TITLE and data["slug"] == SLUG
    assert data["date"] == "2024-03-15 08:30"
    assert data["units"] == ["quan-doan-tan-binh", "quan-uy-tan-binh"]
    assert data["speakers"] == [
        {"name": "phan-le-huy-hoang", "role": "Phó Bí thư Quận Đoàn", "part": "speaker"}
    ]
    assert data["attendees"] == [
        {
            "group": "Đoàn viên thanh niên",
            "count": 40,
            "approx": "over",
            "kind": "present",
        }
    ]
    (picture,) = data["photos"]
    assert picture["alt"] == "Quang cảnh hội nghị"
    assert (content / picture["src"]).read_bytes() == photo.read_bytes()
    assert picture["src"].startswith("photos/")
    assert "thử nghiệm." in post.read_text("utf-8").split("---\n", 2)[2]
    assert not (content / "posts" / "2024" / f"{SLUG}.en.md").exists()
    check = _make_check(content)
    assert check.returncode == 0, check.stdout + check.stderr

    page_file = output / "2024" / "03" / SLUG / "index.html"
    _wait_for(page_file.is_file, "the rebuilt post page")
    html = page_file.read_text("utf-8")
    assert 'class="event-card"' in html and "Phan Lê Huy Hoàng" in html

    # The English side, added later beside it.
    page.goto(
        f"http://127.0.0.1:{server.port}/admin/#/collections/posts/entries/2024/{SLUG}"
    )
    english = page.locator("input[id^=title-field]").nth(1)
    english.wait_for()
    english.fill("Trial meeting of the news editor")
    page.locator("textarea[id^=summary-field]").nth(1).fill("A trial meeting.")
    page.locator("[data-slate-editor]").nth(1).click()
    page.keyboard.type("On the morning of 15 March, a trial meeting was held.")
    _save(page)
    translation = content / "posts" / "2024" / f"{SLUG}.en.md"
    _wait_for(translation.is_file, "the English file")
    english_data = _front_matter(translation)
    assert english_data["lang"] == "en" and english_data["slug"] == SLUG
    assert english_data["title"] == "Trial meeting of the news editor"
    assert not {"units", "speakers", "attendees", "photos", "date"} & set(english_data)
    # The rebuild refuses a translation the model refuses: built means accepted.
    english_page = output / "en" / "2024" / "03" / SLUG / "index.html"
    _wait_for(english_page.is_file, "the English page")
    _wait_for(
        lambda: f"/en/2024/03/{SLUG}/" in page_file.read_text("utf-8"),
        "the Vietnamese page to link its translation",
    )


def test_editing_a_post_changes_only_the_edited_value(site, editor):
    server, content, _output = site
    seed = content / SEED
    before = seed.read_text("utf-8")
    english = seed.with_suffix(".en.md")
    english_before = english.read_bytes()
    page = _open_editor(editor, server, f"entries/{SEED[len('posts/') : -3]}")
    summary = page.locator("textarea[id^=summary-field]").first
    summary.fill("Tóm tắt mới của bài kiểm tra công tác Đoàn.")
    _save(page)
    _wait_for(lambda: seed.read_text("utf-8") != before, "the post to be saved")
    after = seed.read_text("utf-8")
    old_summary = next(x for x in before.splitlines() if x.startswith("summary:"))
    expected = before.replace(
        old_summary, "summary: Tóm tắt mới của bài kiểm tra công tác Đoàn."
    )
    assert after == expected
    assert SEED_COMMENT in after and "'Phòng họp Tỉnh đoàn Quảng Ninh'" in after
    assert english.read_bytes() == english_before


def test_the_preview_shows_what_make_check_says_of_the_saved_post(site, editor):
    server, content, _output = site
    post = content / "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"
    text = post.read_text("utf-8")
    broken = text.replace("\nslug:", "\nspeakrs: []\nslug:", 1)
    post.write_text(broken, encoding="utf-8")
    try:
        page = _open_editor(
            editor,
            server,
            "entries/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021",
        )
        page.locator('button[title="Toggle i18n"]').click()
        page.locator('button[title="Toggle preview"]').click()
        preview = page.frame_locator("iframe").first.locator("[role=alert]")
        preview.wait_for(timeout=30_000)
        message = preview.inner_text()
        assert "Bài đã lưu còn lỗi" in message
        assert 'speakrs: unknown key; did you mean "speakers"?' in message
    finally:
        post.write_text(text, encoding="utf-8")
