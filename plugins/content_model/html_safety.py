"""Keep raw HTML in posts to a safe allowlist, and say on which line anything else is.

Markdown passes raw HTML through, and its ``attr_list`` extension can set any
attribute, so every rendered body goes through nh3 with our allowlist. When
nh3 leaves the HTML unchanged (the usual case, a few microseconds) there is
nothing more to do. Otherwise a detailed scan, parsing the HTML as browsers
and nh3 do, names each thing nh3 would remove (a ``<script>``, an
``onclick``, a ``javascript:`` link, an iframe that is not a video player) at
its line in the Markdown source; a difference that removes nothing is only
nh3's serialisation, and the cleaned HTML is what gets published. Iframe
addresses are read as a browser reads them and rebuilt (``embeds.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape

import nh3
from ada_url import parse_url
from selectolax.lexbor import LexborHTMLParser

from newsroom.messages import Message

from .embeds import (
    EMBED_ATTRIBUTE_VALUES,
    EMBED_PERMISSIONS,
    EMBED_SET_ATTRIBUTES,
    Embed,
    permissions,
    read_embed,
)

DEFAULT_TAGS = frozenset(nh3.ALLOWED_TAGS | {"iframe"})
DEFAULT_ATTRIBUTES = {
    **{tag: frozenset(names) for tag, names in nh3.ALLOWED_ATTRIBUTES.items()},
    "*": frozenset({"id", "class", "title", "lang", "dir"}),
    "a": frozenset({"href", "hreflang", "rel", "target"}),
    "img": frozenset({"src", "alt", "width", "height", "loading"}),
    "th": nh3.ALLOWED_ATTRIBUTES["th"] | {"style"},
    "td": nh3.ALLOWED_ATTRIBUTES["td"] | {"style"},
    "iframe": frozenset(
        {
            "src",
            "width",
            "height",
            "title",
            "allow",
            "allowfullscreen",
            "frameborder",
            "loading",
            "referrerpolicy",
        }
    ),
}
DEFAULT_URL_SCHEMES = frozenset({"http", "https", "mailto", "tel"})
# Host → path prefix of its video player; only these may be embedded.
DEFAULT_EMBED_HOSTS = {
    "www.youtube.com": "/embed/",
    "youtube.com": "/embed/",
    "www.youtube-nocookie.com": "/embed/",
    "youtube-nocookie.com": "/embed/",
    "www.facebook.com": "/plugins/video.php",
    "facebook.com": "/plugins/video.php",
    "player.vimeo.com": "/video/",
}
# Presentational attributes of the players' own embed codes (Facebook's and
# Vimeo's carry style="border:none;overflow:hidden" and scrolling="no"): the
# theme sizes every player, so they are dropped without a word, and a pasted
# embed code works as it is.
IFRAME_DROPPED_ATTRIBUTES = frozenset(
    {"style", "scrolling", "marginwidth", "marginheight", "allowtransparency"}
)
# Markdown writes table alignment as style="text-align: …" on th and td.
STYLE_PROPERTIES = frozenset({"text-align"})
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "poster", "background", "data"}
)
_UNSAFE_CONTENT_TAGS = frozenset({"script", "style"})
_DOCUMENT_TAGS = frozenset({"html", "head", "body"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f]")
# An iframe's content is raw text that browsers never show, but nh3 writes it
# out unescaped (``<iframe><script>…``), and feed readers or later parsers
# may not read it as raw text: it is dropped. nh3 escapes ">" in attribute
# values, so the start tag ends at the first ">".
_IFRAME_CONTENT = re.compile(r"(<iframe\b[^>]*>).*?(</iframe>)", re.DOTALL)
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Finding:
    """Something nh3 would remove, with the source text that likely wrote it."""

    message: Message
    needles: tuple[str, ...]  # regular expressions, tried in order


@dataclass
class HtmlPolicy:
    """The allowlist: tags, attributes per tag, URL schemes and embed hosts."""

    tags: frozenset[str] = DEFAULT_TAGS
    attributes: dict[str, frozenset[str]] = field(
        default_factory=lambda: dict(DEFAULT_ATTRIBUTES)
    )
    url_schemes: frozenset[str] = DEFAULT_URL_SCHEMES
    embed_hosts: dict[str, str] = field(
        default_factory=lambda: dict(DEFAULT_EMBED_HOSTS)
    )
    _cleaner: nh3.Cleaner | None = field(default=None, repr=False, compare=False)

    def cleaner(self) -> nh3.Cleaner:
        """Return the nh3 cleaner for this policy (built once)."""
        if self._cleaner is None:
            self._cleaner = nh3.Cleaner(
                tags=set(self.tags),
                clean_content_tags=set(_UNSAFE_CONTENT_TAGS - self.tags),
                attributes={tag: set(names) for tag, names in self.attributes.items()},
                attribute_filter=self._filter,
                url_schemes=set(self.url_schemes),
                filter_style_properties=set(STYLE_PROPERTIES),
                strip_comments=True,
                link_rel=None,
                set_tag_attribute_values={"iframe": dict(EMBED_SET_ATTRIBUTES)},
            )
        return self._cleaner

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        """Rebuild an iframe's address and permissions from what is allowed."""
        if attribute in _URL_ATTRIBUTES and not self.safe_address(value):
            return None  # nh3 checks href and src, not cite or background
        if tag != "iframe":
            return value
        if attribute == "src":
            return self.embed(value).src
        if attribute == "allow":
            return "; ".join(permissions(value)[0]) or None
        return value

    def safe_address(self, url: str) -> bool:
        """Tell whether a browser reads ``url`` as relative or an allowed scheme."""
        try:
            scheme = parse_url(url, attributes=("protocol",))["protocol"]
        except ValueError:
            return True  # relative (or no address at all)
        return scheme.removesuffix(":") in self.url_schemes

    def embed(self, url: str) -> Embed:
        """Return the video player ``url`` stands for, or why it is refused."""
        return read_embed(url, self.embed_hosts)

    def embed_sites(self) -> str:
        """Return the allowed embed hosts for a message (without "www.")."""
        sites = dict.fromkeys(h.removeprefix("www.") for h in sorted(self.embed_hosts))
        return ", ".join(sites)

    def allows_attribute(self, tag: str, name: str) -> bool:
        """Tell whether attribute ``name`` may appear on ``tag``."""
        return name in self.attributes.get(tag, ()) or name in self.attributes.get(
            "*", ()
        )

    def judge(
        self, tag: str, attributes: list[tuple[str, str | None]]
    ) -> list[Finding]:
        """Return what is not allowed in one start tag."""
        if tag not in self.tags:
            return [_tag_finding(tag)]
        findings = []
        for name, value in attributes:
            value = value or ""
            finding = self._judge_attribute(tag, name, value)
            if finding:
                findings.append(finding)
        return findings

    def _judge_attribute(self, tag: str, name: str, value: str) -> Finding | None:
        """Return what is wrong with one attribute, or None."""
        shown = _short(value)
        if name.startswith("on"):
            return Finding(
                Message(
                    "the event handler %(handler)s on %(tag)s is not allowed: a post "
                    "cannot run scripts",
                    handler=f'{name}="{shown}"',
                    tag=f"<{tag}>",
                ),
                (_attribute_needle(name), _tag_needle(tag)),
            )
        if tag == "iframe" and name in IFRAME_DROPPED_ATTRIBUTES:
            return None
        if not self.allows_attribute(tag, name):
            reason = {
                "style": Message("the theme styles every post"),
                "sandbox": Message("the site sets it on every video player"),
            }.get(name, Message("remove it"))
            return Finding(
                Message(
                    "the attribute %(name)s on %(tag)s is not allowed: %(reason)s",
                    name=name,
                    tag=f"<{tag}>",
                    reason=reason,
                ),
                (_attribute_needle(name), _tag_needle(tag)),
            )
        if name == "style":
            return _judge_style(tag, value)
        if tag == "iframe":
            return self._judge_iframe(name, value)
        if name in _URL_ATTRIBUTES:
            match = _SCHEME.match(_CONTROL.sub("", value))
            if match and match.group(1).lower() not in self.url_schemes:
                return Finding(
                    Message(
                        "the address %(address)s in %(where)s is not allowed: use "
                        "%(schemes)s or a relative address",
                        address=f'"{shown}"',
                        where=f"<{tag} {name}>",
                        schemes=", ".join(sorted(self.url_schemes)),
                    ),
                    (re.escape(value[:40]), re.escape(match.group(1)) + r"\s*:",
                     _tag_needle(tag)),
                )  # fmt: skip
        return None

    def _judge_iframe(self, name: str, value: str) -> Finding | None:
        """Return what is wrong with one attribute of an iframe, or None."""
        needles = (
            re.escape(value[:40]),
            _attribute_needle(name),
            _tag_needle("iframe"),
        )
        if name == "src":
            embed = self.embed(value)
            return None if embed.src else self.embed_finding(value, embed)
        if name == "allow":
            refused = permissions(value)[1]
            if refused:
                return Finding(
                    Message(
                        "the permission %(refused)s in <iframe allow> is not allowed: "
                        "a video player may have %(allowed)s",
                        refused=", ".join(refused),
                        allowed=", ".join(sorted(EMBED_PERMISSIONS)),
                    ),
                    needles,
                )
        allowed = EMBED_ATTRIBUTE_VALUES.get(name)
        if allowed is not None and value.strip().lower() not in allowed:
            return Finding(
                Message(
                    "the value %(value)s of %(where)s is not allowed: use %(allowed)s",
                    value=f'"{_short(value)}"',
                    where=f"<iframe {name}>",
                    allowed=", ".join(sorted(allowed)),
                ),
                needles,
            )
        return None

    def embed_finding(self, value: str, embed: Embed) -> Finding:
        """Return why the iframe address ``value`` is refused."""
        needles = (re.escape(value[:40]), _tag_needle("iframe"))
        if embed.ambiguous:
            return Finding(
                Message(
                    "the embed address %(address)s is ambiguous: a browser reads it "
                    "as %(reading)s; copy the address exactly as the video site's "
                    "embed code gives it",
                    address=f'"{_short(value)}"',
                    reading=f'"{_short(embed.reading, 60)}"',
                ),
                needles,
            )
        return Finding(
            Message(
                "the embed from %(host)s is not allowed: only video players from "
                "%(sites)s may be embedded",
                host=f'"{_short(embed.host)}"',
                sites=self.embed_sites(),
            ),
            needles,
        )


