"""Wire fast_build into Pelican: caching reader, parallel writer, stage times.

List it LAST in ``PLUGINS``: its generator must run after every other
generator has asked for its pages, and its ``finalized`` receiver reports the
stage times after every other plugin's.
"""

from __future__ import annotations

import gc
import logging
import weakref

from pelican import signals
from pelican.generators import ArticlesGenerator, Generator
from pelican.log import console

from newsroom import incremental, timing
from newsroom.i18n import every_post
from newsroom.messages import Message

from . import (
    changes,
    frozen_urls,
    idle,
    kept_posts,
    memory,
    read_cache,
    unchanged,
    world,
)
from .file_lists import remember_file_lists
from .frozen_urls import freeze_new_content, freeze_urls
from .parallel_writer import DeferredWriter, forget_written, last_build
from .read_cache import CachingPostReader, finish_reading, prefetch
from .read_cache import release as release_posts
from .read_cache import save as save_posts
from .read_cache import write_pending as write_pending_posts
from .settings import DEFAULTS, get
from .translations import pair_translations, take_over
from .unchanged import forget as forget_unchanged
from .unchanged import start_build as start_skipping
from .unwritten_taxonomies import drop_unwritten_groups

logger = logging.getLogger(__name__)
_writers: weakref.WeakSet = weakref.WeakSet()
# True from the first page a build records until the build ends: still True
# when the next build starts, the last one failed part-way.
_rendering = [False]
_built = [False]  # a build of this process has finished


class FlushingWriter(DeferredWriter):
    """The deferred writer, known to the plugin so it can be flushed."""

    def __init__(self, output_path, settings=None):
        super().__init__(output_path, settings=settings)
        _writers.add(self)


class RenderPagesGenerator(Generator):
    """The last generator: render every page the others asked for."""

    def generate_context(self):
        """Nothing to read."""

    def generate_output(self, writer):
        """Render and write the recorded pages."""
        if isinstance(writer, DeferredWriter):
            writer.flush()
        timing.stop("render")  # what comes after (search, photos) has its own


def configure(pelican) -> None:
    """Fill default settings; take Pelican's pairing of translations over."""
    for name, value in DEFAULTS.items():
        pelican.settings.setdefault(name, value)
    take_over(pelican.settings)


def use_caching_reader(readers) -> None:
    """Read posts through the cache (after content_model set its reader)."""
    readers.reader_classes["md"] = CachingPostReader


def start_reading(generator) -> None:
    """Start the read stage's clock; let the previous build's posts go."""
    idle.cancel()
    # survivors of the last collection stay frozen
    memory.start_build(
        rebuild=_built[0] and incremental.builds_again(generator.settings)
    )
    changes.clear_current()  # until this build's are known: everything
    if _rendering[0]:  # the last build failed while writing: trust nothing of it
        forget_written()
        forget_unchanged()
        changes.forget()
        kept_posts.forget()
        _rendering[0] = False
    memory.forget_rendered_content()
    read_cache.start_build()
    frozen_urls.start_build()
    if incremental.builds_again(generator.settings):
        world.start_build(generator.settings)
    else:
        world.stop()
    kept_posts.start_build(generator)
    timing.start("read")


def fix_urls(generator) -> None:
    """Pair translations; fix every post's URL once dates and slugs are settled."""
    pair_translations(generator)  # before Pelican groups the posts by tag
    freeze_urls([generator])


def start_rendering(generators) -> None:
    """Stop the read clock, fix every URL (pages too), start the render clock."""
    timing.stop("read")
    finish_reading()
    release_posts(generators[0].settings)  # one-off build: saved, not kept to its end
    freeze_urls(generators)
    drop_unwritten_groups(generators)  # after every other plugin's receiver
    # What was read lives until the end of the build: keep the garbage
    # collector from walking it again and again, and from writing into its
    # pages once render processes share them.
    gc.freeze()
    memory.release_free_memory()
    settings = generators[0].settings
    stamp = start_skipping(settings)
    reader = next((g for g in generators if isinstance(g, ArticlesGenerator)), None)
    posts = every_post(reader) if reader else []
    changes.start_build(settings, posts, stamp)
    _rendering[0] = True
    timing.start("render")


def finish(pelican) -> None:
    """Flush anything left, then report the stage times."""
    for writer in list(_writers):
        writer.flush()
    save_posts(pelican.settings)
    changes.finish_build()
    kept_posts.finish_build()
    world.finish_build()
    memory.finish_build()
    _rendering[0] = False
    _built[0] = True
    if get(pelican.settings, "FAST_BUILD_SKIP_UNCHANGED"):
        console.print(
            str(
                Message(
                    "Rendered %(rendered)s pages; %(skipped)s unchanged since the last "
                    "build",
                    rendered=last_build["rendered"],
                    skipped=last_build["skipped"],
                )
            )
        )
        # Before the next edit: the builds' garbage if much gathered (the next
        # build's first need), then the posts on disk; after a long pause,
        # whatever garbage gathered.
        idle.when_idle(memory.collect_garbage_if_grown, write_pending_posts)
        idle.when_idle(
            memory.collect_garbage_after_long_pause, delay=idle.LONG_IDLE_SECONDS
        )
    timing.report_and_reset()


def get_writer(pelican):
    """Use the deferred, parallel writer."""
    del pelican
    return FlushingWriter


def get_generators(pelican):
    """Add the generator that renders every recorded page."""
    del pelican
    return RenderPagesGenerator


def register() -> None:
    """Connect fast_build to Pelican's signals."""
    incremental.install_skipper(unchanged)
    incremental.install_same_posts(kept_posts.same_post, kept_posts.kept)
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_caching_reader)
    signals.generator_init.connect(remember_file_lists)
    signals.article_generator_init.connect(start_reading)
    signals.article_generator_preread.connect(prefetch)
    signals.content_object_init.connect(freeze_new_content)
    signals.article_generator_pretaxonomy.connect(fix_urls)
    signals.page_generator_preread.connect(prefetch)
    signals.all_generators_finalized.connect(start_rendering)
    signals.get_writer.connect(get_writer)
    signals.get_generators.connect(get_generators)
    signals.finalized.connect(finish)
