"""Synthesise camera-sized JPEG photos quickly and deterministically with Pillow."""

from __future__ import annotations

import os
import random
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from PIL import ExifTags, Image

CAMERAS = (("Canon", "EOS 80D"), ("Nikon", "D7500"), ("Sony", "ILCE-7M3"))


@dataclass(frozen=True)
class PhotoJob:
    """One photo to synthesise: where, how big, from which seed, taken when."""

    path: Path
    size: tuple[int, int]
    seed_key: str
    taken: datetime


def render_photo(job: PhotoJob) -> int:
    """Write one JPEG of gradients, blotches and grain; return its size in bytes."""
    rng = random.Random(job.seed_key)
    width, height = job.size
    # Work at 1/16 of the size, where everything is cheap, then scale up.
    small = (max(width // 16, 8), max(height // 16, 6))
    top = tuple(rng.randrange(256) for _ in range(3))
    bottom = tuple(rng.randrange(256) for _ in range(3))
    # Rotate a 256×256 gradient and keep its middle, which the corners never reach.
    gradient = (
        Image.linear_gradient("L")
        .rotate(rng.uniform(-40, 40), Image.Resampling.BILINEAR)
        .crop((48, 48, 208, 208))
        .resize(small, Image.Resampling.BILINEAR)
    )
    base = Image.composite(
        Image.new("RGB", small, top), Image.new("RGB", small, bottom), gradient
    )
    noise = Image.frombytes("L", small, rng.randbytes(small[0] * small[1]))
    blotches = Image.merge(
        "RGB",
        (
            noise,
            noise.transpose(Image.Transpose.FLIP_LEFT_RIGHT),
            noise.transpose(Image.Transpose.FLIP_TOP_BOTTOM),
        ),
    )
    image = Image.blend(base, blotches, 0.35).resize(job.size, Image.Resampling.BICUBIC)
    # Sensor grain at half resolution gives the JPEG a camera-like size.
    half = (max(width // 2, 1), max(height // 2, 1))
    grain = Image.frombytes("L", half, rng.randbytes(half[0] * half[1])).resize(
        job.size, Image.Resampling.BILINEAR
    )
    image = Image.blend(image, Image.merge("RGB", (grain, grain, grain)), 0.12)
    make, model = CAMERAS[rng.randrange(len(CAMERAS))]
    stamp = job.taken.strftime("%Y:%m:%d %H:%M:%S")
    exif = Image.Exif()
    exif[ExifTags.Base.Make] = make
    exif[ExifTags.Base.Model] = model
    exif[ExifTags.Base.DateTime] = stamp
    exif[ExifTags.Base.Orientation] = 1
    exif.get_ifd(ExifTags.IFD.Exif)[ExifTags.Base.DateTimeOriginal] = stamp
    job.path.parent.mkdir(parents=True, exist_ok=True)
    image.save(job.path, "JPEG", quality=88, exif=exif)
    return job.path.stat().st_size


def render_photos(jobs: list[PhotoJob], workers: int | None = None) -> int:
    """Write every photo, on all cores when there are several; return total bytes."""
    workers = workers or os.cpu_count() or 1
    if workers == 1 or len(jobs) < 4:
        return sum(render_photo(job) for job in jobs)
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return sum(pool.map(render_photo, jobs, chunksize=4))
