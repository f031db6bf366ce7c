"""Batches: content-addressed names, the cache, parallel work, Pelican wiring."""

from __future__ import annotations

import os
import re
from pathlib import Path
from types import SimpleNamespace

import pytest
from pelican.settings import read_settings
from PIL import Image

import photos
from newsroom import build
from photos import PhotoJob, PhotoSettings, process_photos
from photos import batch as batch_module
from photos.cache import link_or_copy
from photos.state import finish, photo_state
from tests.sitebuild import CONTENT, ROOT

OLD = 978_307_200  # 2001-01-01, a time no fresh encode could have


def write_photo(path: Path, colour: str, size: tuple[int, int] = (1200, 900)) -> Path:
    """Write a plain JPEG photo."""
    Image.new("RGB", size, colour).save(path, quality=90)
    return path


def output_files(root: Path) -> dict[str, Path]:
    """Return the files under root by relative POSIX path."""
    return {p.relative_to(root).as_posix(): p for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def settings(tmp_path: Path) -> PhotoSettings:
    return PhotoSettings(cache_path=tmp_path / "cache")


def test_output_names_are_content_addressed(tmp_path, settings):
    source = write_photo(tmp_path / "Ảnh Hội nghị Đoàn.JPG", "navy")
    job = PhotoJob(source, "photos/2020/", og_image=True)

    result = process_photos([job], tmp_path / "out", settings).results[job]

    tag = re.fullmatch(
        r"photos/2020/anh-hoi-nghi-doan-([0-9a-f]{8})-480\.webp",
        result.variants[0].webp,
    ).group(1)
    assert result.og_image == f"photos/2020/anh-hoi-nghi-doan-{tag}-og.jpg"
    expected = {result.og_image} | {
        url for v in result.variants for url in (v.webp, v.jpeg)
    }
    assert set(output_files(tmp_path / "out")) == expected
    assert [v.width for v in result.variants] == [480, 960, 1200]
    with Image.open(tmp_path / "out" / result.og_image) as og:
        assert og.size == (1200, 630)


def test_originals_are_never_copied(tmp_path, settings):
    source = write_photo(tmp_path / "a.jpg", "navy", (480, 360))

    process_photos([PhotoJob(source, "photos")], tmp_path / "out", settings)

    original = source.read_bytes()
    assert all(p.read_bytes() != original for p in (tmp_path / "out").rglob("*.*"))


def test_second_run_only_places_cached_files(tmp_path, settings):
    jobs = [
        PhotoJob(write_photo(tmp_path / f"{n}.jpg", colour), "photos/2020")
        for n, colour in enumerate(("red", "green", "blue"))
    ]

    first = process_photos(jobs, tmp_path / "out1", settings, max_workers=2)
    assert (first.processed, first.cached, first.errors) == (3, 0, {})
    for cached in (tmp_path / "cache").rglob("*"):
        if cached.suffix in (".jpg", ".webp"):
            os.utime(cached, (OLD, OLD))
    second = process_photos(jobs, tmp_path / "out2", settings)

    assert (second.processed, second.cached, second.errors) == (0, 3, {})
    assert all(result.from_cache for result in second.results.values())
    assert [r.variants for r in second.results.values()] == [
        r.variants for r in first.results.values()
    ]
    placed = output_files(tmp_path / "out2")
    assert len(placed) == 3 * 2 * 3
    assert {int(p.stat().st_mtime) for p in placed.values()} == {OLD}


def test_work_is_spread_over_processes(tmp_path, settings, monkeypatch):
    pools = []

    class CountingPool(batch_module.ProcessPoolExecutor):
        def __init__(self, max_workers):
            pools.append(max_workers)
            super().__init__(max_workers=max_workers)

    monkeypatch.setattr(batch_module, "ProcessPoolExecutor", CountingPool)
    jobs = [
        PhotoJob(write_photo(tmp_path / f"{colour}.jpg", colour), "p")
        for colour in ("red", "tan")
    ]

    batch = process_photos(jobs, tmp_path / "out", settings, max_workers=4)

    assert pools == [2]
    assert batch.processed == 2


def test_same_photo_twice_is_processed_once(tmp_path, settings):
    source = write_photo(tmp_path / "a.jpg", "navy", (600, 400))
    jobs = [PhotoJob(source, "photos/2019"), PhotoJob(source, "photos/2020")]

    batch = process_photos(jobs + jobs[:1], tmp_path / "out", settings)

    assert (batch.processed, batch.cached) == (1, 0)
    assert list(batch.results) == jobs


@pytest.mark.parametrize(
    "change",
    ["quality", "widths", "source"],
)
def test_changes_that_alter_output_reprocess_under_new_names(tmp_path, change):
    source = write_photo(tmp_path / "a.jpg", "navy", (600, 400))
    job = PhotoJob(source, "p")
    before = PhotoSettings(cache_path=tmp_path / "cache")
    after = before
    first = process_photos([job], tmp_path / "out", before).results[job]
    if change == "quality":
        after = PhotoSettings(cache_path=tmp_path / "cache", quality=70)
    elif change == "widths":
        after = PhotoSettings(cache_path=tmp_path / "cache", widths=(320, 640))
    else:
        write_photo(source, "maroon", (600, 400))

    batch = process_photos([job], tmp_path / "out", after)

    assert (batch.processed, batch.cached) == (1, 0)
    assert batch.results[job].largest.jpeg != first.largest.jpeg


def test_damaged_cache_entry_is_rebuilt(tmp_path, settings):
    job = PhotoJob(write_photo(tmp_path / "a.jpg", "navy", (600, 400)), "p")
    process_photos([job], tmp_path / "out", settings)
    next((tmp_path / "cache").rglob("480.webp")).unlink()

    batch = process_photos([job], tmp_path / "out2", settings)

    assert (batch.processed, batch.cached) == (1, 0)
    assert len(output_files(tmp_path / "out2")) == 4


def test_copy_is_used_when_hard_links_fail(tmp_path, monkeypatch):
    cached = tmp_path / "cached.jpg"
    cached.write_bytes(b"data")
    os.utime(cached, (OLD, OLD))

    def no_link(source, target):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "out" / "photos" / "a.jpg"

    link_or_copy(cached, target)

    assert target.read_bytes() == b"data"
    assert int(target.stat().st_mtime) == OLD
    assert not target.samefile(cached)


def test_process_photo_raises_the_error(tmp_path, settings):
    job = PhotoJob(tmp_path / "missing.jpg", "p", name="photos/missing.jpg")

    with pytest.raises(photos.PhotoError, match=r"photos/missing\.jpg: the file does"):
        photos.process_photo(job, tmp_path / "out", settings)


def test_build_state_processes_and_each_build_starts_afresh(tmp_path):
    # The whole site's settings: every plugin's part of the state starts too.
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={
            "PATH": str(CONTENT),
            "CACHE_PATH": str(tmp_path / "cache"),
            "PHOTOS_WIDTHS": [320],
        },
    )
    pelican = SimpleNamespace(settings=settings, output_path=str(tmp_path / "out"))
    job = PhotoJob(write_photo(tmp_path / "a.jpg", "navy", (600, 400)), "photos")

    build.start(pelican)
    state = photo_state()
    batch = state.process([job])
    assert state.settings.cache_path == tmp_path / "cache" / "photos"
    assert [v.width for v in batch.results[job].variants] == [320]
    assert state.processed == 1
    finish(pelican)

    build.start(pelican)  # the next build (make devserver)
    assert photo_state() is not state
    assert photo_state().processed == 0


def test_register_connects_receivers():
    from pelican import signals

    from photos import plugin

    connections = [
        (signals.get_generators, build.start_build),
        (signals.initialized, plugin.configure),
        (signals.article_generator_finalized, plugin.check_posts),
        (signals.page_generator_finalized, plugin.check_posts),
        (signals.all_generators_finalized, plugin.publish_photos),
        (signals.finalized, plugin.finish),
    ]
    photos.register()
    try:
        for signal, receiver in connections:
            assert receiver in signal.receivers_for(object())
    finally:
        for signal, receiver in connections:
            signal.disconnect(receiver)