def _short(text: str, width: int = 40) -> str:
    """Return ``text`` cut to ``width`` characters, control characters shown."""
    text = _CONTROL_CHARACTER.sub(lambda m: f"\\x{ord(m[0]):02x}", text)
    return text if len(text) <= width else text[: width - 1] + "…"


def _tag_finding(tag: str) -> Finding:
    """Return the finding for a tag outside the allowlist."""
    reason = {
        "script": Message(
            "a post cannot run scripts (to show code, put it between backticks)"
        ),
        "style": Message("the theme styles every post"),
        "iframe": Message("embed videos only"),
    }.get(tag) or Message(
        "raw HTML in a post is limited to text formatting, links, images, tables "
        "and video embeds"
    )
    return Finding(
        Message("%(tag)s is not allowed: %(reason)s", tag=f"<{tag}>", reason=reason),
        (_tag_needle(tag),),
    )


def _tag_needle(tag: str) -> str:
    """Return the pattern of a start tag as HTMLParser names it.

    The name ends where HTMLParser ends it (space, ``/``, ``>``), not at a
    word boundary: ``<javascript:alert(29)>`` is a tag whose name ends in ``)``.
    """
    return rf"<\s*{re.escape(tag)}(?=[\s/>\x00]|$)"


def _attribute_needle(name: str) -> str:
    """Return the pattern of attribute ``name`` (which may start with ``@``)."""
    return rf"(?<![^\s\"'/]){re.escape(name)}\s*="


