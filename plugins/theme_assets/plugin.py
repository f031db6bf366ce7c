"""Serve the theme's CSS as one fingerprinted file and each script under a
fingerprinted name, rebuilt on every build (hosts may cache them for good)."""

from __future__ import annotations

import logging
from pathlib import Path

from jinja2 import pass_context
from pelican import signals

from content_model.addresses import Reservation, reserved_addresses
from newsroom import build
from newsroom.build import BuildState, current
from newsroom.messages import Message
from newsroom.site_root import root_of

from .css import CssBundle, bundle_css
from .scripts import Script, fingerprint_scripts
from .settings import SETTINGS

logger = logging.getLogger(__name__)


def setting(settings: dict, name: str):
    """Return a THEME_ASSETS_* setting, checked; raise SettingsError if bad."""
    return SETTINGS.value(settings, name)


class AssetsState:
    """The plugin's section of the build state: the CSS bundle and the scripts."""

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
        js_dir = Path(settings["THEME"]) / setting(settings, "THEME_ASSETS_JS_DIR")
        self.scripts: dict[str, Script] = fingerprint_scripts(js_dir)


@pass_context
def asset_url(context, url: str) -> str:
    """Return the URL a page loads a theme file or data file from (``url`` is
    site-relative): from the site's root on the host that serves the page.

    An absolute SITEURL (``make publish``) gives only its path
    (``/theme/css/site.….css``, or ``/tin/theme/…`` for a site under ``/tin``),
    so a published page keeps its styles, scripts and search on a preview or
    staging host, or served locally; links, the canonical address, sharing
    tags and feeds keep the absolute SITEURL. A relative SITEURL
    (``RELATIVE_URLS``, or none) is used as it is.
    """
    return f"{root_of(context.get('SITEURL') or '')}/{url.lstrip('/')}"


@pass_context
def site_root(context) -> str:
    """Return ``asset_url``'s base without its slash: "" at a host's root,
    "/tin" under a path, the page's relative SITEURL with RELATIVE_URLS (for
    macros that join it to a file, such as the photos' ``picture``)."""
    return root_of(context.get("SITEURL") or "")


def prepare(generator) -> None:
    """Bundle the CSS once per build and give the templates its URL."""
    settings = generator.settings
    bundle = current().section(AssetsState).bundle
    url = f"{setting(settings, 'THEME_ASSETS_OUTPUT_DIR')}/{bundle.filename}"
    generator.env.globals["SITE_CSS_URL"] = url
    scripts = current().section(AssetsState).scripts
    folder = setting(settings, "THEME_ASSETS_JS_OUTPUT_DIR")

    def script_url(name: str) -> str:
        """Return the site-relative URL of the theme script ``name``."""
        return f"{folder}/{scripts[name].filename}"

    generator.env.globals["script_url"] = script_url
    generator.env.filters["asset_url"] = asset_url
    generator.env.globals["site_root"] = site_root
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
    scripts = Path(pelican.output_path) / setting(
        pelican.settings, "THEME_ASSETS_JS_OUTPUT_DIR"
    )
    scripts.mkdir(parents=True, exist_ok=True)
    for script in state.section(AssetsState).scripts.values():
        (scripts / script.filename).write_bytes(script.text)


def reserve_addresses(settings: dict) -> list[Reservation]:
    """Return the folders the stylesheet and the scripts are written to."""
    return [
        Reservation(f"{setting(settings, name).strip('/')}/", owner)
        for name, owner in (
            ("THEME_ASSETS_OUTPUT_DIR", Message("the stylesheet")),
            ("THEME_ASSETS_JS_OUTPUT_DIR", Message("the theme's scripts")),
        )
    ]


def register() -> None:
    """Connect the asset bundler to Pelican's signals."""
    build.connect()
    signals.generator_init.connect(prepare)
    signals.finalized.connect(write_bundle)
    reserved_addresses.connect(reserve_addresses)
