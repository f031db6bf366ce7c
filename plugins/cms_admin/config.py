"""Decap CMS's configuration, generated from the content model and the registries.

Every front-matter key of ``content_model.schema`` (the tables that also make
``schema/post.schema.json``) becomes one editor field of the same name, required
when the key is, a select for an enumeration, a picker over the registries for a
unit or a person (showing name, kind and parent, writing the key). Adding a key
to the content model adds it to the editor; a test fails on any difference.
"""

from __future__ import annotations

import logging
from typing import Any

from content_model import schema
from content_model.registry import (
    GLOSSARY_FIELDS,
    GLOSSARY_KINDS,
    PERSON_FIELDS,
    UNIT_FIELDS,
    UNIT_KINDS,
)
from newsroom.messages import Message

from .labels import CHOICES, POST_FIELDS, REGISTRY_FIELDS, REGISTRY_NAMES

logger = logging.getLogger(__name__)

CONTENT = "content"  # the content folder, relative to the repository
# Keys whose kind has no widget here (shown as text); a test keeps it empty.
UNMAPPED: set[str] = set()
REGISTRY_COLLECTION = "registries"
# Fields naming a registry entry: field path -> registry.
PICKERS = {
    "units": "units",
    "event.organizer": "units",
    "speakers.unit": "units",
    "speakers.name": "people",
}
# Plain Decap would search and show the name, which every entry has (Decap
# 3.16 reads plain paths here, no templates, and loses hits matched in two
# fields of one entry). admin/setup.js switches them to two fields that the
# local backend (`make devserver`) and the Git hosts' wrapper
# (admin/git-backend.js) add to every entry as they read a registry, and drop
# on saving: ``search`` (name, short name, aliases, key,
# all of them also without diacritics) and ``label`` (name, kind, parent).
PICKER_SEARCH = {"units": ["units.*.name"], "people": ["people.*.name"]}
PICKER_DISPLAY = {"units": ["units.*.name"], "people": ["people.*.name"]}
LOCAL_SEARCH_FIELD = "search"
LOCAL_LABEL_FIELD = "label"
LONG_TEXT = {"summary"}
# Keys a translation may carry but takes from its original: entered once.
INHERITED = {"date"}
# Written by the editor's save hook (admin/setup.js), never typed.
HIDDEN = {"lang"}
# Every five minutes, for an event time given as "HH:MM".
# admin/git-backend.js registers each Git backend of Decap wrapped under this
# prefix: file names as today, the English side and registries as the model
# wants them (README, "Editing on a Git host").
WRAPPED_BACKEND = "newsroom-"
CLOCK_TIMES = tuple(f"{h:02d}:{m:02d}" for h in range(24) for m in range(0, 60, 5))


def _options(values: tuple[str, ...]) -> list[dict[str, str]]:
    """Return select options: the value written, its Vietnamese label."""
    return [{"label": CHOICES.get(value, value), "value": value} for value in values]


def _labelled(path: str, field: dict[str, Any]) -> dict[str, Any]:
    label, hint = POST_FIELDS[path]
    return {"label": label, "hint": hint, **field}


def _picker(registry: str, multiple: bool = False) -> dict[str, Any]:
    """Return a relation widget over a registry file: search by name, write the key."""
    field = {
        "widget": "relation",
        "collection": REGISTRY_COLLECTION,
        "file": registry,
        "value_field": f"{registry}.*.key",
        "search_fields": PICKER_SEARCH[registry],
        "display_fields": PICKER_DISPLAY[registry],
        "options_length": 50,
    }
    if multiple:
        field["multiple"] = True
    return field


