"""Where a page loads its own files from: the site's root on the serving host.

A published site (``make publish``) names itself with an absolute SITEURL in
links, canonical addresses, sharing tags and feeds, but loads its stylesheet,
scripts, search data and photos from the root of whatever host serves the
page: only SITEURL's path ("/tin" for ``https://example.org/tin``). The same
output then shows whole on a preview or staging host, or served locally.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def root_of(siteurl: str) -> str:
    """Return the base a page's own files hang from, without a final slash.

    An absolute SITEURL gives its path ("", "/tin"); a relative one (Pelican's
    per-page SITEURL with RELATIVE_URLS, "../..", or none) is kept as it is.
    """
    siteurl = siteurl or ""
    parts = urlsplit(siteurl)
    return (parts.path if parts.scheme else siteurl).rstrip("/")
