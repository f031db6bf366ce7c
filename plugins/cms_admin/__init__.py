"""The web editor at /admin/: Decap CMS, configured from the content model."""

from .config import cms_config
from .plugin import register

__all__ = ["cms_config", "register"]