def _widget(key: schema.Key, path: str) -> dict[str, Any]:
    """Return the widget of one key, from its kind in the content model."""
    kind = key.kind
    if path in PICKERS:
        return _picker(PICKERS[path], multiple=kind == schema.NAMES)
    if path == "photos.src":
        return {"widget": "image", "choose_url": False}
    if path in HIDDEN:
        return {"widget": "hidden"}
    if kind == schema.TEXT:
        return {"widget": "text" if path in LONG_TEXT else "string"}
    if kind == schema.DATE:
        if path == "date":
            return {
                "widget": "datetime",
                "format": "YYYY-MM-DD HH:mm",
                "date_format": "DD/MM/YYYY",
                "time_format": "HH:mm",
            }
        return {
            "widget": "datetime",
            "format": "YYYY-MM-DD",
            "date_format": "DD/MM/YYYY",
            "time_format": False,
        }
    if kind == schema.TIME:
        return {"widget": "select", "options": _options(key.choices + CLOCK_TIMES)}
    if kind == schema.CHOICE:
        return {"widget": "select", "options": _options(key.choices)}
    if kind == schema.FLAG:
        return {"widget": "boolean"}
    if kind == schema.COUNT:
        return {"widget": "number", "value_type": "int", "min": 1, "step": 1}
    if kind == schema.NAMES:
        return {"widget": "list", "allow_add": True}
    if kind == schema.BLOCK:
        return {
            "widget": "object",
            "collapsed": False,
            "fields": _fields(key.keys, path),
        }
    if kind == schema.ITEMS:
        return {
            "widget": "list",
            "collapsed": False,
            "default": [],
            "fields": _fields(key.keys, path),
        }
    if kind == schema.KEYED:
        # Keyed by what it translates in the file; a list in the order of the
        # original's items in the editor (newsroom/keyed.py).
        return {"widget": "list", "field": {"name": "text", "widget": "string"}}
    # A kind this module does not know yet: a text field, so the build goes
    # on; tests/test_cms_config.py fails until it gets its own widget.
    logger.warning(
        Message(
            "cms_admin: no editor widget for %(path)s (kind %(kind)s): a text field",
            path=path,
            kind=repr(kind),
        )
    )
    UNMAPPED.add(path)
    return {"widget": "string"}


def _field(key: schema.Key, path: str) -> dict[str, Any]:
    field = _labelled(path, {"name": key.name, **_widget(key, path)})
    field["required"] = key.required
    if key.default is not None:
        field["default"] = key.default
    if key.kind == schema.TEXT and key.required:
        field["pattern"] = [r"\S", "Không được để trống."]
    return field


def _fields(keys: tuple[schema.Key, ...], parent: str) -> list[dict[str, Any]]:
    return [_field(key, f"{parent}.{key.name}") for key in keys]


def post_fields() -> list[dict[str, Any]]:
    """Return the post collection's fields: the original's and the translation's."""
    translation = {key.name: key for key in schema.TRANSLATION}
    names = [key.name for key in schema.ORIGINAL]
    names += [name for name in translation if name not in names]
    original = {key.name: key for key in schema.ORIGINAL}
    fields = []
    for name in names:
        key = original.get(name) or translation[name]
        field = _field(key, name)
        if name in translation and name not in INHERITED:
            field["i18n"] = "duplicate" if name == "slug" else True
        if name not in original:  # roles, captions, groups: English side only
            field["required"] = False
        fields.append(field)
    fields.append(
        _labelled("body", {"name": "body", "widget": "markdown", "i18n": True})
    )
    return fields


# A day, written 2025-06-30, shown and picked as 30/06/2025.
_DAY = {
    "widget": "datetime",
    "format": "YYYY-MM-DD",
    "date_format": "DD/MM/YYYY",
    "time_format": False,
}


