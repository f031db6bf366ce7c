"""fast_build: parallel rendering gives the same site (a devserver re-renders
little: tests/test_fast_build_devserver.py)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.archive_sites import NO_SEARCH, parallel_build
from tests.archive_sites import archive as shared_archive
from tests.sitebuild import ROOT, build, copy_content


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    """A generated archive big enough to use every worker (read-only, shared)."""
    return shared_archive(tmp_path_factory)


@pytest.fixture
def content(archive, tmp_path) -> Path:
    """This test's own copy of the archive, free to edit."""
    copy = tmp_path / "content"
    shutil.copytree(archive, copy)
    return copy


def _first_original(content: Path) -> Path:
    """Return the first Vietnamese post (not a translation) of ``content``."""
    return next(
        p
        for p in sorted((content / "posts").rglob("*.md"))
        if not p.name.endswith(".en.md")
    )


def _files(folder: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(folder)): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_parallel_build_writes_the_same_site_as_a_serial_one(
    archive, tmp_path, tmp_path_factory
):
    # Two forked workers, many small batches (tests.archive_sites.PARALLEL),
    # no search index (Pagefind's file names vary by run): the session's
    # build, also compared with stock Pelican's (test_pelican_contracts.py).
    parallel, _ = parallel_build(tmp_path_factory)
    serial = build(
        archive,
        tmp_path / "serial",
        extra={"FAST_BUILD_WORKERS": "1", **NO_SEARCH},
    )
    assert parallel.returncode == 0, parallel.log
    assert serial.returncode == 0, serial.log
    parallel_files, serial_files = _files(parallel.output), _files(serial.output)
    assert len(parallel_files) > 100
    assert parallel_files.keys() == serial_files.keys()
    different = [n for n in parallel_files if parallel_files[n] != serial_files[n]]
    assert different == []
    feeds = [name for name in parallel_files if name.endswith(".atom.xml")]
    assert feeds
    assert all(
        b"<entry>" in parallel_files[name] or b"<entry " in parallel_files[name]
        for name in feeds
    )


def test_a_render_error_in_a_worker_fails_the_build(archive, tmp_path):
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    article = theme / "templates" / "article.html"
    article.write_text(
        article.read_text(encoding="utf-8").replace(
            "{% block main %}", "{% block main %}{{ article.no_such_thing() }}", 1
        ),
        encoding="utf-8",
    )
    result = build(
        archive,
        tmp_path / "out",
        extra={
            "THEME": json.dumps(str(theme)),
            "FAST_BUILD_WORKERS": "2",
            "FAST_BUILD_PARALLEL_MIN": "1",
        },
    )
    assert result.returncode != 0
    assert "no_such_thing" in result.log


def test_files_opened_outside_a_page_render_are_written_at_once(tmp_path):
    from pelican.settings import DEFAULT_CONFIG

    from fast_build.parallel_writer import DeferredWriter

    writer = DeferredWriter(str(tmp_path), settings=dict(DEFAULT_CONFIG))
    feed = tmp_path / "feed.atom.xml"
    with writer._open_w(str(feed), "utf-8") as handle:  # as write_feed does
        handle.write("<feed/>")
    assert feed.read_text(encoding="utf-8") == "<feed/>"


def test_a_new_process_reads_only_the_posts_that_changed(tmp_path):
    content = copy_content(tmp_path / "content")  # the reads are counted, not timed
    extra = {
        "CACHE_PATH": json.dumps(str(tmp_path / "cache")),
        "SEARCH_INDEX_ENABLED": "false",
        "FAST_BUILD_PARALLEL_MIN": "1000",  # read in this process: count reads
    }
    first = build(content, tmp_path / "out", extra=extra)
    assert first.returncode == 0, first.log
    assert (tmp_path / "cache" / "fast_build" / "posts.pickle").is_file()
    post = next(p for p in sorted((content / "posts").rglob("*.md")))
    post.write_text(post.read_text(encoding="utf-8") + "\nCâu mới.\n", encoding="utf-8")
    second = build(content, tmp_path / "out", extra=extra, verbose=True)
    assert second.returncode == 0, second.log
    total = len(list((content / "posts").rglob("*.md")))
    assert f"Read 1 posts from their files and {total - 1} from the cache" in (
        " ".join(second.log.split())
    )
    page = next(
        p
        for p in (tmp_path / "out").rglob("index.html")
        if "Câu mới." in p.read_text(encoding="utf-8")
    )
    assert page.is_file()


