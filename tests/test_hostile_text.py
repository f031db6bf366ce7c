"""Hostile text never becomes active content: a fuzz build of the whole site.

A fixed-seed generator writes a few thousand hostile values (markup, raw and
entity-encoded in every form, quotes that would close an attribute, script and
data URLs, control and invisible characters, template syntax) into every text
field of the front matter and of the registries. ``make check`` runs on all of
it; then what it refused is taken out (a build with any error writes nothing)
and the rest is built once:

- every value the plain-text rule refuses is reported at its ``path:line`` and
  field (posts, translations, pages, unit and person names); every other post
  is published;
- no page, feed, sitemap or JSON-LD holds active content: only the theme's own
  elements, no ``on*`` attribute, no ``javascript:``/``data:`` URL, no script
  but the theme's, JSON that parses, Atom texts of type text;
- each value shows exactly as written: escaped once, never twice.
"""

from __future__ import annotations

import functools
import json
import random
import re
import unicodedata
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader
from pelican.settings import read_settings
from PIL import Image
from selectolax.lexbor import LexborHTMLParser

from social_meta.jsonld import headline
from tests.content_sites import check
from tests.sitebuild import ROOT, Build, build, copy_content
from vietnamese import slugify

SEED = 20261206
POSTS = 120  # published Vietnamese posts, every field hostile
REFUSED = 60  # posts with one refused value each
UNITS = 40
PEOPLE = 40
GLOSSARY = 12
PAGES = 12
FUZZ_FOLDER = "posts/fuzz"

# Fragments the plain-text rule lets through, and that must be shown as text.
ALLOWED = [
    '"',
    "'",
    '" onmouseover="alert(1)',
    "' autofocus onfocus='alert(2)' x='",
    '">',
    "'>",
    "javascript:alert(3)",
    "JaVaScRiPt:alert(4)",
    "java\tscript:alert(5)",
    " javascript:alert(6)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCg3KTwvc2NyaXB0Pg==",
    "vbscript:msgbox(8)",
    "//evil.example/x.js",
    "https://evil.example/?a=1&b=2#x",
    "%3Cscript%3Ealert(9)%3C/script%3E",
    "\\u003cscript\\u003e",
    "\\x3cimg src=x onerror=alert(10)\\x3e",
    "＜script＞alert(11)＜/script＞",
    "Đoàn & Hội",
    "&",
    "&amp;",
    "&amp;amp;",
    "&quot;",
    "&#39;",
    "<3",
    "&lt;3",
    "a < 5",
    "5 > 3",
    "&gt;",
    "&#0;",
    "&#xD800;",
    "&#1114112;",
    "&nosuch;",
    "]]>",
    "-->",
    "{{ 7*7 }}",
    "{% raw %}",
    "%(name)s %s",
    "${alert(12)}",
    "\u202egnp.exe",
    "\u2028\u2029",
    "\u200b\u200d",
    "Tân Bình",
    "Bí thư Quận Đoàn",
    "Hội trường Quận ủy",
]
# Fragments the plain-text rule refuses.
REFUSED_MARKUP = [
    "<script>alert(21)</script>",
    "<img src=x onerror=alert(22)>",
    "</script><script>alert(23)</script>",
    "<svg/onload=alert(24)>",
    "<iframe src=javascript:alert(25)>",
    '<a href="javascript:alert(26)">x</a>',
    "<!-- x -->",
    "<?php x ?>",
    "< img src=x onerror=alert(27)>",
    "&lt;img src=x onerror=alert(28)&gt;",
    "&lt;/script&gt;&lt;script&gt;alert(29)",
    "&#60;script&#62;alert(30)",
    "&#x3C;svg onload=alert(31)&#x3E;",
    "&#x3c;iframe src=//x&#x3e;",
    "&LT;img src=x onerror=alert(32)&GT;",
    "&ltimg src=x onerror=alert(33)&gt",
    "&amp;lt;script&amp;gt;alert(34)",
    "&amp;amp;lt;img src=x onerror=alert(35)&amp;amp;gt;",
    "&#0060;img src=x onerror=alert(36)>",
    "&#x00003c;b onclick=alert(37)>",
]
REFUSED_CONTROL = [
    "\x01",
    "\x07",
    "\x1b[31m",
    "\x7f",
    "\x85",
    "\x9b",
    "\ufffe",
    "\ufeff",
]


