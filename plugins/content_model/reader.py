"""The post reader: YAML front matter plus Markdown, for Pelican.

It subclasses Pelican's Markdown reader, reuses one Markdown instance for all
files (building one per file is a large share of stock Pelican's time) and lets
plain runs of text skip its inline patterns (``plain_runs.py``), keeps
raw HTML to the safe allowlist, and hands the raw front matter on to the model,
which resolves it after all posts are read. Every problem goes to the build's
state, so that all are reported at once; a post with an error is refused.
"""

from __future__ import annotations

import html
import logging
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import ClassVar
from zoneinfo import ZoneInfo

from markdown import Markdown
from pelican.readers import MarkdownReader
from pelican.utils import SafeDatetime

from newsroom.files import content_label
from newsroom.messages import Message
from vietnamese import slugify

from .characters import describe_character, forbidden_character
from .frontmatter import FrontMatter, decode, over_limit, share_repeated_keys, split
from .html_safety import sanitize
from .model import RefusedPost, resolve_original
from .plain_runs import PlainRunsExtension
from .problems import ERROR, ContentError, Problem
from .settings import limit
from .state import content_state
from .summary import text_summary
from .time_limit import TimeLimitExceeded, time_limit
from .validate import check_post

logger = logging.getLogger(__name__)
converter_counts = {"made": 0}  # Markdown instances made by this process (tests)


