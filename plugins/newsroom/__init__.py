"""The newsroom core: what every plugin of this site shares.

Not a Pelican plugin of its own: a small library the capability plugins
(content_model, bilingual, unit_pages, people_pages, archives, photos,
search_index, social_meta) import, so that each shared idea is written once:
the typed post (``post``), the build state (``build``), writing a page in its
language with its alternates and pagination (``pages``), language helpers and
the site's texts per language (``i18n``), and settings checks (``settings``).
"""