@dataclass
class Post:
    """One generated post: its file, its texts, where its one refused value is."""

    path: str
    slug: str
    title: str
    role: str = ""
    texts: dict[str, str] = field(default_factory=dict)  # field label -> value
    refused_at: tuple[int, str] | None = None  # (line, field) of a refused value
    translation: str | None = None  # the English title


@dataclass
class Fuzz:
    """Everything generated, for the assertions to compare with."""

    posts: list[Post] = field(default_factory=list)
    pages: list[Post] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)  # "path:line: [error] field: "
    units: list[dict] = field(default_factory=list)
    people: list[dict] = field(default_factory=list)
    glossary: list[dict] = field(default_factory=list)
    values: int = 0


class Generator:
    """Draw hostile values from the fragments, with a fixed seed."""

    def __init__(self, fuzz: Fuzz):
        self.random = random.Random(SEED)
        self.fuzz = fuzz

    def allowed(self, prefix: str = "Đoàn") -> str:
        """Return a value the rule lets through: a word, then hostile fragments."""
        parts = self.random.sample(ALLOWED, self.random.randint(1, 4))
        self.fuzz.values += 1
        return " ".join([prefix, *parts])

    def refused(self, control: bool = True) -> str:
        """Return a value the rule refuses (markup, or a control character)."""
        pool = REFUSED_MARKUP + (REFUSED_CONTROL if control else [])
        around = self.allowed(), self.allowed()
        self.fuzz.values -= 1  # two drawn, one value
        return f"{around[0]} {self.random.choice(pool)} {around[1]}"


def quoted(value: str) -> str:
    """Return ``value`` as a YAML double-quoted scalar (JSON's escapes are YAML's)."""
    return json.dumps(value)


def write_registries(content: Path, gen: Generator, fuzz: Fuzz) -> None:
    """Append hostile units, people and glossary terms to the fixture registries."""
    data = content / "data"
    units, people, glossary = [], [], []
    for index in range(UNITS):
        hostile = gen.refused(control=False) if index % 4 == 3 else gen.allowed()
        name = f"Đoàn Fuzz {index} {hostile}"
        unit = {
            "key": slugify(name),
            "name": name,
            "refused": index % 4 == 3,
            "name_en": gen.allowed(f"Fuzz Union {index}"),
            "short": gen.allowed(f"ĐF {index}"),
            "aliases": [gen.allowed(f"Fuzz alias {index}"), gen.allowed(f"x{index}")],
        }
        fuzz.units.append(unit)
        units.append(
            f"\n- key: {unit['key']}\n  name: {quoted(name)}\n"
            f"  name_en: {quoted(unit['name_en'])}\n  short: {quoted(unit['short'])}\n"
            "  kind: ward\n  parent: quan-doan-tan-binh\n"
            f"  aliases: [{', '.join(quoted(a) for a in unit['aliases'])}]\n"
        )
    for index in range(PEOPLE):
        hostile = gen.refused(control=False) if index % 4 == 3 else gen.allowed()
        name = f"Nguyễn Fuzz {index} {hostile}"
        person = {"key": slugify(name), "name": name, "refused": index % 4 == 3}
        fuzz.people.append(person)
        alias = gen.allowed(f"Người {index}")
        people.append(
            f"\n- key: {person['key']}\n  name: {quoted(name)}\n"
            f"  aliases: [{quoted(alias)}]\n"
        )
    for index in range(GLOSSARY):
        term = {"vi": f"Chức danh thử {index}", "en": gen.allowed(f"Title {index}")}
        fuzz.glossary.append(term)
        glossary.append(
            f"- {{vi: {quoted(term['vi'])}, en: {quoted(term['en'])}, kind: phrase}}\n"
        )
    for name, entries in (
        ("units.yml", units),
        ("people.yml", people),
        ("glossary.yml", glossary),
    ):
        with open(data / name, "a", encoding="utf-8") as registry:
            registry.write("".join(entries))