class PostReader(MarkdownReader):
    """Read ``.md`` posts whose metadata is a YAML front-matter block."""

    file_extensions: ClassVar[list[str]] = ["md"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        config = dict(self.settings["MARKDOWN"])
        config["extensions"] = [
            e for e in config.get("extensions", []) if e != "markdown.extensions.meta"
        ] + [PlainRunsExtension()]  # the same HTML, sooner (plain_runs.py)
        self._markdown_config = config
        self._converter: Markdown | None = None  # made on the first read
        self._content_root = Path(self.settings["PATH"])
        self._max_post_bytes = limit(self.settings, "CONTENT_MODEL_MAX_POST_BYTES")
        self._max_front_bytes = limit(
            self.settings, "CONTENT_MODEL_MAX_FRONT_MATTER_BYTES"
        )
        self._max_depth = limit(self.settings, "CONTENT_MODEL_MAX_YAML_DEPTH")
        self._max_seconds = limit(self.settings, "CONTENT_MODEL_MAX_RENDER_SECONDS")

    def _markdown(self) -> Markdown:
        """Return this reader's Markdown instance, made when it first reads.

        Pelican makes a reader per extension and generator in every build (52
        in a ``make devserver`` rebuild), most of which read nothing: the
        posts come from fast_build's memory.
        """
        if self._converter is None:
            self._converter = Markdown(**self._markdown_config)
            converter_counts["made"] += 1
        return self._converter

    def label(self, path: Path) -> str:
        """Return ``path`` as problems show it: relative to the content folder."""
        return content_label(path, self._content_root)

    def is_page(self, shown: str) -> bool:
        """Tell whether a file (by its label) lies under the page paths."""
        return any(
            shown.startswith(folder.rstrip("/") + "/")
            for folder in self.settings.get("PAGE_PATHS", [])
            if folder
        )

    def read(self, source_path: str) -> tuple[str, dict]:
        """Return the HTML body and the metadata of the post at ``source_path``."""
        path = Path(source_path)
        shown = self.label(path)
        page = self.is_page(shown)
        try:
            front = self._split(path, shown)
        except ContentError as error:
            content_state().problems.extend(error.problems)
            raise
        post, problems = check_post(front, shown, self.settings, page=page)
        if post["lang"] == "en" and not page and "slug" not in front.data:
            post["slug"] = self._original_slug(path) or post["slug"]
        converter = self._markdown()
        converter.reset()
        refused: Message | None = None
        try:
            with time_limit(self._max_seconds):
                rendered = converter.convert(front.body)
        except TimeLimitExceeded:
            self._converter = None  # left half-way: the next read makes another
            refused = Message(
                "the text took more than %(seconds)s s to turn into a page "
                "(CONTENT_MODEL_MAX_RENDER_SECONDS): look for long runs of '[', "
                "'![' or '<' pasted by mistake",
                seconds=self._max_seconds,
            )
        except RecursionError:  # Markdown recurses once per nesting level
            refused = Message(
                "lists, quotes or HTML blocks are nested too deeply to be read: a "
                "post needs a few levels at most"
            )
        if refused:
            rendered = ""
            problems.append(Problem(shown, front.body_line, "body", refused))
        content, unsafe = sanitize(
            rendered, front.body, front.body_line, content_state().policy
        )
        problems += [Problem(shown, line, "body", text) for line, text in unsafe]
        char = forbidden_character(content)
        if char is not None and not front.problems:  # a path the source checks miss
            problems.append(
                Problem(
                    shown,
                    front.body_line,
                    "body",
                    Message(
                        "the text becomes the character %(character)s in the page, "
                        "which no page or feed can carry",
                        character=describe_character(char),
                    ),
                )
            )
        errors = [p for p in problems if p.level == ERROR]
        if errors:
            if not page:
                problems += self._refuse(post, front, shown, content, path)
            content_state().problems.extend(problems)
            raise ContentError(errors)
        metadata = self._metadata(post, front, shown, page, content)
        if problems:  # warnings only: the model adds them to the build's state
            metadata["content_warnings"] = problems
        return content, metadata

    def _original_slug(self, path: Path) -> str | None:
        """Return the ``slug:`` of the original beside a translation, if it has one.

        ``x.en.md`` without a slug pairs with ``x.md`` even when ``x.md`` writes
        its own slug; a broken original reports its own problems.
        """
        name = path.name
        if not name.endswith(".en.md"):
            return None
        original = path.with_name(name.removesuffix(".en.md") + ".md")
        try:
            front = self._split(original, self.label(original))
        except (OSError, ContentError):
            return None
        slug = front.data.get("slug")
        return slug if isinstance(slug, str) and slug == slugify(slug) else None

    def _split(self, path: Path, shown: str) -> FrontMatter:
        """Read, decode and split one file; raise ContentError if it is refused.

        A file over CONTENT_MODEL_MAX_POST_BYTES is refused before it is read.
        """
        size = path.stat().st_size
        if size > self._max_post_bytes:
            raise ContentError(
                [
                    Problem(
                        shown,
                        1,
                        "file",
                        Message(
                            "%(limit)s: split it into several posts",
                            limit=over_limit(
                                Message("post"),
                                size,
                                self._max_post_bytes,
                                "CONTENT_MODEL_MAX_POST_BYTES",
                            ),
                        ),
                    )
                ]
            )
        return split(
            decode(path.read_bytes(), shown),
            shown,
            self._max_front_bytes,
            self._max_depth,
        )

    def _refuse(
        self, post: dict, front: FrontMatter, shown: str, content: str, path: Path
    ) -> list[Problem]:
        """Keep what the model needs of a refused post; return its other problems.

        The registry and photo problems of a refused original are reported
        with its own, so that one run lists everything.
        """
        zone = ZoneInfo(self.settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
        refused = RefusedPost(
            metadata={
                "frontmatter": front.data,
                "frontmatter_lines": front.lines,
                "source_label": shown,
                "body_line": front.body_line,
            },
            source_path=shown,
            slug=post["slug"],
            lang=post["lang"],
            status=post["status"],
            date=post.get("date"),
            body_html=content,
            file_path=str(path),
        )
        content_state().refused.append(refused)
        if post["lang"] != "vi":
            return []  # a translation's facts come from its original
        stub = SimpleNamespace(
            metadata=refused.metadata,
            source_path=shown,
            date=post.get("date") or datetime.now(zone),
        )
        refused.facts, problems = resolve_original(
            stub, content_state().registry, self._content_root, str(zone)
        )
        return problems

    def _metadata(
        self, post: dict, front: FrontMatter, shown: str, page: bool, content: str
    ) -> dict:
        """Return Pelican metadata for a valid post."""
        data, lines = share_repeated_keys(front.data, front.lines)
        metadata = {
            "title": post["title"],
            "slug": post["slug"],
            "lang": post["lang"],
            "status": post["status"],
            "frontmatter": data,
            "frontmatter_lines": lines,
            "source_label": shown,
            "body_line": front.body_line,
        }
        if post.get("date") is not None:
            metadata["date"] = SafeDatetime.fromtimestamp(
                post["date"].timestamp(), tz=post["date"].tzinfo
            )
        elif not page:  # a translation: the model copies its original's date
            zone = ZoneInfo(self.settings.get("TIMEZONE") or "Asia/Ho_Chi_Minh")
            metadata["date"] = SafeDatetime(1970, 1, 1, tzinfo=zone)
        if post.get("summary"):
            metadata["summary"] = html.escape(post["summary"])
        else:  # text only, never Pelican's cut of the HTML (photos, players)
            metadata["summary"] = text_summary(content, self.settings)
        if post.get("tags"):
            metadata["tags"] = self.process_metadata("tags", post["tags"])
        if post.get("signature"):
            metadata["signature"] = post["signature"]
        if post.get("featured"):
            metadata["featured"] = True
        return metadata
