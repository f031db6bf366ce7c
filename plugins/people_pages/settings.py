"""The PEOPLE_PAGES_* settings: one table of defaults and checks (newsroom)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from newsroom.settings import DirectoryPagesSettings, SettingsTable, directory_pages

SETTINGS = SettingsTable(
    *directory_pages(
        "PEOPLE_PAGES_",
        url={"vi": "nhan-vat/{key}/", "en": "en/people/{key}/"},
        index_url={"vi": "nhan-vat/", "en": "en/people/"},
    )
)
DEFAULTS: dict[str, Any] = SETTINGS.defaults


@dataclass(frozen=True)
class PeoplePagesSettings(DirectoryPagesSettings):
    """The validated PEOPLE_PAGES_* settings."""

    TABLE = SETTINGS
    PREFIX = "PEOPLE_PAGES_"
