"""Pelican settings for the production build (``make publish``)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

# content/data/site.yml, key url (or the SITEURL environment variable); `make
# publish` refuses the placeholder a fresh clone ships with.
SITEURL = SITE_PUBLIC_URL  # noqa: F405
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts (posts and pages) are never written in a published site; nothing they
# use (photos, people, units) is published for them either.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
# The writers' guide is for the newsroom, not readers: True publishes it too.
WRITERS_GUIDE_ENABLED = False
# `make publish` then writes .br/.gz beside text files, and _headers, _redirects,
# .htaccess for the hosts (plugins/publishing/cdn.py).
PUBLISHING_PRECOMPRESS = True
PUBLISHING_HOST_FILES = True
# The web editor (/admin/) is published only when content/data/site.yml says
# `admin: true`; set the Git host it saves to here (README, "The web editor"):
# CMS_ADMIN_BACKEND = {"name": "github", "repo": "owner/site", "branch": "main"}
CMS_ADMIN_ENABLED = SITE_ADMIN  # noqa: F405
