"""Bundle the theme's component stylesheets into one minified, fingerprinted file."""

from .css import bundle_css, css_sources, minify_css
from .plugin import register

__all__ = ["bundle_css", "css_sources", "minify_css", "register"]
