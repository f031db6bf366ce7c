"""PHOTOS_* settings: defaults in one place, read from Pelican, bad values named."""

from __future__ import annotations

from pathlib import Path

import pytest

from photos import DEFAULTS, PhotoSettings, SettingsError


def test_defaults():
    settings = PhotoSettings()

    assert settings.widths == (480, 960, 1600) == DEFAULTS["PHOTOS_WIDTHS"]
    assert (settings.quality, settings.max_pixels) == (80, 50_000_000)
    assert settings.cache_path == Path("cache/photos")
    assert settings.output_dir == "photos"


def test_from_pelican_reads_every_setting():
    settings = PhotoSettings.from_pelican(
        {
            "PHOTOS_WIDTHS": [1600, 640, 640],
            "PHOTOS_QUALITY": 75,
            "PHOTOS_MAX_PIXELS": 24_000_000,
            "PHOTOS_CACHE_PATH": "/tmp/photo-cache",
            "PHOTOS_OUTPUT_DIR": "/media/photos/",
        }
    )

    assert settings == PhotoSettings(
        widths=(640, 1600),
        quality=75,
        max_pixels=24_000_000,
        cache_path=Path("/tmp/photo-cache"),
        output_dir="media/photos",
    )
    assert settings.output_dir_for(2020) == "media/photos/2020"


def test_cache_defaults_to_pelicans_cache_path():
    settings = PhotoSettings.from_pelican({"CACHE_PATH": "/site/cache"})

    assert settings.cache_path == Path("/site/cache/photos")


@pytest.mark.parametrize(
    ("override", "message"),
    [
        (
            {"PHOTOS_WIDTHS": "480"},
            "PHOTOS_WIDTHS = '480': expected a list of widths in pixels",
        ),
        (
            {"PHOTOS_WIDTHS": [480, 0]},
            "PHOTOS_WIDTHS = [480, 0]: expected a non-empty list of whole numbers "
            "from 1 to 10000",
        ),
        (
            {"PHOTOS_QUALITY": 0},
            "PHOTOS_QUALITY = 0: expected a whole number from 1 to 100",
        ),
        (
            {"PHOTOS_MAX_PIXELS": -1},
            "PHOTOS_MAX_PIXELS = -1: expected a whole number from 1 up (pixels)",
        ),
        (
            {"PHOTOS_OUTPUT_DIR": "../photos"},
            "PHOTOS_OUTPUT_DIR = '../photos': expected a folder inside the output, "
            "such as 'photos'",
        ),
    ],
)
def test_bad_values_name_the_setting(override, message):
    with pytest.raises(SettingsError) as caught:
        PhotoSettings.from_pelican(override)

    assert str(caught.value) == message


def test_fingerprint_follows_settings_that_change_output():
    base = PhotoSettings()

    assert base.fingerprint == PhotoSettings(max_pixels=1, output_dir="x").fingerprint
    assert base.fingerprint != PhotoSettings(quality=81).fingerprint
    assert base.fingerprint != PhotoSettings(widths=(480,)).fingerprint
