"""rsync over SSH (the ``rsync`` binary) and SFTP (paramiko)."""

from __future__ import annotations

import os
import posixpath
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import paramiko

from ..engine import DeployError, Target, Upload
from ..files import MANIFEST_NAME
from . import require, secret
from .remote_tree import RemoteTree


def _ssh_options(settings: dict[str, Any]) -> list[str]:
    options = ["-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=yes"]
    if settings.get("port"):
        options += ["-p", str(settings["port"])]
    if settings.get("key_file"):
        options += ["-i", str(settings["key_file"]), "-o", "IdentitiesOnly=yes"]
    if settings.get("known_hosts"):
        options += ["-o", f"UserKnownHostsFile={settings['known_hosts']}"]
    return options


class RsyncTarget(Target):
    """``rsync`` over SSH with keys (agent or ``key_file``): one run per phase."""

    name = "rsync"

    def __init__(self, settings: dict[str, Any]):
        require(settings, "host", "path")
        self.settings = settings
        user = f"{settings['user']}@" if settings.get("user") else ""
        self.login = f"{user}{settings['host']}"
        self.remote = f"{self.login}:{settings['path'].rstrip('/')}/"
        options = _ssh_options(settings)
        self._shared = None
        if os.name != "nt":  # Windows' OpenSSH cannot share a connection
            # Every phase is an rsync run: one SSH log-in for all of them, not
            # one handshake per run (each costs round trips on a far server).
            # A short path: a socket's path is limited to about 100 bytes.
            self._shared = tempfile.mkdtemp(prefix="ssh-")
            options += [
                *("-o", "ControlMaster=auto"),
                *("-o", f"ControlPath={self._shared}/c"),
                *("-o", "ControlPersist=60"),
            ]
        self.ssh = ["ssh", *options]
        self.shell = shlex.join(self.ssh)

    def _rsync(
        self, *arguments: str, ok: tuple[int, ...] = (0,)
    ) -> subprocess.CompletedProcess:
        command = ["rsync", "-e", self.shell, "--protect-args", *arguments]
        # rsync's own messages in English: we read them ("No such file").
        environment = {**os.environ, "LC_ALL": "C.UTF-8", "LANGUAGE": ""}
        result = subprocess.run(
            command, capture_output=True, text=True, check=False, env=environment
        )
        if result.returncode not in ok:
            raise DeployError(f"rsync → {self.remote}: {result.stderr.strip()}")
        return result

    def read_manifest(self) -> bytes | None:
        with tempfile.TemporaryDirectory() as folder:
            result = self._rsync(self.remote + MANIFEST_NAME, folder + "/", ok=(0, 23))
            if result.returncode == 23:
                if (
                    "No such file" in result.stderr
                    and "connection" not in result.stderr
                ):
                    return None  # a first deploy
                raise DeployError(f"rsync → {self.remote}: {result.stderr.strip()}")
            return (Path(folder) / MANIFEST_NAME).read_bytes()

    def upload_phase(self, items: list[Upload], done: Callable[[Upload], None]) -> None:
        source = str(items[0].source)[: -len(items[0].path)]
        with tempfile.NamedTemporaryFile("w", suffix=".files") as listing:
            listing.write("".join(f"{item.path}\n" for item in items))
            listing.flush()
            # --ignore-times: the plan compared contents; --delay-updates puts
            # the whole phase in place at its end.
            self._rsync(
                "-r", "--ignore-times", "--delay-updates", "--chmod=D755,F644",
                f"--files-from={listing.name}", source, self.remote,
            )  # fmt: skip
        for item in items:
            done(item)

    def delete(self, paths: list[str]) -> None:
        with (
            tempfile.TemporaryDirectory() as empty,
            tempfile.NamedTemporaryFile("w", suffix=".files") as listing,
        ):
            listing.write("".join(f"{path}\n" for path in paths))
            listing.flush()
            for folder in {posixpath.dirname(path) for path in paths} - {""}:
                # rsync deletes a listed file missing from the source only
                # when its folder exists there.
                (Path(empty) / folder).mkdir(parents=True, exist_ok=True)
            self._rsync(
                "-r", "--delete-missing-args", f"--files-from={listing.name}",
                empty + "/", self.remote,
            )  # fmt: skip

    def write_manifest(self, data: bytes) -> None:
        with tempfile.TemporaryDirectory() as folder:
            (Path(folder) / MANIFEST_NAME).write_bytes(data)
            self._rsync("--chmod=F644", str(Path(folder) / MANIFEST_NAME), self.remote)

    def close(self) -> None:
        """End the shared SSH connection, if one was opened."""
        if self._shared is None:
            return
        if os.path.exists(os.path.join(self._shared, "c")):
            subprocess.run(
                [*self.ssh, "-O", "exit", self.login],
                capture_output=True,
                check=False,
                timeout=30,
            )
        shutil.rmtree(self._shared, ignore_errors=True)
        self._shared = None