def _registry_fields(registry: str) -> list[dict[str, Any]]:
    labels = REGISTRY_FIELDS[registry]
    names = {"units": UNIT_FIELDS, "people": PERSON_FIELDS, "glossary": GLOSSARY_FIELDS}
    kinds = {"units": UNIT_KINDS, "glossary": GLOSSARY_KINDS}
    required = {"key", "name", "vi", "en"}
    fields = []
    for name in names[registry]:
        label, hint = labels[name]
        field: dict[str, Any] = {"label": label, "hint": hint, "name": name}
        if name == "aliases":
            field["widget"] = "list"
        elif name == "kind":
            field.update(widget="select", options=_options(kinds[registry]))
        elif name in ("parent", "successor", "merged_into"):
            field.update(_picker("units"))
        elif name == "predecessors":
            field.update(_picker("units", multiple=True))
        elif name in ("founded", "ended"):
            field.update(_DAY)
        elif name == "names":
            field.update(
                widget="list",
                collapsed=True,
                fields=[
                    {
                        "name": part,
                        "label": labels[f"names.{part}"][0],
                        "hint": labels[f"names.{part}"][1],
                        "required": part == "name",
                        **(_DAY if part in ("from", "until") else {"widget": "string"}),
                    }
                    for part in ("name", "name_en", "from", "until")
                ],
            )
        else:
            field["widget"] = "string"
        if name == "key":
            field["pattern"] = [
                "^[a-z0-9]+(-[a-z0-9]+)*$",
                "Chữ thường không dấu và số, nối bằng gạch ngang.",
            ]
        field["required"] = name in required
        fields.append(field)
    return fields


def registries_collection() -> dict[str, Any]:
    """Return the collection of the registries, one file each, edited as lists."""
    files = []
    for registry in ("units", "people", "glossary"):
        label, singular = REGISTRY_NAMES[registry]
        files.append(
            {
                "name": registry,
                "label": label,
                "file": f"{CONTENT}/data/{registry}.yml",
                "fields": [
                    {
                        "name": registry,
                        "label": label,
                        "label_singular": singular,
                        "widget": "list",
                        "summary": "{{fields.name}}{{fields.vi}} ({{fields.key}})",
                        "fields": _registry_fields(registry),
                    }
                ],
            }
        )
    return {
        "name": REGISTRY_COLLECTION,
        "label": "Danh mục",
        "description": "Đơn vị, nhân vật và thuật ngữ mà các bài viết nhắc đến.",
        "editor": {"preview": False},
        "files": files,
    }


def posts_collection() -> dict[str, Any]:
    """Return the posts' collection: Vietnamese and English files side by side."""
    return {
        "name": "posts",
        "label": "Bài viết",
        "label_singular": "bài viết",
        "description": "Tin bài: bản tiếng Việt và bản tiếng Anh bên cạnh.",
        "folder": f"{CONTENT}/posts",
        "path": "{{year}}/{{slug}}",
        "slug": "{{slug}}",
        "extension": "md",
        "format": "yaml-frontmatter",
        "create": True,
        "i18n": True,
        # Photos of posts go with the site's photos, not beside the posts
        # (Decap's default for a folder collection).
        "media_folder": f"/{CONTENT}/photos",
        "public_folder": "photos",
        "identifier_field": "title",
        "summary": "{{title}} ({{date | date('DD/MM/YYYY')}})",
        "sortable_fields": ["date", "title"],
        "view_groups": [{"label": "Năm", "field": "date", "pattern": r"\d{4}"}],
        "fields": post_fields(),
    }


def cms_config(backend: dict[str, Any], site_url: str = "") -> dict[str, Any]:
    """Return Decap CMS's configuration for ``backend`` (a Git host's settings)."""
    config: dict[str, Any] = {
        "locale": "vi",
        "backend": {**backend, "name": WRAPPED_BACKEND + str(backend.get("name"))},
        "publish_mode": "editorial_workflow",
        # make devserver answers Decap's local proxy (devserver/cms_backend.py).
        "local_backend": True,
        "media_folder": f"{CONTENT}/photos",
        "public_folder": "photos",
        "i18n": {
            "structure": "multiple_files",
            "locales": ["vi", "en"],
            "default_locale": "vi",
        },
        "slug": {
            "encoding": "ascii",
            "clean_accents": True,
            "sanitize_replacement": "-",
        },
        "collections": [posts_collection(), registries_collection()],
    }
    if backend.get("name") == "gitea":
        # Decap 3.16's Gitea backend refuses the editorial workflow: saves are
        # commits to the configured branch (README: point it at a review branch).
        del config["publish_mode"]
    if site_url:
        config["site_url"] = config["display_url"] = site_url
    return config
