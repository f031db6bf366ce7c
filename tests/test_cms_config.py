"""The web editor's configuration (plugins/cms_admin) agrees with the content model.

``admin/config.json`` is generated from ``content_model.schema``, the tables
that also make ``schema/post.schema.json``: every front-matter key is a field
of the same name, required when the key is, a select of the same choices for
an enumeration; the registries' collections have exactly the registries'
fields. And the editor is written by a development build, never published by
default, and kept out of the sitemap, the search index and robots.
"""

from __future__ import annotations

import json
import os
import re

import pytest
from pelican.settings import read_settings

from cms_admin import cms_config
from cms_admin.config import CONTENT as CONTENT_FOLDER
from cms_admin.config import UNMAPPED
from cms_admin.labels import POST_FIELDS
from content_model import schema
from content_model.json_schema import post_schema
from content_model.registry import GLOSSARY_FIELDS, PERSON_FIELDS, UNIT_FIELDS
from tests.sitebuild import CONTENT, ROOT, build

CONFIG = cms_config({"name": "github", "repo": "owner/site", "branch": "main"})


def _fields(config: dict, name: str) -> list[dict]:
    collection = next(c for c in config["collections"] if c["name"] == name)
    return collection.get("fields") or collection["files"]


def _by_name(fields: list[dict]) -> dict[str, dict]:
    return {field["name"]: field for field in fields}


def _schema_keys(properties: dict, required: list[str], path: str = "") -> dict:
    """Flatten a JSON Schema object into {path: (required, enum or None)}."""
    out = {}
    for name, value in properties.items():
        key = f"{path}{name}"
        enum = value.get("enum")
        for option in value.get("anyOf", []):
            enum = enum or option.get("enum")
        out[key] = (name in required, tuple(enum) if enum else None)
        inner = value.get("items", value) if value.get("type") == "array" else value
        if inner.get("type") == "object" and "properties" in inner:
            out.update(
                _schema_keys(inner["properties"], inner.get("required", []), key + ".")
            )
    return out


def _config_keys(fields: list[dict], path: str = "") -> dict:
    """Flatten editor fields into {path: (required, option values or None)}."""
    out = {}
    for field in fields:
        key = f"{path}{field['name']}"
        options = field.get("options")
        values = tuple(o["value"] for o in options) if options else None
        out[key] = (field.get("required", True), values)
        if "fields" in field:
            out.update(_config_keys(field["fields"], key + "."))
    return out


def test_every_front_matter_key_is_an_editor_field_and_nothing_else():
    assert not UNMAPPED, f"kinds without an editor widget: {UNMAPPED}"
    fields = [f for f in _fields(CONFIG, "posts") if f["name"] != "body"]
    config = _config_keys(fields)
    defs = post_schema()["$defs"]
    original = _schema_keys(
        defs["original"]["properties"], defs["original"]["required"]
    )
    translation = _schema_keys(
        defs["translation"]["properties"], defs["translation"]["required"]
    )
    assert set(config) == set(original) | set(translation)
    for key, (required, enum) in original.items():
        assert config[key][0] == required, f"{key}: required differs"
        if key == "lang":  # written by the editor (vi) or the backend (en)
            assert _by_name(fields)["lang"]["widget"] == "hidden"
        elif enum is not None:
            # time: the words first, then every five minutes as "HH:MM"
            assert config[key][1][: len(enum)] == enum, f"{key}: choices differ"
    for key in set(translation) - set(original):
        assert config[key][0] is False, f"{key} is English-only: never required"


def test_enumerations_are_selects_units_and_people_are_pickers_writing_keys():
    fields = _config_keys([f for f in _fields(CONFIG, "posts")])
    posts = _by_name(_fields(CONFIG, "posts"))
    speakers = _by_name(posts["speakers"]["fields"])
    assert posts["status"]["widget"] == speakers["part"]["widget"] == "select"
    assert posts["event"]["fields"][1]["widget"] == "select"  # time
    assert "14:30" in fields["event.time"][1] and "morning" in fields["event.time"][1]
    assert posts["units"]["widget"] == "relation" and posts["units"]["multiple"]
    assert posts["units"]["value_field"] == "units.*.key"
    assert posts["units"]["display_fields"] == ["units.*.name"]  # on a Git host
    assert speakers["name"]["value_field"] == "people.*.key"
    assert speakers["unit"]["file"] == "units"
    photos = _by_name(posts["photos"]["fields"])
    assert photos["src"]["widget"] == "image" and photos["alt"]["required"]
    assert photos["caption"]["required"] is False
    assert posts["body"]["widget"] == "markdown"
    assert posts["speakers"]["widget"] == posts["attendees"]["widget"] == "list"


