"""Work repeated on every page is done once per build (#22).

The tests' site is built in this process, in one render process, while a
profile hook counts the calls of a few functions whose repeats cost render
time on large archives: the picture macros' import (a ``{% from %}`` in a
per-post partial ran on every render of it), a date's formatting (a post's
date is printed on every list that shows it), a number's (the same counts
come back on many pages) and the test that drops a post's lede (asked by its
header and by its event card). Counts are
deterministic, unlike timings; the pages' bytes are the other tests' concern
(``tests/test_pelican_contracts.py``).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import babel.numbers
import jinja2
import pytest
from bs4 import BeautifulSoup
from pelican import Pelican

import newsroom.post
import vietnamese.dates
import vietnamese.numbers
from tests.sitebuild import serial_settings

#: The functions counted, by name.
COUNTED = {
    "import of a template's module": jinja2.Template._get_default_module,
    "format_date": vietnamese.dates.format_date,
    "repeats": newsroom.post.repeats,
    "format_number": vietnamese.numbers.format_number,
    "format_decimal": babel.numbers.format_decimal,
    "Jinja context": jinja2.runtime.new_context,
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> tuple[Counter, list[tuple[str, BeautifulSoup]]]:
    """Build the tests' site once, counting calls; return the counts and pages."""
    root = tmp_path_factory.mktemp("render-calls")
    output = root / "output"
    settings = serial_settings(root)  # one process: every call is counted here
    names = {function.__code__: name for name, function in COUNTED.items()}
    calls: Counter = Counter()
    numbers: set = set()  # the distinct (type, value, language) formatted
    contexts: Counter = Counter()  # Jinja contexts made, by template name

    def count(frame, event, arg) -> None:
        if event == "call":
            name = names.get(frame.f_code)
            if name is not None:
                calls[name] += 1
                if name == "format_number":
                    value = frame.f_locals["value"]
                    numbers.add((type(value), value, frame.f_locals["lang"]))
                elif name == "Jinja context":
                    contexts[frame.f_locals["template_name"]] += 1

    sys.setprofile(count)
    try:
        Pelican(settings).run()
    finally:
        sys.setprofile(None)
    calls["distinct numbers"] = len(numbers)
    calls.update({f"context of {name}": count for name, count in contexts.items()})
    pages = [
        (
            str(path.relative_to(output)),
            BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser"),
        )
        for path in sorted(Path(output).rglob("*.html"))
        if path.relative_to(output).parts[0] != "admin"
    ]
    return calls, pages


def test_the_picture_macros_are_not_imported_on_every_render(site):
    calls, pages = site
    cards = sum(len(page.find_all(class_="post-summary")) for _, page in pages)
    assert cards > 0
    # Once per generator's environment at most, not per post or card shown.
    assert calls["import of a template's module"] <= 4 < len(pages)


def test_a_date_is_formatted_once_per_language_and_style(site):
    calls, pages = site
    shown = [
        (page.html["lang"], time.get_text())
        for _, page in pages
        for time in page.find_all("time")
    ]
    # An event's date with its time of day ("Sáng 18/12/2020") is formatted
    # from the date's long and short forms, on its post's page only.
    event_cards = sum(1 for _, page in pages if page.find(class_="event-card"))
    assert len(set(shown)) < len(shown)
    assert calls["format_date"] <= len(set(shown)) + 2 * event_cards


def test_a_posts_lede_is_worked_out_once_per_page(site):
    calls, pages = site
    posts = [
        page
        for _, page in pages
        if page.find("article", class_="article") and page.find(class_="event-card")
    ]
    assert posts
    assert 0 < calls["repeats"] <= len(posts)


def test_a_number_is_formatted_once_per_language(site):
    calls, _ = site
    # Attendee counts on event cards, posts per period under the charts.
    assert calls["distinct numbers"] < calls["format_number"]
    assert calls["format_decimal"] <= calls["distinct numbers"]


def test_a_page_copies_its_context_only_for_the_parts_it_renders_once(site):
    """Every ``{% include %}``, ``{% import ... with context %}`` and context
    function called after a loop's or block's ``{% set %}`` copies the page's
    whole context (Pelican's settings and more): the page shell, a post's parts
    and a unit page's rows are written in their templates (#14, cold build)."""
    calls, pages = site
    posts = sum(1 for _, page in pages if page.find(class_="article__meta"))
    assert posts > 0
    # One context a post page: its own (no include, no derived context).
    assert calls["context of article.html"] == posts
    for part in ("partials/social_meta.html", "partials/breadcrumbs.html"):
        assert calls[f"context of {part}"] == 0
    # The rest: cards and page parts rendered once each, and a unit page's
    # chart, timeline and pagination (about 10 a page before).
    assert calls["Jinja context"] <= 4 * len(pages)
