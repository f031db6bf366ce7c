"""``make devserver`` shows a broken post's errors in the browser, and clears them.

A real ``python -m devserver -lr`` on a copy of the tests' site, in Vietnamese
(``LANGUAGE=vi``), seen by headless Chromium: break a post, see the banner on
every page, the errors (file and line) at the post's URL and the post marked
"đang có lỗi" in the lists; fix it, see them go. The files in ``output/`` never
carry any of it.
"""

from __future__ import annotations

import os

import pytest

from tests.sitebuild import copy_content
from tests.test_devserver_server import POST, POST_URL, Server

BROKEN_UNIT = "Quan Doan Tan Bnh"
UNIT_LINE = 12  # "units: [Quận ủy Tân Bình, Quận Đoàn Tân Bình]"
ERROR_TEXT = (
    f"{POST}:{UNIT_LINE}: [error] units[2]: đơn vị chưa có trong danh sách: "
    f'"{BROKEN_UNIT}"; có phải là "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
)


@pytest.fixture(scope="module")
def devserver(tmp_path_factory):
    """A devserver rebuilding a copy of the tests' site, its messages in Vietnamese."""
    tmp_path = tmp_path_factory.mktemp("devserver-errors")
    content = copy_content(tmp_path / "content")
    saved = os.environ.get("LANGUAGE")
    os.environ["LANGUAGE"] = "vi"
    try:
        server = Server(
            tmp_path,
            content,
            tmp_path / "output",
            "-lr",
            "-e",
            "CONTENT_MODEL_EXIT_ON_ERROR=false",
            "FAST_BUILD_SKIP_UNCHANGED=true",
            f'CACHE_PATH="{tmp_path / "cache"}"',
        )
    finally:
        os.environ["LANGUAGE"] = saved or ""
    server.wait_for(lambda: server.get(POST_URL)[0] == 200, "the first build")
    yield server, content, tmp_path / "output"
    server.stop()


def _has_banner(server: Server, path: str = "/") -> bool:
    return b'id="devserver-errors"' in server.get(path)[2]


def test_a_broken_post_shows_its_errors_in_the_browser_until_it_is_fixed(
    devserver, browser
):
    server, content, output = devserver
    post = content / POST
    good = post.read_text("utf-8")
    title = good.split("\n")[1].removeprefix("title: ")
    assert not _has_banner(server)
    post.write_text(good.replace("Quận Đoàn Tân Bình]", f"{BROKEN_UNIT}]", 1), "utf-8")
    server.wait_for(lambda: _has_banner(server), "the error banner")

    page = browser.new_page()
    base = f"http://127.0.0.1:{server.port}"
    # Every page: the banner names the file, the line and the error in Vietnamese.
    for path in ("/", "/en/", "/don-vi/"):
        page.goto(base + path)
        banner = page.locator("#devserver-errors")
        assert banner.is_visible()
        assert ERROR_TEXT in " ".join(banner.inner_text().split())
        assert "Trang chưa được cập nhật" in banner.inner_text()
    # Lists keep the post's last good version, marked.
    page.goto(base + "/")
    link = page.locator(f'main a[href="{POST_URL}"]').first
    assert link.is_visible()
    assert "đang có lỗi" in link.inner_text()
    assert title in link.inner_text()
    # The post's URL answers with its errors, not its stale page.
    page.goto(base + POST_URL)
    assert page.locator("h1").inner_text() == "Bài này đang có lỗi"
    assert ERROR_TEXT in " ".join(page.locator("main").inner_text().split())
    assert page.locator("html").get_attribute("lang") == "vi"

    # Nothing of it is ever written to the output.
    for html in output.rglob("*.html"):
        text = html.read_text("utf-8")
        assert "devserver-errors" not in text and "devserver-broken" not in text

    # Fixed: the banner and the marks go, the post is back at its URL.
    post.write_text(good, "utf-8")
    server.wait_for(lambda: not _has_banner(server), "the banner to clear")
    page.goto(base + "/")
    assert page.locator("#devserver-errors").count() == 0
    assert page.locator(".devserver-broken").count() == 0
    page.goto(base + POST_URL)
    assert page.locator("h1").first.inner_text() == title
    page.close()
