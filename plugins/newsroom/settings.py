"""Check every plugin's settings one way: a table of names, defaults and checks.

Each plugin declares its settings once, as a ``SettingsTable`` of ``Setting``
rows (name, default, check). At start-up ``table.check(settings)`` fills in the
defaults and checks every value, so a bad one stops the build before anything
is read, with one message naming the key (and, inside a dict or list, the path
to the bad item) and the bad value, the way cfgv and the pelican-plugins do:

    UNIT_PAGES_URL['en'] = '/units/{key}/': expected a site-relative URL without a
    leading '/'

A check is a callable that takes a value and returns the value to use (often
the same), or raises ``Invalid`` saying what was expected; the small
combinators below cover what our plugins need.
"""

from __future__ import annotations

import copy
import logging
from collections.abc import Callable, Iterable, Mapping, MutableMapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any, ClassVar, Self

from .i18n import LANGUAGES  # per-language settings map both

__all__ = [
    "LANGUAGES",
    "DirectoryPagesSettings",
    "Invalid",
    "Setting",
    "SettingsError",
    "SettingsTable",
    "add_to_templates",
    "anything",
    "boolean",
    "directory_pages",
    "folder_inside_output",
    "names",
    "number",
    "pair_of_whole_numbers",
    "path_text",
    "per_language",
    "strings",
    "text",
    "url_pattern",
    "url_patterns",
    "whole_number",
]


logger = logging.getLogger(__name__)

Check = Callable[[Any], Any]


class SettingsError(ValueError):
    """A setting has a value the site cannot use; the message names key and value."""


class Invalid(ValueError):
    """Raised by a check: what was expected, and where inside the value."""

    def __init__(self, expected: str, at: tuple[Any, ...] = (), value: Any = None):
        super().__init__(expected)
        self.expected = expected
        self.at = at
        self.value = value

    def inside(self, key: Any, value: Any) -> Invalid:
        """Return this problem seen from the container holding it at ``key``."""
        inner = self.value if self.at else value
        return Invalid(self.expected, (key, *self.at), inner)


@dataclass(frozen=True)
class Setting:
    """One setting: its name, its default and the check its value must pass."""

    name: str
    default: Any
    check: Check | None = None


class SettingsTable:
    """A plugin's settings, declared once and checked once at start-up."""

    def __init__(self, *rows: Setting) -> None:
        self.rows = {row.name: row for row in rows}

    @property
    def defaults(self) -> dict[str, Any]:
        """Return ``{name: default}`` (the README's settings table)."""
        return {name: row.default for name, row in self.rows.items()}

    def get(self, settings: Mapping[str, Any], name: str) -> Any:
        """Return a setting's value as given, or its default (not checked)."""
        if name in settings:
            return settings[name]
        return copy.deepcopy(self.rows[name].default)

    def value(self, settings: Mapping[str, Any], name: str) -> Any:
        """Return a setting's checked value; raise SettingsError if it is bad."""
        row = self.rows[name]
        value = self.get(settings, name)
        if row.check is None:
            return value
        try:
            return row.check(value)
        except Invalid as problem:
            where = "".join(f"[{key!r}]" for key in problem.at)
            bad = problem.value if problem.at else value
            raise SettingsError(
                f"{name}{where} = {bad!r}: expected {problem.expected}"
            ) from None

    def values(self, settings: Mapping[str, Any]) -> dict[str, Any]:
        """Return every checked value; raise SettingsError at the first bad one."""
        return {name: self.value(settings, name) for name in self.rows}

    def fields(self, settings: Mapping[str, Any], prefix: str) -> dict[str, Any]:
        """Return every checked value by field name (``UNIT_PAGES_URL``: ``url``)."""
        return {
            name.removeprefix(prefix).lower(): value
            for name, value in self.values(settings).items()
        }

    def check(self, settings: MutableMapping[str, Any]) -> dict[str, Any]:
        """Fill in the missing settings with their defaults, then check them all."""
        for name in self.rows:
            if name not in settings:
                settings[name] = self.get(settings, name)
        return self.values(settings)


# --- checks ------------------------------------------------------------------


def anything(value: Any) -> Any:
    """Accept any value."""
    return value


def boolean(value: Any) -> bool:
    """Accept True or False."""
    if not isinstance(value, bool):
        raise Invalid("True or False")
    return value


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def whole_number(minimum: int = 1, maximum: int | None = None, unit: str = "") -> Check:
    """Accept a whole number from ``minimum`` (up to ``maximum``)."""
    span = f"from {minimum} up" if maximum is None else f"from {minimum} to {maximum}"
    expected = f"a whole number {span}" + (f" ({unit})" if unit else "")

    def check(value: Any) -> int:
        if not _is_int(value) or value < minimum:
            raise Invalid(expected)
        if maximum is not None and value > maximum:
            raise Invalid(expected)
        return value

    return check


