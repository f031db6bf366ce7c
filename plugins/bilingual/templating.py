"""Template helpers: gettext (Jinja's i18n), dates and URLs in the page's language."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from babel.support import NullTranslations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup, escape

from newsroom.i18n import other_language, site_name, site_subtitle
from newsroom.settings import add_to_templates
from vietnamese import format_date, format_event_date, format_number, iso_with_offset

from .alternates import join_url, page_alternates
from .catalogue import load_translations


def context_value(context: Context, name: str, default: Any = None) -> Any:
    """Return ``context.get(name, default)`` without its three calls a lookup.

    The same resolution as Jinja's ``Context.resolve_or_missing``: the
    template's own variables first, then the parent (the page's context and
    globals). ``page_language`` runs about 160 times a page.
    """
    found = context.vars
    if name in found:
        return found[name]
    return context.parent.get(name, default)


def page_language(context) -> str:
    """Return the language of the page being rendered."""
    lang = context_value(context, "page_lang")
    if lang:
        return lang
    for name in ("article", "page"):
        content = context_value(context, name)
        if content is not None and getattr(content, "lang", None):
            return content.lang
    return context_value(context, "DEFAULT_LANG", "vi")


I18N_EXTENSION = "jinja2.ext.i18n"


def _safe(text: str) -> Markup:
    """Return translated text escaped, as Markup.

    Jinja's newstyle gettext then formats it with ``%``, which escapes every
    placeholder value, with autoescape on or off.
    """
    return Markup(escape(text))


def install_translations(env: Environment, directory: str) -> None:
    """Install newstyle gettext/ngettext in ``env``, in the page's language.

    The callables pick the catalogue of the page being rendered (``_`` stays
    the template name); each catalogue is loaded at its first use, once per
    generator and build, so an edited ``.po`` shows in the next build.
    """
    catalogues: dict[str, NullTranslations] = {}
    # A page asks for the same few dozen strings again and again (50,000 calls
    # for 300 posts): each is translated and escaped once per language.
    translated: dict[tuple[str, str], Markup] = {}

    def catalogue(context) -> NullTranslations:
        lang = page_language(context)
        if lang not in catalogues:
            catalogues[lang] = load_translations(directory, lang)
        return catalogues[lang]

    @pass_context
    def gettext(context, message: str) -> Markup:
        key = (page_language(context), message)
        found = translated.get(key)
        if found is None:
            found = translated[key] = _safe(catalogue(context).gettext(message))
        return found

    @pass_context
    def ngettext(context, singular: str, plural: str, number: int) -> Markup:
        return _safe(catalogue(context).ngettext(singular, plural, number))

    env.install_gettext_callables(gettext, ngettext, newstyle=True)

    # The strings formatted without placeholders ("%%" read as "%"), as Jinja's
    # newstyle gettext returns them.
    plain: dict[tuple[str, str], Markup] = {}

    @pass_context
    def newstyle_gettext(context, message: str, /, **variables) -> Markup:
        """Jinja's newstyle ``gettext`` (and ``_``) in one call, not three.

        Jinja's own wraps ``gettext`` above: ``_`` resolves ``gettext``, which
        calls ours, makes the result ``Markup`` and formats it with ``%`` (which
        escapes every value). Templates call ``_`` about 25 times a page, so the
        result without placeholders is kept too; the output is the same.
        """
        if variables:
            return gettext(context, message) % variables
        key = (page_language(context), message)
        found = plain.get(key)
        if found is None:
            found = plain[key] = gettext(context, message) % {}
        return found

    env.globals.update(gettext=newstyle_gettext, _=newstyle_gettext)


#: Dates formatted and kept: a post's date is printed on every list that shows
#: it (its units' and their parents' pages and years, people, topics), in
#: each language; lists are written unit by unit, so recent dates come back.
DATE_CACHE_SIZE = 8192


def _date_key(value) -> tuple:
    """Return what a date's text depends on: two aware datetimes of the same
    instant are equal (and hash alike) whatever their zone, so the zone, the
    fold and the type are part of the key."""
    zone = getattr(value, "tzinfo", None)
    return (type(value), value, zone, getattr(value, "fold", 0))


@lru_cache(maxsize=DATE_CACHE_SIZE)
def _formatted(key: tuple, lang: str, style: str) -> str:
    """Return ``format_date`` of the date in ``key`` (``_date_key``)."""
    return format_date(key[1], lang, style)


@lru_cache(maxsize=DATE_CACHE_SIZE)
def _iso(key: tuple) -> str:
    """Return ``iso_with_offset`` of the date in ``key`` (``_date_key``)."""
    return iso_with_offset(key[1])


def isoformat(value) -> str:
    """Return a date's ISO 8601 timestamp with its offset (``datetime=``)."""
    return _iso(_date_key(value))


@pass_context
def long_date(context, value) -> str:
    """Format a date as the page's readers write it ("Thứ Sáu, 18/12/2020")."""
    return _formatted(_date_key(value), page_language(context), "long")


@pass_context
def short_date(context, value) -> str:
    """Format a date without the weekday ("18/12/2020", "18 December 2020")."""
    return _formatted(_date_key(value), page_language(context), "short")


@pass_context
def number(context, value: float) -> str:
    """Group a number's digits as the page's readers do ("1.200", "1,200")."""
    return format_number(value, page_language(context))


@pass_context
def event_date(context, event) -> str:
    """Format an event's date with its time of day ("Sáng 18/12/2020")."""
    return format_event_date(event.date, event.time, page_language(context))


@pass_context
def alternates(context) -> dict[str, str]:
    """Return ``{lang: site-relative URL}`` of the page being rendered."""
    return page_alternates(context)


@pass_context
def site_url(context, url: str) -> str:
    """Make a site-relative URL root-relative, or absolute when SITEURL is set."""
    return join_url(context.get("SITEURL", ""), url)


@pass_context
def feed_url(context, lang: str) -> str:
    """Return the URL of the site-wide Atom feed in ``lang``."""
    return join_url(context.get("SITEURL", ""), context["BILINGUAL_FEEDS"][lang])


@pass_context
def site_name_in(context, lang: str) -> str:
    """Return the site's name in ``lang`` (``newsroom.i18n.site_name``)."""
    return site_name(context, lang)


@pass_context
def site_subtitle_in(context, lang: str) -> str:
    """Return the site's subtitle in ``lang`` (``newsroom.i18n.site_subtitle``)."""
    return site_subtitle(context, lang)


def install(settings: dict) -> None:
    """Add Jinja's i18n extension, our globals and filters to the settings."""
    environment = dict(settings.get("JINJA_ENVIRONMENT") or {})
    extensions = list(environment.get("extensions") or [])
    if I18N_EXTENSION not in extensions:
        extensions.append(I18N_EXTENSION)
    settings["JINJA_ENVIRONMENT"] = {**environment, "extensions": extensions}
    add_to_templates(
        settings,
        globals={
            "page_alternates": alternates,
            "other_language": other_language,
            "feed_url": feed_url,
            "site_name_in": site_name_in,
            "site_subtitle_in": site_subtitle_in,
        },
        filters={
            "long_date": long_date,
            "short_date": short_date,
            "event_date": event_date,
            "number": number,
            "isoformat": isoformat,
            "site_url": site_url,
        },
    )
