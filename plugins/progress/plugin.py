"""Show the build's long stages: reading the posts, then writing the pages.

Pelican ends every build with its own summary line ("Done: Processed …
in 4.5 seconds"); these trackers only show progress on the way (no summary
of their own). Photos and the search index use ``track`` in their plugins.
"""

from __future__ import annotations

from pelican import signals
from pelican.contents import Article

from newsroom import build
from newsroom.build import BuildState, content_files, current, started
from newsroom.messages import Message

from .done_line import translate_done_line
from .settings import SETTINGS
from .tracker import Tracker, defaults


class BuildProgress:
    """The trackers of one build's stages: the plugin's section of the build state."""

    def __init__(self, state: BuildState | None = None) -> None:
        del state
        self.reading: Tracker | None = None
        self.writing: Tracker | None = None

    def stop(self) -> None:
        """Close every stage still open (the end, or a failed build)."""
        for tracker in (self.reading, self.writing):
            if tracker is not None:
                tracker.__exit__(None, None, None)
        self.reading = self.writing = None

    close = stop  # the next build closes what a failed one left open


def progress() -> BuildProgress:
    """Return the trackers of the build in progress."""
    return current().section(BuildProgress)


def configure(pelican) -> None:
    """Check the settings once and make them every tracker's defaults; show
    Pelican's closing line in the writer's language."""
    from pelican.log import console

    translate_done_line(console)
    values = SETTINGS.check(pelican.settings)
    defaults.interval = float(values["PROGRESS_INTERVAL"])
    defaults.delay = float(values["PROGRESS_DELAY"])
    defaults.enabled = values["PROGRESS_ENABLED"]


def start_reading(generator) -> None:
    """Count the post files Pelican is about to read."""
    stages = progress()
    stages.stop()
    settings = generator.settings
    files = content_files(
        generator, settings["ARTICLE_PATHS"], settings["ARTICLE_EXCLUDES"]
    )
    stages.reading = Tracker(
        Message("Reading posts"), len(files), Message("files")
    ).__enter__()


def post_read(content) -> None:
    """Count one more post read (posts made outside a build are not counted)."""
    if not started() or not isinstance(content, Article):
        return
    reading = progress().reading
    if reading is not None:
        reading.advance()


def stop_reading(_generator) -> None:
    """Close the reading stage once every post is read (``make check`` ends here)."""
    progress().stop()


def start_writing(_generators) -> None:
    """Close the reading stage; count the pages written from now on."""
    stages = progress()
    stages.stop()
    writing = Tracker(Message("Writing pages"), None, Message("pages"))
    stages.writing = writing.__enter__()


def page_written(_path, **_context) -> None:
    """Count one more page written."""
    writing = progress().writing if started() else None
    if writing is not None:
        writing.advance()


def finish(_pelican) -> None:
    """Close the last stage once the build is done."""
    progress().stop()


def register() -> None:
    """Connect the build's progress to Pelican's signals."""
    build.connect()
    signals.initialized.connect(configure)
    signals.article_generator_init.connect(start_reading)
    signals.content_object_init.connect(post_read)
    signals.article_generator_finalized.connect(stop_reading)
    signals.all_generators_finalized.connect(start_writing)
    signals.content_written.connect(page_written)
    signals.finalized.connect(finish)
