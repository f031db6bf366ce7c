"""Check many photos before a build writes anything; cached photos are known good."""

from __future__ import annotations

import os
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .cache import PhotoCache, SourceDigests, cache_key
from .errors import PhotoError
from .reading import PILLOW_ERRORS, check_photo, read_error
from .settings import PhotoSettings


@dataclass
class CheckReport:
    """What check_photos found: errors by (file, name), and how much work it did."""

    errors: dict[tuple[Path, str], PhotoError] = field(default_factory=dict)
    known_good: int = 0
    checked: int = 0


def _check_one(source: Path, label: str, max_pixels: int) -> PhotoError | None:
    """Check one photo; return its error instead of raising it."""
    try:
        check_photo(source, name=label, max_pixels=max_pixels)
    except PhotoError as exc:
        return exc
    except (*PILLOW_ERRORS, MemoryError, RuntimeError) as exc:
        # RuntimeError: Pillow refusing a call order; still the author's answer.
        return read_error(label, exc)
    return None


def check_photos(
    photos: Iterable[tuple[Path, str]],
    settings: PhotoSettings,
    *,
    digests: SourceDigests | None = None,
    max_workers: int | None = None,
) -> CheckReport:
    """Check each (file, name) pair that is not already processed in the cache.

    A photo whose processed versions are in the cache (same bytes, same
    settings) was decoded in full when it was processed: it is known good and
    is not decoded again. The others are decoded at reduced size, on every
    core (Pillow decodes without holding the interpreter lock).
    """
    cache = PhotoCache(settings.cache_path)
    digests = digests or SourceDigests(settings.cache_path)
    report = CheckReport()
    todo: list[tuple[Path, str]] = []
    for source, label in dict.fromkeys(photos):
        try:
            key = cache_key(digests.digest(source), settings)
        except OSError as exc:
            report.errors[source, label] = read_error(label, exc)
            continue
        if cache.load(key) is None:
            todo.append((source, label))
        else:
            report.known_good += 1
    workers = min(max_workers or os.cpu_count() or 1, len(todo))
    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            outcomes = list(
                pool.map(lambda item: _check_one(*item, settings.max_pixels), todo)
            )
    else:
        outcomes = [_check_one(*item, settings.max_pixels) for item in todo]
    for item, error in zip(todo, outcomes, strict=True):
        if error is not None:
            report.errors[item] = error
    report.checked = len(todo)
    return report
