"""Read an iframe's address the way a browser does; keep only known video players.

Python's ``urlsplit`` and a browser disagree on addresses such as
``https://evil.com\\@www.youtube.com/embed/x`` (a browser reads the host
``evil.com``) or ``https://www.youtube.com/embed/../../redirect`` (a browser
asks for ``/redirect``). So the address is parsed by Ada, a WHATWG URL parser
(the one browsers follow), and accepted only when it is written exactly as a
browser reads it: no backslash, whitespace, control character, user name,
port, dot segment or percent-encoded ``.``, ``/`` or ``\\`` that one reader
could take differently from another. The published ``src`` is then rebuilt
from the parsed parts, and the iframe's other attributes are kept to
allowlists, with ``loading``, ``referrerpolicy`` and ``sandbox`` set by us.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ada_url import parse_url

# Permissions a video player may be given with allow="…" (what YouTube, Vimeo
# and Facebook write in their embed codes); never camera, microphone,
# geolocation, payment and the like.
EMBED_PERMISSIONS = frozenset(
    {
        "accelerometer",
        "autoplay",
        "clipboard-write",
        "encrypted-media",
        "fullscreen",
        "gyroscope",
        "picture-in-picture",
        "web-share",
    }
)
# Set on every iframe, whatever the post says: players run their scripts in
# their own origin and may open their site in a new tab, nothing more (no
# top navigation, forms, modal dialogs or downloads).
EMBED_SET_ATTRIBUTES = {
    "loading": "lazy",
    "referrerpolicy": "strict-origin-when-cross-origin",
    "sandbox": "allow-scripts allow-same-origin allow-presentation allow-popups "
    "allow-popups-to-escape-sandbox",
}
# Values a post may write for the attributes above (they are replaced anyway).
EMBED_ATTRIBUTE_VALUES = {
    "loading": frozenset({"lazy", "eager"}),
    "referrerpolicy": frozenset(
        {
            "no-referrer",
            "origin",
            "same-origin",
            "strict-origin",
            "strict-origin-when-cross-origin",
        }
    ),
}
_AUTHORITY = re.compile(r"(?i:https)://([^/?#]*)(.*)", re.DOTALL)
# A player path: letters, digits and - . _ ~ / only (no %, ; or @ that a
# server might decode or split differently), and no empty segment. Written
# without nested quantifiers over one class, so a long path cannot make it
# backtrack for minutes.
_PLAIN_PATH = re.compile(r"/(?:[A-Za-z0-9._~-]+/)*[A-Za-z0-9._~-]*")


@dataclass(frozen=True)
class Embed:
    """An iframe address as a browser reads it: the rebuilt ``src`` or why not."""

    src: str | None
    host: str  # the host a browser would load, for messages
    ambiguous: bool = False
    reading: str = ""  # what a browser makes of an ambiguous address


def read_embed(url: str, hosts: dict[str, str]) -> Embed:
    """Return the player address ``url`` stands for, if ``hosts`` allows it.

    ``url`` is the attribute value with character references decoded;
    ``hosts`` maps each allowed host to its player path (a path ending in
    ``/`` is a prefix, any other must match exactly).
    """
    try:
        parts = parse_url(url)
    except ValueError:
        return Embed(None, url.strip())
    host = parts["hostname"]
    prefix = hosts.get(host)
    if parts["protocol"] != "https:" or prefix is None:
        return Embed(None, host or url.strip())
    rest = parts["pathname"] + parts["search"] + parts["hash"]
    written = _AUTHORITY.fullmatch(url)
    if (
        written is None
        or written[1].lower() != host
        or written[2] != rest
        or parts["username"]
        or parts["password"]
        or parts["port"]
        or not _PLAIN_PATH.fullmatch(parts["pathname"])
    ):
        return Embed(None, host, ambiguous=True, reading=parts["href"])
    path = parts["pathname"]
    if prefix.endswith("/"):
        player = path.startswith(prefix) and len(path) > len(prefix)
    else:
        player = path == prefix
    return Embed(f"https://{host}{rest}" if player else None, host)


def permissions(value: str) -> tuple[list[str], list[str]]:
    """Split an ``allow`` value into (allowed features, refused features).

    Each directive is a feature name, maybe followed by origins; only the
    names are kept, so a feature is delegated to the player's own origin.
    """
    kept: list[str] = []
    refused: list[str] = []
    for directive in value.split(";"):
        words = directive.split()
        if not words:
            continue
        name = words[0].lower()
        target = kept if name in EMBED_PERMISSIONS else refused
        if name not in target:
            target.append(name)
    return kept, refused