def test_frozen_urls_follow_a_date_the_content_model_settles_later():
    from pelican.contents import Article
    from pelican.settings import DEFAULT_CONFIG
    from pelican.utils import SafeDatetime

    from fast_build.frozen_urls import freeze_new_content, freeze_urls

    settings = {
        **DEFAULT_CONFIG,
        "ARTICLE_URL": "{date:%Y}/{date:%m}/{slug}/",
        "ARTICLE_SAVE_AS": "{date:%Y}/{date:%m}/{slug}/index.html",
        "ARTICLE_LANG_URL": "{lang}/{date:%Y}/{date:%m}/{slug}/",
        "ARTICLE_LANG_SAVE_AS": "{lang}/{date:%Y}/{date:%m}/{slug}/index.html",
        "DEFAULT_LANG": "vi",
    }

    def post(month: int) -> Article:
        metadata = {"title": "Tin", "slug": "tin", "lang": "en"}
        metadata["date"] = SafeDatetime(2020, month, 1)
        article = Article("<p>x</p>", metadata=metadata, settings=settings)
        freeze_new_content(article)  # as content_object_init does
        return article

    translation = post(11)
    assert translation.url == "en/2020/11/tin/"
    translation.date = SafeDatetime(2020, 12, 18)  # the original's date
    generator = type("Generator", (), {"settings": settings})()
    generator.translations = [translation]
    freeze_urls([generator])
    assert translation.url == "en/2020/12/tin/"
    assert translation.save_as == "en/2020/12/tin/index.html"
    assert post(12).url == "en/2020/12/tin/"  # from the memo, same answer


@pytest.mark.parametrize("devserver", [False, True])
def test_deferred_jobs_run_with_the_pages_or_at_once_in_devserver(tmp_path, devserver):
    from pelican.settings import DEFAULT_CONFIG

    from fast_build.parallel_writer import DeferredWriter

    settings = {
        **DEFAULT_CONFIG,
        "FAST_BUILD_SKIP_UNCHANGED": devserver,
        "FAST_BUILD_WORKERS": 1,
        "FAST_BUILD_BATCH": 1000,
        "FAST_BUILD_PARALLEL_MIN": 64,
    }
    writer = DeferredWriter(str(tmp_path), settings=settings)
    feed = tmp_path / "unit.atom.xml"
    writer.defer(lambda: feed.write_text("<feed/>", encoding="utf-8"))
    assert feed.exists() is devserver  # devserver: its bookkeeping is here
    writer.flush()
    assert feed.read_text(encoding="utf-8") == "<feed/>"


def test_a_broken_post_read_in_a_worker_is_reported_with_its_line(content, tmp_path):
    original = _first_original(content)
    broken = original.with_name("zz-broken.md")
    lines = original.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [
        "date: 2020-18-12\n" if line.startswith("date:") else line for line in lines
    ]
    broken.write_text(
        "".join(lines).replace("slug: ", "slug: zz-", 1), encoding="utf-8"
    )
    result = build(
        content,
        tmp_path / "out",
        extra={"FAST_BUILD_PARALLEL_MIN": "1", "SEARCH_INDEX_ENABLED": "false"},
    )
    assert result.returncode != 0
    shown = broken.relative_to(content).as_posix()
    assert f"{shown}:" in result.log
    assert "looks like year-day-month" in result.log


def test_idle_collection_frees_a_finished_builds_cycles_and_a_build_cancels_it():
    import gc
    import threading
    import weakref

    from fast_build import idle, memory

    class Post:
        pass

    def garbage_cycle():
        post, translation = Post(), Post()
        post.translation, translation.original = translation, post
        gc.freeze()  # as a build leaves what it read
        return weakref.ref(post)

    def settled() -> None:
        """Wait until every idle timer has run or been cancelled (no sleep that
        a loaded machine could outlast)."""
        for thread in threading.enumerate():
            if isinstance(thread, threading.Timer):
                thread.join(timeout=120)  # longer than any delay below

    was_enabled = gc.isenabled()
    gc.disable()  # only the idle collection may free it
    try:
        freed = garbage_cycle()
        idle.when_idle(memory.collect_garbage, delay=0.05)
        settled()
        assert freed() is None

        kept = garbage_cycle()
        # Far enough ahead that only a cancel that failed could let it run.
        idle.when_idle(memory.collect_garbage, delay=30)
        idle.cancel()  # the editor saved again: the build collects instead
        settled()
        assert kept() is not None
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def test_a_rebuild_keeps_what_survived_the_idle_collection_out_of_its_own():
    """After an idle collection, the next build's full collections do not walk
    the survivors again (frozen); a build that starts before the idle
    collection ran freezes the last build's garbage too (a full pass at that
    moment walks the whole heap), and the next idle collection frees it."""
    import gc
    import weakref

    from fast_build import memory

    class Post:
        pass

    def garbage_cycle():
        post, translation = Post(), Post()
        post.translation, translation.original = translation, post
        return weakref.ref(post)

    was_enabled = gc.isenabled()
    gc.disable()  # only the functions under test may collect
    try:
        memory.collect_garbage()  # idle, after a build
        survivors = garbage_cycle()  # made after it: not collected yet
        memory.start_build()
        assert gc.get_freeze_count() > 1000  # imports, memos: long-lived
        assert survivors() is not None  # an idle collection ran: no full pass
        gc.unfreeze()
        last_builds = garbage_cycle()
        memory.start_build()  # the next save came before the idle collection
        assert last_builds() is not None  # frozen: no pass of this build walks it
        assert gc.get_freeze_count() > 1000
        gc.collect()  # a pass during the build
        assert last_builds() is not None
        memory.collect_garbage()  # idle, after that build
        assert last_builds() is None
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def test_a_rebuild_lets_more_objects_come_before_each_collection():
    """A devserver rebuild makes millions of short-lived objects: its
    collector's first generation is larger, and Python's own comes back when
    the build ends; a first or one-off build keeps Python's."""
    import gc

    from fast_build import memory

    default = gc.get_threshold()
    try:
        memory.start_build()
        assert gc.get_threshold() == default
        memory.finish_build()
        memory.start_build(rebuild=True)
        assert gc.get_threshold() == (memory.REBUILD_FIRST_GENERATION, *default[1:])
        memory.start_build(rebuild=True)  # the last rebuild failed: not ended
        memory.finish_build()
        assert gc.get_threshold() == default
    finally:
        gc.unfreeze()
        gc.set_threshold(*default)


