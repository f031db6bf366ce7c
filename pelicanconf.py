"""Pelican settings for development builds (``make html``, ``make serve``)."""

import hashlib
import os
import sys
from pathlib import Path

from jinja2 import FileSystemBytecodeCache

HERE = Path(__file__).resolve().parent
# Our plugins import one another (and the shared ``vietnamese`` library) by name.
sys.path.insert(0, str(HERE / "plugins"))

from publishing.site import load_or_exit  # noqa: E402

# Names, owner unit, contact, social links, the admin flag and the public URL
# live in content/data/site.yml (SITE_CONTENT names another content folder);
# environment variables override it (see plugins/publishing/README.md).
_site = load_or_exit(Path(os.environ.get("SITE_CONTENT") or HERE / "content"))
globals().update(_site.pelican_settings())
SITEURL = ""
AUTHOR = "Ban Biên tập"

PATH = "content"
ARTICLE_PATHS = ["posts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = ["extra"]
EXTRA_PATH_METADATA = {
    "extra/robots.txt": {"path": "robots.txt"},
}
IGNORE_FILES = [".#*", "*~", "README.md"]

TIMEZONE = "Asia/Ho_Chi_Minh"
DEFAULT_LANG = "vi"
LOCALE = ("C.UTF-8", "C")  # dates are formatted by our own code, never the OS locale
DEFAULT_DATE_FORMAT = "%d/%m/%Y"

THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = [
    "progress",
    "content_model",
    "photos",
    "bilingual",
    "archives",
    "social_meta",
    "theme_assets",
    "unit_pages",
    "people_pages",
    "search_index",
    "writers_guide",
    "cms_admin",
    # fast_build must come after every plugin that asks for pages: it renders them.
    "fast_build",
    # output_manifest last: once everything is written, it removes what the
    # last build wrote and this one did not.
    "output_manifest",
]

# URLs: Vietnamese at the root, English under /en/.
ARTICLE_URL = "{date:%Y}/{date:%m}/{slug}/"
ARTICLE_SAVE_AS = "{date:%Y}/{date:%m}/{slug}/index.html"
ARTICLE_LANG_URL = "{lang}/{date:%Y}/{date:%m}/{slug}/"
ARTICLE_LANG_SAVE_AS = "{lang}/{date:%Y}/{date:%m}/{slug}/index.html"
ARTICLE_TRANSLATION_ID = "slug"
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_URL = "drafts/{slug}/"
DRAFT_SAVE_AS = "drafts/{slug}/index.html"
DRAFT_LANG_URL = "drafts/{lang}/{slug}/"
DRAFT_LANG_SAVE_AS = "drafts/{lang}/{slug}/index.html"

# Pages that later plugins own (units, people, tags, archives) replace
# Pelican's categories and authors, which this site does not use.
CATEGORY_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
TAG_SAVE_AS = ""
TAGS_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
USE_FOLDER_AS_CATEGORY = False
DEFAULT_CATEGORY = "tin-tuc"
DIRECT_TEMPLATES = ["index"]
DEFAULT_PAGINATION = 20
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{base_name}/trang/{number}/", "{base_name}/trang/{number}/index.html"),
)

FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None

MARKDOWN = {
    "extensions": ["markdown.extensions.extra", "markdown.extensions.sane_lists"],
    "extension_configs": {},
    "output_format": "html5",
}
SLUGIFY_SOURCE = "title"
RELATIVE_URLS = False
CACHE_CONTENT = False  # fast_build keeps posts in memory instead
FEED_MAX_ITEMS = 20
# Every {{ value }} is escaped once (the theme's templates are all HTML): front
# matter and registries are plain text, and only values built as HTML (sanitised
# bodies, cards, JSON-LD, translated strings with placeholders) are Markup. A plain
# True, not select_autoescape(): fast_build fingerprints settings by their repr,
# and a function's repr changes with every settings read.
_jinja_options = {
    "trim_blocks": True,
    "lstrip_blocks": True,
    # The bilingual plugin installs the catalogues (newstyle gettext and ngettext).
    "extensions": ["jinja2.ext.i18n"],
    "autoescape": True,
}
# Each build makes a new template environment, so checking templates for changes
# on every include (a file stat per use) is wasted work; compiled templates are
# kept so a build does not compile them again. Jinja finds them by name and source
# only, though escaping and whitespace are compiled in: the cache's file names
# carry the options, so changing one compiles every template afresh.
_compiled_as = hashlib.blake2b(repr(_jinja_options).encode(), digest_size=4).hexdigest()
JINJA_ENVIRONMENT = {
    **_jinja_options,
    "auto_reload": False,
    "bytecode_cache": FileSystemBytecodeCache(pattern=f"__jinja2_%s.{_compiled_as}"),
}
# The writers' guide (docs/huong-dan-viet-bai.md) at /huong-dan/ in development
# builds; publishconf.py leaves it out (plugins/writers_guide/README.md).
WRITERS_GUIDE_ENABLED = True
READERS = {"rst": None}  # posts are Markdown; docutils would only warn about "vi"

# The web editor at /admin/ (plugins/cms_admin): written by every development
# build; make publish writes it only when content/data/site.yml says admin: true.
CMS_ADMIN_ENABLED = True
