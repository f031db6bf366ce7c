"""Pelican settings for the production build (``make publish``)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://tintuc.doanthanhnien.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts (posts and pages) are never written in a published site; nothing they
# use (photos, people, units) is published for them either.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
