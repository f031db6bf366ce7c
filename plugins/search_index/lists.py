"""Prebuilt result lists for searches without words (a unit, a person, a year).

A filter-only search is what the unit and person pages link to. Pagefind answers
it by downloading every index chunk (an empty query matches all of them: 1.7 MB
at 1,000 posts), so the search page answers it from these lists instead,
without loading Pagefind at all:

- ``lists/{lang}/{filter}/{value}.txt``: the numbers of the posts of that unit
  (with its sub-units), person or year, ascending, each as the base-36 gap from
  the previous one, separated by ``.`` (a dense list is mostly ``1.1.1``, which
  compression makes almost free);
- ``lists/{lang}/{filter}/{value}.json``: the result cards of that list's
  posts in list order: all of them when the list has at most ``ALL`` posts
  (most people and units), else the first ``FIRST``, the first page of
  results. A page opened with one filter in its address (a unit's or person's
  link) fetches them with the list, not once the list has arrived, from up to
  ten files of ``posts/``; one opened with several filters (a search a reader
  shares: unit, person and year) fetches those of one chosen value that is
  not big, so the cards of their common posts are in hand after one round;
- ``lists/{lang}/posts/{block}.json``: the result cards of the posts, ``BLOCK``
  posts per file in number order;
- ``lists/{lang}/lists.json``: the number of posts and the block size.

For a combination of filters the search page fetches the cards of one chosen
value that is not big with the lists; its config says which values are big
and which filters are smallest (``card_plan``), so that it asks for them at
once, with the lists.

Posts are numbered newest first (then by path), so an ascending list is
already the order results are shown in, and two builds of the same posts
write the same bytes.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from operator import sub
from pathlib import Path
from statistics import median

from vietnamese import iso_with_offset

from .documents import FILTERS, SearchDocument

#: Result cards per file: a page of results touches at most ten files, and a
#: small block keeps the cards of posts not shown few.
BLOCK = 8
#: Cards of a filter value's first posts written beside its list: a page of
#: results at the default page size (SEARCH_INDEX_PAGE_SIZE); with a larger
#: page, the rest of the first page comes from ``posts/``.
FIRST = 10
#: A list of at most this many posts has every post's card beside it: a
#: combination of filters finds the cards of its results there, not in up to
#: ten files of ``posts/`` asked for once the lists are in (a second round).
#: At 10,000 posts, 100 cards of one person or unit are 5-6 KB compressed,
#: half the ten card files they replace (one file compresses better), and
#: 86 % of people and 91 % of units have at most 100 posts.
ALL = 100
#: The filter whose values split the others' lists year by year.
YEAR = "year"
LISTS_DIR = "lists"
_PLAIN_VALUE = re.compile(r"[a-z0-9][a-z0-9-]{0,80}")


def value_file(value: str) -> str:
    """Return the file name (without suffix) of a filter value's list.

    Keys and years are used as they are; anything else by a checksum (the
    search page computes the same, ``search-lists.js``).
    """
    if _PLAIN_VALUE.fullmatch(value):
        return value
    return f"x{zlib.crc32(value.encode('utf-8')):08x}"


def encode(numbers: Iterable[int]) -> str:
    """Return ascending ``numbers`` as base-36 gaps joined by ``.``."""
    numbers = list(numbers)
    gaps = list(map(sub, numbers, [-1, *numbers]))  # in C: a list per word
    if gaps and max(gaps) >= len(GAP_TEXTS):
        return ".".join(base36(gap) for gap in gaps)
    return ".".join(map(GAP_TEXTS.__getitem__, gaps))


def decode(text: str) -> list[int]:
    """Return the ascending numbers ``encode`` wrote (``search-lists.js`` reads
    them the same way)."""
    numbers, previous = [], -1
    for gap in filter(None, text.split(".")):
        previous += int(gap, 36)
        numbers.append(previous)
    return numbers


def base36(number: int) -> str:
    """Return ``number`` (0 or more) in base 36, lower case."""
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    text = ""
    while True:
        number, rest = divmod(number, 36)
        text = digits[rest] + text
        if not number:
            return text


#: The text of every gap below 36² (most gaps): looked up, not worked out.
GAP_TEXTS = [base36(gap) for gap in range(36 * 36)]


def _card(document: SearchDocument) -> dict[str, str]:
    """Return what a result shows of a post, as Pagefind's metadata holds it."""
    card = {
        "url": document.url.lstrip("/"),  # site-relative
        "title": document.title,
        "date": document.date_label,
        "datetime": iso_with_offset(document.date),
        "units": document.units_label,
    }
    if document.summary:
        card["summary"] = document.summary
    if document.card:  # the post's card photo, shown beside the result
        card["card"] = document.card
    return card


def dump(data) -> bytes:
    return json.dumps(
        data, ensure_ascii=False, sort_keys=True, separators=(",", ":")
    ).encode("utf-8")


