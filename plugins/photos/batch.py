"""Process many photos at once: cache look-ups, every core, output placement."""

from __future__ import annotations

import logging
import os
import re
import time
import unicodedata
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from pelican.log import console

from newsroom.messages import Message
from progress import track

from .cache import CacheEntry, PhotoCache, SourceDigests, cache_key, link_or_copy
from .errors import PhotoError
from .reading import read_error
from .settings import PhotoSettings

logger = logging.getLogger(__name__)

_Outcome = CacheEntry | PhotoError
_Task = tuple[Path, str, Path, str, PhotoSettings]


@dataclass(frozen=True)
class PhotoJob:
    """One photo to publish: its file, the output folder and how to name it."""

    source: Path
    output_dir: str
    name: str = ""
    og_image: bool = False
    card: bool = False  # also publish the card crops (the post's card image)

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", Path(self.source))
        object.__setattr__(self, "output_dir", str(self.output_dir).strip("/"))

    @property
    def label(self) -> str:
        """Return how messages name the photo (``name``, else the source path)."""
        return self.name or str(self.source)


@dataclass(frozen=True)
class Variant:
    """One width of a photo; ``webp`` and ``jpeg`` are URLs relative to the site."""

    width: int
    height: int
    webp: str
    jpeg: str


@dataclass(frozen=True)
class PhotoResult:
    """A published photo: its variants (narrowest first) and sharing image."""

    source: str
    width: int
    height: int
    variants: tuple[Variant, ...]
    og_image: str | None
    from_cache: bool
    notices: tuple[Message, ...] = ()
    cards: tuple[Variant, ...] = ()  # the card crops, when the job asked for them

    @property
    def largest(self) -> Variant:
        """Return the widest variant, the one to open at full size."""
        return self.variants[-1]


@dataclass
class PhotoBatch:
    """Results and problems of one process_photos run, with counts for logs."""

    results: dict[PhotoJob, PhotoResult] = field(default_factory=dict)
    errors: dict[PhotoJob, PhotoError] = field(default_factory=dict)
    processed: int = 0
    cached: int = 0
    seconds: float = 0.0


def safe_stem(source: Path) -> str:
    """Return the file stem as lower-case ASCII for URLs (``Ảnh 1`` → ``anh-1``)."""
    text = source.stem.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9_]+", "-", text).strip("-") or "photo"


def _build_one(task: _Task) -> tuple[str, _Outcome]:
    """Build one cache entry; runs in a worker process, returns errors as values."""
    root, key, source, label, settings = task
    try:
        return key, PhotoCache(root).build(key, source, label, settings)
    except PhotoError as exc:
        return key, exc
    except OSError as exc:
        return key, PhotoError(
            label,
            Message(
                "cannot store the processed versions of %(photo)s in %(folder)s: "
                "%(error)s",
                photo=label,
                folder=str(root),
                error=str(exc),
            ),
        )


def _size(path: Path) -> int:
    """Return a file's size, 0 when it cannot be read (the build reports that)."""
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _build_all(
    cache: PhotoCache,
    todo: dict[str, PhotoJob],
    settings: PhotoSettings,
    max_workers: int | None,
) -> dict[str, _Outcome]:
    """Build the missing cache entries, in parallel when there are several."""
    tasks: list[_Task] = [
        (cache.root, key, job.source, job.label, settings) for key, job in todo.items()
    ]
    workers = min(max_workers or os.cpu_count() or 1, len(tasks))
    outcomes: dict[str, _Outcome] = {}
    # The caller prints the summary (processed, from cache, failed, time).
    with track(Message("Processing photos"), len(tasks), Message("photos")) as progress:
        if workers <= 1:
            for task in tasks:
                key, outcome = _build_one(task)
                outcomes[key] = outcome
                progress.advance()
            return outcomes
        # Biggest files first, so that no long job starts last.
        tasks.sort(key=lambda task: _size(task[2]), reverse=True)
        with ProcessPoolExecutor(max_workers=workers) as pool:
            futures = {pool.submit(_build_one, task): task for task in tasks}
            for future in as_completed(futures):
                _root, key, _source, label, _settings = futures[future]
                try:
                    outcomes[key] = future.result()[1]
                except BrokenProcessPool:
                    outcomes[key] = PhotoError(
                        label,
                        Message(
                            "cannot process image %(photo)s: its worker process died "
                            "(perhaps out of memory)",
                            photo=label,
                        ),
                    )
                progress.advance()
    return outcomes


