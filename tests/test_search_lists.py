"""The prebuilt lists that answer a search without words (search_index/lists.py)."""

from __future__ import annotations

import dataclasses
import json
import zlib
from datetime import datetime, timedelta, timezone

from search_index.documents import SearchDocument
from search_index.lists import (
    ALL,
    BLOCK,
    FIRST,
    build_lists,
    card_plan,
    decode,
    encode,
    value_file,
)
from search_index.search_pages import count_filters

ZONE = timezone(timedelta(hours=7))


def document(slug: str, day: int, lang: str = "vi", **filters) -> SearchDocument:
    return SearchDocument(
        url=f"2021/05/{slug}/",
        save_as=f"2021/05/{slug}/index.html",
        lang=lang,
        title=f"Bài {slug}",
        date=datetime(2021, 5, day, 8, 0, tzinfo=ZONE),
        summary=f"Tóm tắt {slug}",
        units_label="Quận Đoàn Tân Bình",
        filters={"unit": [], "person": [], "year": ["2021"], **filters},
        body_html="<p>…</p>",
    )


def test_gaps_are_base_36_and_dense_lists_are_ones():
    assert encode([0, 1, 2, 3]) == "1.1.1.1"
    assert encode([5, 41, 1337]) == "6.10.100"
    assert decode(encode([5, 41, 1337])) == [5, 41, 1337]


def test_posts_are_numbered_newest_first_per_language_with_their_filters():
    documents = [
        document("a", 1, unit=["tinh-doan", "quan-doan"], person=["an"]),
        document("b", 3, unit=["tinh-doan"]),
        document("c", 2, unit=["tinh-doan", "quan-doan"], person=["an", "an"]),
        document("a", 1, lang="en", unit=["tinh-doan"]),
    ]
    files = build_lists(documents)
    assert decode(files["lists/vi/unit/tinh-doan.txt"].decode()) == [0, 1, 2]
    assert decode(files["lists/vi/unit/quan-doan.txt"].decode()) == [1, 2]
    assert decode(files["lists/vi/person/an.txt"].decode()) == [1, 2]
    assert decode(files["lists/en/unit/tinh-doan.txt"].decode()) == [0]
    cards = json.loads(files["lists/vi/posts/0.json"])
    assert [card["url"] for card in cards] == [
        "2021/05/b/",
        "2021/05/c/",
        "2021/05/a/",
    ]
    assert cards[0]["title"] == "Bài b" and cards[0]["summary"] == "Tóm tắt b"
    assert cards[0]["datetime"].startswith("2021-05-03T08:00:00+07:00")
    assert json.loads(files["lists/vi/lists.json"]) == {"posts": 3, "block": BLOCK}


def test_the_order_given_does_not_change_a_byte():
    documents = [document(slug, day) for day, slug in enumerate("abcdefghijkl", 1)]
    assert build_lists(documents) == build_lists(reversed(documents))


def test_cards_come_in_blocks():
    documents = [document(f"p{n}", 1 + n % 28) for n in range(BLOCK * 2 + 1)]
    files = build_lists(documents)
    assert len(json.loads(files["lists/vi/posts/0.json"])) == BLOCK
    assert len(json.loads(files["lists/vi/posts/2.json"])) == 1


