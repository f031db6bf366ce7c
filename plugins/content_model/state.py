"""The content model's section of the build state (see ``newsroom.build``)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from newsroom.build import BuildState, current
from newsroom.post import start_news_build

from .html_safety import HtmlPolicy
from .model import RefusedPost
from .problems import Problems
from .registry import Registry, read_registry
from .settings import SETTINGS, html_policy, limit, setting


class ContentState:
    """Everything the content model knows during one build.

    Made when the build starts: checks the settings and loads the registries,
    whose problems are the first of the build's problems.
    """

    def __init__(self, build: BuildState) -> None:
        settings = build.settings
        SETTINGS.check(settings)  # defaults filled in, every value checked
        root = Path(settings["PATH"])
        self.problems = Problems()
        self.published: Counter = Counter()
        self.refused: list[RefusedPost] = []
        self.registry: Registry
        self.registry, problems = read_registry(
            root / setting(settings, "CONTENT_MODEL_DATA_PATH"),
            root,
            limit(settings, "CONTENT_MODEL_MAX_REGISTRY_BYTES"),
            limit(settings, "CONTENT_MODEL_MAX_YAML_DEPTH"),
        )
        self.policy: HtmlPolicy = html_policy(settings)
        self.problems.extend(problems)


def content_state() -> ContentState:
    """Return the content model's section of the build in progress."""
    return current().section(ContentState)


def begin(build: BuildState) -> None:
    """Make the section as the build starts (settings and registries first)."""
    start_news_build()
    build.section(ContentState)
