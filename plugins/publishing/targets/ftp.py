"""FTP and FTPS (explicit TLS) with the standard library's ``ftplib``."""

from __future__ import annotations

import ftplib
import io
import posixpath
import ssl
from typing import Any

from ..engine import DeployError, Upload
from ..files import MANIFEST_NAME
from . import require, secret
from .remote_tree import RemoteTree

ERRORS = (ftplib.Error, OSError, EOFError)


class FtpTarget(RemoteTree):
    """FTP/FTPS: each file stored beside its place, then renamed over it."""

    def __init__(self, settings: dict[str, Any], tls: bool):
        require(settings, "host", "user")
        super().__init__()
        self.name = "ftps" if tls else "ftp"
        self.root = (settings.get("path") or "/").rstrip("/") or "/"
        host = settings["host"]
        try:
            if tls:
                context = ssl.create_default_context(cafile=settings.get("ca_file"))
                self.ftp: ftplib.FTP = ftplib.FTP_TLS(context=context, timeout=60)
            else:
                self.ftp = ftplib.FTP(timeout=60)
            self.ftp.connect(host, int(settings.get("port") or 21))
            self.ftp.login(settings["user"], secret(settings) or "")
            if tls:
                self.ftp.prot_p()  # encrypt the files too, not only the password
        except ERRORS as error:
            raise DeployError(f"{self.name} → {host}: {error}") from error

    def _make_folder(self, folder: str) -> None:
        try:
            self.ftp.mkd(folder)
        except ftplib.error_perm:
            try:  # it may exist already: check, and report the real error if not
                self.ftp.cwd(folder)
            except ftplib.error_perm as error:
                raise DeployError(f"{self.name}: mkdir {folder}: {error}") from error

    def _put(self, stream, name: str) -> None:
        final = self._path(name)
        temporary = self._temporary(final)
        try:
            self._folder(posixpath.dirname(final))
            self.ftp.storbinary(f"STOR {temporary}", stream)
            try:
                self.ftp.rename(temporary, final)
            except ftplib.error_perm:  # servers that refuse to rename over a file
                self.ftp.delete(final)
                self.ftp.rename(temporary, final)
        except ERRORS as error:
            raise DeployError(f"{self.name}: {name}: {error}") from error

    def read_manifest(self) -> bytes | None:
        buffer = io.BytesIO()
        try:
            self.ftp.retrbinary(f"RETR {self._path(MANIFEST_NAME)}", buffer.write)
        except ftplib.error_perm as error:
            if str(error).startswith("550"):
                return None  # a first deploy
            raise DeployError(f"{self.name}: {MANIFEST_NAME}: {error}") from error
        except ERRORS as error:
            raise DeployError(f"{self.name}: {MANIFEST_NAME}: {error}") from error
        return buffer.getvalue()

    def upload(self, item: Upload) -> None:
        with open(item.source, "rb") as stream:
            self._put(stream, item.path)

    def delete(self, paths: list[str]) -> None:
        for name in paths:
            try:
                self.ftp.delete(self._path(name))
            except ftplib.error_perm as error:
                if not str(error).startswith("550"):  # 550: already gone
                    raise DeployError(f"{self.name}: delete {name}: {error}") from error
            except ERRORS as error:
                raise DeployError(f"{self.name}: delete {name}: {error}") from error

    def write_manifest(self, data: bytes) -> None:
        self._put(io.BytesIO(data), MANIFEST_NAME)

    def close(self) -> None:
        try:
            self.ftp.quit()
        except ERRORS:
            self.ftp.close()
