"""Serve the theme's CSS as one fingerprinted file, rebuilt on every build."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from content_model.addresses import Reservation, reserved_addresses
from newsroom import build
from newsroom.build import BuildState, current

from .css import CssBundle, bundle_css
from .settings import SETTINGS

logger = logging.getLogger(__name__)


def setting(settings: dict, name: str):
    """Return a THEME_ASSETS_* setting, checked; raise SettingsError if bad."""
    return SETTINGS.value(settings, name)


class AssetsState:
    """The plugin's section of the build state: the build's CSS bundle."""

    def __init__(self, build: BuildState) -> None:
        settings = build.settings
        SETTINGS.check(settings)
        css_dir = Path(settings["THEME"]) / setting(settings, "THEME_ASSETS_CSS_DIR")
        self.bundle: CssBundle = bundle_css(css_dir)
        logger.debug(
            "CSS bundle %s from %d files",
            self.bundle.filename,
            len(self.bundle.sources),
        )


def prepare(generator) -> None:
    """Bundle the CSS once per build and give the templates its URL."""
    settings = generator.settings
    bundle = current().section(AssetsState).bundle
    url = f"{setting(settings, 'THEME_ASSETS_OUTPUT_DIR')}/{bundle.filename}"
    generator.env.globals["SITE_CSS_URL"] = url
    # A setting too, so caches keyed on the settings see a new stylesheet.
    settings["THEME_ASSETS_CSS_URL"] = url


def write_bundle(pelican) -> None:
    """Write the build's bundle into the output folder (``finalized``).

    Earlier bundles are left in place: a page kept from an earlier build of
    ``make devserver`` may still link to one.
    """
    state = current()
    if not state.has(AssetsState):
        return  # no generator ran
    bundle = state.section(AssetsState).bundle
    folder = Path(pelican.output_path) / setting(
        pelican.settings, "THEME_ASSETS_OUTPUT_DIR"
    )
    folder.mkdir(parents=True, exist_ok=True)
    (folder / bundle.filename).write_text(bundle.text, encoding="utf-8")


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the folder the stylesheet is written to."""
    folder = setting(settings, "THEME_ASSETS_OUTPUT_DIR").strip("/")
    return [Reservation(f"{folder}/", "the stylesheet")]


def register() -> None:
    """Connect the asset bundler to Pelican's signals."""
    build.connect()
    signals.generator_init.connect(prepare)
    signals.finalized.connect(write_bundle)
    reserved_addresses.connect(reserve_addresses)
