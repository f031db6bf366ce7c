"""Tests for vietnamese.numbers and the ``number`` template filter."""

import jinja2
import pytest

import vietnamese.numbers
from bilingual.templating import install
from vietnamese import format_number


@pytest.mark.parametrize(
    ("value", "lang", "expected"),
    [
        (63, "vi", "63"),
        (1200, "vi", "1.200"),
        (1200, "en", "1,200"),
        (1234567, "vi", "1.234.567"),
        (2.5, "vi", "2,5"),
        (2.5, "en-GB", "2.5"),
        (0, "vi_VN", "0"),
    ],
)
def test_format_number_groups_digits_as_readers_do(value, lang, expected):
    assert format_number(value, lang) == expected


def test_format_number_rejects_an_unknown_language():
    with pytest.raises(ValueError, match="unsupported language 'fr'"):
        format_number(1, "fr")


@pytest.mark.parametrize(("lang", "expected"), [("vi", "1.500"), ("en", "1,500")])
def test_number_filter_follows_the_page_language(lang, expected):
    settings: dict = {}
    install(settings)
    env = jinja2.Environment(autoescape=True)
    env.filters.update(settings["JINJA_FILTERS"])
    template = env.from_string("{{ 1500 | number }}")
    assert template.render(page_lang=lang) == expected


def test_format_number_asks_babel_once_per_value_and_language():
    # A build formats the same few hundred counts thousands of times; Babel
    # looks the locale's symbols up on each call (0.1 ms): each text is kept.
    kept = vietnamese.numbers._formatted
    kept.cache_clear()
    assert [format_number(1200, "vi") for _ in range(3)] == ["1.200"] * 3
    assert format_number(1200, "en") == "1,200"
    info = kept.cache_info()
    assert (info.misses, info.hits) == (2, 2)