class SftpTarget(RemoteTree):
    """SFTP with paramiko: each file written beside its place, then renamed over it."""

    name = "sftp"

    def __init__(self, settings: dict[str, Any]):
        require(settings, "host", "path", "user")
        super().__init__()
        self.root = settings["path"].rstrip("/") or "/"
        self.client = paramiko.SSHClient()
        try:
            if settings.get("known_hosts"):
                self.client.load_host_keys(settings["known_hosts"])
            else:
                self.client.load_system_host_keys()
            self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
            password = secret(settings)
            self.client.connect(
                settings["host"],
                int(settings.get("port") or 22),
                username=settings["user"],
                password=password,
                key_filename=settings.get("key_file"),
                look_for_keys=not password and not settings.get("key_file"),
                timeout=30,
            )
            self.sftp = self.client.open_sftp()
        except (paramiko.SSHException, OSError) as error:
            self.client.close()
            raise DeployError(f"sftp → {settings['host']}: {error}") from error

    def _make_folder(self, folder: str) -> None:
        try:
            self.sftp.stat(folder)
        except FileNotFoundError:
            self.sftp.mkdir(folder)

    def _put(self, source: Path | bytes, name: str) -> None:
        final = self._path(name)
        temporary = self._temporary(final)
        try:
            self._folder(posixpath.dirname(final))
            if isinstance(source, bytes):
                with self.sftp.open(temporary, "wb") as stream:
                    stream.write(source)
            else:
                self.sftp.put(str(source), temporary)
            self.sftp.chmod(temporary, 0o644)
            self.sftp.posix_rename(temporary, final)
        except (OSError, paramiko.SSHException) as error:
            raise DeployError(f"sftp: {name}: {error}") from error

    def read_manifest(self) -> bytes | None:
        try:
            with self.sftp.open(self._path(MANIFEST_NAME), "rb") as stream:
                return stream.read()
        except FileNotFoundError:
            return None
        except (OSError, paramiko.SSHException) as error:
            raise DeployError(f"sftp: {MANIFEST_NAME}: {error}") from error

    def upload(self, item: Upload) -> None:
        self._put(item.source, item.path)

    def delete(self, paths: list[str]) -> None:
        folders = set()
        for name in paths:
            try:
                self.sftp.remove(self._path(name))
            except FileNotFoundError:
                pass  # already gone: the goal is reached
            except (OSError, paramiko.SSHException) as error:
                raise DeployError(f"sftp: delete {name}: {error}") from error
            folders.add(posixpath.dirname(name))
        for folder in sorted(folders, key=len, reverse=True):
            while folder:  # a page's folder left empty goes too
                try:
                    self.sftp.rmdir(self._path(folder))
                except OSError:
                    break  # not empty: still holds other files
                folder = posixpath.dirname(folder)

    def write_manifest(self, data: bytes) -> None:
        self._put(data, MANIFEST_NAME)

    def close(self) -> None:
        self.client.close()