class ListIndex:
    """One language's lists and result cards, built one post at a time.

    ``add`` takes the posts in post-number order (newest first, then by
    path); ``files`` returns the lists and the cards once all are added,
    with their card photos, which are published after the posts are
    described.
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self._values: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._cards: list[dict[str, str]] = []

    def add(self, document: SearchDocument) -> None:
        """Add the next post to the lists of its filter values."""
        number = len(self._cards)
        for name in FILTERS:
            for value in dict.fromkeys(document.filters.get(name, [])):
                self._values[name, value].append(number)
        self._cards.append(_card(document))

    def files(self, photos: dict[int, str] | None = None) -> dict[str, bytes]:
        """Return the files, giving post ``n`` the card photo ``photos[n]``."""
        root = self.root
        for number, photo in (photos or {}).items():
            if photo:
                self._cards[number]["card"] = photo
        files: dict[str, bytes] = {}
        cards = self._cards
        year_of = {
            number: value_file(value)
            for (name, value), numbers in self._values.items()
            if name == YEAR
            for number in numbers
        }
        for (name, value), numbers in sorted(self._values.items()):
            path = f"{root}/{name}/{value_file(value)}"
            files[f"{path}.txt"] = encode(numbers).encode("ascii")
            shown = numbers if len(numbers) <= ALL else numbers[:FIRST]
            files[f"{path}.json"] = dump([cards[number] for number in shown])
            if len(numbers) > ALL and name != YEAR:
                slices = defaultdict(list)
                for number in numbers:
                    if number in year_of:
                        slices[year_of[number]].append(number)
                if by_year(len(numbers), map(len, slices.values())):
                    for year, sliced in sorted(slices.items()):
                        files[f"{path}.{year}.json"] = dump([cards[n] for n in sliced])
        for start in range(0, len(cards), BLOCK):
            files[f"{root}/posts/{start // BLOCK}.json"] = dump(
                cards[start : start + BLOCK]
            )
        files[f"{root}/lists.json"] = dump({"posts": len(cards), "block": BLOCK})
        return files


def by_year(total: int, per_year: Iterable[int]) -> bool:
    """Return True when a value of ``total`` posts, ``per_year`` of them in
    each year, has its cards beside its list year by year: it is big, every
    post has a year and no year holds more than ``ALL``."""
    per_year = list(per_year)
    return total > ALL and sum(per_year) == total and max(per_year) <= ALL


def year_slices(name: str) -> str:
    """Return the key under which ``count_filters`` counts ``name``'s values
    year by year."""
    return f"{name}@{YEAR}"


def card_plan(counts: Mapping[str, Mapping]) -> dict[str, object]:
    """Return how the search page picks the cards a combination of filters
    fetches with its lists (``search-lists.js`` ``cardFiles``).

    ``counts`` gives the posts of each filter value (the lists' lengths) and,
    under ``year_slices(name)``, of each value in each year.
    ``big``: per filter, the file names of the values with more than ``ALL``
    posts, whose cards beside their list are only the first page's;
    ``order``: the filters by the median size of their values' lists,
    smallest first (a person's list, mostly): the first chosen value in this
    order that is not big has its cards fetched, every one of its posts',
    the results' among them. ``sliced``: per filter, the big values that have
    their cards beside their list year by year (``{value}.{year}.json``: no
    year has more than ``ALL`` of their posts): a combination of big values
    with a year fetches the first of those in the same order, for that year.
    """
    big = {
        name: sorted(
            value_file(value)
            for value, count in counts.get(name, {}).items()
            if count > ALL
        )
        for name in FILTERS
    }
    sliced = {}
    for name in FILTERS:
        if name == YEAR:
            continue
        per_year: dict[str, list[int]] = defaultdict(list)
        for (value, _year), count in counts.get(year_slices(name), {}).items():
            per_year[value].append(count)
        sliced[name] = sorted(
            value_file(value)
            for value, count in counts.get(name, {}).items()
            if by_year(count, per_year[value])
        )

    def size(name: str) -> tuple[float, str]:
        return median(list(counts.get(name, {}).values()) or [0]), name

    return {"big": big, "sliced": sliced, "order": sorted(FILTERS, key=size)}


def build_lists(documents: Iterable[SearchDocument]) -> dict[str, bytes]:
    """Return the files of the lists, keyed by their path under the bundle."""
    from .words import ordered  # which builds on this module

    languages: dict[str, list[SearchDocument]] = defaultdict(list)
    for document in documents:
        languages[document.lang].append(document)
    files: dict[str, bytes] = {}
    for lang, posts in sorted(languages.items()):
        index = ListIndex(f"{LISTS_DIR}/{lang}")
        for document in ordered(posts):  # newest first, as words.py
            index.add(document)
        files.update(index.files())
    return files


def write_lists(documents: Iterable[SearchDocument], bundle: Path) -> None:
    """Write the lists and the word index of ``documents`` under ``bundle``."""
    from .words import build_word_index  # which builds on this module

    documents = list(documents)
    files = build_lists(documents)
    files.update(build_word_index(documents))
    folders: set[Path] = set()  # made already: one mkdir per folder, not per file
    for name, data in files.items():
        path = bundle / name
        if path.parent not in folders:
            path.parent.mkdir(parents=True, exist_ok=True)
            folders.add(path.parent)
        path.write_bytes(data)
