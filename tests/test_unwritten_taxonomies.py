"""Pelican's tag, category and author groups are not worked through when the
site writes no page and no feed for them (#22).

Pelican's ``generate_tags``, ``generate_categories`` and ``generate_authors``
filter every post for each group with list membership, quadratic in the posts,
even when ``*_SAVE_AS`` is empty. The tests' site is built in this process;
a receiver of ``article_writer_finalized`` (sent after ``generate_output``)
sees which groups the generator still held while it wrote, and the template
context must keep them all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pelican import Pelican, signals

from fast_build.unwritten_taxonomies import unwritten_group_kinds
from tests.sitebuild import serial_settings


def _build_and_watch(root, **settings) -> tuple[dict, dict, object]:
    """Build the tests' site here; return the groups while writing, the
    context's groups, and the output folder."""
    site_settings = {**serial_settings(root), **settings}
    while_writing: dict = {}
    in_context: dict = {}

    def watch(generator, writer) -> None:
        del writer
        for name in ("tags", "categories", "authors"):
            while_writing[name] = len(getattr(generator, name))
            in_context[name] = len(generator.context[name])

    signals.article_writer_finalized.connect(watch)
    try:
        Pelican(site_settings).run()
    finally:
        signals.article_writer_finalized.disconnect(watch)
    return while_writing, in_context, site_settings["OUTPUT_PATH"]


def test_groups_the_site_never_writes_are_not_worked_through(tmp_path):
    while_writing, in_context, _ = _build_and_watch(tmp_path)

    assert while_writing == {"tags": 0, "categories": 0, "authors": 0}
    # The posts have tags and the site's author: templates still see them.
    assert in_context["tags"] > 0 and in_context["authors"] > 0, in_context


def test_a_group_with_a_feed_keeps_its_posts_and_writes_it(tmp_path):
    while_writing, in_context, output = _build_and_watch(
        tmp_path, TAG_FEED_ATOM="feeds/tag-{slug}.atom.xml"
    )

    assert while_writing["tags"] == in_context["tags"] > 0
    assert while_writing["categories"] == while_writing["authors"] == 0
    feeds = list((Path(output) / "feeds").glob("tag-*.atom.xml"))
    assert len(feeds) == in_context["tags"]


@pytest.mark.parametrize(
    ("settings", "expected"),
    [
        ({}, ["tags", "categories", "authors"]),
        ({"TAG_SAVE_AS": "tag/{slug}.html"}, ["categories", "authors"]),
        ({"CATEGORY_FEED_RSS": "c/{slug}.xml"}, ["tags", "authors"]),
        ({"AUTHOR_FEED_ATOM": "a/{slug}.xml", "TAG_FEED_RSS": "t.xml"}, ["categories"]),
    ],
)
def test_a_group_kind_is_unwritten_only_without_pages_and_feeds(settings, expected):
    assert unwritten_group_kinds(settings) == expected
