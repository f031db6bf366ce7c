"""Keep raw HTML in posts to a safe allowlist, and say on which line anything else is.

Markdown passes raw HTML through, and its ``attr_list`` extension can set any
attribute, so every rendered body goes through nh3 with our allowlist. When
nh3 leaves the HTML unchanged (the usual case, a few microseconds) there is
nothing more to do. Otherwise a detailed scan names each thing nh3 would
remove (a ``<script>``, an ``onclick``, a ``javascript:`` link, an iframe from
a host that is not a video player) at its line in the Markdown source; a
difference that removes nothing is only nh3's serialisation, and the cleaned
HTML is what gets published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from urllib.parse import urlsplit

import nh3

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
# Markdown writes table alignment as style="text-align: …" on th and td.
STYLE_PROPERTIES = frozenset({"text-align"})
_URL_ATTRIBUTES = frozenset(
    {"href", "src", "cite", "action", "formaction", "poster", "background", "data"}
)
_UNSAFE_CONTENT_TAGS = frozenset({"script", "style"})
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")


@dataclass(frozen=True)
class Finding:
    """Something nh3 would remove, with the source text that likely wrote it."""

    message: str
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
            )
        return self._cleaner

    def _filter(self, tag: str, attribute: str, value: str) -> str | None:
        """Drop an iframe's address unless it is an allowed video player."""
        if tag == "iframe" and attribute == "src" and not self.embeddable(value):
            return None
        return value

    def embeddable(self, url: str) -> bool:
        """Tell whether ``url`` is a video player from an allowed host."""
        parts = urlsplit(_CONTROL.sub("", url))
        prefix = self.embed_hosts.get((parts.hostname or "").lower())
        return (
            parts.scheme.lower() == "https"
            and prefix is not None
            and parts.path.startswith(prefix)
        )

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
                f'the event handler {name}="{shown}" on <{tag}> is not allowed: '
                "a post cannot run scripts",
                (rf"\b{re.escape(name)}\s*=", rf"<\s*{tag}\b"),
            )
        if not self.allows_attribute(tag, name):
            reason = "the theme styles every post" if name == "style" else "remove it"
            return Finding(
                f"the attribute {name} on <{tag}> is not allowed: {reason}",
                (rf"\b{re.escape(name)}\s*=", rf"<\s*{tag}\b"),
            )
        if name == "style":
            return _judge_style(tag, value)
        if tag == "iframe" and name == "src":
            if self.embeddable(value):
                return None
            host = urlsplit(_CONTROL.sub("", value)).hostname or value
            return Finding(
                f'the embed from "{_short(host)}" is not allowed: only video players '
                f"from {self.embed_sites()} may be embedded",
                (re.escape(value[:40]), r"<\s*iframe\b"),
            )
        if name in _URL_ATTRIBUTES:
            match = _SCHEME.match(_CONTROL.sub("", value))
            if match and match.group(1).lower() not in self.url_schemes:
                return Finding(
                    f'the address "{shown}" in <{tag} {name}> is not allowed: use '
                    + ", ".join(sorted(self.url_schemes))
                    + " or a relative address",
                    (re.escape(value[:40]), re.escape(match.group(1)) + r"\s*:",
                     rf"<\s*{tag}\b"),
                )  # fmt: skip
        return None


def _short(text: str, width: int = 40) -> str:
    """Return ``text`` cut to ``width`` characters for a message."""
    return text if len(text) <= width else text[: width - 1] + "…"


def _tag_finding(tag: str) -> Finding:
    """Return the finding for a tag outside the allowlist."""
    reason = {
        "script": "a post cannot run scripts (to show code, put it between backticks)",
        "style": "the theme styles every post",
        "iframe": "embed videos only",
    }.get(tag, "raw HTML in a post is limited to text formatting, links, images, "
          "tables and video embeds")  # fmt: skip
    return Finding(f"<{tag}> is not allowed: {reason}", (rf"<\s*{re.escape(tag)}\b",))


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
        f'the style "{_short(value)}" on <{tag}> is not allowed: the theme styles '
        "every post",
        (r"\bstyle\s*=", rf"<\s*{tag}\b"),
    )


class _Scanner(HTMLParser):
    """Collect the findings of every start tag of a rendered body, in order."""

    def __init__(self, policy: HtmlPolicy):
        super().__init__(convert_charrefs=True)
        self.policy = policy
        self.findings: list[Finding] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.findings += self.policy.judge(tag, attrs)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)


def sanitize(
    html: str, body: str, body_line: int, policy: HtmlPolicy
) -> tuple[str, list[tuple[int, str]]]:
    """Return the safe HTML of a post and its unsafe parts as (line, message).

    ``body`` is the Markdown source the HTML came from, starting at file line
    ``body_line``: each finding is placed at the line of its source text.
    """
    cleaned = policy.cleaner().clean(html)
    if cleaned == html:
        return html, []
    scanner = _Scanner(policy)
    scanner.feed(html)
    scanner.close()
    lines = body.split("\n")
    located, cursor = [], (0, 0)
    for finding in scanner.findings:
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
    ``java&#115;cript:`` is found too; failing all, search from the start.
    """
    for start_line, start_column in (cursor, (0, 0)):
        for needle in needles:
            pattern = re.compile(needle, re.IGNORECASE)
            for index in range(start_line, len(lines)):
                column = start_column if index == start_line else 0
                match = pattern.search(lines[index], column) or pattern.search(
                    unescape(lines[index]), column
                )
                if match:
                    return index, match.start()
    return None
