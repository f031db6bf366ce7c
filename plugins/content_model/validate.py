"""Per-file validation of a post's front matter, driven by the tables in ``schema``.

Each rule reports a Problem at the line of the offending key, so staff see
``path:line: [error] field: message`` with a suggestion where one exists.
Checks that need the registries or the other posts live in ``model``.
"""

from __future__ import annotations

import difflib
import re
from typing import Any

from newsroom.messages import Message
from vietnamese import (
    DateParseError,
    fold_diacritics,
    parse_datetime,
    parse_event_time,
    slugify,
)

from .frontmatter import FrontMatter
from .plain_text import text_problem
from .problems import ERROR, Problem, field_label
from .schema import (
    BLOCK,
    CHOICE,
    COUNT,
    DATE,
    FLAG,
    ITEMS,
    KEYED,
    NAMES,
    ORIGINAL_ONLY,
    TEXT,
    TIME,
    Key,
    keys_for,
)

# Keys and values staff may write in Vietnamese (compared without diacritics).
VIETNAMESE_KEYS = {
    "tieu de": "title",
    "ngay": "date",
    "ngay dang": "date",
    "duong dan": "slug",
    "ngon ngu": "lang",
    "tom tat": "summary",
    "trang thai": "status",
    "su kien": "event",
    "don vi": "units",
    "dai bieu": "speakers",
    "phat bieu": "speakers",
    "thanh phan": "attendees",
    "anh": "photos",
    "hinh anh": "photos",
    "chu ky": "signature",
    "but danh": "signature",
    "the": "tags",
    "thoi gian": "time",
    "dia diem": "place",
    "don vi to chuc": "organizer",
    "ho ten": "name",
    "ten": "name",
    "chuc vu": "role",
    "vai tro": "part",
    "so luong": "count",
    "chu thich": "caption",
    # values
    "chu tri": "chair",
    "khach moi": "guest",
    "ban nhap": "draft",
    "nhap": "draft",
    "cong khai": "published",
    "da dang": "published",
    "tieng viet": "vi",
    "tieng anh": "en",
}


def shown(value: Any) -> str | Message:
    """Return a value as a message quotes it: text in double quotes."""
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return Message("nothing")
    if isinstance(value, (dict, list)):
        return Message("a block") if isinstance(value, dict) else Message("a list")
    return str(value)


def one_of(choices: tuple[str, ...]) -> str | Message:
    """Return choices as staff read them: "a, b or c"."""
    if len(choices) < 2:
        return choices[0]
    return Message(
        "%(some)s or %(last)s", some=", ".join(choices[:-1]), last=choices[-1]
    )


def suggest(name: str, choices: tuple[str, ...] | list[str]) -> Message | str:
    """Return '; did you mean "x"?' for the choice closest to ``name``, or ''."""
    folded = fold_diacritics(str(name)).casefold().strip()
    if VIETNAMESE_KEYS.get(folded) in choices:
        return Message('; did you mean "%(name)s"?', name=VIETNAMESE_KEYS[folded])
    guess = difflib.get_close_matches(folded, list(choices), n=1, cutoff=0.6)
    return Message('; did you mean "%(name)s"?', name=guess[0]) if guess else ""


def date_message(error: DateParseError) -> Message:
    """Return why a date or time cannot be read."""
    return error.message


class HelpText(Message):
    """A key's help (``schema.Key.help``) inside a sentence: first letter lower-case."""

    __slots__ = ()

    def render(self, lang: str | None = None) -> str:
        """Return the help in ``lang``, lower-cased first, without its full stop."""
        text = super().render(lang).rstrip(".")
        return text[:1].lower() + text[1:]


class Report:
    """Collect the problems of one file, each at the line of its key."""

    def __init__(self, front: FrontMatter, path: str):
        self.front, self.path = front, path
        self.problems: list[Problem] = []

    def error(self, key_path: tuple, message: Message, level: str = ERROR) -> None:
        """Record a problem with the key at ``key_path``."""
        self.problems.append(
            Problem(
                self.path,
                self.front.line(*key_path),
                field_label(key_path),
                message,
                level,
            )
        )