def front_matter(gen: Generator, fuzz: Fuzz, index: int, photo: str | None) -> list:
    """Return the (key path, YAML line) pairs of a hostile Vietnamese post."""
    unit = fuzz.units[index % UNITS]["key"]
    other = fuzz.units[(index + 7) % UNITS]["key"]
    person = fuzz.people[index % PEOPLE]["key"]
    role = (
        fuzz.glossary[index % GLOSSARY]["vi"]
        if index % 3 == 0
        else gen.allowed("Bí thư")
    )
    lines = [
        ("title", f"title: {quoted(gen.allowed(f'Tin {index}'))}"),
        ("date", f"date: 2022-{1 + index % 12:02d}-{1 + index % 28:02d} 08:00"),
        ("slug", f"slug: fuzz-{index}"),
        ("summary", f"summary: {quoted(gen.allowed())}"),
        ("event", "event:"),
        ("event.place", f"  place: {quoted(gen.allowed())}"),
        ("event.organizer", f"  organizer: {unit}"),
        ("units", f"units: [{unit}, {other}]"),
        ("speakers", "speakers:"),
        ("speakers[1].name", f"  - name: {person}"),
        ("speakers[1].role", f"    role: {quoted(role)}"),
        ("speakers[1].unit", f"    unit: {other}"),
        ("attendees", "attendees:"),
        ("attendees[1].group", f"  - group: {quoted(gen.allowed())}"),
        ("attendees[1].count", "    count: 12"),
        ("signature", f"signature: {quoted(gen.allowed())}"),
        ("tags", f"tags: [{quoted(gen.allowed('a'))}, {quoted(gen.allowed('b'))}]"),
    ]
    if photo:
        lines += [
            ("photos", "photos:"),
            ("photos[1].src", f"  - src: {photo}"),
            ("photos[1].alt", f"    alt: {quoted(gen.allowed())}"),
            ("photos[1].caption", f"    caption: {quoted(gen.allowed())}"),
        ]
    return lines


def write_posts(content: Path, gen: Generator, fuzz: Fuzz) -> None:
    """Write the published posts (with translations) and the refused ones."""
    folder = content / FUZZ_FOLDER
    folder.mkdir(parents=True)
    photos = content / "photos" / "fuzz"
    photos.mkdir(parents=True)
    for index in range(POSTS + REFUSED):
        photo = None
        if index % 6 == 0:
            photo = f"photos/fuzz/anh-{index}.jpg"
            Image.new("RGB", (16, 12), (index * 5 % 255, 80, 40)).save(
                content / photo, "JPEG"
            )
        lines = front_matter(gen, fuzz, index, photo)
        name = f"fuzz-{index}.md"
        post = Post(f"{FUZZ_FOLDER}/{name}", f"fuzz-{index}", "")
        if index >= POSTS:  # one value, anywhere, is refused
            texts = [i for i, (key, line) in enumerate(lines) if '"' in line]
            chosen = gen.random.choice(texts)
            key, line = lines[chosen]
            head = line.split(":", 1)[0] + ": "
            if key == "tags":
                head, key = "tags: [", "tags[1]"
            bad = gen.refused()
            fuzz.values -= 1  # it replaces a value already counted
            lines[chosen] = (key, f"{head}{quoted(bad)}" + ("]" if "[" in head else ""))
            post.refused_at = (chosen + 2, key)
        post.texts = {
            key: json.loads(line.split(": ", 1)[1])
            for key, line in lines
            if key != "tags" and line.endswith('"')
        }
        post.title, post.role = post.texts["title"], post.texts["speakers[1].role"]
        body = "\n".join(line for _, line in lines)
        (folder / name).write_text(f"---\n{body}\n---\nNội dung {index}.\n", "utf-8")
        if index < POSTS and index % 2 == 0:
            english = gen.allowed(f"News {index}")
            if index % 10 == 4:  # a refused English title: the original stays
                english = gen.refused()
                where = f"{FUZZ_FOLDER}/fuzz-{index}.en.md:2"
                fuzz.refused.append(f"{where}: [error] title: ")
            else:
                post.translation = english
            # English roles and captions by the speaker's key and the photo's src.
            person = dict(lines)["speakers[1].name"].split(": ", 1)[1]
            role = f"roles:\n  {person}: {quoted(gen.allowed())}\n"
            roles = "" if index % 3 == 0 else role
            caption = f"captions:\n  {photo}: {quoted(gen.allowed())}\n"
            captions = caption if photo else ""
            (folder / f"fuzz-{index}.en.md").write_text(
                f"---\ntitle: {quoted(english)}\nslug: fuzz-{index}\n"
                f"lang: en\nsummary: {quoted(gen.allowed())}\n{roles}{captions}"
                f"---\nBody {index}.\n",
                "utf-8",
            )
        fuzz.posts.append(post)


