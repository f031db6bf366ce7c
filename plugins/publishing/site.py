"""The site's settings in one file a writer can edit: ``content/data/site.yml``.

``pelicanconf.py`` reads it (names, owner unit, contact, social links, the
admin flag); ``publishconf.py`` takes the public URL from it; ``make deploy``
takes its target from ``deploy:``. Environment variables override the file
(CI sets ``SITEURL``, ``DEPLOY_TARGET``, …), and passwords never live here.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from content_model.frontmatter import load_yaml
from content_model.problems import ContentError, Problem, field_label, line_of
from newsroom.messages import Message

# The URL a fresh clone ships with; ``make publish`` refuses it.
PLACEHOLDER_URL = "https://tintuc.doanthanhnien.example"
SETTINGS_FILE = "data/site.yml"  # relative to the content folder

DEFAULT_NAME = {
    "vi": "Tin tức Đoàn TNCS Hồ Chí Minh",
    "en": "Ho Chi Minh Communist Youth Union News",
}
DEFAULT_SUBTITLE = {
    "vi": "Tin hoạt động của các cơ sở Đoàn",
    "en": "News from Youth Union units",
}
TARGETS = ("rsync", "sftp", "ftp", "ftps", "s3", "github-pages", "folder")
DEPLOY_KEYS = {
    "target": str,
    "host": str,
    "port": int,
    "user": str,
    "path": str,
    "bucket": str,
    "prefix": str,
    "endpoint": str,
    "region": str,
    "repository": str,
    "branch": str,
    "key_file": str,
    "known_hosts": str,
    "ca_file": str,
}
# Environment variables that override a key of the file (CI, a one-off deploy).
ENVIRONMENT = {
    "SITEURL": ("url",),
    "SITE_ADMIN": ("admin",),
    **{f"DEPLOY_{key.upper()}": ("deploy", key) for key in DEPLOY_KEYS},
}
TOP_KEYS = ("url", "name", "subtitle", "owner", "contact", "social", "admin", "deploy")
LANGS = ("vi", "en")
CONTACT_KEYS = ("email", "phone", "address")


@dataclass
class SiteSettings:
    """What ``site.yml`` (and the environment) says about the site."""

    url: str = PLACEHOLDER_URL
    name: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_NAME))
    subtitle: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_SUBTITLE))
    owner: str = ""
    contact: dict[str, str] = field(default_factory=dict)
    social: dict[str, str] = field(default_factory=dict)
    admin: bool = False
    deploy: dict[str, Any] = field(default_factory=dict)
    path: str = SETTINGS_FILE
    url_line: int = 0  # where ``url:`` is written (0: not in the file)
    owner_line: int = 0

    @property
    def is_placeholder(self) -> bool:
        """Tell whether the URL is still the one a fresh clone ships with."""
        return not self.url or self.url.rstrip("/") == PLACEHOLDER_URL

    def pelican_settings(self) -> dict[str, Any]:
        """Return the Pelican settings this file decides (UPPER_SNAKE)."""
        return {
            "SITENAME": self.name["vi"],
            "SITENAME_EN": self.name["en"],
            "SITESUBTITLE": self.subtitle["vi"],
            "SITESUBTITLE_EN": self.subtitle["en"],
            "SITE_OWNER_UNIT": self.owner,
            "SITE_CONTACT": dict(self.contact),
            "SOCIAL": tuple(self.social.items()),
            "SITE_ADMIN": self.admin,
            "SITE_PUBLIC_URL": self.url.rstrip("/"),
        }


def settings_path(content: Path) -> Path:
    """Return where the settings file of the site in ``content`` lives."""
    return Path(content) / SETTINGS_FILE


def load_site(
    path: Path, environ: dict[str, str] | None = None, shown: str | None = None
) -> SiteSettings:
    """Read ``path`` (defaults when it is missing), then apply the environment.

    Raise ContentError with every problem of the file at its line.
    """
    environ = os.environ if environ is None else environ
    shown = shown or str(path)
    data: dict = {}
    lines: dict = {}
    if path.is_file():
        text = path.read_text(encoding="utf-8-sig")
        loaded, lines, duplicates = load_yaml(text, shown)
        if duplicates:
            raise ContentError(
                [
                    Problem(
                        shown,
                        line_of(lines, key),
                        field_label(key),
                        Message("repeated key"),
                    )
                    for key in duplicates
                ]
            )
        if loaded is not None and not isinstance(loaded, dict):
            raise ContentError(
                [Problem(shown, 1, "", Message("expected keys such as url: …"))]
            )
        data = loaded or {}
    for variable, key_path in ENVIRONMENT.items():
        value = environ.get(variable)
        if value:
            target = data
            for key in key_path[:-1]:
                target = target.setdefault(key, {})
                if not isinstance(target, dict):
                    break
            else:
                target[key_path[-1]] = value
    site, problems = _parse(data, lines, shown)
    if problems:
        raise ContentError(problems)
    site.path = shown
    site.url_line = lines.get(("url",), 0)
    site.owner_line = lines.get(("owner",), 0)
    return site


def _parse(data: dict, lines: dict, shown: str) -> tuple[SiteSettings, list[Problem]]:
    problems: list[Problem] = []
    site = SiteSettings()

    def problem(key_path: tuple, message: Message) -> None:
        problems.append(
            Problem(shown, line_of(lines, key_path), field_label(key_path), message)
        )

    def text(key_path: tuple, value: Any) -> str | None:
        if isinstance(value, bool) or not isinstance(value, str | int):
            problem(key_path, Message("expected text"))
            return None
        value = str(value).strip()
        if any(ord(c) < 32 or c in "<>" for c in value):
            problem(
                key_path, Message("plain text only (no HTML, no control characters)")
            )
            return None
        return value

    def web_address(key_path: tuple, value: Any) -> str | None:
        value = text(key_path, value)
        if value is None:
            return None
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            problem(
                key_path,
                Message(
                    '"%(value)s" is not a web address; write it as https://…',
                    value=value,
                ),
            )
            return None
        return value

    for key in data:
        if key not in TOP_KEYS:
            problem(
                (key,),
                Message("unknown key; known keys: %(keys)s", keys=", ".join(TOP_KEYS)),
            )
    if "url" in data:
        url = web_address(("url",), data["url"])
        if url is not None:
            parts = urlsplit(url)
            if parts.query or parts.fragment:
                problem(
                    ("url",), Message("the site address has no ?query or #fragment")
                )
            else:
                site.url = url.rstrip("/")
    for key in ("name", "subtitle"):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            problem((key,), Message("expected vi: … and en: …"))
            continue
        for lang, item in value.items():
            if lang not in LANGS:
                problem((key, lang), Message("unknown language; write vi: and en:"))
            elif (checked := text((key, lang), item)) is not None:
                getattr(site, key)[lang] = checked
    if "owner" in data and (owner := text(("owner",), data["owner"])) is not None:
        site.owner = owner
    for key, allowed, check in (
        ("contact", CONTACT_KEYS, text),
        ("social", None, web_address),
    ):
        value = data.get(key)
        if value is None:
            continue
        if not isinstance(value, dict):
            problem((key,), Message("expected name: value pairs"))
            continue
        for name, item in value.items():
            if allowed and name not in allowed:
                problem(
                    (key, name),
                    Message(
                        "unknown key; known keys: %(keys)s", keys=", ".join(allowed)
                    ),
                )
            elif (checked := check((key, name), item)) is not None:
                getattr(site, key)[str(name)] = checked
    if "admin" in data:
        admin = data["admin"]
        if isinstance(admin, str) and admin.lower() in (
            "true",
            "1",
            "yes",
            "false",
            "0",
            "no",
        ):
            admin = admin.lower() in ("true", "1", "yes")
        if not isinstance(admin, bool):
            problem(("admin",), Message("expected true or false"))
        else:
            site.admin = admin
    deploy = data.get("deploy")
    if deploy is not None:
        if not isinstance(deploy, dict):
            problem(("deploy",), Message("expected target: … and its keys"))
        else:
            site.deploy = _parse_deploy(deploy, problem)
    return site, problems


def _parse_deploy(deploy: dict, problem) -> dict[str, Any]:
    parsed: dict[str, Any] = {}
    for key, value in deploy.items():
        kind = DEPLOY_KEYS.get(key)
        if kind is None:
            if "pass" in str(key).lower() or "secret" in str(key).lower():
                problem(
                    ("deploy", key),
                    Message(
                        "never write a password in the repository; set "
                        "DEPLOY_PASSWORD in the environment or store it in the OS "
                        "keyring"
                    ),
                )
            else:
                problem(
                    ("deploy", key),
                    Message(
                        "unknown key; known keys: %(keys)s",
                        keys=", ".join(DEPLOY_KEYS),
                    ),
                )
            continue
        if kind is int:
            try:
                value = int(value)
            except (TypeError, ValueError):
                problem(("deploy", key), Message("expected a whole number"))
                continue
            if not 0 < value < 65536:
                problem(("deploy", key), Message("expected a port between 1 and 65535"))
                continue
        elif isinstance(value, bool) or not isinstance(value, str | int):
            problem(("deploy", key), Message("expected text"))
            continue
        parsed[key] = value if kind is int else str(value)
    target = parsed.get("target")
    if target is not None and target not in TARGETS:
        problem(
            ("deploy", "target"),
            Message(
                'unknown target "%(target)s"; one of: %(targets)s',
                target=target,
                targets=", ".join(TARGETS),
            ),
        )
        del parsed["target"]
    return parsed


def load_or_exit(content: Path, environ: dict[str, str] | None = None) -> SiteSettings:
    """Read the site's settings for a settings module; on errors print them, exit 1."""
    path = settings_path(content)
    try:
        return load_site(path, environ, shown=f"{Path(content).name}/{SETTINGS_FILE}")
    except ContentError as error:
        for problem in error.problems:
            print(problem, file=sys.stderr)
        raise SystemExit(1) from None