def check_post(
    front: FrontMatter, path: str, settings: dict | None = None, page: bool = False
) -> tuple[dict[str, Any], list[Problem]]:
    """Validate ``front`` and return the normalised post fields and the problems.

    ``page`` is for files under the page paths, which have no date or facts.
    """
    report = Report(front, path)
    report.problems += front.problems
    data = front.data
    timezone = (settings or {}).get("TIMEZONE", "Asia/Ho_Chi_Minh")
    for key_path, line in front.duplicates:
        first = front.lines.get(key_path)
        report.problems.append(
            Problem(
                path,
                line,
                field_label(key_path),
                Message(
                    "this key is given twice (first on line %(first)s): keep one",
                    first=first,
                ),
            )
        )
    lang = data.get("lang", "vi")
    if lang not in ("vi", "en"):
        lang = "vi"  # reported by the walk
    _check_keys(report, data, keys_for(lang, page), (), "page" if page else lang)
    post: dict[str, Any] = {"lang": lang}
    post["title"] = _plain(data.get("title"))
    post["status"] = data.get("status") or "published"
    if post["status"] not in ("published", "draft"):
        post["status"] = "published"
    post["date"] = _publication_date(report, data, timezone) if "date" in data else None
    slug = _plain(data.get("slug"))
    if slug and slug != slugify(slug):
        report.error(
            ("slug",),
            Message(
                "%(slug)s is not a slug (lower-case ASCII words joined by hyphens): "
                "%(advice)s",
                slug=shown(slug),
                advice=_slug_advice(slug, post["title"], path),
            ),
        )
    post["slug"] = slug or file_slug(path)
    if not post["slug"]:
        report.error(
            ("slug",),
            Message(
                "the file name gives no slug: rename the file to its address "
                "(giao-ban-quan-doan-2022.md) or add a line 'slug: …' (ASCII words)"
            ),
        )
    for name in ("summary", "signature"):
        post[name] = _plain(data.get(name))
    post["tags"] = _names(data.get("tags"))
    post["featured"] = data.get("featured") is True
    return post, report.problems


def file_slug(path: str) -> str:
    """Return the slug a post's file name gives: ``{slug}.md`` or ``{slug}.en.md``.

    The original and its translation share a file name, so they always pair;
    the title never gives a slug (a retitled post would move).
    """
    name = path.replace("\\", "/").rsplit("/", 1)[-1]
    stem = name.rsplit(".", 1)[0] if "." in name else name
    for suffix in (".en", ".vi"):
        stem = stem.removesuffix(suffix)
    return slugify(stem)


def _slug_advice(slug: str, title: str | None, path: str) -> Message:
    """Suggest a valid slug: from the slug itself, else the title or file name.

    ".", ".." or "/" have no letters to keep, and a slug must name a folder.
    """
    for source in (slug, file_slug(path), title or ""):
        candidate = slugify(source)
        if candidate:
            return Message("write %(slug)s", slug=shown(candidate))
    return Message("write words such as giao-ban-quan-doan-2022")


def _plain(value: Any) -> str | None:
    """Return a scalar as stripped text, or None when absent or not text."""
    if value is None or isinstance(value, (bool, dict, list)):
        return None
    return str(value).strip() or None


def _names(value: Any) -> list[str]:
    """Return a names value (a list or a single text) as a list of texts."""
    if isinstance(value, list):
        return [t for t in (_plain(v) for v in value) if t]
    text = _plain(value)
    return [text] if text else []


def _publication_date(report: Report, data: dict, timezone: str):
    """Return the parsed publication date (problems are reported by the walk)."""
    try:
        return parse_datetime(data["date"], tz=timezone)
    except DateParseError:
        return None


