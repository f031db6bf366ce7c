"""Raw HTML in posts: the safe allowlist passes, anything else is named by line."""

from __future__ import annotations

import time

import pytest
from bs4 import BeautifulSoup
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
    """Return the published HTML and the problems of a Markdown body (as text)."""
    html, problems = sanitize(
        markdown.reset().convert(body), body, BODY_LINE, policy or HtmlPolicy()
    )
    return html, [(line, str(message)) for line, message in problems]


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


YOUTUBE_PASTE = (
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/abc?si=x1"'
    ' title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; '
    'clipboard-write; encrypted-media; gyroscope; picture-in-picture; web-share" '
    'referrerpolicy="strict-origin-when-cross-origin" allowfullscreen></iframe>'
)
SITES = "facebook.com, player.vimeo.com, youtube-nocookie.com, youtube.com"


def iframe(markdown, body: str):
    """Return the published iframe's attributes and the problems of a body."""
    html, problems = render(markdown, body)
    tag = BeautifulSoup(html, "html.parser").find("iframe")
    return (tag.attrs if tag else None), problems


def test_a_pasted_youtube_embed_code_passes_with_our_attributes(markdown):
    attributes, problems = iframe(markdown, YOUTUBE_PASTE)
    assert problems == []
    assert attributes["src"] == "https://www.youtube.com/embed/abc?si=x1"
    assert attributes["loading"] == "lazy"
    assert attributes["referrerpolicy"] == "strict-origin-when-cross-origin"
    assert "allow-top-navigation" not in attributes["sandbox"]
    assert "allow-scripts" in attributes["sandbox"]


def test_the_published_src_is_rebuilt_from_the_browsers_reading(markdown):
    body = '<iframe src="HTTPS://Player.Vimeo.COM/video/123?h=a&amp;b=0"></iframe>'
    attributes, problems = iframe(markdown, body)
    assert problems == []
    assert attributes["src"] == "https://player.vimeo.com/video/123?h=a&b=0"


@pytest.mark.parametrize(
    ("src", "message"),
    [
        # A browser reads a backslash as "/": the host is evil.com.
        ("https://evil.com\\@www.youtube.com/embed/x", '"evil.com" is not allowed'),
        ("https://evil.com&#92;@www.youtube.com/embed/x", '"evil.com" is not'),
        ("https://evil.com&bsol;@www.youtube.com/embed/x", '"evil.com" is not'),
        ("https://evil.com%5C@www.youtube.com/embed/x", "ambiguous"),
        ("https://www.youtube.com@evil.com/embed/x", '"evil.com" is not'),
        ("https://u:p@www.youtube.com/embed/x", "ambiguous"),
        ("https://www.youtube.com/embed/../../redirect?q=1", "ambiguous"),
        ("https://www.youtube.com/embed/%2e%2E/%2e%2e/redirect", "ambiguous"),
        ("https://www.youtube.com/embed/x%2F..%2F..%2Fredirect", "ambiguous"),
        ("https://www.youtube.com/embed/.%2e/x", "ambiguous"),
        ("https://www.facebook.com/plugins/video.php/../../login.php", "ambiguous"),
        ("https://www.facebook.com/plugins/video.php/x", '"www.facebook.com" is'),
        ("https://www.facebook.com/plugins/video.phpx", '"www.facebook.com" is'),
        ("https://www.youtube.com/em&#9;bed/x", "ambiguous"),
        ("https://www.youtube.com/embed/x\n", "ambiguous"),
        ("&#1;https://www.youtube.com/embed/x", "ambiguous"),
        ("https://www.youtube.com:443/embed/x", "ambiguous"),
        ("https://www.youtube.com:8443/embed/x", "ambiguous"),
        ("https://www.youtube.com./embed/x", '"www.youtube.com." is not'),
        ("https://www.yоutube.com/embed/x", '"www.xn--yutube-wqf.com" is not'),
        ("https://www.youtube.com/embed//evil.com", "ambiguous"),
        ("https://www.youtube.com/embed/", '"www.youtube.com" is not'),
        ("//www.youtube.com/embed/x", "is not allowed"),
        ("http://www.youtube.com/embed/x", '"www.youtube.com" is not'),
        ("javascript://www.youtube.com/embed/%0aalert(1)", "is not allowed"),
    ],
)
def test_an_embed_a_browser_reads_otherwise_is_refused(markdown, src, message):
    attributes, problems = iframe(markdown, f'Một.\n\n<iframe src="{src}"></iframe>')
    assert "src" not in attributes
    assert [line for line, _ in problems] == [12]
    assert message in problems[0][1]
    assert problems[0][1].startswith("the embed ")


def test_the_ambiguous_message_says_what_a_browser_reads(markdown):
    body = '<iframe src="https://www.youtube.com/embed/../../redirect"></iframe>'
    assert render(markdown, body)[1] == [
        (
            10,
            'the embed address "https://www.youtube.com/embed/../../red…" is '
            'ambiguous: a browser reads it as "https://www.youtube.com/redirect"; '
            "copy the address exactly as the video site's embed code gives it",
        )
    ]


def test_a_player_gets_only_the_permissions_a_video_needs(markdown):
    body = (
        'Một.\n\n<iframe src="https://player.vimeo.com/video/1" '
        'allow="autoplay *; camera; microphone; geolocation"></iframe>'
    )
    attributes, problems = iframe(markdown, body)
    assert attributes["allow"] == "autoplay"
    assert problems == [
        (
            12,
            "the permission camera, microphone, geolocation in <iframe allow> is not "
            "allowed: a video player may have accelerometer, autoplay, "
            "clipboard-write, encrypted-media, fullscreen, gyroscope, "
            "picture-in-picture, web-share",
        )
    ]


