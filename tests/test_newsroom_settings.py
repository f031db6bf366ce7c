"""newsroom.settings: every plugin's settings declared, filled and checked one way."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest

from newsroom.settings import (
    Setting,
    SettingsError,
    SettingsTable,
    add_to_templates,
    per_language,
    url_pattern,
    whole_number,
)

PLUGINS = Path(__file__).resolve().parent.parent / "plugins"
# Every plugin with settings, and the module declaring them.
SETTINGS_MODULES = (
    "content_model",
    "photos",
    "bilingual",
    "archives",
    "unit_pages",
    "people_pages",
    "search_index",
    "social_meta",
    "theme_assets",
    "progress",
    "fast_build",
    "writers_guide",
)

TABLE = SettingsTable(
    Setting("DEMO_COUNT", 3, whole_number(1)),
    Setting(
        "DEMO_URL",
        {"vi": "thu/{key}/", "en": "en/demo/{key}/"},
        per_language(url_pattern("key"), "a URL pattern"),
    ),
)


def test_check_fills_in_the_defaults_and_returns_the_checked_values():
    settings = {"DEMO_COUNT": 5}
    values = TABLE.check(settings)
    assert settings == {"DEMO_COUNT": 5, "DEMO_URL": TABLE.defaults["DEMO_URL"]}
    assert values == settings


def test_a_filled_default_is_a_copy_never_the_tables_own_value():
    settings: dict = {}
    TABLE.check(settings)
    settings["DEMO_URL"]["vi"] = "changed/{key}/"
    assert TABLE.defaults["DEMO_URL"]["vi"] == "thu/{key}/"


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEMO_COUNT", 0, "DEMO_COUNT = 0: expected a whole number from 1 up"),
        ("DEMO_COUNT", True, "DEMO_COUNT = True: expected a whole number from 1 up"),
        (
            "DEMO_URL",
            {"vi": "thu/"},
            "DEMO_URL = {'vi': 'thu/'}: expected a dict mapping each of 'vi', 'en' "
            "to a URL pattern",
        ),
        (
            "DEMO_URL",
            {"vi": "thu/{key}/", "en": "/en/{key}/"},
            "DEMO_URL['en'] = '/en/{key}/': expected a site-relative URL without a "
            "leading '/'",
        ),
    ],
)
def test_a_bad_value_is_named_with_its_key_path_and_value(name, value, message):
    with pytest.raises(SettingsError) as error:
        TABLE.check({name: value})
    assert str(error.value) == message


@pytest.mark.parametrize("plugin", SETTINGS_MODULES)
def test_every_plugin_declares_its_settings_in_one_table(plugin):
    module = importlib.import_module(f"{plugin}.settings")
    assert isinstance(module.SETTINGS, SettingsTable)
    prefix = plugin.upper() + "_"
    assert all(name.startswith(prefix) for name in module.SETTINGS.rows)
    # The defaults pass their own checks.
    module.SETTINGS.values({})


@pytest.mark.parametrize("plugin", SETTINGS_MODULES)
def test_each_plugin_readme_lists_exactly_its_settings(plugin):
    module = importlib.import_module(f"{plugin}.settings")
    readme = (PLUGINS / plugin / "README.md").read_text(encoding="utf-8")
    listed = re.findall(r"^\| `([A-Z][A-Z0-9_]+)`", readme, re.MULTILINE)
    assert sorted(listed) == sorted(module.SETTINGS.rows)


def test_settings_are_checked_one_way_only():
    # No plugin defines its own settings error, or borrows another plugin's.
    for path in PLUGINS.glob("*/*.py"):
        if path.parent.name == "newsroom":
            continue
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"class \w*SettingsError\b", source), path
        assert "from unit_pages.settings import" not in source, path


@pytest.mark.parametrize(
    ("plugin", "prefix"),
    [("unit_pages", "UNIT_PAGES_"), ("people_pages", "PEOPLE_PAGES_")],
)
def test_directories_of_pages_share_one_declaration_of_their_common_settings(
    plugin, prefix
):
    module = importlib.import_module(f"{plugin}.settings")
    read = next(
        value
        for name, value in vars(module).items()
        if name.endswith("PagesSettings") and value.__module__ == module.__name__
    )
    options = read.from_pelican({f"{prefix}PER_PAGE": 7})
    assert options.per_page == 7
    assert options.page_url == {
        "vi": "{url}trang/{number}/",
        "en": "{url}page/{number}/",
    }
    bad = {f"{prefix}PAGE_URL": {"vi": "{url}trang/", "en": "{url}page/{number}/"}}
    with pytest.raises(SettingsError, match=rf"{prefix}PAGE_URL\['vi'\]"):
        read.from_pelican(bad)
    source = (PLUGINS / plugin / "settings.py").read_text(encoding="utf-8")
    for common in ("URL", "INDEX_URL", "PAGE_URL", "PER_PAGE"):
        assert f'"{prefix}{common}"' not in source, common


def test_templates_get_helpers_beside_the_sites_own():
    settings = {"JINJA_GLOBALS": {"site_helper": len}}
    add_to_templates(settings, globals={"unit_url": str}, filters={"number": int})
    add_to_templates(settings, globals={"person_url": repr})
    assert settings["JINJA_GLOBALS"] == {
        "site_helper": len,
        "unit_url": str,
        "person_url": repr,
    }
    assert settings["JINJA_FILTERS"] == {"number": int}


def test_plugins_give_templates_helpers_one_way():
    for path in PLUGINS.glob("*/*.py"):
        if path.parent.name == "newsroom" or path.parent.name == "fast_build":
            continue
        source = path.read_text(encoding="utf-8")
        assert '"JINJA_GLOBALS"' not in source, path
        assert '"JINJA_FILTERS"' not in source, path
