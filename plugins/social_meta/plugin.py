"""Give the templates absolute URLs, OpenGraph locales and an article's JSON-LD."""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup
from pelican import signals

from bilingual.attendance import group_description
from newsroom.i18n import site_name
from newsroom.post import news_of
from newsroom.settings import add_to_templates

from .jsonld import news_article_data, script_json
from .settings import SETTINGS

#: Where ``make serve`` publishes the site: the last resort for absolute URLs.
DEV_SITEURL = "http://127.0.0.1:8000"

#: OpenGraph locales by page language.
OG_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def setting(context, name: str):
    """Return a SOCIAL_META_* setting from the template context or its default."""
    return SETTINGS.get(context, name)


def site_origin(context) -> str:
    """Return the absolute URL of the site root, without a trailing slash."""
    siteurl = context.get("SITEURL", "") or ""
    if siteurl.startswith(("http://", "https://")):
        return siteurl.rstrip("/")
    fallback = (
        setting(context, "SOCIAL_META_SITEURL")
        or context.get("BILINGUAL_FALLBACK_SITEURL")
        or DEV_SITEURL
    )
    return fallback.rstrip("/")


@pass_context
def absolute_url(context, url: str) -> str:
    """Return the absolute URL of a site-relative ``url`` ("2020/12/x/")."""
    if url.startswith(("http://", "https://")):
        return url
    return f"{site_origin(context)}/{url.lstrip('/')}"


def og_locale(lang: str) -> str:
    """Return the OpenGraph locale of a page language ("vi" → "vi_VN")."""
    return OG_LOCALES.get(lang, lang)


@pass_context
def share_image(context, content=None) -> dict:
    """Return the sharing image of a page (url, width, height, alt or None).

    The post's or page's ``news.og_image`` (its first photo, or the photos
    plugin's site card), else the theme's default card.
    """
    news = news_of(content)
    own = news.og_image if news is not None else None
    if own:
        photos = news.photos
        alt = photos[0].alt if photos and photos[0].alt else None
        return {
            "url": absolute_url(context, own),
            "width": 1200,
            "height": 630,
            "alt": alt,
        }
    width, height = setting(context, "SOCIAL_META_DEFAULT_IMAGE_SIZE")
    url = absolute_url(context, setting(context, "SOCIAL_META_DEFAULT_IMAGE"))
    return {"url": url, "width": width, "height": height, "alt": None}


def _page_finder(context, name: str, lang: str):
    """Return key → absolute URL of a unit's or person's page, or None if it has none.

    The unit and people pages plugins provide ``unit_url`` and ``person_url``
    template globals; without them no URL is given.
    """
    find = context.get(name)

    def url(key: str) -> str | None:
        relative = find(key, lang) if callable(find) else ""
        return absolute_url(context, relative) if relative else None

    return url


@pass_context
def article_jsonld(context, article, lang: str, description: str) -> Markup:
    """Return the NewsArticle JSON-LD of ``article`` for a script element."""
    width, height = setting(context, "SOCIAL_META_LOGO_SIZE")
    publisher = {
        "@type": "Organization",
        "name": site_name(context, lang),
        "url": absolute_url(context, "en/" if lang == "en" else ""),
        "logo": {
            "@type": "ImageObject",
            "url": absolute_url(context, setting(context, "SOCIAL_META_LOGO")),
            "width": width,
            "height": height,
        },
    }
    unit_page = _page_finder(context, "unit_url", lang)
    person_page = _page_finder(context, "person_url", lang)
    data = news_article_data(
        article,
        lang=lang,
        url=absolute_url(context, article.url),
        description=description,
        image=share_image(context, article)["url"],
        publisher=publisher,
        author=context.get("AUTHOR") or publisher["name"],
        unit_url=unit_page,
        person_url=person_page,
        describe_group=group_description(context.get("BILINGUAL_CATALOGUE_PATH"), lang),
    )
    return script_json(data)


def install(pelican) -> None:
    """Add the helpers to the templates' globals."""
    SETTINGS.check(pelican.settings)
    add_to_templates(
        pelican.settings,
        globals={
            "absolute_url": absolute_url,
            "og_locale": og_locale,
            "share_image": share_image,
            "article_jsonld": article_jsonld,
        },
    )


def register() -> None:
    """Connect the sharing metadata to Pelican's signals."""
    signals.initialized.connect(install)