def _publish(
    job: PhotoJob, entry: CacheEntry, from_cache: bool, output_path: Path
) -> PhotoResult:
    """Link or copy a cache entry's files into the output under content names."""
    prefix = f"{job.output_dir}/{safe_stem(job.source)}-{entry.key[:8]}"
    variants = []
    for width, height in entry.variants:
        webp, jpeg = f"{prefix}-{width}.webp", f"{prefix}-{width}.jpg"
        link_or_copy(entry.variant_file(width, "webp"), output_path / webp)
        link_or_copy(entry.variant_file(width, "jpg"), output_path / jpeg)
        variants.append(Variant(width, height, webp, jpeg))
    cards = []
    if job.card:
        for width, height in entry.cards:
            webp, jpeg = f"{prefix}-card{width}.webp", f"{prefix}-card{width}.jpg"
            link_or_copy(entry.card_file(width, "webp"), output_path / webp)
            link_or_copy(entry.card_file(width, "jpg"), output_path / jpeg)
            cards.append(Variant(width, height, webp, jpeg))
    og_image = None
    if job.og_image:
        og_image = f"{prefix}-og.jpg"
        link_or_copy(entry.sharing_file, output_path / og_image)
    return PhotoResult(
        source=job.label,
        width=entry.width,
        height=entry.height,
        variants=tuple(variants),
        og_image=og_image,
        from_cache=from_cache,
        notices=entry.notices,
        cards=tuple(cards),
    )


def process_photos(
    jobs: Iterable[PhotoJob],
    output_path: str | Path,
    settings: PhotoSettings | None = None,
    *,
    max_workers: int | None = None,
    digests: SourceDigests | None = None,
) -> PhotoBatch:
    """Publish photos into ``output_path``, processing only those not cached."""
    started = time.perf_counter()
    settings = settings or PhotoSettings()
    output_path = Path(output_path)
    cache = PhotoCache(settings.cache_path)
    if digests is None:
        digests = SourceDigests(settings.cache_path)
    batch = PhotoBatch()

    keys: dict[PhotoJob, str] = {}
    for job in dict.fromkeys(jobs):
        try:
            keys[job] = cache_key(digests.digest(job.source), settings)
        except OSError as exc:
            batch.errors[job] = read_error(job.label, exc)

    outcomes: dict[str, _Outcome] = {}
    todo: dict[str, PhotoJob] = {}
    for job, key in keys.items():
        if key in outcomes or key in todo:
            continue
        entry = cache.load(key)
        if entry is None:
            todo[key] = job
        else:
            outcomes[key] = entry
    batch.cached = len(outcomes)
    outcomes.update(_build_all(cache, todo, settings, max_workers))
    batch.processed = sum(isinstance(outcomes[key], CacheEntry) for key in todo)
    digests.save()

    for job, key in keys.items():
        outcome = outcomes[key]
        if isinstance(outcome, PhotoError):
            batch.errors[job] = outcome
            continue
        try:
            batch.results[job] = _publish(job, outcome, key not in todo, output_path)
        except OSError as exc:
            batch.errors[job] = PhotoError(
                job.label,
                Message(
                    "cannot write %(photo)s into %(folder)s: %(error)s",
                    photo=job.label,
                    folder=str(output_path),
                    error=str(exc),
                ),
            )
    for outcome in outcomes.values():
        if isinstance(outcome, CacheEntry):
            for notice in outcome.notices:
                # A notice, not a warning: the photo is published and right
                # enough, and ``make publish`` fails on any warning.
                console.print(str(notice), markup=False, highlight=False)

    batch.seconds = time.perf_counter() - started
    logger.info(
        "Photos: %d processed, %d from cache, %d failed in %.1f s",
        batch.processed,
        batch.cached,
        len(batch.errors),
        batch.seconds,
    )
    return batch


def process_photo(
    job: PhotoJob, output_path: str | Path, settings: PhotoSettings | None = None
) -> PhotoResult:
    """Publish one photo; raise PhotoError when it cannot be used."""
    batch = process_photos([job], output_path, settings)
    if job in batch.errors:
        raise batch.errors[job]
    return batch.results[job]
