"""The plugin's state during one build, in one object reset when a build starts."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from .html_safety import HtmlPolicy
from .model import RefusedPost
from .problems import Problems
from .registry import Registry


@dataclass
class State:
    """Everything the content model knows during one build."""

    registry: Registry = field(default_factory=Registry)
    problems: Problems = field(default_factory=Problems)
    published: Counter = field(default_factory=Counter)
    policy: HtmlPolicy = field(default_factory=HtmlPolicy)
    refused: list[RefusedPost] = field(default_factory=list)

    def reset(self, registry: Registry, policy: HtmlPolicy) -> None:
        """Forget the previous build; start with ``registry`` and ``policy``."""
        self.registry = registry
        self.policy = policy
        self.problems.clear()
        self.published.clear()
        self.refused.clear()


state = State()
