"""Show the build's long stages: reading the posts, then writing the pages.

Pelican ends every build with its own summary line ("Done: Processed …
in 4.5 seconds"); these trackers only show progress on the way (no summary
of their own). Photos and the search index use ``track`` in their plugins.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article

from .settings import SETTINGS
from .tracker import Tracker, defaults


class BuildProgress:
    """The trackers of one build's stages (one build at a time)."""

    def __init__(self) -> None:
        self.reading: Tracker | None = None
        self.writing: Tracker | None = None

    def stop(self) -> None:
        """Close every stage still open (the end, or a failed build)."""
        for tracker in (self.reading, self.writing):
            if tracker is not None:
                tracker.__exit__(None, None, None)
        self.reading = self.writing = None


build = BuildProgress()


def configure(pelican) -> None:
    """Check the settings once and make them every tracker's defaults."""
    values = SETTINGS.check(pelican.settings)
    defaults.interval = float(values["PROGRESS_INTERVAL"])
    defaults.delay = float(values["PROGRESS_DELAY"])
    defaults.enabled = values["PROGRESS_ENABLED"]
    build.stop()


def start_reading(generator) -> None:
    """Count the post files Pelican is about to read."""
    build.stop()
    settings = generator.settings
    files = generator.get_files(
        settings["ARTICLE_PATHS"],
        exclude=settings["ARTICLE_EXCLUDES"],
        extensions=generator.readers.extensions,
    )
    build.reading = Tracker("Reading posts", len(files), "files").__enter__()


def post_read(content) -> None:
    """Count one more post read."""
    if build.reading is not None and isinstance(content, Article):
        build.reading.advance()


def stop_reading(_generator) -> None:
    """Close the reading stage once every post is read (``make check`` ends here)."""
    build.stop()


def start_writing(_generators) -> None:
    """Close the reading stage; count the pages written from now on."""
    build.stop()
    build.writing = Tracker("Writing pages", None, "pages").__enter__()


def page_written(_path, **_context) -> None:
    """Count one more page written."""
    if build.writing is not None:
        build.writing.advance()


def finish(_pelican) -> None:
    """Close the last stage once the build is done."""
    build.stop()


def register() -> None:
    """Connect the build's progress to Pelican's signals."""
    signals.initialized.connect(configure)
    signals.article_generator_init.connect(start_reading)
    signals.content_object_init.connect(post_read)
    signals.article_generator_finalized.connect(stop_reading)
    signals.all_generators_finalized.connect(start_writing)
    signals.content_written.connect(page_written)
    signals.finalized.connect(finish)