def _check_keys(
    report: Report, data: dict, keys: tuple[Key, ...], where: tuple, lang: str
) -> None:
    """Check a mapping against ``keys``: unknown, missing and malformed values."""
    known = tuple(k.name for k in keys)
    for name in data:
        if name in known:
            continue
        if not where and lang == "en" and name in ORIGINAL_ONLY:
            report.error(
                (name,),
                Message(
                    "a translation carries only its title, summary, body and the "
                    "English of roles, captions, groups and tags: this fact comes "
                    "from the Vietnamese original; remove it here"
                ),
            )
        else:
            report.error(
                (*where, str(name)),
                Message(
                    "unknown key%(hint)s",
                    hint=suggest(str(name), known) or _known_list(known),
                ),
            )
    for key in keys:
        value = data.get(key.name)
        if value is None or (isinstance(value, str) and not value.strip()):
            if key.required:
                _missing(report, data, key, where)
            elif key.name in data and key.kind not in (NAMES, ITEMS):
                report.error(
                    (*where, key.name),
                    Message("is empty: %(help)s", help=HelpText(key.help)),
                )
            continue
        _check_value(report, key, value, (*where, key.name), lang)


def _known_list(known: tuple[str, ...]) -> Message:
    """Return the list of known keys, for an unknown key without a close match."""
    return Message(": the keys here are %(keys)s", keys=", ".join(known))


def _missing(report: Report, data: dict, key: Key, where: tuple) -> None:
    """Report a required key that is absent or empty."""
    present = key.name in data
    help_text = HelpText(key.help)
    report.error(
        (*where, key.name),
        Message("is empty: write %(help)s", help=help_text)
        if present
        else Message(
            "is required: add '%(key)s: …' (%(help)s)", key=key.name, help=help_text
        ),
    )


def _check_value(report: Report, key: Key, value: Any, at: tuple, lang: str) -> None:
    """Check one value according to its key's kind."""
    kind = key.kind
    if kind == TEXT:
        _check_text(report, value, at)
    elif kind == DATE:
        try:
            parse_datetime(value)
        except DateParseError as error:
            report.error(at, date_message(error))
    elif kind == TIME:
        try:
            parse_event_time(value)
        except DateParseError as error:
            report.error(at, date_message(error))
    elif kind == CHOICE:
        if value not in key.choices:
            report.error(
                at,
                Message(
                    "unknown value %(value)s%(hint)s (use %(choices)s)",
                    value=shown(value),
                    hint=suggest(str(value), key.choices),
                    choices=one_of(key.choices),
                ),
            )
    elif kind == FLAG:
        if not isinstance(value, bool):
            report.error(
                at, Message("must be true or false, not %(value)s", value=shown(value))
            )
    elif kind == COUNT:
        if not isinstance(value, int) or isinstance(value, bool) or value < 1:
            report.error(at, count_problem(value))
    elif kind == NAMES:
        _check_names(report, value, at)
    elif kind == BLOCK:
        if isinstance(value, dict):
            _check_keys(report, value, key.keys, at, lang)
        else:
            report.error(
                at,
                Message(
                    "must be a block of lines (%(keys)s), not %(value)s",
                    keys=", ".join(k.name for k in key.keys),
                    value=shown(value),
                ),
            )
    elif kind == ITEMS:
        _check_items(report, key, value, at, lang)
    elif kind == KEYED:
        _check_keyed(report, key, value, at)


_APPROX_WORDS = {
    "hon": "over",
    "tren": "over",
    "gan": "under",
    "duoi": "under",
    "khoang": "about",
    "chung": "about",
    "xap xi": "about",
    "more than": "over",
    "over": "over",
    "nearly": "under",
    "almost": "under",
    "under": "under",
    "about": "about",
    "around": "about",
}
_COUNT_TEXT_RE = re.compile(
    r"^\s*(?P<word>[^\d]*?)\s*(?P<number>\d{1,3}(?:[.,\s]\d{3})+|\d+)\b"
)


