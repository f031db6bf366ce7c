"""Build schema.org data for an article: a NewsArticle about an Event."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, time
from zoneinfo import ZoneInfo

from jinja2.utils import htmlsafe_json_dumps
from markupsafe import Markup

from vietnamese import SITE_TIMEZONE, iso_with_offset

#: Language codes as schema.org's ``inLanguage`` expects them (BCP 47).
LANGUAGE_TAGS = {"vi": "vi-VN", "en": "en-US"}

#: Returns the absolute URL of a unit's or person's page by key, or None.
UrlFor = Callable[[str], str | None]

#: Returns (audience type, name, "47 honoured") of an attendee group in a language.
DescribeGroup = Callable[[object], tuple[str, str, str]]


def _organization(name: str, url: str | None = None) -> dict:
    """Return a schema.org Organization."""
    data: dict = {"@type": "Organization", "name": name}
    if url:
        data["url"] = url
    return data


def _start(event) -> str:
    """Return the event's start: a date, or a date and time with +07:00."""
    when = event.time or ""
    if len(when) == 5 and when[2] == ":":
        clock = time(int(when[:2]), int(when[3:]))
        return iso_with_offset(
            datetime.combine(event.date, clock, tzinfo=ZoneInfo(SITE_TIMEZONE))
        )
    return event.date.isoformat()


def speaker_job_title(speaker, lang: str) -> str:
    """Return the speaker's role in ``lang`` (the Vietnamese role if untranslated)."""
    if lang == "en" and getattr(speaker, "role_en", None):
        return speaker.role_en
    return speaker.role


def event_data(
    article,
    lang: str,
    unit_url: UrlFor,
    description: str = "",
    describe_group: DescribeGroup | None = None,
) -> dict:
    """Return the schema.org Event an article reports.

    Each attendee group is an ``Audience``: its kind as ``audienceType``
    ("Honoured", "Delegates"), its name, and who and how many in words
    ("47 honoured", "more than 40 attendees") as ``description``.
    """
    event = article.news.event
    organizer = event.organizer
    units = list(article.news.units)
    host = organizer or (units[0] if units else None)
    place = event.place or (host.display_name(lang) if host else "")
    data: dict = {
        "@type": "Event",
        "name": article.title,
        "startDate": _start(event),
        "eventStatus": "https://schema.org/EventScheduled",
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": place, "address": place},
    }
    if description:
        data["description"] = description
    if host:
        data["organizer"] = _organization(host.display_name(lang), unit_url(host.key))
    if describe_group is not None and article.news.attendees:
        audiences = []
        for group in article.news.attendees:
            kind, name, counted = describe_group(group)
            audience = {"@type": "Audience", "audienceType": kind, "name": name}
            if counted:
                audience["description"] = counted
            audiences.append(audience)
        data["audience"] = audiences
    return data


def news_article_data(
    article,
    *,
    lang: str,
    url: str,
    description: str,
    image: str,
    publisher: dict,
    author: str,
    unit_url: UrlFor,
    person_url: UrlFor,
    describe_group: DescribeGroup | None = None,
) -> dict:
    """Return the NewsArticle for ``article``: its Event and the people it names.

    ``url``, ``image`` and the URLs ``unit_url``/``person_url`` return must be
    absolute; ``publisher`` is an Organization with a ``logo``.
    """
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": headline(article.title),
        "url": url,
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "datePublished": iso_with_offset(article.date),
        "dateModified": iso_with_offset(
            getattr(article, "modified", None) or article.date
        ),
        "inLanguage": LANGUAGE_TAGS.get(lang, lang),
        "description": description,
        "image": [image],
        "author": _organization(author),
        "publisher": publisher,
    }
    if article.news.event:
        data["about"] = event_data(article, lang, unit_url, description, describe_group)
    speakers = article.news.speakers
    if speakers:
        data["mentions"] = [
            {
                "@type": "Person",
                "name": speaker.person.name,
                "jobTitle": speaker_job_title(speaker, lang),
                **_url(person_url(speaker.person.key)),
                **(
                    {
                        "affiliation": _organization(
                            speaker.unit.display_name(lang), unit_url(speaker.unit.key)
                        )
                    }
                    if speaker.unit
                    else {}
                ),
            }
            for speaker in speakers
        ]
    return data


def _url(url: str | None) -> dict:
    """Return ``{"url": url}``, or nothing when there is no URL."""
    return {"url": url} if url else {}


def script_json(data: dict) -> Markup:
    """Serialise ``data`` for a ``<script type="application/ld+json">`` element.

    ``<``, ``>``, ``&`` and ``'`` are written as JSON escapes (``\\u003c``…) by
    Jinja's ``tojson`` serialiser: no text can close the element or open a comment.
    """
    return htmlsafe_json_dumps(data, ensure_ascii=False, separators=(",", ":"))


def headline(title: str, limit: int = 110) -> str:
    """Return the title as a headline of at most ``limit`` characters, cut at a word.

    A title is plain text (the front matter refuses markup): it is kept as written.
    """
    text = " ".join(title.split())
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:–-") + "…"