def test_facts_are_entered_once_on_the_vietnamese_side():
    posts = _by_name(_fields(CONFIG, "posts"))
    translated = {name for name, field in posts.items() if field.get("i18n")}
    translation = {key.name for key in schema.TRANSLATION} - {"date"}
    assert translated == translation | {"body"}
    assert posts["slug"]["i18n"] == "duplicate"
    assert CONFIG["i18n"] == {
        "structure": "multiple_files",
        "locales": ["vi", "en"],
        "default_locale": "vi",
    }
    assert CONFIG["locale"] == "vi"


def test_registries_are_collections_with_exactly_their_fields():
    files = _by_name(_fields(CONFIG, "registries"))
    expected = {"units": UNIT_FIELDS, "people": PERSON_FIELDS}
    expected["glossary"] = GLOSSARY_FIELDS
    for name, keys in expected.items():
        assert files[name]["file"] == f"{CONTENT_FOLDER}/data/{name}.yml"
        (entries,) = files[name]["fields"]
        assert tuple(f["name"] for f in entries["fields"]) == keys
    units = _by_name(files["units"]["fields"][0]["fields"])
    assert units["parent"]["widget"] == "relation"  # the hierarchy
    assert units["kind"]["widget"] == "select"


def test_every_label_and_hint_we_supply_is_vietnamese():
    vietnamese = re.compile(
        r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I
    )

    def walk(fields):
        for field in fields:
            for text in (field.get("label"), field.get("hint")):
                if text:
                    yield field["name"], text
            yield from walk(field.get("fields", []))

    for collection in CONFIG["collections"]:
        assert vietnamese.search(collection["label"])
        for item in collection.get("files", []):
            yield_from = list(walk(item["fields"]))
            assert all(vietnamese.search(text) for _, text in yield_from), yield_from
        texts = list(walk(collection.get("fields", [])))
        bad = [(name, text) for name, text in texts if not vietnamese.search(text)]
        assert not bad
    assert set(POST_FIELDS) >= {"title", "speakers.role", "photos.alt", "body"}


@pytest.fixture(scope="module")
def built(site):
    """The tests' site, development build (shared by the session, read only)."""
    return site


def test_a_development_build_writes_the_editor_from_the_model(built):
    assert built.returncode == 0, built.log
    admin = built.output / "admin"
    written = json.loads((admin / "config.json").read_text("utf-8"))
    assert written["collections"] == json.loads(json.dumps(CONFIG["collections"]))
    page = (admin / "index.html").read_text("utf-8")
    assert 'content="noindex, nofollow"' in page and "decap-cms.js" in page
    assert (admin / "decap-cms.js").stat().st_size > 1_000_000, "make install"
    assert (admin / "decap-cms.LICENSE.txt").is_file()


def test_the_editor_is_in_no_sitemap_search_index_or_robots(built):
    sitemaps = "".join(p.read_text("utf-8") for p in built.output.glob("sitemap*.xml"))
    assert "/admin" not in sitemaps and "/2020/" in sitemaps
    robots = (built.output / "robots.txt").read_text("utf-8").splitlines()
    assert "Disallow: /admin/" in robots
    fragments = list((built.output / "pagefind").rglob("*"))
    assert fragments and not any("admin" in p.name for p in fragments)


def test_the_published_site_has_no_editor_unless_enabled(tmp_path):
    os.environ.setdefault("SITE_CONTENT", str(CONTENT))
    settings = read_settings(str(ROOT / "publishconf.py"))
    assert settings["CMS_ADMIN_ENABLED"] is False
    off = build(CONTENT, tmp_path / "output", extra={"CMS_ADMIN_ENABLED": "false"})
    assert off.returncode == 0, off.log
    assert not (off.output / "admin").exists()
    robots = (off.output / "robots.txt").read_text("utf-8")
    assert "admin" not in robots


def test_git_hosts_get_the_editorial_workflow_where_decap_has_one():
    for name in ("github", "gitlab"):
        config = cms_config({"name": name, "repo": "owner/site"})
        assert config["publish_mode"] == "editorial_workflow"
        assert config["backend"]["name"] == f"newsroom-{name}"
    assert "publish_mode" not in cms_config({"name": "gitea", "repo": "o/s"})