def count_problem(value: Any) -> Message:
    """Say why ``value`` is not a count, and what to write instead.

    A leading zero ("06") is refused rather than read as 6: YAML 1.1 tools
    read "010" as 8, and a stray zero is as often a typo as a habit.
    """
    plain = Message(
        "must be a positive whole number, not %(value)s", value=shown(value)
    )
    if not isinstance(value, str):
        return plain
    match = _COUNT_TEXT_RE.match(value)
    if match is None:
        return plain
    digits = re.sub(r"[.,\s]", "", match["number"])
    word = fold_diacritics(match["word"]).casefold().strip()
    rest = value[match.end() :].strip()
    approx = _APPROX_WORDS.get(word)
    if not word and not rest and value.strip().startswith("0") and int(digits) > 0:
        return Message(
            "%(value)s starts with a zero: write %(count)s (a count is written "
            "without leading zeros)",
            value=shown(value),
            count=int(digits),
        )
    if not word and not rest and digits != match["number"] and int(digits) > 0:
        if "." in value:
            return Message(
                "%(value)s is read as a decimal number: write %(count)s, without "
                "the thousands separator",
                value=shown(value),
                count=int(digits),
            )
        return Message(
            "%(value)s is not a number: write %(count)s, without the thousands "
            "separator",
            value=shown(value),
            count=int(digits),
        )
    if approx and int(digits) > 0:
        return Message(
            "%(value)s is not a number: write 'count: %(count)s' and "
            "'approx: %(approx)s' on the next line",
            value=shown(value),
            count=int(digits),
            approx=approx,
        )
    return plain


def _check_text(report: Report, value: Any, at: tuple) -> None:
    """Check a plain-text value: a scalar, with no markup nor control (plain_text)."""
    if isinstance(value, (dict, list, bool)):
        report.error(at, Message("must be text, not %(value)s", value=shown(value)))
    elif isinstance(value, str):
        problem = text_problem(
            value,
            Message("the front matter"),
            Message(" (formatting belongs in the body)"),
        )
        if problem:
            report.error(at, problem)


def _check_names(report: Report, value: Any, at: tuple) -> None:
    """Check a list of names (a single name is accepted too)."""
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        _check_text(report, value, at)
        return
    if not isinstance(value, list):
        report.error(
            at,
            Message(
                "must be a list such as [first, second], not %(value)s",
                value=shown(value),
            ),
        )
        return
    for index, item in enumerate(value):
        if _plain(item) is None:
            report.error(
                (*at, index),
                Message("must be a name, not %(value)s", value=shown(item)),
            )
        else:
            _check_text(report, item, (*at, index))


def _check_items(report: Report, key: Key, value: Any, at: tuple, lang: str) -> None:
    """Check a list of entries, each a block of the key's sub-keys."""
    first = key.keys[0].name
    if not isinstance(value, list):
        report.error(
            at,
            Message(
                "must be a list of entries, each starting '- %(first)s: …'",
                first=first,
            ),
        )
        return
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            report.error(
                (*at, index),
                Message(
                    "each entry is a block of lines starting '- %(first)s: …', "
                    "not %(value)s",
                    first=first,
                    value=shown(item),
                ),
            )
            continue
        _check_keys(report, item, key.keys, (*at, index), lang)


# What a keyed map's keys look like, for messages.
_KEYED_EXAMPLES = {
    "roles": "phan-le-huy-hoang",
    "captions": "photos/2020/giao-ban-1.jpg",
    "groups": "Thường trực cơ sở Đoàn",
    "tags": "giao ban",
}


def _check_keyed(report: Report, key: Key, value: Any, at: tuple) -> None:
    """Check a map of what is translated (a key, a name, a text) to its English."""
    example = _KEYED_EXAMPLES.get(key.name, "…")
    if not isinstance(value, dict):
        report.error(
            at,
            Message(
                "must map each original text to its English, one per line: "
                "'%(example)s: …', not %(value)s",
                example=example,
                value=shown(value),
            ),
        )
        return
    for original, text in value.items():
        where = (*at, str(original))
        empty = isinstance(original, bool) or _plain(original) is None
        if empty or (isinstance(original, int) and original < 1):
            report.error(
                where,
                Message(
                    "%(value)s names nothing: '%(example)s: …'",
                    value=shown(original),
                    example=example,
                ),
            )
        elif _plain(text) is None:
            report.error(
                where, Message("must be a text, not %(value)s", value=shown(text))
            )
        else:
            _check_text(report, text, where)
