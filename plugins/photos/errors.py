"""Exceptions of the photos plugin; their messages are written for people."""

from __future__ import annotations

from newsroom.messages import Message
from newsroom.settings import SettingsError as _SettingsError


class PhotoError(ValueError):
    """A photo cannot be used; ``str(error)`` tells the author what to do."""

    def __init__(self, path: str, message: Message) -> None:
        super().__init__(message)
        self.path = path
        self.message = message

    def __str__(self) -> str:
        return str(self.message)

    def __reduce__(self) -> tuple[type[PhotoError], tuple[str, Message]]:
        # Errors travel back from worker processes; keep both arguments.
        return (type(self), (self.path, self.message))


# One error for every plugin's settings (newsroom.settings); re-exported here.
SettingsError = _SettingsError