def _all_cards(files: dict[str, bytes]) -> list[dict]:
    info = json.loads(files["lists/vi/lists.json"])
    return [
        card
        for block in range(-(-info["posts"] // BLOCK))
        for card in json.loads(files[f"lists/vi/posts/{block}.json"])
    ]


def test_a_big_list_has_the_cards_of_its_first_page_beside_it():
    documents = [
        document(f"p{n:03}", 1 + n % 28, unit=["tinh-doan"] + ["quan-doan"] * (n % 2))
        for n in range(ALL + 3)
    ]
    files = build_lists(documents)
    cards = _all_cards(files)
    numbers = decode(files["lists/vi/unit/tinh-doan.txt"].decode())
    assert len(numbers) == ALL + 3
    first = json.loads(files["lists/vi/unit/tinh-doan.json"])
    assert first == [cards[number] for number in numbers[:FIRST]]


def test_a_small_list_has_the_cards_of_all_its_posts_beside_it():
    # What a combination of filters in the address (unit + person + year)
    # reads its results' cards from with the lists, in one round: every post
    # of a list of at most ALL posts, in list order; the year's list (ALL + 3
    # posts) only its first page.
    documents = [
        document(
            f"p{n:03}",
            1 + n % 28,
            unit=["tinh-doan"] + ["quan-doan"] * (n % 2),
            person=["an"] * (n % 3 == 0),
        )
        for n in range(ALL + 3)
    ]
    files = build_lists(documents)
    cards = _all_cards(files)
    for name, value, count in (
        ("unit", "quan-doan", (ALL + 3) // 2),
        ("person", "an", (ALL + 5) // 3),
    ):
        numbers = decode(files[f"lists/vi/{name}/{value}.txt"].decode())
        assert len(numbers) == count
        assert count > FIRST
        beside = json.loads(files[f"lists/vi/{name}/{value}.json"])
        assert beside == [cards[number] for number in numbers]
    assert len(json.loads(files["lists/vi/year/2021.json"])) == FIRST
    # The search page learns which values have only their first page beside
    # them from the same counts (its config: card_plan).
    counts = {
        name: {value: len(decode(data.decode())) for value, data in lists(files, name)}
        for name in ("unit", "person", "year")
    }
    assert card_plan(counts)["big"] == {
        "unit": ["tinh-doan"],
        "person": [],
        "year": ["2021"],
    }


def test_a_list_of_exactly_all_posts_is_whole_and_one_more_is_not():
    documents = [document(f"p{n:03}", 1 + n % 28) for n in range(ALL)]
    assert len(json.loads(build_lists(documents)["lists/vi/year/2021.json"])) == ALL
    documents.append(document("q", 2))
    assert len(json.loads(build_lists(documents)["lists/vi/year/2021.json"])) == FIRST


def test_values_that_are_not_plain_keys_get_a_checksum_name():
    assert value_file("quan-doan-tan-binh") == "quan-doan-tan-binh"
    assert value_file("2021") == "2021"
    assert value_file("Đoàn/..") == f"x{zlib.crc32('Đoàn/..'.encode()):08x}"


def test_an_excerpt_is_post_text_never_the_list_of_units():
    from search_index.words import post_text

    post = dataclasses.replace(
        document("a", 1),
        body_html="<p>Đoàn viên <b>dự</b> họp.</p>",
        facts=["Nguyễn Văn A, Bí thư"],
    )
    assert post_text(post) == "Đoàn viên dự họp.\nNguyễn Văn A, Bí thư"


def lists(files: dict[str, bytes], name: str) -> list[tuple[str, bytes]]:
    """Return (value, list) of a filter's values in the Vietnamese lists."""
    folder = f"lists/vi/{name}/"
    return [
        (path[len(folder) : -len(".txt")], data)
        for path, data in files.items()
        if path.startswith(folder) and path.endswith(".txt")
    ]


def test_the_card_plan_orders_the_filters_by_the_median_size_of_their_lists():
    # A combination's cards are fetched for its value of the first filter in
    # this order that is not big: years here hold fewer posts than people.
    counts = {
        "unit": {"tinh-doan": 4},
        "person": {"an": 2, "binh": 3},
        "year": {"2018": 1, "2019": 1, "2020": 1, "2021": 1},
    }
    assert card_plan(counts) == {
        "big": {"unit": [], "person": [], "year": []},
        "sliced": {"unit": [], "person": []},
        "order": ["year", "person", "unit"],
    }


def test_the_card_plan_names_big_values_by_their_file_names():
    counts = {"unit": {"Đoàn/..": ALL + 1, "nho": ALL}, "person": {"an": ALL + 5}}
    plan = card_plan(counts)
    assert plan["big"] == {
        "unit": [value_file("Đoàn/..")],
        "person": ["an"],
        "year": [],
    }
    assert plan["order"] == ["year", "unit", "person"]  # no year: size 0


def test_a_big_value_has_its_cards_year_by_year_when_no_year_holds_more_than_all():
    # A combination of big values with a year (the central unit, a busy
    # leader, 2021) reads its results' cards from one value's file for that
    # year, in one round: written for a big value whose every year has at
    # most ALL posts; not for one with a bigger year, a small value (all its
    # cards are beside its list already) or a year.
    years = ("2019", "2020", "2021")
    documents = [
        document(
            f"p{n:03}",
            1 + n % 28,
            unit=["tinh-doan", "trung-uong"],
            person=["an"] * (n % 2),
            year=[years[n % 3]],
        )
        for n in range(ALL + 3)
    ] + [
        document(f"q{n:03}", 1 + n % 28, unit=["trung-uong"], year=["2021"])
        for n in range(ALL)
    ]
    files = build_lists(documents)
    cards = _all_cards(files)
    listed = {
        name: decode(files[f"lists/vi/{name}.txt"].decode())
        for name in ("unit/tinh-doan", *(f"year/{year}" for year in years))
    }
    assert len(listed["unit/tinh-doan"]) > ALL
    for year in years:
        in_year = set(listed[f"year/{year}"])
        expected = [cards[n] for n in listed["unit/tinh-doan"] if n in in_year]
        assert 0 < len(expected) <= ALL
        assert json.loads(files[f"lists/vi/unit/tinh-doan.{year}.json"]) == expected
    sliced = sorted(name for name in files if name.count(".") == 2)
    assert sliced == [f"lists/vi/unit/tinh-doan.{year}.json" for year in years]
    # The search page's plan names the same values, from the build's counts.
    plan = card_plan(count_filters(documents, "vi"))
    assert plan["sliced"] == {"unit": ["tinh-doan"], "person": []}
    assert plan["big"]["unit"] == ["tinh-doan", "trung-uong"]
