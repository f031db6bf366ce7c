"""Checking before a build: cached photos are known good, the rest are decoded."""

from __future__ import annotations

import pytest
from PIL import Image

from photos import (
    PhotoJob,
    PhotoSettings,
    SettingsError,
    check_photos,
    checking,
    process_photos,
)
from photos.gallery import PublishedPhoto
from photos.plugin import check_static_paths


def test_photo_in_the_cache_is_known_good_and_not_decoded(tmp_path, monkeypatch):
    settings = PhotoSettings(cache_path=tmp_path / "cache")
    good = tmp_path / "good.jpg"
    Image.new("RGB", (640, 480), "navy").save(good)
    new = tmp_path / "new.jpg"
    Image.new("RGB", (640, 480), "teal").save(new)
    process_photos([PhotoJob(good, "photos")], tmp_path / "out", settings)
    decoded = []
    monkeypatch.setattr(
        checking, "check_photo", lambda path, **kwargs: decoded.append(path)
    )

    report = check_photos([(good, "good.jpg"), (new, "new.jpg")], settings)

    assert (report.known_good, report.checked, report.errors) == (1, 1, {})
    assert decoded == [new]


def test_errors_are_returned_by_file_and_name(tmp_path):
    settings = PhotoSettings(cache_path=tmp_path / "cache")
    cut = tmp_path / "cut.jpg"
    Image.effect_noise((400, 300), 40).convert("RGB").save(cut)
    cut.write_bytes(cut.read_bytes()[:600])
    missing = tmp_path / "missing.jpg"

    report = check_photos(
        [(cut, "photos/cut.jpg"), (missing, "photos/missing.jpg")] * 2,
        settings,
        max_workers=2,
    )

    assert {key: str(error) for key, error in report.errors.items()} == {
        (cut, "photos/cut.jpg"): "cannot read image photos/cut.jpg: the file is "
        "truncated (cut off before its end)",
        (missing, "photos/missing.jpg"): "cannot read image photos/missing.jpg: "
        "the file does not exist",
    }
    assert not (tmp_path / "cache").exists()  # checking writes nothing


@pytest.mark.parametrize(
    "static", [["photos"], ["."], [""], ["extra", "photos/2020/.."]]
)
def test_static_paths_must_not_publish_the_originals(tmp_path, static):
    settings = {"PATH": str(tmp_path), "STATIC_PATHS": static}

    with pytest.raises(SettingsError, match="STATIC_PATHS must not contain"):
        check_static_paths(settings)


def test_static_paths_elsewhere_are_fine(tmp_path):
    check_static_paths({"PATH": str(tmp_path), "STATIC_PATHS": ["extra", "images"]})


@pytest.mark.parametrize(
    ("widths", "fallback"),
    [((480, 960, 1600), 960), ((480, 800, 1200), 800), ((1200, 2000), 1200)],
)
def test_img_src_is_the_widest_variant_up_to_960(tmp_path, widths, fallback):
    source = tmp_path / "a.jpg"
    Image.new("RGB", (2400, 1600), "navy").save(source)
    settings = PhotoSettings(cache_path=tmp_path / "cache", widths=widths)
    job = PhotoJob(source, "photos")
    result = process_photos([job], tmp_path / "out", settings).results[job]

    photo = PublishedPhoto(result, alt="a")

    assert photo.fallback.width == fallback
    assert photo.full.width == max(widths)
    assert (photo.loading, PublishedPhoto(result, alt="a", eager=True).loading) == (
        "lazy",
        "eager",
    )
