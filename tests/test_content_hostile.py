"""Hostile content: YAML bombs, deep nesting, odd line endings, sizes, slugs.

Each is refused with its file, line and field by ``make check``'s own code, in
a bounded time; the crash that killed the interpreter runs in a subprocess.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from content_model.frontmatter import decode, load_yaml, split
from content_model.problems import ContentError
from content_model.registry import read_registry
from content_model.settings import SettingsError
from tests.content_sites import CASE_FOLDER, check, content_with
from tests.sitebuild import ROOT

# The 471-byte post of issue #13: ten levels of nine aliases, 9**10 leaves.
ALIAS_BOMB = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [{', '.join([f'*{previous}'] * 9)}]\n"
    for previous, name in zip("abcdefghi", "bcdefghij", strict=True)
)
POST_HEAD = "---\ntitle: Bài thử\ndate: 2022-01-05 08:00\n"


def _post(tmp_path, name: str, text: str | bytes):
    """Write a post named ``name`` into a copy of the test site; return the copy."""
    source = tmp_path / name
    if isinstance(text, str):
        text = text.encode("utf-8")
    source.write_bytes(text)
    return content_with(tmp_path / "content", source)


def test_an_alias_bomb_in_a_post_is_refused_at_once_at_its_lines(tmp_path):
    content = _post(tmp_path, "bomb.md", POST_HEAD + ALIAS_BOMB + "---\nx\n")
    started = time.process_time()  # CPU seconds: a loaded machine cannot fail it
    code, lines = check(content)
    assert time.process_time() - started < 10
    assert code == 1
    post = f"{CASE_FOLDER}/bomb.md"
    assert lines[0] == (
        f"{post}:4: [error] a: YAML anchors (&a) are not allowed: remove '&a'"
    )
    assert lines[1] == (
        f"{post}:5: [error] b: YAML anchors (&b) are not allowed: remove '&b'"
    )
    assert lines[2] == (
        f"{post}:5: [error] b[1]: YAML aliases (*a) are not allowed: write the "
        "value out in full"
    )
    assert len(lines) == 10 + 9 * 9  # each anchor and alias, nothing expanded


def test_an_alias_bomb_in_a_registry_is_refused_at_its_lines(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    (data / "units.yml").write_text("- key: a\n  name: A\n", encoding="utf-8")
    (data / "people.yml").write_text("- " + ALIAS_BOMB.replace("\n", "\n  "))
    (data / "glossary.yml").write_text("")
    started = time.process_time()  # CPU seconds: a loaded machine cannot fail it
    _, problems = read_registry(data, tmp_path)
    assert time.process_time() - started < 5
    assert str(problems[0]) == (
        "data/people.yml:1: [error] [1].a: YAML anchors (&a) are not allowed: "
        "remove '&a'"
    )
    assert len(problems) == 10 + 9 * 9


@pytest.mark.parametrize("where", ["post", "registry"])
def test_50000_nested_brackets_are_an_error_not_a_crash(tmp_path, where):
    """``make check`` itself, in a subprocess: it used to die of SIGSEGV.

    In a post, the brackets are left open to stay under the front-matter size
    limit: PyYAML's C composer crashed on them before the parser saw the end.
    """
    brackets = "[" * 50_000
    if where == "post":
        content = _post(tmp_path, "deep.md", f"{POST_HEAD}event: {brackets}\n---\n")
        expected = f"{CASE_FOLDER}/deep.md:4: [error] event: lists and blocks"
    else:
        content = content_with(tmp_path / "content")
        people = f"- aliases: {brackets}{']' * 50_000}\n"
        (content / "data" / "people.yml").write_text(people)
        expected = "data/people.yml:1: [error] [1].aliases: lists and blocks"
    command = [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py"]
    result = subprocess.run(
        [*command, str(content)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": "plugins"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1, result.stderr[-2000:]
    assert result.stdout.startswith(expected)
    assert "nested more than 10 levels deep" in result.stdout.splitlines()[0]


def test_a_post_with_old_mac_line_endings_is_read_like_any_other(tmp_path):
    lines = [
        "---",
        "title: Bài thử dòng CR",
        "date: 2022-01-05 08:00",
        "summary: Tóm tắt.",
        "---",
        "Nội dung.",
        "",
        "Đoạn hai.",
    ]
    cr_only = "\r".join(lines) + "\r"
    front = split(decode(cr_only.encode(), "x.md"), "x.md")
    assert front.lines[("summary",)] == 4
    assert front.body_line == 6
    assert front.body == "Nội dung.\n\nĐoạn hai.\n"
    mixed = "\r".join(lines[:3]) + "\r\n" + "\n".join(lines[3:])
    assert split(decode(mixed.encode(), "x.md"), "x.md").lines == front.lines
    assert check(_post(tmp_path, "cr.md", cr_only)) == (0, [])


def test_a_post_over_the_size_limit_is_refused_before_it_is_read(tmp_path):
    body = "Nội dung dài.\n" * 70_000  # 1.1 MB
    text = POST_HEAD + "---\n" + body
    size = len(text.encode("utf-8"))
    code, lines = check(_post(tmp_path, "big.md", text))
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/big.md:1: [error] file: the post is {size:,} bytes, more "
        "than the limit of 1,048,576 bytes (1 MiB, CONTENT_MODEL_MAX_POST_BYTES): "
        "split it into several posts"
    ]
    content = tmp_path / "content"
    assert check(content, CONTENT_MODEL_MAX_POST_BYTES=2 << 20) == (0, [])


def test_a_front_matter_over_its_size_limit_is_an_error(tmp_path):
    front = POST_HEAD[3:] + "summary: " + "Tóm tắt " * 8_000 + "\n"
    size = len(front.encode("utf-8"))
    code, lines = check(_post(tmp_path, "long.md", f"---{front}---\nx\n"))
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/long.md:2: [error] front matter: the front matter is "
        f"{size:,} bytes, more than the limit of 65,536 bytes (64 KiB, "
        "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES): long texts belong in the body, "
        "after the closing '---'"
    ]


def test_a_registry_over_its_size_limit_is_an_error(tmp_path):
    content = content_with(tmp_path / "content")
    size = (content / "data" / "glossary.yml").stat().st_size
    code, lines = check(content, CONTENT_MODEL_MAX_REGISTRY_BYTES=4096)
    assert code == 1
    assert lines[0] == (
        f"data/glossary.yml:1: [error] file: the registry is {size:,} bytes, more "
        "than the limit of 4,096 bytes (4 KiB, CONTENT_MODEL_MAX_REGISTRY_BYTES): "
        "raise that setting in pelicanconf.py if the registry is right"
    )


def test_the_nesting_limit_is_a_setting():
    source = "speakers:\n  - name: A\n"
    assert load_yaml(source, "x.md", max_depth=3)[0] == {"speakers": [{"name": "A"}]}
    with pytest.raises(ContentError) as refused:
        load_yaml(source, "x.md", max_depth=2)
    assert [(p.line, p.field) for p in refused.value.problems] == [(2, "speakers")]


@pytest.mark.parametrize("value", [0, -1, "1 MiB", True, None])
def test_a_limit_setting_must_be_a_positive_whole_number(value):
    from content_model.settings import limit

    with pytest.raises(SettingsError, match="CONTENT_MODEL_MAX_POST_BYTES"):
        limit({"CONTENT_MODEL_MAX_POST_BYTES": value}, "CONTENT_MODEL_MAX_POST_BYTES")


@pytest.mark.parametrize(
    ("slug", "title", "name", "advice"),
    [
        (".", "Hội nghị giao ban", "x.md", 'write "x"'),
        (".", "Hội nghị giao ban", "….md", 'write "hoi-nghi-giao-ban"'),
        ("a/../b", "Hội nghị", "x.md", 'write "a-b"'),
        ("/", "???", "giao-ban-2022.md", 'write "giao-ban-2022"'),
        ("..", "!!", "...md", "write words such as giao-ban-quan-doan-2022"),
    ],
)
def test_a_slug_that_is_no_slug_gets_a_valid_suggestion(slug, title, name, advice):
    from content_model.validate import check_post

    source = f'---\ntitle: "{title}"\ndate: 2022-01-05 08:00\nslug: "{slug}"\n---\n'
    front = split(source, name)
    problems = check_post(front, name)[1]
    assert [str(p) for p in problems] == [
        f'{name}:4: [error] slug: "{slug}" is not a slug (lower-case ASCII words '
        f"joined by hyphens): {advice}"
    ]


def test_a_character_reference_to_a_control_character_is_an_error(tmp_path):
    body = "Nội dung.\n\nMã &#x1B;[31m và &#0; và &#65534;, nhưng &#233; là chữ é.\n"
    code, lines = check(_post(tmp_path, "refs.md", POST_HEAD + "---\n" + body))
    assert code == 1
    advice = "delete it (it may be invisible in your editor)"
    post = f"{CASE_FOLDER}/refs.md"
    assert lines == [
        f"{post}:7: [error] body: &#0; stands for no character: delete it",
        f"{post}:7: [error] body: &#65534; stands for U+FFFE (a noncharacter): no "
        f"page or feed can carry it: {advice}",
        f"{post}:7: [error] body: &#x1B; stands for U+001B (ESC): no page or feed "
        f"can carry it: {advice}",
    ]


def test_a_legacy_byte_is_named_at_its_line_after_a_bom_and_cr_endings():
    raw = b"\xef\xbb\xbf---\rtitle: B\xe0i th\xf6\r---\r"
    with pytest.raises(ContentError) as refused:
        decode(raw, "x.md")
    [problem] = refused.value.problems
    assert (problem.line, problem.field) == (2, "encoding")
    assert str(problem.message).startswith(
        "the file is not UTF-8 (byte 0xE0 on this line)"
    )


def test_a_body_nested_too_deeply_for_markdown_is_refused_with_its_reason(tmp_path):
    body = "Mở đầu.\n\n" + '<div markdown="1">\n' * 1000 + "x\n" + "</div>\n" * 1000
    code, lines = check(_post(tmp_path, "nested.md", POST_HEAD + "---\n" + body))
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/nested.md:5: [error] body: lists, quotes or HTML blocks are "
        "nested too deeply to be read: a post needs a few levels at most"
    ]


def test_a_number_too_long_for_python_stays_text_for_the_validator():
    """Python 3.11 refuses to convert more than 4,300 digits: a ValueError."""
    digits = "9" * 5000
    assert load_yaml(f"count: {digits}\n", "x.md")[0] == {"count": digits}
    assert load_yaml("count: 63\n", "x.md")[0] == {"count": 63}


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_is_named_with_or_without_its_byte_order_mark(encoding):
    raw = (POST_HEAD + "---\nNội dung.\n").encode(encoding)
    with pytest.raises(ContentError) as refused:
        decode(raw, "x.md")
    assert [str(p) for p in refused.value.problems] == [
        "x.md:1: [error] encoding: the file is saved as UTF-16: save it as UTF-8 "
        "in your editor"
    ]


@pytest.mark.parametrize("pattern", ["[a ", "![a](", "<a "])
def test_a_body_markdown_would_take_minutes_on_is_refused_in_seconds(tmp_path, pattern):
    """Python-Markdown is quadratic on these runs (Python-Markdown/markdown#798)."""
    body = "Mở đầu.\n\n" + pattern * 20_000 + "\n"
    content = _post(tmp_path, "slow.md", POST_HEAD + "---\n" + body)
    started = time.process_time()  # CPU seconds: a loaded machine cannot fail it
    code, lines = check(content, CONTENT_MODEL_MAX_RENDER_SECONDS=1)
    assert time.process_time() - started < 10
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/slow.md:5: [error] body: the text took more than 1 s to "
        "turn into a page (CONTENT_MODEL_MAX_RENDER_SECONDS): look for long runs of "
        "'[', '![' or '<' pasted by mistake"
    ]


def test_the_render_time_limit_leaves_other_posts_and_signals_alone(tmp_path):
    import signal

    before = signal.getsignal(signal.SIGALRM)
    code, lines = check(_post(tmp_path, "ok.md", POST_HEAD + "---\nNội dung.\n"))
    assert (code, lines) == (0, [])
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)


def test_a_render_time_limit_inside_another_keeps_the_outer_one_running():
    from content_model.time_limit import TimeLimitExceeded, time_limit

    started = time.perf_counter()
    with pytest.raises(TimeLimitExceeded), time_limit(0.3):
        with time_limit(5):  # a post's Markdown, well within its own limit
            pass
        while time.perf_counter() - started < 5:  # the outer limit must still fire
            pass
    assert time.perf_counter() - started < 2