def test_what_survives_a_full_collection_during_a_build_is_frozen(tmp_path):
    """A build's heap only grows: the collector's full passes (each time it
    grew by a quarter) must not walk the posts again and again. Whatever
    survives a full pass during the build is frozen; after the build, the
    idle collection sees everything again."""
    import gc

    from pelican import Pelican, signals

    from tests.sitebuild import serial_settings

    frozen: list[tuple[int, int]] = []  # around a full pass in the build

    def collect_fully(content) -> None:  # as the collector would, now and then
        del content
        before = gc.get_freeze_count()
        survivors = [[n] for n in range(2000)]  # lists: always tracked
        gc.collect()
        frozen.append((before, gc.get_freeze_count()))
        del survivors

    signals.content_object_init.connect(collect_fully)
    try:
        Pelican(serial_settings(tmp_path)).run()
    finally:
        signals.content_object_init.disconnect(collect_fully)
        gc.unfreeze()
    assert frozen and all(after >= before + 2000 for before, after in frozen), frozen
    # Once the build ends, a full pass freezes nothing: idle collects all.
    gc.collect()
    assert gc.get_freeze_count() == 0


@pytest.mark.parametrize("budget, here", [(1, True), (0, False)])
def test_no_render_process_is_forked_past_the_memory_budget(
    tmp_path, monkeypatch, budget, here
):
    import os

    from pelican.settings import DEFAULT_CONFIG

    from fast_build.parallel_writer import DeferredWriter, PendingPage

    rendered_by: list[int] = []
    forks: list[int] = []
    fork = os.fork

    def counted_fork():
        forks.append(os.getpid())
        return fork()

    monkeypatch.setattr(os, "fork", counted_fork)

    class Template:
        def render(self, context):
            rendered_by.append(os.getpid())  # lost if a child renders it
            return "<p>trang</p>"

    settings = {
        **DEFAULT_CONFIG,
        "FAST_BUILD_WORKERS": 2,
        "FAST_BUILD_PARALLEL_MIN": 1,
        "FAST_BUILD_MEMORY_BUDGET": budget,  # MiB; 0 is no limit
    }
    writer = DeferredWriter(str(tmp_path), settings=settings)
    paths = [tmp_path / f"trang-{n}" / "index.html" for n in range(4)]
    writer._pending = [PendingPage(Template(), {}, path=str(p)) for p in paths]
    writer.flush()
    assert all(p.read_text(encoding="utf-8") == "<p>trang</p>" for p in paths)
    assert (forks == []) is here
    if here:
        assert rendered_by == [os.getpid()] * 4


