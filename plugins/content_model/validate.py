"""Per-file validation of a post's front matter (no registries needed).

Each rule reports a Problem with the line of the offending key, so staff see
``path:line: [error] field: message`` and a suggestion where one exists.
Checks that need the registries or other posts live in ``model``.
"""

from __future__ import annotations

import difflib
from typing import Any

from vietnamese import DateParseError, parse_datetime, parse_event_time, slugify

from .frontmatter import FrontMatter
from .problems import ERROR, Problem

ORIGINAL_KEYS = (
    "title",
    "date",
    "slug",
    "lang",
    "summary",
    "status",
    "event",
    "units",
    "speakers",
    "attendees",
    "photos",
    "signature",
    "tags",
    "featured",
)
TRANSLATION_KEYS = (
    "title",
    "date",
    "slug",
    "lang",
    "summary",
    "status",
    "roles",
    "captions",
    "tags",
    "featured",
)
EVENT_KEYS = ("date", "time", "place", "organizer")
SPEAKER_KEYS = ("name", "role", "unit", "part")
ATTENDEE_KEYS = ("group", "count")
PHOTO_KEYS = ("src", "alt", "caption")
LANGUAGES = ("vi", "en")
STATUSES = ("published", "draft")
PARTS = ("chair", "speaker", "guest")


class _Report:
    """Collect problems for one file, locating each key's line."""

    def __init__(self, front: FrontMatter, path: str):
        self.front, self.path, self.problems = front, path, []

    def error(self, key_path: tuple, message: str, level: str = ERROR) -> None:
        field = ".".join(
            f"{p}" if isinstance(p, str) else f"[{p + 1}]" for p in key_path
        ).replace(".[", "[")
        self.problems.append(
            Problem(self.path, self.front.line(*key_path), field, message, level)
        )


def _suggest(name: str, choices: tuple) -> str:
    guess = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f"; did you mean {guess[0]!r}?" if guess else ""


def _text(report: _Report, data: dict, key: str, where: tuple, required=False):
    """Return a stripped string field, reporting a wrong type or absence."""
    value = data.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            report.error(
                (*where, key) if key in data else where or (key,),
                f"'{key}' is required"
                + ("" if key in data else f": add a line '{key}: …'"),
            )
        return None
    if isinstance(value, (dict, list)):
        report.error((*where, key), "must be text, not a list or a block")
        return None
    if isinstance(value, bool):
        report.error((*where, key), f"must be text, not {value!r}")
        return None
    return str(value).strip()


def _unknown_keys(
    report: _Report, data: dict, known: tuple, where: tuple, context: str
) -> None:
    for key in data:
        if key not in known:
            report.error(
                (*where, key), f"unknown key in {context}{_suggest(str(key), known)}"
            )