def placeholder_problem(site: SiteSettings) -> Problem | None:
    """Return the refusal of a site still at the placeholder URL (Vietnamese first)."""
    if not site.is_placeholder:
        return None
    return Problem(
        site.path,
        site.url_line,
        "url",
        Message(
            "the site still has the placeholder address %(placeholder)s: write the "
            "site's address in %(file)s, key url (e.g. url: "
            "https://tintuc.doanphuong.vn), or set the SITEURL environment "
            "variable, then run again",
            placeholder=PLACEHOLDER_URL,
            file=site.path,
        ),
    )


def owner_problem(site: SiteSettings, data_dir: Path) -> Problem | None:
    """Return the refusal of an owner unit the registry does not know, or None."""
    if not site.owner:
        return None
    from content_model.registry import read_registry

    registry, _ = read_registry(Path(data_dir))  # its own problems: make check
    if registry.find_unit(site.owner):
        return None
    guess = registry.suggest_unit(site.owner)
    hint = (
        Message('; did you mean "%(name)s" (%(key)s)?', name=guess.name, key=guess.key)
        if guess
        else ""
    )
    return Problem(
        site.path,
        site.owner_line,
        "owner",
        Message(
            'unknown unit "%(unit)s": it is not in units.yml%(hint)s',
            unit=site.owner,
            hint=hint,
        ),
    )
