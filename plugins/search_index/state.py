"""What the plugin knows during one build; reset when a build starts and ends."""

from __future__ import annotations

from dataclasses import dataclass, field

from .documents import SearchDocument


@dataclass
class State:
    """The search documents of the build in progress, and the unit registry."""

    documents: list[SearchDocument] = field(default_factory=list)
    registry: object | None = None

    def reset(self) -> None:
        """Forget the previous build."""
        self.documents = []
        self.registry = None


state = State()
