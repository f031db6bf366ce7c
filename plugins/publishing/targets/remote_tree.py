"""What the FTP and SFTP targets share: paths under a remote root, folders made once."""

from __future__ import annotations

import posixpath

from ..engine import Target


class RemoteTree(Target):
    """A target that writes files under ``root`` on a server, making folders as needed.

    Subclasses set ``root`` and implement ``_make_folder`` (one folder whose
    parent exists; an existing one is fine).
    """

    root = "/"

    def __init__(self) -> None:
        self.folders: set[str] = set()

    def _path(self, name: str) -> str:
        """Return the remote path of the site file ``name``."""
        return posixpath.join(self.root, name)

    def _temporary(self, final: str) -> str:
        """Return where a file is uploaded before it is renamed into place."""
        return posixpath.join(
            posixpath.dirname(final), f".{posixpath.basename(final)}.part"
        )

    def _folder(self, folder: str) -> None:
        """Make ``folder`` and its parents, asking the server once per folder."""
        if folder in self.folders or folder in ("", "/"):
            return
        self._folder(posixpath.dirname(folder))
        self._make_folder(folder)
        self.folders.add(folder)

    def _make_folder(self, folder: str) -> None:
        raise NotImplementedError
