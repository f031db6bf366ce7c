"""Wire the bilingual site into Pelican: UI strings, dates, English pages."""

from __future__ import annotations

from pathlib import Path

from pelican import signals

from .english_pages import EnglishPagesGenerator
from .templating import install


def configure(pelican) -> None:
    """Fill default settings and install the template helpers."""
    settings = pelican.settings
    # The catalogues live in the theme, beside the templates they translate.
    settings.setdefault(
        "BILINGUAL_CATALOGUE_PATH", str(Path(settings["THEME"]) / "translations")
    )
    install(settings)


def add_generators(pelican):
    """Add the generator of English list pages."""
    del pelican
    return EnglishPagesGenerator


def register() -> None:
    """Connect the bilingual site to Pelican's signals."""
    signals.initialized.connect(configure)
    signals.get_generators.connect(add_generators)
