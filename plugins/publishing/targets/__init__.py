"""Deploy targets (rsync over SSH, SFTP, FTP/FTPS, S3, GitHub Pages, a folder)."""

from __future__ import annotations

import os
from typing import Any

from ..engine import DeployError, Target

KEYRING_SERVICE = "tintuc-doan-deploy"


def secret(settings: dict[str, Any], variable: str = "DEPLOY_PASSWORD") -> str | None:
    """Return the password from the environment, else from the OS keyring, else None.

    Never from a file in the repository: ``site.yml`` refuses a password key.
    The keyring entry is service ``tintuc-doan-deploy``, user ``user@host``
    (``keyring set tintuc-doan-deploy user@host``).
    """
    value = os.environ.get(variable)
    if value:
        return value
    where = settings.get("host") or settings.get("bucket") or ""
    account = f"{settings.get('user', '')}@{where}"
    try:
        import keyring
        from keyring.errors import KeyringError

        try:
            return keyring.get_password(KEYRING_SERVICE, account)
        except KeyringError:
            return None
    except ImportError:  # pragma: no cover - keyring is pinned in requirements
        return None


def require(settings: dict[str, Any], *keys: str) -> None:
    """Refuse a target whose settings miss a key, naming it and where to set it."""
    missing = [key for key in keys if not settings.get(key)]
    if missing:
        names = ", ".join(f"deploy.{key} (DEPLOY_{key.upper()})" for key in missing)
        raise DeployError(
            f"thiếu cài đặt {names} trong content/data/site.yml — "
            f"missing setting(s) for target {settings.get('target')}: {names}"
        )


def make_target(settings: dict[str, Any], site_url: str = "") -> Target:
    """Return the target named by ``settings['target']``, connected."""
    kind = settings.get("target")
    if kind == "rsync":
        from .ssh import RsyncTarget

        return RsyncTarget(settings)
    if kind == "sftp":
        from .ssh import SftpTarget

        return SftpTarget(settings)
    if kind in ("ftp", "ftps"):
        from .ftp import FtpTarget

        return FtpTarget(settings, tls=kind == "ftps")
    if kind == "s3":
        from .s3 import S3Target

        return S3Target(settings)
    if kind == "folder":
        from .folder import FolderTarget

        return FolderTarget(settings)
    if kind == "github-pages":
        from .git import GitPagesTarget

        return GitPagesTarget(settings, site_url)
    raise DeployError(
        "chưa chọn nơi xuất bản: đặt deploy.target trong content/data/site.yml "
        "(hoặc biến DEPLOY_TARGET) — no target: set deploy.target to one of "
        "rsync, sftp, ftp, ftps, s3, github-pages, folder"
    )