def number(minimum: float = 0, unit: str = "") -> Check:
    """Accept an int or a float from ``minimum`` up."""
    expected = f"a number from {minimum} up" + (f" ({unit})" if unit else "")

    def check(value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(expected)
        if not value >= minimum:  # NaN too
            raise Invalid(expected)
        return value

    return check


def text(value: Any) -> str:
    """Accept a string (an empty one too)."""
    if not isinstance(value, str):
        raise Invalid("a string")
    return value


def path_text(value: Any) -> str:
    """Accept a non-empty path, relative or absolute."""
    if not isinstance(value, str) or not value.strip():
        raise Invalid("a path")
    return value


def folder_inside_output(example: str) -> Check:
    """Accept a relative folder without ``..``; return it without edge slashes."""
    expected = f"a folder inside the output, such as {example!r}"

    def check(value: Any) -> str:
        clean = value.replace("\\", "/").strip("/") if isinstance(value, str) else ""
        parts = PurePosixPath(clean).parts
        if not clean or any(part in ("..", ".") for part in parts):
            raise Invalid(expected)
        return "/".join(parts)

    return check


def names(value: Any) -> frozenset[str]:
    """Accept a collection of names (not one string); return them in lower case."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise Invalid("a set of names")
    items = list(value)
    if not all(isinstance(item, str) for item in items):
        raise Invalid("a set of names")
    return frozenset(item.lower() for item in items)


def strings(value: Any) -> tuple[str, ...]:
    """Accept a list of strings (not one string)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Iterable):
        raise Invalid("a list of strings")
    items = tuple(value)
    if not all(isinstance(item, str) for item in items):
        raise Invalid("a list of strings")
    return items


def pair_of_whole_numbers(value: Any) -> tuple[int, int]:
    """Accept a (width, height) pair of positive whole numbers."""
    if (
        isinstance(value, (str, bytes))
        or not isinstance(value, Iterable)
        or len(items := tuple(value)) != 2
        or not all(_is_int(item) and item > 0 for item in items)
    ):
        raise Invalid("a (width, height) pair of positive whole numbers")
    return items


def per_language(check: Check, expected: str = "") -> Check:
    """Accept a dict mapping each of the site's languages to a value ``check`` takes."""
    shape = f"a dict mapping each of {', '.join(map(repr, LANGUAGES))}"
    shape += f" to {expected}" if expected else " to a value"

    def check_each(value: Any) -> dict[str, Any]:
        if not isinstance(value, Mapping) or set(value) != set(LANGUAGES):
            raise Invalid(shape)
        checked = {}
        for lang in LANGUAGES:
            try:
                checked[lang] = check(value[lang])
            except Invalid as problem:
                raise problem.inside(lang, value[lang]) from None
        return checked

    return check_each


def url_pattern(*fields: str, folder: bool = False) -> Check:
    """Accept a site-relative URL pattern using exactly ``fields`` ({key}, …)."""
    wanted = ", ".join("{" + field + "}" for field in fields)

    def check(value: Any) -> str:
        if not isinstance(value, str) or value.startswith("/"):
            raise Invalid("a site-relative URL without a leading '/'")
        if folder and not value.endswith("/"):
            raise Invalid("a folder URL ending with '/'")
        try:
            value.format(**dict.fromkeys(fields, "x"))
        except (KeyError, IndexError, ValueError):
            raise Invalid(
                f"a URL using only {wanted}" if fields else "a URL without fields"
            ) from None
        missing = [field for field in fields if "{" + field + "}" not in value]
        if missing:
            raise Invalid(
                "a URL containing " + ", ".join("{" + f + "}" for f in missing)
            )
        return value

    return check


def url_patterns(*fields: str) -> Check:
    """Accept a site-relative URL pattern per language, using exactly ``fields``."""
    return per_language(url_pattern(*fields), "a site-relative URL pattern")


def directory_pages(
    prefix: str, url: dict[str, str], index_url: dict[str, str]
) -> tuple[Setting, ...]:
    """Return the rows of every directory of pages (units, people): a page per
    entry at ``{prefix}URL`` ({key}), their index at ``INDEX_URL``, lists of
    ``PER_PAGE`` posts whose page 2 onwards is at ``PAGE_URL``.

    URLs are site-relative, per language; pages are saved as URL + index.html.
    """
    return (
        Setting(f"{prefix}URL", url, url_patterns("key")),
        Setting(f"{prefix}INDEX_URL", index_url, url_patterns()),
        # Page 2 onwards of a paginated list, relative to the list's first page.
        Setting(
            f"{prefix}PAGE_URL",
            {"vi": "{url}trang/{number}/", "en": "{url}page/{number}/"},
            url_patterns("url", "number"),
        ),
        Setting(f"{prefix}PER_PAGE", 20, whole_number(1)),
    )


@dataclass(frozen=True)
class DirectoryPagesSettings:
    """The checked settings of a directory of pages (``directory_pages``'s rows);
    a plugin's subclass names its ``TABLE`` and ``PREFIX`` and adds its fields."""

    TABLE: ClassVar[SettingsTable]
    PREFIX: ClassVar[str]

    url: dict[str, str]
    index_url: dict[str, str]
    page_url: dict[str, str]
    per_page: int

    @classmethod
    def from_pelican(cls, settings: Mapping[str, Any]) -> Self:
        """Read and check the settings; raise SettingsError if one is bad."""
        return cls(**cls.TABLE.fields(settings, cls.PREFIX))


def add_to_templates(
    settings: MutableMapping[str, Any],
    globals: Mapping[str, Any] | None = None,
    filters: Mapping[str, Any] | None = None,
) -> None:
    """Give the templates helpers through Pelican's ``JINJA_GLOBALS`` and
    ``JINJA_FILTERS`` settings, beside what the site or other plugins gave."""
    for name, helpers in (("JINJA_GLOBALS", globals), ("JINJA_FILTERS", filters)):
        if helpers:
            settings.setdefault(name, {}).update(helpers)


def check_at_start(read: Callable[[Mapping[str, Any]], Any], settings: Mapping) -> Any:
    """Return ``read(settings)``; on a bad setting, log it and end the process.

    For ``initialized`` receivers: the message names the key and the value, so a
    traceback would only hide it.
    """
    try:
        return read(settings)
    except SettingsError as error:
        logger.critical("%s", error)
        raise SystemExit(1) from error
