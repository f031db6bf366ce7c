"""A post's automatic summary, as text: its first words, never a photo or an embed.

Pelican cuts a summary from the body HTML when the front matter has none, so a
post that begins with a photo got the photos plugin's ``<picture>`` (and any
table or player) in every list, feed, meta description and search excerpt.
The reader makes the summary here instead, from the body it rendered, with
Pelican's own settings: ``SUMMARY_MAX_PARAGRAPHS``, ``SUMMARY_MAX_LENGTH``
(words) and ``SUMMARY_END_SUFFIX``.
"""

from __future__ import annotations

import html
import re

import nh3
from pelican.utils import truncate_html_paragraphs

# Elements that are not prose: dropped with everything inside them.
NOT_PROSE = {
    "audio",
    "embed",
    "figcaption",
    "figure",
    "iframe",
    "noscript",
    "object",
    "picture",
    "pre",
    "script",
    "style",
    "svg",
    "table",
    "template",
    "video",
}
# Where one block of text ends: keep a space there once the tags are gone.
_BLOCK_END = re.compile(r"</(?:p|li|h[1-6]|blockquote|div|dd|dt)\s*>|<br\s*/?>", re.I)


def text_summary(body_html: str, settings: dict) -> str:
    """Return the summary of ``body_html`` as HTML-escaped plain text."""
    paragraphs = settings.get("SUMMARY_MAX_PARAGRAPHS")
    if paragraphs is not None:
        body_html = truncate_html_paragraphs(body_html, paragraphs)
    spaced = _BLOCK_END.sub(lambda match: match.group(0) + " ", body_html)
    bare = nh3.clean(spaced, tags=set(), attributes={}, clean_content_tags=NOT_PROSE)
    text = html.unescape(bare)
    words = text.split()
    length = settings.get("SUMMARY_MAX_LENGTH", 50)
    if length is not None and len(words) > length:
        words = words[: max(0, length)]
        if settings.get("SUMMARY_END_SUFFIX", "…"):
            words.append(settings.get("SUMMARY_END_SUFFIX", "…"))
    return html.escape(" ".join(words))
