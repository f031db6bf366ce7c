"""The deploy engine every target shares: plan by content hash, upload in order.

Order keeps readers on a whole site at every moment: new and changed assets
first (photos, stylesheets, search index files), then new pages, then changed
pages (which may link to the new ones), deletions last, and the manifest of
content hashes after everything, so an interrupted deploy is simply resumed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .files import (
    LocalFile,
    base_name,
    cache_control,
    content_encoding,
    content_type,
    is_entry,
    manifest_bytes,
    read_manifest,
    scan,
)

logger = logging.getLogger(__name__)


class DeployError(RuntimeError):
    """A target refused an operation; the message carries the target's own error."""


@dataclass(frozen=True)
class Upload:
    """One file to send, with the headers a target may set."""

    path: str
    source: Path
    size: int
    content_type: str
    cache_control: str
    content_encoding: str | None


@dataclass
class Plan:
    """What a deploy will do: uploads in order, files left alone, deletions."""

    uploads: list[Upload] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    deletions: list[str] = field(default_factory=list)
    phases: list[list[Upload]] = field(default_factory=list)


@dataclass
class Summary:
    """What a deploy did."""

    uploaded: int = 0
    skipped: int = 0
    deleted: int = 0
    bytes: int = 0

    def __str__(self) -> str:
        return (
            f"{self.uploaded} uploaded ({self.bytes:,} bytes), "
            f"{self.skipped} unchanged, {self.deleted} deleted"
        )


def _phase(item: LocalFile, remote: dict[str, str]) -> int:
    if not is_entry(item.path):
        return 0  # assets first
    return 1 if base_name(item.path) not in remote else 2  # new pages, then changed


def make_plan(
    output: Path,
    local: dict[str, LocalFile],
    remote: dict[str, str],
    include: Callable[[str], bool] = lambda path: True,
) -> Plan:
    """Compare the built files with the target's manifest; return the ordered plan."""
    plan = Plan(phases=[[], [], []])
    wanted = {name: f for name, f in local.items() if include(name)}
    for name, item in wanted.items():
        if remote.get(name) == item.sha256:
            plan.skipped.append(name)
            continue
        upload = Upload(
            name,
            Path(output) / name,
            item.size,
            content_type(base_name(name)),
            cache_control(name),
            content_encoding(name),
        )
        plan.phases[_phase(item, remote)].append(upload)
    for phase in plan.phases:
        # A precompressed sibling goes just before its file (same version).
        phase.sort(key=lambda u: (base_name(u.path), u.path == base_name(u.path)))
        plan.uploads.extend(phase)
    plan.deletions = sorted(
        (name for name in remote if name not in wanted),
        key=lambda name: (not is_entry(name), name),  # pages first, then their assets
    )
    return plan


class Target:
    """A place the site is published to; subclasses implement the operations."""

    name = "target"
    skip_precompressed = False  # object stores cannot choose .br/.gz per request

    def read_manifest(self) -> bytes | None:
        """Return the manifest kept on the target, None on a first deploy."""
        raise NotImplementedError

    def upload(self, item: Upload) -> None:
        """Replace (or create) one file, atomically where the protocol allows."""
        raise NotImplementedError

    def upload_phase(self, items: list[Upload], done: Callable[[Upload], None]) -> None:
        """Upload one phase of files in order; call ``done`` after each."""
        for item in items:
            self.upload(item)
            done(item)

    def delete(self, paths: list[str]) -> None:
        """Remove files that are no longer part of the site."""
        raise NotImplementedError

    def write_manifest(self, data: bytes) -> None:
        """Store the manifest of what the target now holds."""
        raise NotImplementedError

    def finish(self) -> None:
        """Make the deploy visible, if the target works in transactions (git)."""

    def close(self) -> None:
        """Close connections."""


def deploy(
    output: Path,
    target: Target,
    on_upload: Callable[[Upload], None] | None = None,
    dry_run: bool = False,
    on_plan: Callable[[int], None] | None = None,
) -> Summary:
    """Publish ``output`` to ``target``, sending only what changed; return a summary.

    ``on_plan`` is told how many files will be uploaded once that is known, and
    ``on_upload`` is called after each file is in place (progress, tests).
    """
    output = Path(output)
    local = scan(output)
    remote = read_manifest(target.read_manifest())

    def include(name: str) -> bool:
        return not (target.skip_precompressed and base_name(name) != name)

    plan = make_plan(output, local, remote, include)
    summary = Summary(skipped=len(plan.skipped))
    if on_plan:
        on_plan(len(plan.uploads))
    if dry_run:
        summary.uploaded = len(plan.uploads)
        summary.bytes = sum(u.size for u in plan.uploads)
        summary.deleted = len(plan.deletions)
        return summary

    def done(item: Upload) -> None:
        summary.uploaded += 1
        summary.bytes += item.size
        logger.debug(
            "uploaded %s (%s, %s)", item.path, item.content_type, item.cache_control
        )
        if on_upload:
            on_upload(item)

    for phase in plan.phases:
        if phase:
            target.upload_phase(phase, done)
    if plan.deletions:
        target.delete(plan.deletions)
        summary.deleted = len(plan.deletions)
    kept = {name: f for name, f in local.items() if include(name)}
    target.write_manifest(manifest_bytes(kept))
    target.finish()
    return summary
