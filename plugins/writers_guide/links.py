"""The guide's links to its sibling files, as the site shows them.

In the repository the guides link to each other and to other files of
``docs/`` by file name (``[writers-guide.md](writers-guide.md)``), which is
right on GitHub and in an editor. On the site, a link to a guide goes to
that guide's page, and a link to a file the site does not show becomes its
path in the repository (``docs/xuat-ban.md``), which a newcomer can open:
never a link to a page that does not exist.
"""

from __future__ import annotations

import posixpath
import xml.etree.ElementTree as etree
from pathlib import PurePosixPath
from urllib.parse import urlsplit

from markdown import Extension, Markdown
from markdown.treeprocessors import Treeprocessor

DOCS_FOLDER = "docs"


class _GuideLinks(Treeprocessor):
    def __init__(self, md: Markdown, pages: dict[str, str]) -> None:
        super().__init__(md)
        self.pages = pages

    def run(self, root: etree.Element) -> None:
        for link in root.iter("a"):
            target = sibling_file(link.get("href", ""))
            if target is None:
                continue
            path, fragment = target
            page = self.pages.get(PurePosixPath(path).name)
            if page is not None:
                link.set("href", page + (f"#{fragment}" if fragment else ""))
            else:
                _show_as_path(link, f"{DOCS_FOLDER}/{path}")


def relative_address(here: str, target: str) -> str:
    """Return the link from the page at site address ``here`` ("huong-dan/") to
    ``target`` ("en/writers-guide/"), relative to the page ("../en/writers-guide/"):
    it holds under any SITEURL, with and without RELATIVE_URLS."""
    folder = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    path = posixpath.relpath(target.rstrip("/") or ".", folder or ".")
    return f"{path}/" if target.endswith("/") or not target else path


def sibling_file(href: str) -> tuple[str, str] | None:
    """Return (path, fragment) of a relative link to a Markdown file, else None."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc or not parts.path or href.startswith("/"):
        return None
    if not parts.path.lower().endswith(".md"):
        return None
    return parts.path.removeprefix("./"), parts.fragment


def _show_as_path(link: etree.Element, path: str) -> None:
    """Turn ``<a href="x.md">x.md</a>`` into ``<code>docs/x.md</code>``; a link
    with its own words keeps them, followed by the path in brackets."""
    words = "".join(link.itertext()).strip()
    link.attrib.clear()
    if words in ("", path, path.split("/", 1)[1], PurePosixPath(path).name):
        tail = link.tail
        link.clear()  # its text, children and tail
        link.tag, link.text, link.tail = "code", path, tail
        return
    link.tag = "span"
    if len(link):
        link[-1].tail = (link[-1].tail or "") + " ("
    else:
        link.text = (link.text or "") + " ("
    code = etree.SubElement(link, "code")
    code.text, code.tail = path, ")"


class GuideLinks(Extension):
    """Rewrite the guide's links to sibling files (see the module)."""

    def __init__(self, pages: dict[str, str]) -> None:
        super().__init__()
        self.pages = pages  # a guide's file name -> the link to its page

    def extendMarkdown(self, md: Markdown) -> None:
        # After the inline step (links exist), before prettify and toc.
        md.treeprocessors.register(_GuideLinks(md, self.pages), "guide_links", 19)
