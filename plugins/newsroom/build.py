"""One build's state: made when a build starts, found with ``current()``.

Every plugin keeps what it knows during a build (problems, registries,
indexes, search documents, sitemap pages, cards...) as its own section of one
``BuildState``. A new ``BuildState`` is made by ``start()`` when a build
starts (the ``get_generators`` signal, the first of every ``Pelican.run``;
``make check`` calls ``start()`` itself), so each build of ``make devserver``
starts from nothing, and a section made during one build can never leak into
the next. The previous build's state is dropped when the next one starts (its
sections with a ``close()`` method are closed then, e.g. a progress bar a
failed build left open): pages still rendering at ``finalized`` (fast_build)
keep reading theirs until then.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any, TypeVar

from . import messages

Section = TypeVar("Section")


class BuildState:
    """What every plugin knows during one build, one typed section per plugin."""

    def __init__(self, settings: Mapping[str, Any], output_path: str | Path) -> None:
        self.settings = settings
        self.output_path = Path(output_path)
        self._sections: dict[type, object] = {}

    def section(self, kind: type[Section]) -> Section:
        """Return this build's ``kind`` section, made by ``kind(self)`` on first use.

        ``kind`` is the owning plugin's class (``ContentState``, ``PhotoState``...):
        the section is typed, and only its plugin makes it.
        """
        found = self._sections.get(kind)
        if found is None:
            found = self._sections[kind] = kind(self)
        return found  # type: ignore[return-value]

    def has(self, kind: type) -> bool:
        """Tell whether the ``kind`` section was made during this build."""
        return kind in self._sections

    def close(self) -> None:
        """Close the sections that hold something open (their ``close()``)."""
        for section in self._sections.values():
            close = getattr(section, "close", None)
            if close is not None:
                close()


_current: BuildState | None = None
_starters: list[Callable[[BuildState], None]] = []


def start(pelican: Any) -> BuildState:
    """Start a build of ``pelican`` with a fresh state; return it.

    Then run every plugin's starter (see ``on_start``), in the order the
    plugins registered them: each checks its settings or loads what its
    section needs before any content is read.
    """
    global _current
    if _current is not None:
        _current.close()
    _current = BuildState(pelican.settings, pelican.output_path)
    messages.use_setting(pelican.settings)  # the language of what it prints
    for starter in _starters:
        starter(_current)
    return _current


def started() -> bool:
    """Tell whether a build has started in this process."""
    return _current is not None


def current() -> BuildState:
    """Return the state of the build in progress (or of the last one)."""
    if _current is None:
        raise RuntimeError(
            "no build has started: newsroom.build.start(pelican) makes its state"
        )
    return _current


def on_start(starter: Callable[[BuildState], None]) -> None:
    """Run ``starter(state)`` whenever a build starts (once per function)."""
    if starter not in _starters:
        _starters.append(starter)


def start_build(pelican: Any) -> None:
    """Receiver of ``get_generators``: a build starts (returns no generator)."""
    start(pelican)


def connect() -> None:
    """Start a fresh state at every build; every plugin calls this in register()."""
    from pelican import signals

    signals.get_generators.connect(start_build)


class _FileLists:
    """The content files each generator of this build lists (a state section)."""

    def __init__(self, state: BuildState) -> None:
        del state
        self.lists: dict[tuple, Any] = {}
        self.listed = 0  # walks of the content folder this build (tests)
        self.asked = 0  # lists asked for this build


def content_files(generator: Any, paths: list[str], exclude: list[str]) -> Any:
    """Return ``generator.get_files(paths, exclude=exclude)``, walked once a build.

    Several plugins need the files a generator is about to read before it
    reads them (the progress bar counts them, fast_build starts reading them
    in parallel); each walk of the content folder costs Pelican's
    ``fnmatch`` of every file against every ignore pattern. The result is
    Pelican's own set (its order is Pelican's); do not change it.
    """
    if not started():
        return generator.get_files(paths, exclude=exclude)
    lists = current().section(_FileLists)
    lists.asked += 1
    key = (id(generator), tuple(paths), tuple(exclude or ()))
    found = lists.lists.get(key)
    if found is None:
        found = lists.lists[key] = generator.get_files(paths, exclude=exclude)
        lists.listed += 1
    return found


def content_listings() -> tuple[int, int]:
    """Return how many lists this build asked for, and how many walks made them."""
    if not started():
        return 0, 0
    lists = current().section(_FileLists)
    return lists.asked, lists.listed
