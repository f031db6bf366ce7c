"""Text that XML 1.0 can carry, for every XML file the site writes.

XML 1.0 forbids NUL, the other C0 control characters but tab, newline and
carriage return, lone surrogates, U+FFFE and U+FFFF: a single one makes the
whole document unreadable to every parser. The validator refuses them in
posts; the feed and sitemap writers drop any that slipped through anyway, so
they can never write an invalid document.
"""

from __future__ import annotations

import re

_NOT_IN_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_safe(text: str) -> str:
    """Return ``text`` without the characters XML 1.0 does not allow."""
    return _NOT_IN_XML.sub("", text)