def test_file_lists_are_remembered_until_a_folder_changes(tmp_path):
    """Pelican's ``get_files`` walks every file against every ignore pattern:
    the list is kept while no file was added, removed or renamed (folder
    times), and follows each such change."""
    import time
    from types import SimpleNamespace

    from pelican.generators import Generator

    from fast_build.file_lists import (
        file_list_counts,
        remember_file_lists,
        start_build,
    )

    class Lister(Generator):  # Pelican's own listing, without a generator's signals
        def __init__(self):  # no templates, no signals: the attributes it lists by
            pass

    content = tmp_path / "content"
    (content / "posts" / "2020").mkdir(parents=True)
    (content / "posts" / "2020" / "a.md").write_text("a", encoding="utf-8")
    (content / "posts" / "b.md").write_text("b", encoding="utf-8")
    (content / "posts" / ".#b.md").write_text("lock", encoding="utf-8")
    generator = Lister()
    generator.path = str(content)
    generator.settings = {"IGNORE_FILES": [".#*"]}
    generator.readers = SimpleNamespace(extensions=["md"])
    remember_file_lists(generator)

    def listed() -> set[str]:  # in a new build: the folders are looked at again
        start_build()
        return generator.get_files(["posts"])

    first = {"posts/2020/a.md", "posts/b.md"}
    assert listed() == first  # the editor's lock file is ignored
    walked = file_list_counts["walked"]
    time.sleep(0.01)
    (content / "posts" / "b.md").write_text("b, edited", encoding="utf-8")
    assert listed() == first
    assert file_list_counts["walked"] == walked  # remembered
    (content / "posts" / "2020" / "c.md").write_text("c", encoding="utf-8")
    assert listed() == first | {"posts/2020/c.md"}
    (content / "posts" / "b.md").unlink()
    assert listed() == {"posts/2020/a.md", "posts/2020/c.md"}
    (content / "posts" / "2021").mkdir()
    (content / "posts" / "2021" / "d.md").write_text("d", encoding="utf-8")
    assert "posts/2021/d.md" in listed()
    assert listed() is not listed()  # each caller gets its own set
    assert file_list_counts["walked"] == walked + 3


def test_a_remembered_file_list_is_in_the_order_of_the_first(tmp_path):
    """The parallel read reads posts in the order of the first list, Pelican
    then asks for them in the order of its own: both lists iterate alike, or
    Pelican waits for posts read last (a full build at 1,000 posts waited
    0.5 s more). A set's order depends on how it was made: lists of several
    sizes, each made as Pelican makes its own (one ``add`` per file)."""
    from types import SimpleNamespace

    from fast_build.file_lists import remember_file_lists, start_build

    class Lister:  # lists many names without a folder of that many files
        def __init__(self):
            self.path, self.settings = str(tmp_path), {}
            self.readers = SimpleNamespace(extensions=["md"])

        def get_files(self, paths, exclude=None, extensions=None):
            files = set()
            for number in range(int(paths[0])):
                files.add(f"posts/{number % 11 + 2015}/bai-{number}.md")
            return files

    for size in (1000, 3000, 5000, 8000, 10000, 13000, 17000, 20000):
        generator = Lister()
        remember_file_lists(generator)
        start_build()
        first = list(generator.get_files([str(size)]))  # walked
        assert len(first) == size
        assert list(generator.get_files([str(size)])) == first, size  # remembered


def test_a_short_pause_collects_only_once_much_garbage_gathered():
    """A full collection holds the interpreter (1.5 s at 10,000 posts): a
    second's pause runs it only once the frozen objects grew by
    ``IDLE_COLLECTION_GROWTH`` since the last (the first time: since the first
    build ended); a long pause runs it whatever gathered, and not again when
    nothing did."""
    import gc
    import weakref

    from fast_build import memory

    class Post:
        pass

    def garbage_cycles(count: int):
        refs = []
        for _ in range(count):
            post, translation = Post(), Post()
            post.translation, translation.original = translation, post
            refs.append(weakref.ref(post))
        gc.freeze()  # as a build leaves what it made
        return refs

    was_enabled = gc.isenabled()
    gc.disable()  # only the functions under test may collect
    try:
        assert memory.collect_garbage_if_grown(growth=0)  # nothing left after it
        few = garbage_cycles(10)
        assert not memory.collect_garbage_if_grown(growth=1000)
        assert all(ref() is not None for ref in few)
        many = garbage_cycles(1000)  # 2,000 objects and their dicts
        assert memory.collect_garbage_if_grown(growth=1000)
        assert all(ref() is None for ref in few + many)
        assert not memory.collect_garbage_after_long_pause()  # nothing since
        last = garbage_cycles(1)
        assert memory.collect_garbage_after_long_pause()
        assert last[0]() is None
    finally:
        gc.unfreeze()
        if was_enabled:
            gc.enable()


def test_a_one_off_build_holds_none_of_its_posts_for_same_post():
    """A build no other follows (``world.stop``: ``make html``) has nothing
    kept, so ``same_post`` is False at once and memoises nothing: a memo of
    its answers held every post to the build's end (19 MiB more at the peak of
    a 10,000-post build)."""
    import gc
    import weakref

    from fast_build import kept_posts, world

    class Post:
        source_path = "posts/2020/x.md"

    world.stop()
    post = Post()
    held = weakref.ref(post)
    assert kept_posts.same_post(post) is False
    del post
    gc.collect()
    assert held() is None
