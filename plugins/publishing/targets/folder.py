"""A folder on this machine (a web server's root, a mounted network share)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..engine import DeployError, Target, Upload
from ..files import MANIFEST_NAME
from . import require


class FolderTarget(Target):
    """Copy each file beside its place, then rename it over the old one."""

    name = "folder"

    def __init__(self, settings: dict[str, Any]):
        require(settings, "path")
        self.root = Path(settings["path"])
        if not self.root.is_dir():
            raise DeployError(f"folder {self.root}: no such folder")

    def _put(self, data: bytes | Path, name: str) -> None:
        final = self.root / name
        temporary = final.with_name(f".{final.name}.part")
        try:
            final.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                temporary.write_bytes(data)
            else:
                shutil.copyfile(data, temporary)
            os.replace(temporary, final)
        except OSError as error:
            raise DeployError(f"folder: {name}: {error}") from error

    def read_manifest(self) -> bytes | None:
        path = self.root / MANIFEST_NAME
        return path.read_bytes() if path.is_file() else None

    def upload(self, item: Upload) -> None:
        self._put(item.source, item.path)

    def delete(self, paths: list[str]) -> None:
        for name in paths:
            try:
                (self.root / name).unlink(missing_ok=True)
            except OSError as error:
                raise DeployError(f"folder: delete {name}: {error}") from error

    def write_manifest(self, data: bytes) -> None:
        self._put(data, MANIFEST_NAME)
