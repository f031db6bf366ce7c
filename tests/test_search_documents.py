"""The search index's pure parts: đ twins, documents, filters, choices, settings."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from bilingual.attendance import group_description
from content_model.model import Attendance
from content_model.registry import Person, Registry, Unit
from newsroom.post import NewsPost
from search_index.documents import (
    document_for,
    html_text,
    render,
    unit_filter_keys,
)
from search_index.folding import TWINS_SEPARATOR, fold_stroke, stroke_twins
from search_index.indexer import SearchIndexError, build_index, find_binary
from search_index.search_pages import filter_choices, search_url
from search_index.settings import SearchIndexSettingsError, check
from tests.sitebuild import ROOT

ICT = timezone(timedelta(hours=7))


def registry() -> Registry:
    """Return a small unit tree: centre › city › district, a province, a Party body."""
    reg = Registry()
    for unit in (
        Unit("trung-uong-doan", "Trung ương Đoàn", "Central Youth Union"),
        Unit(
            "thanh-doan-tp-hcm",
            "Thành đoàn TP. Hồ Chí Minh",
            "HCMC Youth Union",
            parent="trung-uong-doan",
        ),
        Unit(
            "quan-doan-tan-binh",
            "Quận Đoàn Tân Bình",
            "Tan Binh Youth Union",
            parent="thanh-doan-tp-hcm",
        ),
        Unit(
            "tinh-doan-quang-ninh",
            "Tỉnh đoàn Quảng Ninh",
            "Quang Ninh Youth Union",
            parent="trung-uong-doan",
        ),
        Unit("quan-uy-tan-binh", "Quận ủy Tân Bình", "Tan Binh Party Committee"),
    ):
        reg.add_unit(unit)
    for person in (
        Person("phan-le-huy-hoang", "Phan Lê Huy Hoàng"),
        Person("hoang-van-hai", "Hoàng Văn Hải"),
        Person("doan-long", "Đoàn Long"),
    ):
        reg.add_person(person)
    return reg


def post(reg: Registry, lang: str = "vi", **changes) -> SimpleNamespace:
    """Return a post with resolved facts, as the content model leaves it."""
    speaker = SimpleNamespace(
        person=reg.people["doan-long"],
        role="Phó Ban Mặt trận",
        role_en="Deputy Head of the Front Commission",
        unit=None,
    )
    values = {
        "lang": lang,
        "url": "2021/04/doi-thoai/" if lang == "vi" else "en/2021/04/doi-thoai/",
        "save_as": "2021/04/doi-thoai/index.html",
        "title": "Đối thoại với Đoàn viên & thanh niên",
        "date": datetime(2021, 4, 6, 14, 0, tzinfo=ICT),
        "summary": "Chiều 06/4/2021, Quận Đoàn &lt;b&gt; đối thoại.",
        "content": "<p>Con <em>đường</em> của Đoàn Long.</p><script>var x;</script>",
        "units": [reg.units["quan-doan-tan-binh"], reg.units["quan-uy-tan-binh"]],
        "speakers": [speaker],
        "attendees": [SimpleNamespace(group="Bí thư chi đoàn", count=117)],
        "photos": [],
        "event": SimpleNamespace(place="Hội trường", organizer=None),
    }
    values.update(changes)
    facts = {name: values.pop(name) for name in NEWS_FIELDS if name in values}
    return SimpleNamespace(**values, news=NewsPost(**facts))


NEWS_FIELDS = ("units", "speakers", "attendees", "photos", "event")


@pytest.mark.parametrize(
    ("text", "twins"),
    [
        ("Đoàn Long đi trên đường", ["doàn", "di", "dường"]),
        ("Đoàn viên, đoàn thể, ĐOÀN", ["doàn"]),
        ("tan binh", []),
        ("ĐOÀN", ["doàn"]),
        # NFD input: the tone marks are combining characters.
        ("\u0111u\u031bo\u031b\u0300ng", ["dường"]),
        # Eth, a common look-alike typo for Đ.
        ("\u00d0oàn", ["doàn"]),
    ],
)
def test_stroke_twins_fold_only_words_with_d_stroke(text, twins):
    assert stroke_twins(text) == twins


def test_fold_stroke_keeps_tone_marks():
    assert fold_stroke("Đường Đoàn") == "Dường Doàn"


def test_html_text_skips_scripts_and_unescapes():
    assert html_text("<p>a &amp; <b>b</b></p><script>x()</script><p>c</p>") == "a & b c"


def test_unit_filter_keys_add_every_parent_once():
    reg = registry()
    units = [reg.units["quan-doan-tan-binh"], reg.units["thanh-doan-tp-hcm"]]
    assert unit_filter_keys(units, reg.ancestors) == [
        "trung-uong-doan",
        "thanh-doan-tp-hcm",
        "quan-doan-tan-binh",
    ]


def test_document_of_a_vietnamese_post():
    reg = registry()
    document = document_for(post(reg), reg.ancestors)
    assert document.title == "Đối thoại với Đoàn viên & thanh niên"
    assert document.filters == {
        "unit": [
            "trung-uong-doan",
            "thanh-doan-tp-hcm",
            "quan-doan-tan-binh",
            "quan-uy-tan-binh",
        ],
        "person": ["doan-long"],
        "year": ["2021"],
    }
    assert document.units_label == "Quận Đoàn Tân Bình, Quận ủy Tân Bình"
    assert document.date_label == "06/04/2021"
    assert document.summary == "Chiều 06/4/2021, Quận Đoàn <b> đối thoại."
    assert "Đoàn Long, Phó Ban Mặt trận" in document.facts
    # The đ-words of the title, units, facts and body, once, in text order.
    assert document.twins == ["dối", "doàn", "dường"]
    assert "var" not in document.twins


def test_document_of_an_english_translation_uses_english_names():
    reg = registry()
    document = document_for(post(reg, lang="en"), reg.ancestors)
    assert document.units_label == "Tan Binh Youth Union, Tan Binh Party Committee"
    assert "Đoàn Long, Deputy Head of the Front Commission" in document.facts
    assert document.date_label == "6 April 2021"


def test_rendered_document_keeps_filters_and_meta_out_of_the_indexed_body():
    reg = registry()
    page = render(document_for(post(reg), reg.ancestors))
    body = page.split("<main data-pagefind-body>", 1)[1]
    head = page.split("<main data-pagefind-body>", 1)[0]
    assert page.startswith('<!doctype html><html lang="vi">')
    assert 'data-pagefind-filter="unit:thanh-doan-tp-hcm"' in head
    assert 'data-pagefind-filter="person:doan-long"' in head
    assert 'data-pagefind-filter="year:2021"' in head
    assert 'data-pagefind-meta="date:06/04/2021"' in head
    assert 'data-pagefind-sort="date:2021-04-06T14:00:00+07:00"' in head
    assert "thanh-doan-tp-hcm" not in body
    assert body.startswith("<h1>Đối thoại với Đoàn viên &amp; thanh niên</h1>")
    # The twins come last, after the separator the search page cuts at.
    twins = body.rsplit(TWINS_SEPARATOR, 1)[1]
    assert (
        re.sub(r"<[^>]+>", "", twins).split()
        == document_for(post(reg), reg.ancestors).twins
    )


def test_filter_choices_in_tree_order_with_counts():
    reg = registry()
    documents = [
        document_for(post(reg), reg.ancestors),
        document_for(
            post(
                reg,
                url="2020/11/qn/",
                save_as="2020/11/qn/index.html",
                date=datetime(2020, 11, 27, 9, tzinfo=ICT),
                units=[reg.units["tinh-doan-quang-ninh"]],
                speakers=[
                    SimpleNamespace(
                        person=reg.people["hoang-van-hai"], role="", role_en=None
                    ),
                    SimpleNamespace(
                        person=reg.people["phan-le-huy-hoang"], role="", role_en=None
                    ),
                ],
            ),
            reg.ancestors,
        ),
        document_for(post(reg, lang="en"), reg.ancestors),
    ]
    choices = filter_choices(documents, reg, "vi")
    units = [(c.value, c.count, c.depth) for c in choices["unit"]]
    # Roots by Vietnamese name (Q < T), children under their parent.
    assert units == [
        ("quan-uy-tan-binh", 1, 0),
        ("trung-uong-doan", 2, 0),
        ("thanh-doan-tp-hcm", 1, 1),
        ("quan-doan-tan-binh", 1, 2),
        ("tinh-doan-quang-ninh", 1, 1),
    ]
    # People by given name: Hải < Hoàng < Long.
    assert [c.label for c in choices["person"]] == [
        "Hoàng Văn Hải",
        "Phan Lê Huy Hoàng",
        "Đoàn Long",
    ]
    assert [(c.value, c.count) for c in choices["year"]] == [("2021", 1), ("2020", 1)]
    english = filter_choices(documents, reg, "en")
    labels = [c.label for c in english["unit"]]
    assert labels[0] == "Central Youth Union"
    assert labels[-1] == "Tan Binh Party Committee"
    assert {c.lang for c in english["person"]} == {"vi"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("SEARCH_INDEX_ENABLED", "yes", "SEARCH_INDEX_ENABLED = 'yes': expected True"),
        ("SEARCH_INDEX_PAGE_SIZE", 0, "= 0: expected a whole number from 1 up"),
        ("SEARCH_INDEX_BUNDLE_DIR", "../x", "SEARCH_INDEX_BUNDLE_DIR = '../x'"),
        ("SEARCH_INDEX_PAGES", {"vi": "tim-kiem/"}, "SEARCH_INDEX_PAGES = {'vi'"),
        (
            "SEARCH_INDEX_PAGES",
            {"vi": "/tim-kiem/", "en": "en/search/"},
            "SEARCH_INDEX_PAGES['vi'] = '/tim-kiem/': expected a site-relative URL",
        ),
    ],
)
def test_settings_are_checked_with_the_key_and_value(name, value, message):
    with pytest.raises(SearchIndexSettingsError, match=re.escape(message)):
        check({name: value})


def test_search_url_prefilters_in_the_page_language():
    pages = {"vi": "tim-kiem/", "en": "en/search/"}
    assert search_url(pages, "vi", unit="quan-doan-tan-binh") == (
        "tim-kiem/?unit=quan-doan-tan-binh"
    )
    assert search_url(pages, "en", q="tan binh", person="", year="2021") == (
        "en/search/?q=tan+binh&year=2021"
    )
    assert search_url(pages, "en") == "en/search/"


def test_settings_get_their_defaults():
    settings: dict = {}
    check(settings)
    assert settings["SEARCH_INDEX_PAGES"] == {"vi": "tim-kiem/", "en": "en/search/"}
    assert settings["SEARCH_INDEX_ENABLED"] is True


def test_a_missing_binary_is_a_clear_error(tmp_path):
    with pytest.raises(SearchIndexError, match="is not a file"):
        find_binary(str(tmp_path / "no-pagefind"))
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old.txt").write_text("kept")
    with pytest.raises(SearchIndexError):
        build_index([], tmp_path, binary=str(tmp_path / "no-pagefind"), pagefind=True)
    assert (tmp_path / "pagefind" / "old.txt").read_text() == "kept"


def test_attendee_groups_are_indexed_with_who_and_how_many_in_each_language():
    reg = registry()
    honoured = Attendance("Đoàn viên xuất sắc", 47, kind="honoured")
    honoured = replace(honoured, group_en="outstanding members")
    rough = Attendance("Đoàn viên", 40, "over", "present", "members")
    catalogues = str(ROOT / "theme" / "translations")

    def describe(lang):
        return group_description(catalogues, lang)

    english = post(reg, lang="en", attendees=[honoured, rough])
    facts = document_for(english, reg.ancestors, describe).facts
    assert "outstanding members: 47 honoured" in facts
    assert "members: more than 40 attendees" in facts
    vietnamese = post(reg, attendees=[honoured, rough])
    facts = document_for(vietnamese, reg.ancestors, describe).facts
    assert "Đoàn viên xuất sắc: 47 người được tuyên dương" in facts
    assert "Đoàn viên: hơn 40 người tham dự" in facts


def test_a_one_off_build_keeps_no_copy_of_the_bodies():
    """Only ``make devserver`` keeps the bodies' texts for its next build (#22).

    At 10,000 posts they are a second copy of every body in the build's memory.
    """
    from search_index import documents

    reg = registry()
    kept = post(reg, _content="<p>Con đường</p>", source_path="/a/doi-thoai.md")
    document_for(kept, reg.ancestors, remember=False)
    assert ("/a/doi-thoai.md", "vi") not in documents._body_cache
    document_for(kept, reg.ancestors)  # devserver: remembered
    assert ("/a/doi-thoai.md", "vi") in documents._body_cache
    documents._body_cache.clear()


# The đ-words the first pattern found: every word holding a đ (or an eth),
# kept as the reference for the faster pattern (#22, p22-cold).
_OLD_STROKED_WORD = re.compile(r"[^\W_]*[đĐ\u00d0\u00f0][^\W_]*")
HOSTILE_STROKES = [
    "Đoàn Long đi trên đường",
    "đđđ Đ_đ _đ_ đ__Đ a_đb đ1 1đ ²đ đ²",
    "\u0111u\u031bo\u031b\u0300ng \u00d0oàn \u00f0a",  # NFD marks, eth
    "ΑΣ.Đ ΣΑΣđ İđ ǅđ Straße đ",  # other scripts' case rules
    "x" * 5000 + "đ" + "y" * 5000 + " " + "đ" * 3,  # long words
    "<p>đi</p><b>Đến</b>&amp;đây",
    "",
    "   \n\t",
    "đ",
]


@pytest.mark.parametrize("text", HOSTILE_STROKES)
def test_stroke_twins_find_the_words_the_first_pattern_found(text):
    from search_index.folding import _STROKED
    from vietnamese import nfc

    words = dict.fromkeys(w.lower() for w in _OLD_STROKED_WORD.findall(nfc(text)))
    expected = list(dict.fromkeys(word.translate(_STROKED) for word in words))
    assert stroke_twins(text) == expected


def test_stroke_twins_of_a_long_text_cost_one_pass():
    """The first pattern tried every letter of a word as its start (a word of
    n letters cost n² steps): 20,000 letters took seconds."""
    import time

    text = " ".join(["nghiêngnghiêngnghiêng" * 300, "đ"] * 3)
    started = time.process_time()
    assert stroke_twins(text) == ["d"]
    assert time.process_time() - started < 0.05


def test_a_one_off_build_leaves_the_twins_to_pagefinds_html():
    """Only Pagefind's HTML shows the twins: a one-off build does not work them
    out while it describes the posts (a third of describing one); ``render``
    does, with the same result."""
    reg = registry()
    kept = post(reg, _content="<p>Con đường</p>", source_path="/a/doi-thoai.md")
    one_off = document_for(kept, reg.ancestors, remember=False)
    devserver = document_for(kept, reg.ancestors)
    assert one_off.twins is None
    assert devserver.twins == ["dối", "doàn", "dường"]
    assert render(one_off) == render(devserver)
    from search_index import documents

    documents._body_cache.clear()


def test_documents_carry_a_plain_datetime():
    """Pelican's dates are ``SafeDatetime``s: unpickled, one imports Pelican."""
    from pelican.utils import SafeDatetime

    reg = registry()
    when = SafeDatetime(2021, 4, 6, 14, tzinfo=ICT)
    document = document_for(post(reg, date=when), reg.ancestors)
    assert type(document.date) is datetime
    assert document.date == when
    assert document.date.isoformat() == when.isoformat()
