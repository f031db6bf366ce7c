"""Compute each post's URL and output path once, when the content is final.

Pelican formats ``url`` and ``save_as`` from settings every time a template
asks (a copy of the metadata and a ``str.format`` per call): tens of
thousands of times in a build with unit and people lists. Once the content
model has resolved the posts (a translation takes its original's date then),
the values cannot change, so we store them with Pelican's own
``override_url`` and ``override_save_as``. Pages are fixed once every
generator has read its content.
"""

from __future__ import annotations


def freeze_urls(generators) -> int:
    """Give every content object fixed ``url`` and ``save_as``; return the count."""
    frozen = 0
    for generator in generators:
        for name in (
            "articles", "translations", "drafts", "drafts_translations",
            "hidden_articles", "hidden_translations", "pages", "hidden_pages",
            "draft_pages",
        ):  # fmt: skip
            for content in getattr(generator, name, None) or ():
                if not hasattr(content, "override_url"):
                    content.override_url = content.url
                if not hasattr(content, "override_save_as"):
                    content.override_save_as = content.save_as
                frozen += 1
    return frozen
