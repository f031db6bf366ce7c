"""Compose a YAML document from the parser's events, without recursion.

The loader's own composers recurse once per nesting level (the C one
overflows the C stack: a segmentation fault) and expand aliases into a graph
that ten lines can make exponential. This one is a loop over events with a
nesting cap, refuses anchors, aliases, tags and merge keys at their line, and
records the line of every key on the way.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import yaml

from newsroom.messages import Message

from .characters import CHARACTER_ADVICE, describe_character, forbidden_character
from .problems import ContentError, Problem, field_label

_STR = "tag:yaml.org,2002:str"
_MERGE = "tag:yaml.org,2002:merge"


@dataclass
class _Open:
    """A mapping or sequence being composed, with its key path."""

    node: yaml.Node
    path: tuple
    in_key: bool = False  # inside a complex key: lines are not recorded
    key: yaml.Node | None = None  # a mapping's key waiting for its value


_SCALAR = yaml.ScalarEvent
_OPENS = (yaml.SequenceStartEvent, yaml.MappingStartEvent)
_CLOSES = (yaml.SequenceEndEvent, yaml.MappingEndEvent)


class Composer:
    """Compose one YAML document from the parser's events, without recursion.

    PyYAML's composers recurse once per nesting level (the C one overflows
    the C stack: a segmentation fault), and resolve aliases into a graph that
    ten lines can make exponential. Staff never write anchors, aliases, tags
    or merge keys, so each is a problem at its line; nesting deeper than
    ``max_depth`` stops the parse at once. The line of every mapping key and
    sequence item is recorded on the way, and keys given twice.
    """

    def __init__(self, loader: Any, path: str, max_depth: int):
        self.loader, self.path, self.max_depth = loader, path, max_depth
        self.lines: dict[tuple, int] = {(): 1}
        self.duplicates: list[tuple[tuple, int]] = []
        self.problems: list[Problem] = []

    def compose(self) -> yaml.Node | None:
        """Return the document's root node (None for an empty document)."""
        loader = self.loader
        loader.get_event()  # stream start
        if loader.check_event(yaml.StreamEndEvent):
            loader.get_event()
            return None
        loader.get_event()  # document start
        root = self._compose_root()
        loader.get_event()  # document end
        if not loader.check_event(yaml.StreamEndEvent):
            event = loader.get_event()
            raise yaml.composer.ComposerError(
                "expected a single document in the stream",
                root.start_mark,
                "but found another document",
                event.start_mark,
            )
        loader.get_event()
        return root

    def _compose_root(self) -> yaml.Node:
        """Read events up to the end of the root node; return it.

        One loop with no call per event but the parser's and the resolver's:
        this runs for every key of every post.
        """
        get_event, resolve = self.loader.get_event, self.loader.resolve
        stack: list[_Open] = []
        while True:
            event = get_event()
            kind = type(event)
            if kind is _SCALAR:
                if event.anchor or event.tag or event.style == '"':
                    node = self._checked_scalar(event, stack)
                else:
                    node = yaml.ScalarNode(
                        resolve(yaml.ScalarNode, event.value, event.implicit),
                        event.value,
                        event.start_mark,
                        event.end_mark,
                        style=event.style,
                    )
            elif kind in _CLOSES:
                node = stack.pop().node
                node.end_mark = event.end_mark
            elif kind in _OPENS:
                path, in_key = _child_path(stack)
                if len(stack) >= self.max_depth:
                    raise self._too_deep(event, path)
                self._check_properties(event, path)
                node_class = (
                    yaml.MappingNode
                    if kind is yaml.MappingStartEvent
                    else yaml.SequenceNode
                )
                node = node_class(
                    resolve(node_class, None, event.implicit),
                    [],
                    event.start_mark,
                    None,
                    flow_style=event.flow_style,
                )
                stack.append(_Open(node, path, in_key))
                continue
            else:  # an alias
                self._refuse(
                    event.start_mark,
                    _child_path(stack)[0],
                    Message(
                        "YAML aliases (%(alias)s) are not allowed: write the value "
                        "out in full",
                        alias=f"*{event.anchor}",
                    ),
                )
                node = yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark)
            if not stack:
                return node
            self._attach(stack[-1], node)

    def _attach(self, parent: _Open, node: yaml.Node) -> None:
        """Add a finished ``node`` to its parent, recording its line."""
        line = node.start_mark.line + 1
        if type(parent.node) is yaml.SequenceNode:
            if not parent.in_key:
                self.lines[(*parent.path, len(parent.node.value))] = line
            parent.node.value.append(node)
        elif parent.key is None:
            parent.key = node
            if node.tag == _MERGE:
                self._refuse(
                    node.start_mark,
                    parent.path,
                    Message("merge keys ('<<') are not allowed: write each key out"),
                )
            if parent.in_key:
                return
            # Keys are recorded as text (position ``1:`` is "1"), so that an
            # int in a key path always means a list index.
            key = node.value if type(node) is yaml.ScalarNode else None
            child = (*parent.path, key)
            if child in self.lines:
                self.duplicates.append((child, line))
            else:
                self.lines[child] = line
        else:
            parent.node.value.append((parent.key, node))
            parent.key = None

    def _checked_scalar(self, event: yaml.ScalarEvent, stack: list) -> yaml.Node:
        """Return the node of a scalar with properties or escapes, or refuse it.

        Only a double-quoted scalar can hold escapes (``"\\0"``, ``"\\e"``):
        forbidden characters written as themselves are refused before YAML.
        """
        path = _child_path(stack)[0]
        self._check_properties(event, path)
        char = forbidden_character(event.value)
        if char is not None:
            self._refuse(
                event.start_mark,
                path,
                Message(
                    "the text holds the character %(character)s, as itself or as an "
                    "escape such as \\0: %(advice)s",
                    character=describe_character(char),
                    advice=CHARACTER_ADVICE,
                ),
            )
        if event.tag:
            return yaml.ScalarNode(_STR, "", event.start_mark, event.end_mark)
        return yaml.ScalarNode(
            self.loader.resolve(yaml.ScalarNode, event.value, event.implicit),
            event.value,
            event.start_mark,
            event.end_mark,
            style=event.style,
        )

    def _check_properties(self, event: yaml.NodeEvent, path: tuple) -> None:
        """Refuse an anchor (``&a``) or a tag (``!!binary``, ``!x``) on a node."""
        mark = event.start_mark
        if event.anchor is not None:
            self._refuse(
                mark,
                path,
                Message(
                    "YAML anchors (%(anchor)s) are not allowed: remove '%(anchor)s'",
                    anchor=f"&{event.anchor}",
                ),
            )
        if event.tag is not None:
            written = event.tag.replace("tag:yaml.org,2002:", "!!", 1)
            self._refuse(
                mark,
                path,
                Message(
                    "YAML tags (%(tag)s) are not allowed: remove the tag, and put the "
                    "value in double quotes if it must stay text",
                    tag=written,
                ),
            )

    def _refuse(self, mark: Any, key_path: tuple, message: Message) -> None:
        """Record a problem at ``mark`` for the key at ``key_path``."""
        label = field_label(tuple(k for k in key_path if k is not None)) or "yaml"
        self.problems.append(Problem(self.path, mark.line + 1, label, message))

    def _too_deep(self, event: yaml.Event, key_path: tuple) -> ContentError:
        """Return the error for a block or list nested beyond ``max_depth``."""
        self._refuse(
            event.start_mark,
            _without_positions(key_path),  # "event[1][1]…" repeats the nesting
            Message(
                "lists and blocks are nested more than %(depth)s levels deep here: a "
                "front matter or registry needs a few levels at most; close the "
                "brackets or reduce the indentation",
                depth=self.max_depth,
            ),
        )
        return ContentError(self.problems)


def _child_path(stack: list[_Open]) -> tuple[tuple, bool]:
    """Return the key path of the next node, and whether it is within a key."""
    if not stack:
        return (), False
    parent = stack[-1]
    if type(parent.node) is yaml.SequenceNode:
        return (*parent.path, len(parent.node.value)), parent.in_key
    if parent.key is None:
        return (*parent.path, None), True  # the node is a key
    key = parent.key.value if type(parent.key) is yaml.ScalarNode else None
    return (*parent.path, key), parent.in_key


def _without_positions(key_path: tuple) -> tuple:
    """Return ``key_path`` up to its last key name: ``("event", 0, 0)`` → event."""
    end = len(key_path)
    while end and not isinstance(key_path[end - 1], str):
        end -= 1
    return key_path[:end]
