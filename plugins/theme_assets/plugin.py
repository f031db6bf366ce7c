"""Serve the theme's CSS as one fingerprinted file, rebuilt on every build."""

from __future__ import annotations

import logging
from pathlib import Path

from pelican import signals

from content_model.addresses import Reservation, reserved_addresses

from .css import CssBundle, bundle_css
from .settings import SETTINGS

logger = logging.getLogger(__name__)


class _State:
    """The bundle of the build in progress (rebuilt for every run)."""

    bundle: CssBundle | None = None


state = _State()


def setting(settings: dict, name: str):
    """Return a THEME_ASSETS_* setting, checked; raise SettingsError if bad."""
    return SETTINGS.value(settings, name)


def prepare(generator) -> None:
    """Bundle the CSS once per build and give the templates its URL."""
    settings = generator.settings
    if state.bundle is None:
        SETTINGS.check(settings)
        css_dir = Path(settings["THEME"]) / setting(settings, "THEME_ASSETS_CSS_DIR")
        state.bundle = bundle_css(css_dir)
        logger.debug(
            "CSS bundle %s from %d files",
            state.bundle.filename,
            len(state.bundle.sources),
        )
    url = f"{setting(settings, 'THEME_ASSETS_OUTPUT_DIR')}/{state.bundle.filename}"
    generator.env.globals["SITE_CSS_URL"] = url
    # A setting too, so caches keyed on the settings see a new stylesheet.
    settings["THEME_ASSETS_CSS_URL"] = url


def write_bundle(pelican) -> None:
    """Write the bundle into the output folder, then forget it for the next build.

    Earlier bundles are left in place: a page kept from an earlier build of
    ``make devserver`` may still link to one.
    """
    bundle, state.bundle = state.bundle, None
    if bundle is None:
        return
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
    signals.generator_init.connect(prepare)
    signals.finalized.connect(write_bundle)
    reserved_addresses.connect(reserve_addresses)
