"""GitHub Pages: one commit on the ``gh-pages`` branch, pushed with ``git``.

A push is atomic: readers see the old site until GitHub publishes the new
commit. Only new blobs travel (git sends what the branch lacks). The commit
is built in a scratch repository from a temporary index: no checkout of the
site, nothing written in the project's own repository.
"""

from __future__ import annotations

import base64
import os
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..engine import DeployError, Target, Upload
from ..files import MANIFEST_NAME
from . import require

IDENTITY = {
    "GIT_AUTHOR_NAME": "Tin tức Đoàn (deploy)",
    "GIT_AUTHOR_EMAIL": "deploy@localhost",
    "GIT_COMMITTER_NAME": "Tin tức Đoàn (deploy)",
    "GIT_COMMITTER_EMAIL": "deploy@localhost",
}


class GitPagesTarget(Target):
    """Commit the site to ``branch`` (default ``gh-pages``) of ``repository``."""

    name = "github-pages"

    def __init__(self, settings: dict[str, Any], site_url: str = ""):
        require(settings, "repository")
        self.repository = settings["repository"]
        self.branch = settings.get("branch") or "gh-pages"
        self.site_url = site_url or os.environ.get("SITEURL", "")
        self.scratch = tempfile.TemporaryDirectory(prefix="deploy-git-")
        self.environment = {
            **os.environ,
            **{k: v for k, v in IDENTITY.items() if k not in os.environ},
            "GIT_DIR": self.scratch.name,
            "GIT_INDEX_FILE": str(Path(self.scratch.name) / "deploy-index"),
            "GIT_TERMINAL_PROMPT": "0",
            # Git's own messages in English: we read them ("couldn't find remote
            # ref"), whatever language the writer's system speaks.
            "LC_ALL": "C.UTF-8",
            "LANGUAGE": "",
        }
        token = os.environ.get("DEPLOY_PASSWORD") or os.environ.get("GITHUB_TOKEN")
        if token and self.repository.startswith("https://"):
            # The token goes in a header, from the environment: never in a URL,
            # a file or the process list.
            basic = base64.b64encode(f"x-access-token:{token}".encode()).decode()
            self.environment.update(
                GIT_CONFIG_COUNT="1",
                GIT_CONFIG_KEY_0="http.extraHeader",
                GIT_CONFIG_VALUE_0=f"Authorization: Basic {basic}",
            )
        self._git("init", "--quiet", "--bare")
        fetched = self._git(
            "fetch", "--quiet", "--depth=1", self.repository,
            f"+refs/heads/{self.branch}:refs/deploy/previous", ok=(0, 128),
        )  # fmt: skip
        self.parent: str | None = None
        if fetched.returncode == 0:
            self.parent = self._git("rev-parse", "refs/deploy/previous").stdout.strip()
            self._git("read-tree", self.parent)
        elif "couldn't find remote ref" not in fetched.stderr:
            raise DeployError(f"git fetch {self.repository}: {fetched.stderr.strip()}")
        self.changed = 0

    def _git(self, *arguments: str, ok=(0,), stdin: str | None = None):
        result = subprocess.run(
            ["git", *arguments],
            env=self.environment,
            input=stdin,
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode not in ok:
            raise DeployError(f"git {arguments[0]}: {result.stderr.strip()}")
        return result

    def _add(self, entries: list[tuple[str, str]]) -> None:
        """Add (path, blob) pairs to the index of the next commit."""
        lines = "".join(f"100644 {blob}\t{path}\n" for path, blob in entries)
        self._git("update-index", "--add", "--index-info", stdin=lines)

    def read_manifest(self) -> bytes | None:
        if self.parent is None:
            return None
        result = self._git("show", f"{self.parent}:{MANIFEST_NAME}", ok=(0, 128))
        return result.stdout.encode("utf-8") if result.returncode == 0 else None

    def upload_phase(self, items: list[Upload], done: Callable[[Upload], None]) -> None:
        paths = "".join(f"{item.source}\n" for item in items)
        blobs = self._git(
            "hash-object", "-w", "--stdin-paths", stdin=paths
        ).stdout.split()
        self._add([(item.path, blob) for item, blob in zip(items, blobs, strict=True)])
        self.changed += len(items)
        for item in items:
            done(item)

    def delete(self, paths: list[str]) -> None:
        # Mode 0 removes an entry; update-index needs no work tree this way.
        lines = "".join(f"0 {'0' * 40}\t{path}\n" for path in paths)
        self._git("update-index", "--index-info", stdin=lines)
        self.changed += len(paths)

    def write_manifest(self, data: bytes) -> None:
        extra = {
            MANIFEST_NAME: data.decode("utf-8"),
            ".nojekyll": "",
        }  # files starting with _ stay
        host = urlsplit(self.site_url).hostname or ""
        if host and not host.endswith(".github.io"):
            extra["CNAME"] = host + "\n"  # a custom domain
        entries = []
        for path, text in extra.items():
            blob = self._git("hash-object", "-w", "--stdin", stdin=text).stdout.strip()
            entries.append((path, blob))
        self._add(entries)

    def finish(self) -> None:
        tree = self._git("write-tree").stdout.strip()
        if self.parent and not self.changed:
            return  # nothing changed: no empty commit
        parents = ["-p", self.parent] if self.parent else []
        commit = self._git(
            "commit-tree", tree, *parents, "-m", "Xuất bản trang (make deploy)"
        ).stdout.strip()
        self._git(
            "push", "--quiet", self.repository, f"{commit}:refs/heads/{self.branch}"
        )

    def close(self) -> None:
        self.scratch.cleanup()
