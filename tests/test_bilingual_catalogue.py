"""Every UI string has a translation in both catalogues, with the same placeholders.

The strings are extracted here, from the templates and the plugin's code with
the project's own Babel mapping, so a new ``_('...')`` without a translation
fails even before ``make translations`` is run.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from jinja2 import Environment

from bilingual.catalogue import load_catalogue, translate
from bilingual.templating import install_translations
from bilingual.translations import catalogue_path, untranslated
from tests.sitebuild import CONTENT

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
TRANSLATIONS = THEME / "translations"
SOURCES = (THEME, ROOT / "plugins" / "bilingual")
PLACEHOLDER_RE = re.compile(r"%\((\w+)\)s")


def extracted() -> dict[str, str]:
    """Return every UI message id with the file it was found in."""
    with (THEME / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)
    found: dict[str, str] = {}
    for source in SOURCES:
        for filename, _line, message, _comments, _context in extract_from_dir(
            source, method_map, options_map
        ):
            ids = message if isinstance(message, tuple) else (message,)
            for msgid in ids:
                found.setdefault(msgid, f"{source.name}/{filename}")
    return found


MESSAGES = extracted()


def test_the_extraction_finds_the_known_strings():
    # from templates, with and without placeholders, and from Python (N_)
    assert "Skip to content" in MESSAGES
    assert "Page %(number)s of %(total)s" in MESSAGES
    assert MESSAGES["Vietnamese only"]
    assert "Page not found" in MESSAGES


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_ui_string_is_translated(lang):
    catalogue = load_catalogue(str(TRANSLATIONS), lang)
    missing = [
        f"{where}: {msgid!r}"
        for msgid, where in MESSAGES.items()
        if not catalogue.get(msgid, "").strip()
    ]
    assert not missing, (
        f"{len(missing)} UI string(s) without a {lang} translation (run `make "
        f"translations`, then translate them in {catalogue_path(TRANSLATIONS, lang)}"
        "):\n" + "\n".join(missing)
    )


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_no_fuzzy_guess_is_left(lang):
    assert untranslated(TRANSLATIONS, lang) == []


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_translations_keep_the_placeholders(lang):
    catalogue = load_catalogue(str(TRANSLATIONS), lang)
    wrong = [
        (msgid, text)
        for msgid, text in catalogue.items()
        if sorted(PLACEHOLDER_RE.findall(msgid)) != sorted(PLACEHOLDER_RE.findall(text))
    ]
    assert not wrong


def test_vietnamese_differs_from_english_where_it_must():
    # A Vietnamese entry copied from the English id is not a translation.
    vi = load_catalogue(str(TRANSLATIONS), "vi")
    copied = [msgid for msgid in MESSAGES if vi.get(msgid) == msgid]
    assert not copied


def test_fuzzy_entries_are_not_used(tmp_path):
    path = tmp_path / "vi" / "LC_MESSAGES" / "messages.po"
    path.parent.mkdir(parents=True)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Language: vi\\n"\n\n'
        '#, fuzzy\nmsgid "Older post"\nmsgstr "Tin cũ hơn"\n\n'
        'msgid "Newer post"\nmsgstr "Bài mới hơn"\n',
        encoding="utf-8",
    )
    assert translate(str(tmp_path), "vi", "Older post") == "Older post"
    assert translate(str(tmp_path), "vi", "Newer post") == "Bài mới hơn"
    assert untranslated(tmp_path, "vi") == ["Older post"]


def test_an_edited_catalogue_is_read_again(tmp_path):
    # make devserver rebuilds in one process: an edited .po must show at once.
    copy = tmp_path / "translations"
    shutil.copytree(TRANSLATIONS, copy)
    assert translate(copy, "vi", "Skip to content") == "Bỏ qua, đến nội dung chính"
    po = catalogue_path(copy, "vi")
    text = po.read_text(encoding="utf-8")
    po.write_text(
        text.replace('"Bỏ qua, đến nội dung chính"', '"Đến nội dung"'),
        encoding="utf-8",
    )
    assert translate(copy, "vi", "Skip to content") == "Đến nội dung"
    assert not list(copy.rglob("*.mo"))  # compiled in memory only


@pytest.mark.parametrize("autoescape", [False, True])
def test_templates_have_plurals_and_escape_placeholders(autoescape):
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=autoescape)
    install_translations(env, str(TRANSLATIONS))
    template = env.from_string(
        "{{ ngettext('%(num)s month', '%(num)s months', n) }} | "
        "{{ _('News from %(unit)s', unit=unit) }}"
    )
    unit = "<script>x</script>"
    assert template.render(page_lang="en", n=1, unit=unit) == (
        "1 month | News from &lt;script&gt;x&lt;/script&gt;"
    )
    assert template.render(page_lang="en", n=2, unit="A").startswith("2 months |")
    vietnamese = template.render(page_lang="vi", n=2, unit="A")
    assert vietnamese == "2 tháng | Tin hoạt động của A"


def test_underscore_is_one_call_with_jinjas_newstyle_meaning():
    """``_`` is called ~25 times a page: one function, no wrapper around another."""
    env = Environment(extensions=["jinja2.ext.i18n"], autoescape=True)
    install_translations(env, str(TRANSLATIONS))
    assert env.globals["_"] is env.globals["gettext"]
    template = env.from_string(
        "{{ _('Skip to content') }} | {{ _('100%% <ok>') }} | {{ _('%(a)s', a=a) }}"
        " | {% trans %}Skip to content{% endtrans %}"
    )
    skip = translate(str(TRANSLATIONS), "vi", "Skip to content")
    assert skip != "Skip to content"
    for _turn in range(2):  # the second render reads what the first kept
        html = template.render(page_lang="vi", a="<b>")
        assert html == f"{skip} | 100% &lt;ok&gt; | &lt;b&gt; | {skip}"
    assert template.render(page_lang="en", a="x").startswith("Skip to content | ")


def test_attendee_catalogue_is_looked_at_once_per_build(tmp_path):
    """Counts in templates read the catalogue of the build (#22), edits show next build.

    An attendee count asks for its catalogue each time (7,600 times at 1,000
    posts); each build looks at the ``.po`` once.
    """
    from types import SimpleNamespace

    from bilingual.attendance import catalogue_gettext
    from newsroom import build

    shutil.copytree(TRANSLATIONS, tmp_path / "translations")
    po = tmp_path / "translations" / "vi" / "LC_MESSAGES" / "messages.po"
    directory = str(tmp_path / "translations")
    # The tests' site as PATH: every plugin imported so far in this process
    # starts its part of the build too (the content model reads its registries).
    settings = {"PATH": str(CONTENT)}
    pelican = SimpleNamespace(settings=settings, output_path=tmp_path / "output")
    build.start(pelican)
    before = catalogue_gettext(directory, "vi")("about %(num)s")
    edited = po.read_text(encoding="utf-8").replace(
        f'msgstr "{before}"', 'msgstr "chừng %(num)s"', 1
    )
    assert edited != po.read_text(encoding="utf-8")
    po.write_text(edited, encoding="utf-8")
    os_stamp = po.stat().st_mtime_ns + 10**9  # a later stamp, whatever the clock
    os.utime(po, ns=(os_stamp, os_stamp))
    assert catalogue_gettext(directory, "vi")("about %(num)s") == before
    build.start(pelican)  # the next build (make devserver) sees the edit
    assert catalogue_gettext(directory, "vi")("about %(num)s") == "chừng %(num)s"
