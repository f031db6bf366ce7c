"""Raw HTML in posts: the safe allowlist passes, anything else is named by line."""

from __future__ import annotations

import pytest
from markdown import Markdown
from pelican.settings import read_settings

from content_model.html_safety import HtmlPolicy, sanitize
from tests.sitebuild import ROOT

BODY_LINE = 10  # the body's first line in the file, as the reader passes it


@pytest.fixture(scope="module")
def markdown() -> Markdown:
    settings = read_settings(str(ROOT / "pelicanconf.py"))
    return Markdown(**settings["MARKDOWN"])


def render(markdown: Markdown, body: str, policy: HtmlPolicy | None = None):
    """Return the published HTML and the problems of a Markdown body."""
    return sanitize(
        markdown.reset().convert(body), body, BODY_LINE, policy or HtmlPolicy()
    )


@pytest.mark.parametrize(
    "body",
    [
        "Chữ *nghiêng*, **đậm**, `mã <script>`, [liên kết](https://doan.vn/a?b=1).",
        "| Đơn vị | Số |\n|---|:-:|\n| Quận Đoàn | 63 |",  # style="text-align"
        "Chú thích[^1].\n\n[^1]: Ghi chú.",
        "Thư: <tuoitre@example.vn>, [gọi](tel:+84123456789).",
        '![Ảnh hội nghị](photos/2020/giao-ban-1.jpg "Toàn cảnh")',
        '<iframe src="https://www.youtube.com/embed/abc123" width="560" '
        'height="315" allowfullscreen></iframe>',
        '<iframe src="https://www.youtube-nocookie.com/embed/abc123"></iframe>',
        '<iframe src="https://www.facebook.com/plugins/video.php?href=x"></iframe>',
        '<iframe src="https://player.vimeo.com/video/123"></iframe>',
        "<details><summary>Xem thêm</summary>Nội dung</details>",
        "```html\n<script>alert(1)</script>\n```",
    ],
)
def test_safe_markdown_and_html_pass(markdown, body):
    assert render(markdown, body)[1] == []


@pytest.mark.parametrize(
    ("body", "line", "message"),
    [
        (
            "Một.\n\nHai <script>alert(1)</script>",
            12,
            "<script> is not allowed: a post cannot run scripts (to show code, put "
            "it between backticks)",
        ),
        (
            "Một.\n\n<style>body{display:none}</style>",
            12,
            "<style> is not allowed: the theme styles every post",
        ),
        (
            '<img src="a.jpg" alt="x" onerror="steal()">',
            10,
            'the event handler onerror="steal()" on <img> is not allowed: a post '
            "cannot run scripts",
        ),
        (
            "Một.\n\n[Bấm](java&#115;cript:alert(1))",
            12,
            'the address "javascript:alert(1)" in <a href> is not allowed: use '
            "http, https, mailto, tel or a relative address",
        ),
        (
            "Một.\n\n[Bấm]( JAVASCRIPT:alert(1))",
            12,
            'the address "JAVASCRIPT:alert(1)" in <a href> is not allowed: use '
            "http, https, mailto, tel or a relative address",
        ),
        (
            "Một.\n\nHai.\n\n![x](data:image/svg+xml;base64,PHN2Zz4=)",
            14,
            'the address "data:image/svg+xml;base64,PHN2Zz4=" in <img src> is not '
            "allowed: use http, https, mailto, tel or a relative address",
        ),
        (
            '<iframe src="https://www.youtube.com/watch?v=abc"></iframe>',
            10,
            'the embed from "www.youtube.com" is not allowed: only video players '
            "from facebook.com, player.vimeo.com, youtube-nocookie.com, youtube.com "
            "may be embedded",
        ),
        (
            '<iframe src="http://player.vimeo.com/video/1"></iframe>',
            10,
            'the embed from "player.vimeo.com" is not allowed: only video players '
            "from facebook.com, player.vimeo.com, youtube-nocookie.com, youtube.com "
            "may be embedded",
        ),
        (
            'Một.\n\n<form action="/x"><p>Gửi</p></form>',
            12,
            "<form> is not allowed: raw HTML in a post is limited to text "
            "formatting, links, images, tables and video embeds",
        ),
        (
            'Một.\n\n<span style="position:fixed">Chữ</span>',
            12,
            "the attribute style on <span> is not allowed: the theme styles every post",
        ),
        (
            'Một.\n\nĐoạn hai\n{: onclick="steal()" }',
            13,
            'the event handler onclick="steal()" on <p> is not allowed: a post '
            "cannot run scripts",
        ),
    ],
)
def test_unsafe_html_is_named_at_its_line(markdown, body, line, message):
    assert render(markdown, body)[1] == [(line, message)]


def test_repeated_offences_are_each_at_their_own_line(markdown):
    body = "<script>a()</script>\n\nMột.\n\n<script>b()</script>"
    lines = [line for line, _ in render(markdown, body)[1]]
    assert lines == [10, 14]


def test_the_published_html_never_carries_what_was_refused(markdown):
    html, problems = render(
        markdown, 'Hai <span onclick="x()">ba</span> <script>alert(1)</script>'
    )
    assert problems
    assert "onclick" not in html and "script" not in html and "alert" not in html


def test_comments_are_dropped_without_a_problem(markdown):
    html, problems = render(markdown, "Một.\n\n<!-- ghi chú nội bộ -->\n\nHai.")
    assert problems == []
    assert "ghi chú" not in html


def test_the_allowlist_comes_from_the_policy(markdown):
    policy = HtmlPolicy(embed_hosts={"www.dailymotion.com": "/embed/"})
    body = '<iframe src="https://www.dailymotion.com/embed/video/x1"></iframe>'
    assert render(markdown, body, policy)[1] == []
    youtube = '<iframe src="https://www.youtube.com/embed/abc"></iframe>'
    assert render(markdown, youtube, policy)[1] != []
