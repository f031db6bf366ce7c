"""Fuzz the front-matter reader, the validator and the registries (fixed seed).

Thousands of generated hostile files (YAML aliases, anchors, merge keys and
tags, deep nesting, huge scalars, control characters, byte-order marks in the
middle, latin-1, UTF-16 and broken UTF-8, mixed line endings, duplicate keys,
NUL bytes, entities and script-bearing URLs) go through ``load_yaml``,
``split`` + ``check_post``, ``PostReader`` and ``read_registry``. Each must
end in a time bound, raise nothing but our ContentError, give every problem a
file, a line and a field, and accept nothing that carries a forbidden
character or active content.
"""

from __future__ import annotations

import random
import re
from contextlib import contextmanager
from pathlib import Path
from types import SimpleNamespace
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from pelican.settings import read_settings

from content_model.frontmatter import decode, load_yaml, split
from content_model.problems import ERROR, ContentError, Problem
from content_model.reader import PostReader
from content_model.registry import read_registry
from content_model.time_limit import TimeLimitExceeded, time_limit
from content_model.validate import check_post
from newsroom import build
from tests.sitebuild import ROOT

SEED = 20261206
SECONDS_PER_INPUT = 2.0
KEYS = [
    "title", "date", "slug", "summary", "status", "lang", "signature", "tags",
    "units", "featured", "event", "speakers", "attendees", "photos", "roles",
    "captions", "tiêu đề", "<<", "=", "? [a, b]", "1", "null", "true", '"\\0"',
]  # fmt: skip
SCALARS = [
    "Hội nghị giao ban", "2022-01-05 08:00", "giao-ban", "..", ".", "/", "",
    "&#0;", "&#x0;", "&lt;script&gt;alert(1)&lt;/script&gt;", "<script>alert(1)",
    "javascript:alert(1)", "jav\tascript:alert(1)", "java&#x09;script:x",
    "//evil.example/x", "data:text/html;base64,PHNjcmlwdD4=", "<img onerror=x>",
    "\"NUL\\0\"", "\"esc\\e[31m\"", "\"\\uFFFE\"", "\"\\U0001FFFF\"", "\"\\x85\"",
    "\"\\uFEFF\"", "\"\\x07bell\"", "\"\\t\\r\\n\"", "'it''s'", "~", "08:30",
    "0x1F", "1e999", "-0", ".inf", "!!binary aGk=", "!!python/object:os.system {}",
    "!!python/object/apply:os.system ['id']", "!x tag", "!!str 12", "! plain",
    "&a anchored", "*a", "*undefined", "<<: *a", "{<<: {title: x}}", "=",
    "|\n  block\n  text", ">-\n  folded", "[a, [b, [c]]]", "{a: {b: {c: d}}}",
    "'unclosed", "\"unclosed", "[unclosed", "{unclosed", "a: b: c", "- x",
    "%YAML 1.1", "--- x", "...", "@at", "`tick", "#comment",
    "9" * 5000, "-1_" + "0" * 5000, "0x" + "f" * 5000, "1e" + "9" * 5000,
]  # fmt: skip
# Texts a post may carry, however odd (written in single quotes).
TEXTS = [
    "javascript:alert(1)", "JaVaScRiPt:x", "jav\tascript:x", "&#106;avascript:x",
    "&#0;", "&#x1b;", "&#xFFFE;", "&lt;script&gt;", "&amp;lt;img onerror=x&amp;gt;",
    "\" onmouseover=\"x", "' onfocus='x", "//evil.example", "data:text/html,x",
    "\u202eRTL override", "zero\u200bwidth", "line\u2028separator", "Quận ủy",
    "{{ 7*7 }}", "{% include 'x' %}", "${7*7}", "%(title)s", "\\x00", "a" * 5000,
]  # fmt: skip
RAW_CHARACTERS = ["\x00", "\x1b", "\x7f", "\x85", "\x9f", "\ufeff", "\ufffe",
                  "\U0001ffff", "\u2028", "\x0b", "\x0c", "\t", "\r"]  # fmt: skip
BODIES = [
    "Nội dung.", "<script>alert(1)</script>", "<p onclick=\"x()\">a</p>",
    "[a](javascript:alert(1))", "<iframe src=\"https://evil.example/\"></iframe>",
    "&#0; &#x1b; &#65534;", "<a href=\"jav&#x09;ascript:x\">a</a>",
    "<svg><script>x</script></svg>", "<math><mi xlink:href=\"javascript:x\">",
    "> " * 40 + "deep", "*" * 200 + "x" + "*" * 200, "---\nnot front matter",
]  # fmt: skip
# The test's own list, not the reader's: what XML 1.0 (feeds) cannot carry,
# other controls, and noncharacters.
FORBIDDEN = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0010fffe\U0010ffff]"
)


def forbidden_character(text: str) -> str | None:
    """Return the first character of ``text`` no page or feed may carry."""
    match = FORBIDDEN.search(text)
    return match.group() if match else None


SAFE_SCHEMES = ("http", "https", "mailto", "tel")
EMBED_HOSTS = ("www.youtube.com", "youtube.com", "www.youtube-nocookie.com",
               "youtube-nocookie.com", "www.facebook.com", "facebook.com",
               "player.vimeo.com")  # fmt: skip