def check_post(
    front: FrontMatter, path: str, settings: dict | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate ``front`` and return the normalised post fields and the problems."""
    report = _Report(front, path)
    data = front.data
    timezone = (settings or {}).get("TIMEZONE", "Asia/Ho_Chi_Minh")
    post: dict[str, Any] = {}
    lang = data.get("lang", "vi")
    if lang not in LANGUAGES:
        report.error(("lang",), f"unknown language {lang!r}: use 'vi' or 'en'")
        lang = "vi"
    post["lang"] = lang
    is_translation = lang == "en"
    _unknown_keys(
        report,
        data,
        TRANSLATION_KEYS if is_translation else ORIGINAL_KEYS,
        (),
        "the front matter",
    )
    if is_translation:
        for key in data:
            if key in ORIGINAL_KEYS and key not in TRANSLATION_KEYS:
                report.problems[-1:] = [
                    p for p in report.problems[-1:] if p.field != key
                ]
                report.error(
                    (key,),
                    "a translation carries only title, summary, "
                    "roles, captions and the body: enter this fact once, in "
                    "the Vietnamese original",
                )
    post["title"] = _text(report, data, "title", (), required=True)
    status = data.get("status", "published")
    if status not in STATUSES:
        report.error(
            ("status",), f"unknown status {status!r}: use 'published' or 'draft'"
        )
        status = "published"
    post["status"] = status
    post["date"] = _date(
        report, data, "date", (), timezone, required=not is_translation
    )
    slug = _text(report, data, "slug", ())
    if slug and slug != slugify(slug):
        report.error(
            ("slug",),
            f"a slug is lower-case ASCII words joined by hyphens: "
            f"use {slugify(slug)!r}",
        )
    post["slug"] = slug or (slugify(post["title"]) if post["title"] else None)
    if is_translation and not slug:
        report.error(
            ("slug",) if "slug" in data else (),
            "a translation needs the 'slug' of its Vietnamese original",
        )
    post["summary"] = _text(report, data, "summary", ())
    post["signature"] = _text(report, data, "signature", ())
    post["tags"] = _list_of_text(report, data, "tags")
    featured = data.get("featured", False)
    if not isinstance(featured, bool):
        report.error(("featured",), "must be true or false")
    post["featured"] = featured is True
    if not is_translation:
        _check_event(report, data, timezone)
        _list_of_text(report, data, "units")
        _check_items(report, data, "speakers", SPEAKER_KEYS, ("name", "role"))
        _check_items(report, data, "attendees", ATTENDEE_KEYS, ("group",))
        _check_items(report, data, "photos", PHOTO_KEYS, ("src", "alt"))
    else:
        for key in ("roles", "captions"):
            _check_positions(report, data, key)
    return post, report.problems


def _date(report, data, key, where, timezone, required=False):
    value = data.get(key)
    if value is None:
        if required:
            report.error(
                (*where, key) if key in data else (),
                f"'{key}' is required: add a line '{key}: 2020-12-18 08:00' "
                "(or 18/12/2020 08:00)",
            )
        return None
    try:
        return parse_datetime(value, tz=timezone)
    except DateParseError as error:
        report.error((*where, key), str(error))
        return None


def _list_of_text(report, data, key):
    value = data.get(key)
    if value is None:
        return []
    if isinstance(value, str):
        return [value.strip()] if value.strip() else []
    if not isinstance(value, list):
        report.error((key,), "must be a list: [first, second]")
        return []
    items = []
    for index, item in enumerate(value):
        if (
            not isinstance(item, (str, int))
            or isinstance(item, bool)
            or not str(item).strip()
        ):
            report.error((key, index), "each entry must be a non-empty name")
        else:
            items.append(str(item).strip())
    return items


def _check_event(report, data, timezone):
    event = data.get("event")
    if event is None:
        return
    if not isinstance(event, dict):
        report.error(("event",), "must be a block with date, time, place, organizer")
        return
    _unknown_keys(report, event, EVENT_KEYS, ("event",), "event")
    if "date" in event:
        _date(report, event, "date", ("event",), timezone)
    if event.get("time") is not None:
        try:
            parse_event_time(event["time"])
        except DateParseError as error:
            report.error(("event", "time"), str(error))
    for key in ("place", "organizer"):
        _text(report, event, key, ("event",))


def _check_items(report, data, key, known, required):
    items = data.get(key)
    if items is None:
        return
    if not isinstance(items, list):
        report.error((key,), f"must be a list of entries ('- {known[0]}: …')")
        return
    for index, item in enumerate(items):
        where = (key, index)
        if not isinstance(item, dict):
            report.error(where, f"each entry needs '{known[0]}: …' lines")
            continue
        _unknown_keys(report, item, known, where, key)
        for field in required:
            _text(report, item, field, where, required=True)
        if key == "speakers" and item.get("part", "speaker") not in PARTS:
            report.error(
                (*where, "part"),
                f"unknown part {item['part']!r}: use "
                "chair, speaker or guest" + _suggest(str(item["part"]), PARTS),
            )
        if key == "attendees" and "count" in item:
            count = item["count"]
            if not isinstance(count, int) or isinstance(count, bool) or count < 1:
                report.error(
                    (*where, "count"), f"must be a positive whole number, not {count!r}"
                )


def _check_positions(report, data, key):
    value = data.get(key)
    if value is None:
        return
    if not isinstance(value, dict):
        report.error((key,), "must map a position (1 = first) to a text: '1: …'")
        return
    for position, text in value.items():
        if not isinstance(position, int) or position < 1:
            report.error((key, position), "positions are whole numbers from 1")
        elif not isinstance(text, str) or not text.strip():
            report.error((key, position), "must be a text")