def write_pages(content: Path, gen: Generator, fuzz: Fuzz) -> None:
    """Write standalone pages (content/pages/): hostile titles, some refused."""
    folder = content / "pages"
    folder.mkdir()
    for index in range(PAGES):
        refused = index % 3 == 2
        lang = "en" if index % 4 == 1 else "vi"
        title = gen.refused() if refused else gen.allowed("Giới thiệu")
        page = Post(f"pages/trang-{index}.md", f"trang-{index}", title)
        if refused:
            page.refused_at = (2, "title")
        page.texts = {"lang": lang}
        (folder / f"trang-{index}.md").write_text(
            f"---\ntitle: {quoted(title)}\nslug: trang-{index}\nlang: {lang}\n"
            f"summary: {quoted(gen.allowed())}\n---\nTrang {index}.\n",
            "utf-8",
        )
        fuzz.pages.append(page)


@dataclass
class FuzzSite:
    """The hostile content's check, and the build of what it lets through."""

    check_log: str  # make check on everything generated, refused values included
    result: Build  # the build once the refused files and values are taken out
    fuzz: Fuzz


def without_refused(content: Path, fuzz: Fuzz) -> None:
    """Take out what make check refused, as a writer fixing the errors would.

    Refused posts, translations and pages are deleted; a refused unit or person
    name becomes its plain prefix ("Đoàn Fuzz 3"), whose slug its key extends
    (a namesake), so the posts that name it by key still find it.
    """
    for post in fuzz.posts + fuzz.pages:
        if post.refused_at:
            (content / post.path).unlink()
    for problem in fuzz.refused:
        (content / problem.split(":", 1)[0]).unlink()
    for name, entries, prefix in (
        ("units.yml", fuzz.units, "Đoàn Fuzz"),
        ("people.yml", fuzz.people, "Nguyễn Fuzz"),
    ):
        registry = content / "data" / name
        source = registry.read_text(encoding="utf-8")
        for index, entry in enumerate(entries):
            if entry["refused"]:
                plain = f"{prefix} {index}"
                source = source.replace(
                    f"name: {quoted(entry['name'])}\n", f"name: {quoted(plain)}\n"
                )
                entry["name"] = plain
        registry.write_text(source, encoding="utf-8")


@pytest.fixture(scope="module")
def fuzz_site(tmp_path_factory) -> FuzzSite:
    """Generate the hostile site, check it, and build what the check lets through.

    A build with any content error writes nothing (make html, make publish and
    the devserver alike), so refused values are asserted on make check's
    output, and every value that passes is asserted on the built site.
    """
    tmp = tmp_path_factory.mktemp("fuzz")
    content = copy_content(tmp / "content")
    fuzz = Fuzz()
    gen = Generator(fuzz)
    write_registries(content, gen, fuzz)
    write_posts(content, gen, fuzz)
    write_pages(content, gen, fuzz)
    code, lines = check(content)
    assert code == 1
    without_refused(content, fuzz)
    result = build(
        content,
        tmp / "output",
        extra={"PHOTOS_CACHE_PATH": json.dumps(str(tmp / "cache"))},
    )
    assert result.returncode == 0, result.log[-3000:]
    return FuzzSite("\n".join(lines), result, fuzz)