def _active_content(html: str) -> list[str]:
    """Return what in ``html`` could run: scripts, handlers, script URLs, frames."""
    found = []
    for tag in BeautifulSoup(html, "html.parser").find_all(True):
        if tag.name in ("script", "style", "object", "embed", "base", "meta"):
            found.append(tag.name)
        for name, value in tag.attrs.items():
            value = " ".join(value) if isinstance(value, list) else value
            if name.lower().startswith("on"):
                found.append(f"{tag.name} {name}")
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href"):
                address = re.sub(r"[\x00-\x20]", "", value).lower()
                scheme = address.split(":", 1)[0] if ":" in address else ""
                if scheme and "/" not in scheme and scheme not in SAFE_SCHEMES:
                    found.append(f"{tag.name} {name}={value}")
                if tag.name == "iframe" and urlsplit(address).hostname not in (
                    EMBED_HOSTS
                ):
                    found.append(f"iframe {value}")
    return found


class Hang(Exception):
    """An input took longer than SECONDS_PER_INPUT."""


@contextmanager
def time_bound(what: str):
    """Fail the test if the block runs longer than SECONDS_PER_INPUT."""
    try:
        with time_limit(SECONDS_PER_INPUT):
            yield
    except TimeLimitExceeded:
        raise Hang(f"more than {SECONDS_PER_INPUT} s on {what[:300]!r}") from None


def _value(rng: random.Random, depth: int = 0) -> str:
    """Return a hostile YAML value (one line, or an indented block)."""
    roll = rng.random()
    if roll < 0.55 or depth > 2:
        value = rng.choice(SCALARS)
    elif roll < 0.65:
        levels = rng.choice([3, 12, 200, 5000])
        value = "[" * levels + rng.choice(["x", ""]) + "]" * rng.choice([levels, 0])
    elif roll < 0.72:
        value = rng.choice(["x", "Đ", "\\0"]) * rng.choice([1000, 70_000])
        value = f'"{value}"' if "\\" in value else value
    elif roll < 0.86:
        items = [_value(rng, depth + 1).replace("\n", " ") for _ in range(3)]
        value = "[" + ", ".join(items) + "]"
    else:
        pairs = [
            f"{rng.choice(KEYS)}: {_value(rng, depth + 1).replace(chr(10), ' ')}"
            for _ in range(2)
        ]
        value = "\n" + "\n".join(f"  {'- ' if rng.random() < 0.5 else ''}{p}"
                                 for p in pairs)  # fmt: skip
    if rng.random() < 0.1:
        position = rng.randrange(len(value) + 1)
        value = value[:position] + rng.choice(RAW_CHARACTERS) + value[position:]
    return value


def _plausible(rng: random.Random) -> str:
    """Return a front matter a build may accept: hostile texts in known keys."""
    lines = ["title: Bài thử", "date: 2022-01-05 08:00"]
    for key in rng.sample(["summary", "signature", "tags", "slug"], 2):
        text = rng.choice(TEXTS) if rng.random() < 0.8 else rng.choice(SCALARS)
        lines.append(f"{key}: '{text.replace(chr(39), chr(39) * 2)}'")
    return "\n".join(lines)


def _front_matter(rng: random.Random) -> str:
    """Return the YAML between the fences: some real keys, some hostile."""
    if rng.random() < 0.3:
        return _plausible(rng)
    lines = ["title: Bài thử", "date: 2022-01-05 08:00"] if rng.random() < 0.7 else []
    for _ in range(rng.randrange(1, 7)):
        lines.append(f"{rng.choice(KEYS)}: {_value(rng)}")
    if rng.random() < 0.15:  # an alias bomb, or a duplicate key
        lines.append("a: &a [lol, lol, lol]\nb: &b [*a, *a, *a]\nc: [*b, *b, *b]")
    if rng.random() < 0.15:
        lines.append(rng.choice(lines) if lines else "title: x")
    rng.shuffle(lines)
    return "\n".join(lines)


def _encoded(rng: random.Random, text: str) -> bytes:
    """Return ``text`` as bytes, often in a wrong or broken encoding."""
    endings = rng.choice(["\n", "\r\n", "\r", "mixed"])
    if endings == "mixed":
        text = "".join(
            line + rng.choice(["\n", "\r\n", "\r"]) for line in text.split("\n")
        )
    else:
        text = text.replace("\n", endings)
    roll = rng.random()
    if roll < 0.5:  # UTF-8, one line ending or several, maybe a byte-order mark
        return rng.choice([b"", b"\xef\xbb\xbf"]) + text.encode("utf-8")
    roll = (roll - 0.5) * 2
    if roll < 0.06:
        return text.encode("utf-16" if rng.random() < 0.5 else "utf-16-le")
    if roll < 0.12:
        return text.encode("latin-1", "replace")
    if roll < 0.16:
        return text.encode("cp1258", "replace")
    raw = bytearray(text.encode("utf-8", "surrogatepass"))
    if rng.random() < 0.5:
        raw[:0] = b"\xef\xbb\xbf"
    for _ in range(rng.choice([0, 0, 1, 3])):
        position = rng.randrange(len(raw) + 1)
        raw[position:position] = rng.choice(
            [b"\x00", b"\xef\xbb\xbf", b"\xff", b"\xc3", b"\xe1\xba", b"\xed\xa0\x80"]
        )
    return bytes(raw)