@pytest.mark.parametrize(
    ("attribute", "message"),
    [
        (
            'referrerpolicy="unsafe-url"',
            'the value "unsafe-url" of <iframe referrerpolicy> is not allowed: use '
            "no-referrer, origin, same-origin, strict-origin, "
            "strict-origin-when-cross-origin",
        ),
        (
            'loading="soon"',
            'the value "soon" of <iframe loading> is not allowed: use eager, lazy',
        ),
        (
            'sandbox="allow-top-navigation allow-scripts"',
            "the attribute sandbox on <iframe> is not allowed: the site sets it on "
            "every video player",
        ),
        (
            'srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"',
            "the attribute srcdoc on <iframe> is not allowed: remove it",
        ),
    ],
)
def test_iframe_attributes_come_from_an_allowlist(markdown, attribute, message):
    body = f'<iframe src="https://www.youtube.com/embed/a" {attribute}></iframe>'
    attributes, problems = iframe(markdown, body)
    assert problems == [(10, message)]
    assert attributes["referrerpolicy"] == "strict-origin-when-cross-origin"
    assert attributes["loading"] == "lazy"
    assert "allow-top-navigation" not in attributes["sandbox"]
    assert "srcdoc" not in attributes


@pytest.mark.parametrize(
    "markup",
    [
        "<javascript:alert(29)>",
        "<x:alert(29) y>",
        '<p @click="steal()">Một</p>',
        '<p><a href="/a" (click)="x">Một</a></p>',
        '<iframe src="&#1;https://www.youtube.com/embed/x"></iframe>',
    ],
)
def test_unsafe_markup_is_reported_at_its_own_line(markdown, markup):
    paragraphs = [f"Đoạn {n}." for n in range(30)]
    paragraphs[12] = markup  # after 12 paragraphs and 12 blank lines
    problems = render(markdown, "\n\n".join(paragraphs))[1]
    assert problems
    assert {line for line, _ in problems} == {BODY_LINE + 24}


@pytest.mark.parametrize(
    ("body", "message"),
    [
        # "--!>" ends a comment in HTML; Python's HTMLParser reads on to "-->".
        (
            "<!-- --!><img src=x onerror=alert(1)>-->",
            'the event handler onerror="alert(1)" on <img> is not allowed: a post '
            "cannot run scripts",
        ),
        # In HTML "<![CDATA[" opens a comment that ends at the first ">".
        (
            "<![CDATA[x><img src=x onerror=alert(1)>]]>",
            'the event handler onerror="alert(1)" on <img> is not allowed: a post '
            "cannot run scripts",
        ),
    ],
)
def test_markup_is_read_as_a_browser_reads_it(markdown, body, message):
    html, problems = render(markdown, body)
    assert problems == [(10, message)]
    assert "onerror" not in html


def test_an_iframe_publishes_no_fallback_content(markdown):
    body = (
        '<iframe src="https://www.youtube.com/embed/a"><script>alert(1)</script>'
        "<img src=x onerror=alert(2)></iframe>"
    )
    html = render(markdown, body)[0]  # raw text a browser never shows or runs
    assert "<script" not in html and "onerror" not in html and "alert" not in html


def test_no_attribute_carries_a_script_address(markdown):
    html, problems = render(
        markdown, '<blockquote cite="&#1;javascript:alert(1)">Trích</blockquote>'
    )
    assert [line for line, _ in problems] == [10]
    assert "cite" not in html and "javascript" not in html


def test_a_long_crafted_embed_address_is_judged_at_once(markdown):
    src = "https://www.youtube.com/embed/" + "a" * 26 + "%"
    started = time.process_time()  # CPU seconds: a loaded machine cannot fail it
    problems = render(markdown, f'<iframe src="{src}"></iframe>')[1]
    assert time.process_time() - started < 0.5
    assert "ambiguous" in problems[0][1]


PASTED_EMBED_CODES = [
    # Facebook's "Embed" dialogue, as writers copy it.
    '<iframe src="https://www.facebook.com/plugins/video.php?height=314&href='
    "https%3A%2F%2Fwww.facebook.com%2Fx%2Fvideos%2F123%2F&show_text=false&width=560"
    '&t=0" width="560" height="314" style="border:none;overflow:hidden" '
    'scrolling="no" frameborder="0" allowfullscreen="true" allow="autoplay; '
    'clipboard-write; encrypted-media; picture-in-picture; web-share" '
    'allowFullScreen="true"></iframe>',
    # Vimeo's responsive embed code.
    '<iframe src="https://player.vimeo.com/video/76979871?h=8272103f6e" width="640" '
    'height="360" frameborder="0" allow="autoplay; fullscreen; picture-in-picture" '
    'allowfullscreen style="position:absolute;top:0;left:0;width:100%;height:100%;">'
    "</iframe>",
]


@pytest.mark.parametrize("code", PASTED_EMBED_CODES)
def test_a_players_own_embed_code_is_accepted_as_pasted(code):
    html, unsafe = sanitize(code, code, 1, HtmlPolicy())
    assert unsafe == []
    frame = BeautifulSoup(html, "html.parser").iframe
    assert frame["src"].startswith("https://")
    assert "style" not in frame.attrs and "scrolling" not in frame.attrs
    assert frame["sandbox"] and frame["loading"] == "lazy"