@functools.cache  # the fuzz site's pages, parsed once for all the tests reading them
def parsed(path: Path) -> LexborHTMLParser:
    """Return a written page as a browser parses it (Lexbor follows the HTML
    standard); do not modify it."""
    return LexborHTMLParser(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module", autouse=True)
def _forget_parsed_pages():
    """Let the parsed pages go with this module."""
    yield
    parsed.cache_clear()


def text(value: str) -> str:
    """Return a text as a reader sees it: NFC, whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", value).split())


def theme_elements() -> set[str]:
    """Return every element the theme's templates write, and those of a body
    (the sanitiser's allowlist: the Markdown of a post or of the writers' guide)."""
    from content_model.html_safety import DEFAULT_TAGS

    names: set[str] = {"html", "head", "body", "h1", "h2", "h3", "p"}
    names.update(DEFAULT_TAGS - {"iframe"})
    for template in (ROOT / "theme" / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        names.update(m.lower() for m in re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", source))
    return names


URL_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "data"}
ACTIVE_URL = re.compile(r"^(javascript|data|vbscript):", re.IGNORECASE)
SCRIPT_TYPES = {"application/ld+json", "application/json", "module"}


def active_content(html: str, allowed: set[str]) -> list[str]:
    """Return what in an HTML document could run: foreign elements, handlers…

    Lexbor parses it as the HTML standard says a browser does.
    """
    found = []
    for element in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = element.tag
        if tag.startswith(("-", "_")):  # a comment: nothing runs
            continue
        if tag not in allowed:
            found.append(f"element <{tag}>")
        attributes = element.attributes
        for name, value in attributes.items():
            if name.lower().startswith("on"):
                found.append(f"attribute {name} on <{tag}>")
            if name.lower() in URL_ATTRIBUTES:
                url = re.sub(r"[\x00-\x20]", "", str(value or ""))
                if ACTIVE_URL.match(url):
                    found.append(f"URL {value!r} in {name}")
        if tag == "script":
            kind, code = attributes.get("type"), element.text(deep=True)
            if kind not in SCRIPT_TYPES:  # the site runs no inline classic code
                found.append(f"script of type {kind!r}: {code[:80]!r}")
            elif kind == "module":
                if not str(attributes.get("src") or "").startswith("/theme/js/"):
                    found.append(f"module script {attributes.get('src')!r}")
            else:
                json.loads(code)  # a break-out would not parse
    return found


def test_fuzz_generates_a_few_thousand_hostile_values(fuzz_site):
    fuzz = fuzz_site.fuzz
    assert fuzz.values >= 2000


def test_every_refused_value_is_reported_at_its_line_and_left_out(fuzz_site):
    result, fuzz = fuzz_site.result, fuzz_site.fuzz
    for post in fuzz.posts:
        page = result.output / "2022"
        written = list(page.glob(f"*/{post.slug}/index.html"))
        if post.refused_at:
            line, key = post.refused_at
            assert f"{post.path}:{line}: [error] {key}: " in fuzz_site.check_log
            assert not written
        else:
            assert len(written) == 1, post.path
    published = POSTS + 3  # and the fixture site's own
    for problem in fuzz.refused:
        assert problem in fuzz_site.check_log
    for name, entries in (("units", fuzz.units), ("people", fuzz.people)):
        refused = [
            line
            for line in fuzz_site.check_log.splitlines()
            if line.startswith(f"data/{name}.yml:") and "[error] name: HTML" in line
        ]
        assert len(refused) == len([e for e in entries if e["refused"]]) > 0
    translated = len([p for p in fuzz.posts if p.translation]) + 3
    assert f"Posts published: {published} in Vietnamese, {translated} in English" in (
        result.log
    )


def test_no_page_feed_or_sitemap_holds_active_content(fuzz_site):
    result = fuzz_site.result
    allowed = theme_elements()
    pages = feeds = 0
    for path in sorted(result.output.rglob("*")):
        if path.relative_to(result.output).parts[0] == "admin":
            continue  # the web editor (development builds), not a page of posts
        if path.suffix == ".html":
            pages += 1
            raw = path.read_text(encoding="utf-8")
            assert active_content(raw, allowed) == [], path
            for script in re.findall(r"<script[^>]*>(.*?)</script>", raw, re.S):
                assert "<!--" not in script and "<script" not in script.lower()
        elif path.suffix == ".xml":
            root = ET.parse(path).getroot()  # well-formed, or this raises
            for element in root.iter():
                tag = element.tag.rsplit("}", 1)[-1]
                if tag in ("title", "summary", "subtitle"):
                    assert element.get("type") == "text", path
                if tag == "content":
                    feeds += 1
                    assert element.get("type") == "html"
                    assert active_content(element.text or "", allowed) == [], path
                if tag in ("loc", "id") or (tag == "link" and element.get("href")):
                    url = element.text if tag != "link" else element.get("href")
                    assert url.startswith("http"), (path, url)
    assert pages > 300 and feeds > 50


def test_every_text_shows_exactly_as_written(fuzz_site):
    result, fuzz = fuzz_site.result, fuzz_site.fuzz
    for post in fuzz.posts:
        if post.refused_at:
            continue
        (path,) = (result.output / "2022").glob(f"*/{post.slug}/index.html")
        soup = parsed(path)
        title = text(post.title)
        assert text(soup.css_first("h1.article__title").text()) == title
        crumb = soup.css_first(".breadcrumbs [aria-current=page]").text()
        assert text(crumb) == title
        assert text(soup.css_first("title").text()).startswith(title)
        og = soup.css_first('meta[property="og:title"]').attributes["content"]
        assert text(og) == title
        data = json.loads(soup.css_first('script[type="application/ld+json"]').text())
        assert text(data["headline"]) == text(headline(post.title))
        roles = [text(r.text()) for r in soup.css(".speaker__role")]
        assert roles == [text(post.role)]
        texts = post.texts
        if "event.place" in texts:  # the place is the second fact, after the date
            place = soup.css(".event-card__facts dd")[1].text()
            assert text(place) == text(texts["event.place"])
        for key, selector in (
            ("attendees[1].group", ".event-card__attendees li > span:last-child"),
            ("signature", ".article__signature"),
            ("photos[1].caption", ".lead-photo__caption"),
        ):
            if key in texts:
                assert text(soup.css_first(selector).text()) == text(texts[key])
        if "photos[1].alt" in texts:
            image = soup.css_first(".lead-photo img")
            assert text(image.attributes["alt"]) == text(texts["photos[1].alt"])
        summary = soup.css_first('meta[name="description"]').attributes["content"]
        summary = text(summary)
        if len(text(texts["summary"])) <= 200:
            assert summary == text(texts["summary"])
        if post.translation:
            (english,) = (result.output / "en" / "2022").glob(f"*/{post.slug}/*.html")
            soup = parsed(english)
            heading = soup.css_first("h1.article__title").text()
            assert text(heading) == text(post.translation)
    feed = ET.parse(result.output / "feeds" / "all.atom.xml").getroot()
    titles = {
        text(e.text or "") for e in feed.iter("{http://www.w3.org/2005/Atom}title")
    }
    published = {text(p.title) for p in fuzz.posts if not p.refused_at}
    assert len(titles & published) == 20  # FEED_MAX_ITEMS, all fuzz posts (2022)


def test_pages_refuse_markup_and_show_their_titles_exactly(fuzz_site):
    result, fuzz = fuzz_site.result, fuzz_site.fuzz
    for page in fuzz.pages:
        prefix = "en/" if page.texts["lang"] == "en" else ""
        path = result.output / f"{prefix}{page.slug}" / "index.html"
        if page.refused_at:
            line, key = page.refused_at
            assert f"{page.path}:{line}: [error] {key}: " in fuzz_site.check_log
            assert not path.exists()
            continue
        soup = parsed(path)
        assert text(soup.css_first("h1.article__title").text()) == text(page.title)
        crumb = soup.css_first(".breadcrumbs [aria-current=page]").text()
        assert text(crumb) == text(page.title)


def test_registry_names_show_exactly_as_written(fuzz_site):
    result, fuzz = fuzz_site.result, fuzz_site.fuzz
    for unit in fuzz.units:
        for lang, url, name in (
            ("vi", f"don-vi/{unit['key']}/", unit["name"]),
            ("en", f"en/units/{unit['key']}/", unit["name_en"]),
        ):
            soup = parsed(result.output / url / "index.html")
            assert text(soup.css_first("h1.page-title").text()) == text(name), lang
    for person in fuzz.people:
        page = result.output / "nhan-vat" / person["key"] / "index.html"
        soup = parsed(page)
        assert text(soup.css_first("h1.page-title").text()) == text(person["name"])
    # html5lib, whose tree holds a <template>'s content (the filter lists).
    search = BeautifulSoup(
        (result.output / "tim-kiem" / "index.html").read_text(encoding="utf-8"),
        "html5lib",
    )
    labels = {text(o.get("data-label", "")) for o in search.select("option")}
    assert {text(p["name"]) for p in fuzz.people} <= labels
    assert {text(u["name"]) for u in fuzz.units} <= labels
    # An English role composed from the glossary's (hostile) English term.
    (english,) = (result.output / "en" / "2022").glob("*/fuzz-0/index.html")
    soup = parsed(english)
    roles = [text(role.text()) for role in soup.css(".speaker__role")]
    assert roles == [text(fuzz.glossary[0]["en"])]


def test_templates_compiled_without_autoescape_are_never_reused():
    options = read_settings(str(ROOT / "pelicanconf.py"))["JINJA_ENVIRONMENT"]
    loader = FileSystemLoader(ROOT / "theme" / "templates")
    name = "partials/list_pagination_head.html"
    # What a build without autoescape leaves in the same folder, under Jinja's
    # default file names: the cache key is the template's name and source only.
    before = FileSystemBytecodeCache(options["bytecode_cache"].directory)
    Environment(loader=loader, bytecode_cache=before).get_template(name)
    env = Environment(loader=loader, **options)
    html = env.get_template(name).render(
        SITEURL="", pager={"previous_url": '"><script>alert(1)</script>'}
    )
    assert "<script>" not in html and "&#34;&gt;&lt;script&gt;" in html
