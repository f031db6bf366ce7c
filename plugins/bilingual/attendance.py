"""Attendee counts as readers say them: "hơn 40", "more than 40", "47 honoured".

A group's ``count`` with its ``approx`` (over, under, about) and ``kind``
(present, delegates, honoured, admitted, guests) become words in the page's
language, for the event card, the JSON-LD and the search index. The words
are UI strings (``N_``), translated from the catalogues.
"""

from __future__ import annotations

from collections.abc import Callable

from babel.support import NullTranslations
from jinja2 import pass_context

from newsroom import build
from vietnamese import format_number

from .catalogue import N_, load_translations, po_path
from .templating import page_language

KINDS = ("present", "delegates", "honoured", "admitted", "guests")
_APPROX = {
    "over": N_("more than %(num)s"),
    "under": N_("nearly %(num)s"),
    "about": N_("about %(num)s"),
}
# "%(num)s" is the count with its approximation: "more than 40 attendees".
_ONE = {
    "present": N_("%(num)s attendee"),
    "delegates": N_("%(num)s delegate"),
    "honoured": N_("%(num)s honoured"),
    "admitted": N_("%(num)s admitted"),
    "guests": N_("%(num)s guest"),
}
_MANY = {
    "present": N_("%(num)s attendees"),
    "delegates": N_("%(num)s delegates"),
    "honoured": N_("%(num)s honoured"),
    "admitted": N_("%(num)s admitted"),
    "guests": N_("%(num)s guests"),
}
# Headings of the event card: who each list of groups is.
HEADINGS = {
    "present": N_("Attendees"),
    "delegates": N_("Delegates"),
    "honoured": N_("Honoured"),
    "admitted": N_("New members admitted"),
    "guests": N_("Invited guests"),
}

Gettext = Callable[[str], str]


def count_text(group, lang: str, gettext: Gettext) -> str:
    """Return a group's count as words: "hơn 40", "about 1,000"; "" without one."""
    if not group.count:
        return ""
    number = format_number(group.count, lang)
    approx = _APPROX.get(group.approx or "")
    return gettext(approx) % {"num": number} if approx else number


def attendance_text(group, lang: str, gettext: Gettext) -> str:
    """Return who and how many: "more than 40 attendees", "47 honoured"."""
    counted = count_text(group, lang, gettext)
    if not counted:
        return ""
    kind = group.kind if group.kind in KINDS else "present"
    exact_one = group.count == 1 and not group.approx
    return gettext((_ONE if exact_one else _MANY)[kind]) % {"num": counted}


def group_name(group, lang: str) -> str:
    """Return the group's name in ``lang`` (the Vietnamese text if untranslated)."""
    return (group.group_en or group.group) if lang == "en" else group.group


_loaded: dict[tuple[str, str], tuple[int, NullTranslations]] = {}


class _BuildCatalogues(dict):
    """The catalogues one build has looked at: (directory, language) -> them."""

    def __init__(self, state: object) -> None:
        super().__init__()


def _translations(directory: str, lang: str) -> NullTranslations:
    """Return ``lang``'s catalogue, looked at once per build.

    Templates ask for it with every attendee count (7,600 times at 1,000
    posts): during a build its ``.po`` is looked at the first time only,
    so an edited catalogue shows from the next build on.
    """
    if not build.started():
        return _current_translations(directory, lang)
    seen = build.current().section(_BuildCatalogues)
    found = seen.get((directory, lang))
    if found is None:
        found = seen[directory, lang] = _current_translations(directory, lang)
    return found


def _current_translations(directory: str, lang: str) -> NullTranslations:
    """Return ``lang``'s catalogue, read again only when its ``.po`` changed."""
    try:
        stamp = po_path(directory, lang).stat().st_mtime_ns
    except OSError:
        stamp = 0
    known = _loaded.get((directory, lang))
    if known is None or known[0] != stamp:
        known = _loaded[(directory, lang)] = (stamp, load_translations(directory, lang))
    return known[1]


def catalogue_gettext(directory: str | None, lang: str) -> Gettext:
    """Return gettext for ``lang`` from the site's catalogues (none: English ids)."""
    if directory is None:
        return lambda message: message
    return _translations(str(directory), lang).gettext


def group_description(
    directory: str | None, lang: str
) -> Callable[[object], tuple[str, str, str]]:
    """Return what JSON-LD says of a group: (kind heading, name, "47 honoured")."""
    gettext = catalogue_gettext(directory, lang)

    def describe(group) -> tuple[str, str, str]:
        heading = HEADINGS.get(group.kind, HEADINGS["present"])
        return (
            gettext(heading),
            group_name(group, lang),
            attendance_text(group, lang, gettext),
        )

    return describe


def _context_gettext(context) -> tuple[str, Gettext]:
    """Return the page's language and its gettext."""
    lang = page_language(context)
    return lang, catalogue_gettext(context["BILINGUAL_CATALOGUE_PATH"], lang)


@pass_context
def attendee_count(context, group) -> str:
    """Jinja global: a group's count as the page's readers say it ("hơn 40")."""
    lang, gettext = _context_gettext(context)
    return count_text(group, lang, gettext)


@pass_context
def attendee_heading(context, kind: str) -> str:
    """Jinja global: the heading of a kind of attendees in the page's language."""
    _, gettext = _context_gettext(context)
    return gettext(HEADINGS.get(kind, HEADINGS["present"]))
