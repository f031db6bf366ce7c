"""Write a directory page in one language, telling the templates its counterparts."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .settings import save_as


def write_page(
    generator: Any,
    writer: Any,
    template_name: str,
    urls: Mapping[str, str],
    lang: str,
    **variables: Any,
) -> None:
    """Render ``template_name`` to ``urls[lang]`` with ``page_lang`` and ``alternates``.

    ``urls`` maps every language to the site-relative URL of the same page in
    that language; it becomes ``alternates`` (the language switcher and hreflang
    read it) and ``counterpart_url`` (the other language's URL).
    """
    counterpart = next((url for code, url in urls.items() if code != lang), None)
    writer.write_file(
        save_as(urls[lang]),
        generator.get_template(template_name),
        generator.context,
        relative_urls=generator.settings.get("RELATIVE_URLS", False),
        page_lang=lang,
        alternates=dict(urls),
        counterpart_url=counterpart,
        page_url=urls[lang],
        **variables,
    )


def site_name(settings: Mapping[str, Any], lang: str) -> str:
    """Return the site's name in ``lang`` (SITENAME_EN for English)."""
    if lang == "en" and settings.get("SITENAME_EN"):
        return settings["SITENAME_EN"]
    return settings["SITENAME"]


def site_subtitle(settings: Mapping[str, Any], lang: str) -> str:
    """Return the site's subtitle in ``lang`` (SITESUBTITLE_EN for English)."""
    if lang == "en" and settings.get("SITESUBTITLE_EN"):
        return settings["SITESUBTITLE_EN"]
    return settings.get("SITESUBTITLE", "")
