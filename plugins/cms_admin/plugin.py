"""Write the editor (``admin/``: page, setup script, config.json, Decap's scripts).

On every build with ``CMS_ADMIN_ENABLED``: the configuration is generated from
the content model (``config.py``), so the editor cannot drift from it. The
pages are written beside Pelican's, not through its writer: they are in no
sitemap, feed or search index, and the page says ``noindex``.
"""

from __future__ import annotations

import json
import logging
import shutil
from pathlib import Path

from pelican import signals

from newsroom.incremental import keep
from newsroom.messages import Message

from .config import cms_config
from .install import MAIN_SCRIPT
from .settings import SETTINGS

logger = logging.getLogger(__name__)
ASSETS = Path(__file__).resolve().parent / "admin"


def render_config(settings: dict) -> str:
    """Return ``config.json`` (Decap's configuration) for the build's settings.

    JSON, not config.yml: admin/setup.js reads it to adapt the pickers to the
    local backend before starting the CMS, with no YAML parser in the page.
    """
    site_url = settings.get("SITEURL") or ""
    config = cms_config(SETTINGS.value(settings, "CMS_ADMIN_BACKEND"), site_url)
    return json.dumps(config, ensure_ascii=False, indent=1) + "\n"


def _write(path: Path, text: str | bytes) -> None:
    """Write ``path`` unless it holds ``text`` already (then only claim it)."""
    data = text.encode("utf-8") if isinstance(text, str) else text
    if path.is_file() and path.read_bytes() == data:
        keep(path)
        return
    path.write_bytes(data)


def _copy(source: Path, target: Path) -> None:
    """Copy ``source`` unless ``target`` is the same size and age (then claim it)."""
    if target.is_file():
        mine, theirs = target.stat(), source.stat()
        if mine.st_size == theirs.st_size and mine.st_mtime == theirs.st_mtime:
            keep(target)
            return
    shutil.copy2(source, target)


def write_admin(pelican) -> None:
    """Write the editor into the output folder, when enabled."""
    settings = pelican.settings
    if not SETTINGS.value(settings, "CMS_ADMIN_ENABLED"):
        return
    folder = Path(settings["OUTPUT_PATH"]) / SETTINGS.value(settings, "CMS_ADMIN_PATH")
    folder.mkdir(parents=True, exist_ok=True)
    _write(folder / "config.json", render_config(settings))
    _keep_out_of_robots(Path(settings["OUTPUT_PATH"]), settings)
    for asset in sorted(ASSETS.iterdir()):
        _write(folder / asset.name, asset.read_bytes())
    scripts = Path(SETTINGS.value(settings, "CMS_ADMIN_SCRIPTS"))
    if not (scripts / MAIN_SCRIPT).is_file():
        logger.warning(
            Message(
                "The web editor's scripts are not installed in %(folder)s: run "
                "`make install` (it downloads Decap CMS once, checked by its hash)",
                folder=str(scripts),
            )
        )
        return
    for script in sorted(scripts.iterdir()):
        if script.name.endswith(".js") or script.name == "LICENSE":
            target = (
                "decap-cms.LICENSE.txt" if script.name == "LICENSE" else script.name
            )
            _copy(script, folder / target)


def _keep_out_of_robots(output: Path, settings: dict) -> None:
    """Add ``Disallow: /admin/`` to the robots.txt the bilingual plugin wrote."""
    robots = output / "robots.txt"
    if not robots.is_file():
        return
    rule = f"Disallow: /{SETTINGS.value(settings, 'CMS_ADMIN_PATH').strip('/')}/"
    lines = robots.read_text("utf-8").splitlines()
    if rule in lines:
        return
    lines = [line for line in lines if line.replace(" ", "").lower() != "disallow:"]
    at = next(
        (
            i + 1
            for i, line in enumerate(lines)
            if line.lower().startswith("user-agent")
        ),
        0,
    )
    lines.insert(at, rule)
    robots.write_text("\n".join(lines) + "\n", encoding="utf-8")


def check_settings(pelican) -> None:
    """Check the CMS_ADMIN_* settings once, at start-up."""
    SETTINGS.check(pelican.settings)


def register() -> None:
    """Connect to Pelican's signals."""
    signals.initialized.connect(check_settings)
    signals.finalized.connect(write_admin)


__all__ = ["register", "render_config", "write_admin"]
