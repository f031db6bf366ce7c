"""Template helpers: gettext, dates and URLs that follow the page's language."""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup, escape

from vietnamese import format_date, format_event_date, iso_with_offset

from .alternates import join_url, other_language, page_alternates
from .catalogue import translate


def page_language(context) -> str:
    """Return the language of the page being rendered."""
    if context.get("page_lang"):
        return context["page_lang"]
    for name in ("article", "page"):
        content = context.get(name)
        if content is not None and getattr(content, "lang", None):
            return content.lang
    return context.get("DEFAULT_LANG", "vi")


@pass_context
def gettext(context, message: str, **variables) -> str:
    """Translate a UI string into the page's language, filling named placeholders."""
    text = translate(
        context["BILINGUAL_CATALOGUE_PATH"], page_language(context), message
    )
    if variables:
        escaped = {k: escape(v) for k, v in variables.items()}
        return Markup(escape(text) % escaped)
    return text


@pass_context
def long_date(context, value) -> str:
    """Format a date as the page's readers write it ("Thứ Sáu, 18/12/2020")."""
    return format_date(value, page_language(context), "long")


@pass_context
def short_date(context, value) -> str:
    """Format a date without the weekday ("18/12/2020", "18 December 2020")."""
    return format_date(value, page_language(context), "short")


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


def install(settings: dict) -> None:
    """Add our globals and filters to the Jinja environment settings."""
    settings.setdefault("JINJA_GLOBALS", {}).update(
        {
            "_": gettext,
            "page_alternates": alternates,
            "other_language": other_language,
            "feed_url": feed_url,
        }
    )
    settings.setdefault("JINJA_FILTERS", {}).update(
        {
            "long_date": long_date,
            "short_date": short_date,
            "event_date": event_date,
            "isoformat": iso_with_offset,
            "site_url": site_url,
        }
    )
