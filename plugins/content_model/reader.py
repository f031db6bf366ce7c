"""The post reader: YAML front matter plus Markdown, for Pelican.

It subclasses Pelican's Markdown reader, reuses one Markdown instance for all
files (building one per file is a large share of stock Pelican's time), and
hands the raw front matter on to the model, which resolves it after all posts
are read.
"""

from __future__ import annotations

import html
import logging
from pathlib import Path
from typing import ClassVar
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from .frontmatter import decode, split
from .problems import ContentError
from .validate import check_post

logger = logging.getLogger(__name__)


def _tz(settings) -> ZoneInfo:
    """Return the site's time zone."""
    return ZoneInfo(settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")


class PostReader(MarkdownReader):
    """Read ``.md`` posts whose metadata is a YAML front-matter block."""

    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            e for e in config.get("extensions", []) if e != "markdown.extensions.meta"
        ]
        self._markdown = Markdown(**config)
        self._content_root = Path(self.settings["PATH"])

    def read(self, source_path):
        """Return the HTML body and the metadata of the post at ``source_path``."""
        path = Path(source_path)
        try:
            shown = str(path.relative_to(self._content_root))
        except ValueError:
            shown = str(path)
        try:
            front = split(decode(path.read_bytes(), shown), shown)
            post, problems = check_post(front, shown, self.settings)
        except ContentError as error:
            for problem in error.problems:
                logger.error("%s", problem)
            raise
        errors = [p for p in problems if p.level == "error"]
        for problem in problems:
            (logger.error if problem.level == "error" else logger.warning)(
                "%s", problem
            )
        if errors:
            raise ContentError(errors)
        self._markdown.reset()
        content = self._markdown.convert(front.body)
        metadata = {
            "title": post["title"],
            "slug": post["slug"],
            "lang": post["lang"],
            "status": post["status"],
            "frontmatter": front.data,
            "frontmatter_lines": front.lines,
            "source_label": shown,
            "body_line": front.body_line,
        }
        if post.get("date") is not None:
            metadata["date"] = SafeDatetime.fromtimestamp(
                post["date"].timestamp(), tz=post["date"].tzinfo
            )
        else:  # a translation: the model copies its original's date
            metadata["date"] = SafeDatetime(1970, 1, 1, tzinfo=_tz(self.settings))
        if post.get("summary"):
            metadata["summary"] = html.escape(post["summary"])
        if post.get("tags"):
            metadata["tags"] = self.process_metadata("tags", post["tags"])
        if post.get("signature"):
            metadata["signature"] = post["signature"]
        if post.get("featured"):
            metadata["featured"] = True
        return content, metadata
