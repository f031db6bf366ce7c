"""Pelican settings for the production build (``make publish``)."""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: F403

SITEURL = os.environ.get("SITEURL", "https://tintuc.doanthanhnien.example")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
# Drafts are never written in a published site.
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