def _post(rng: random.Random) -> bytes:
    """Return a whole hostile post file."""
    bodies = BODIES if rng.random() < 0.5 else [*TEXTS, "Nội dung."]
    body = "\n\n".join(rng.choice(bodies) for _ in range(rng.randrange(1, 3)))
    text = f"---\n{_front_matter(rng)}\n---\n{body}\n"
    return _encoded(rng, text)


def _strings(data) -> list[str]:
    """Return every key and text in a parsed front matter or registry."""
    found, pending = [], [data]
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
        elif isinstance(item, str):
            found.append(item)
        else:
            assert item is None or isinstance(item, (bool, int)), repr(item)[:200]
    return found


def _assert_located(problems: list[Problem], path: str) -> None:
    """Assert that every problem names ``path``, a line and a field."""
    for problem in problems:
        assert problem.path == path, problem
        assert problem.line >= 1, problem
        assert problem.field, problem


def _assert_clean(data, what: str) -> None:
    """Assert that accepted data holds no forbidden character."""
    for text in _strings(data):
        assert forbidden_character(text) is None, (what[:300], text[:100])


def test_load_yaml_refuses_hostile_yaml_with_located_problems():
    rng = random.Random(SEED)
    for _ in range(2000):
        source = "\n" + _front_matter(rng) + "\n"
        with time_bound(source):
            try:
                data, lines, _ = load_yaml(source, "fuzz.md")
            except ContentError as error:
                assert error.problems
                _assert_located(error.problems, "fuzz.md")
                continue
        _assert_clean(data, source)
        assert all(line >= 1 for line in lines.values())


def test_split_and_check_post_refuse_hostile_posts_with_located_problems():
    rng = random.Random(SEED + 1)
    accepted = 0
    for _ in range(2000):
        raw = _post(rng)
        with time_bound(repr(raw)):
            try:
                front = split(decode(raw, "fuzz.md"), "fuzz.md")
            except ContentError as error:
                assert error.problems
                _assert_located(error.problems, "fuzz.md")
                continue
            post, problems = check_post(front, "fuzz.md")
        _assert_located(problems, "fuzz.md")
        if any(p.level == ERROR for p in problems):
            continue
        accepted += 1
        _assert_clean(front.data, repr(raw))
        _assert_clean([v for v in post.values() if isinstance(v, (str, list))], "")
        assert forbidden_character(front.body) is None, repr(raw)[:300]
    assert accepted > 100  # the generator also makes valid posts


@pytest.fixture(scope="module")
def reader(tmp_path_factory) -> PostReader:
    content = tmp_path_factory.mktemp("fuzz-content")
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": content})
    build.start(SimpleNamespace(settings=settings, output_path=content / "output"))
    return PostReader(settings)


def test_the_post_reader_publishes_nothing_hostile(reader):
    rng = random.Random(SEED + 2)
    folder = Path(reader.settings["PATH"]) / "posts"
    folder.mkdir()
    published = 0
    for number in range(400):
        raw = _post(rng)
        path = folder / f"fuzz-{number}.md"
        path.write_bytes(raw)
        with time_bound(repr(raw)):
            try:
                content, metadata = reader.read(str(path))
            except ContentError as error:
                assert error.problems
                _assert_located(error.problems, f"posts/{path.name}")
                continue
        published += 1
        assert _active_content(content) == [], (repr(raw)[:300], content[:300])
        assert forbidden_character(content) is None, repr(raw)[:300]
        _assert_clean(metadata["frontmatter"], repr(raw))
        for name in ("title", "summary", "signature", "slug"):
            text = str(metadata.get(name, ""))
            assert forbidden_character(text) is None, repr(raw)[:300]
            assert "<" not in text or name == "title", repr(raw)[:300]
    assert published > 10  # some hostile texts are fine as text


def test_registries_refuse_hostile_entries_with_located_problems(tmp_path):
    rng = random.Random(SEED + 3)
    data = tmp_path / "data"
    data.mkdir()
    for _ in range(300):
        entries = [
            f"- key: {rng.choice(SCALARS)}\n  name: {_value(rng)}\n"
            f"  aliases: {_value(rng)}"
            for _ in range(rng.randrange(1, 4))
        ]
        raw = _encoded(rng, "\n".join(entries) + "\n")
        (data / "units.yml").write_bytes(raw)
        (data / "people.yml").write_bytes(raw)
        (data / "glossary.yml").write_text("")
        with time_bound(repr(raw)):
            registry, problems = read_registry(data, tmp_path)
        for problem in problems:
            assert problem.path in ("data/units.yml", "data/people.yml"), problem
            assert problem.line >= 1, problem
        for entry in [*registry.units.values(), *registry.people.values()]:
            _assert_clean([entry.key, entry.name, *entry.aliases], repr(raw))