def _judge_style(tag: str, value: str) -> Finding | None:
    """Allow only the style properties Markdown writes itself (text-align)."""
    names = {
        part.split(":", 1)[0].strip().lower()
        for part in value.split(";")
        if part.strip()
    }
    if names <= STYLE_PROPERTIES:
        return None
    return Finding(
        Message(
            "the style %(style)s on %(tag)s is not allowed: the theme styles every "
            "post",
            style=f'"{_short(value)}"',
            tag=f"<{tag}>",
        ),
        (_attribute_needle("style"), _tag_needle(tag)),
    )


def _findings(html: str, policy: HtmlPolicy) -> list[Finding]:
    """Judge every element of a rendered body, in order, as a browser parses it.

    Lexbor (through selectolax) follows the WHATWG parsing rules, as nh3's
    html5ever does: ``--!>`` ends a comment, ``<![CDATA[`` is a comment that
    ends at the first ``>``, character references decode as in a browser.
    Python's HTMLParser reads each of these otherwise and would miss markup.
    """
    findings = []
    for node in LexborHTMLParser(html).root.traverse(include_text=False):
        tag = node.tag or ""
        if not tag[:1].isalpha():
            continue  # a comment or a doctype
        attributes = list(node.attributes.items())
        if tag in _DOCUMENT_TAGS and not attributes:
            continue  # implied by the parser
        findings += policy.judge(tag, attributes)
    return findings


def sanitize(
    html: str, body: str, body_line: int, policy: HtmlPolicy
) -> tuple[str, list[tuple[int, Message]]]:
    """Return the safe HTML of a post and its unsafe parts as (line, message).

    ``body`` is the Markdown source the HTML came from, starting at file line
    ``body_line``: each finding is placed at the line of its source text.
    """
    cleaned = policy.cleaner().clean(html)
    if "<iframe" in cleaned:
        cleaned = _IFRAME_CONTENT.sub(r"\1\2", cleaned)
    if cleaned == html:
        return html, []
    lines = body.split("\n")
    located, cursor = [], (0, 0)
    for finding in _findings(html, policy):
        found = _find(lines, finding.needles, cursor)
        if found is not None:
            cursor = (found[0], found[1] + 1)
        located.append((body_line + (found[0] if found else 0), finding.message))
    return cleaned, located


def _find(
    lines: list[str], needles: tuple[str, ...], cursor: tuple[int, int]
) -> tuple[int, int] | None:
    """Return (line index, column) of the first needle at or after ``cursor``.

    Each line is also searched with its character references decoded, so that
    ``java&#115;cript:`` is found too, and lowercased as HTMLParser lowercases
    names (``<İframe>``); failing all, search from the start.
    """
    for start_line, start_column in (cursor, (0, 0)):
        for needle in needles:
            pattern = re.compile(needle, re.IGNORECASE)
            for index in range(start_line, len(lines)):
                column = start_column if index == start_line else 0
                line = lines[index]
                for text in (line, unescape(line), line.lower()):
                    match = pattern.search(text, column)
                    if match:
                        return index, match.start()
    return None
