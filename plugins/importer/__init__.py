"""Import archived Facebook and web posts as structured draft posts, inventing nothing.

A library and a command line (``python -m importer``), not a Pelican plugin:
``sources`` reads the inputs, ``cleaning`` drops the chrome, ``extract`` finds
the facts with their evidence, ``drafts`` writes drafts, a report and proposals,
``evaluate`` measures precision and recall on a labelled set.
"""

from .extract import Extraction, extract
from .sources import SourcePost, read_source

__all__ = ["Extraction", "SourcePost", "extract", "read_source"]
