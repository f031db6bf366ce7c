"""The English site beside the Vietnamese one, page by page (development build).

Builds the real content plus the test-only posts of ``tests/fixtures/bilingual``
once for the module, with two posts a page so the lists paginate.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from bs4 import BeautifulSoup

from bilingual.catalogue import load_catalogue
from tests.bilingual_sites import (
    COMPOSED_URL,
    VI_ONLY_URL,
    build_fixture_site,
    content_with_fixtures,
    site_url,
)
from tests.sitebuild import ROOT, Build

TRANSLATIONS = str(ROOT / "theme" / "translations")
# Letters only Vietnamese uses (English UI text has none of them).
VIETNAMESE_LETTERS = re.compile(
    "[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]"
)
# The UI chrome: what the theme says, not what the posts say.
CHROME = (
    "header.site-header",
    "footer.site-footer",
    "nav",
    ".skip-link",
    ".badge",
    ".event-card dt",
    ".event-card h2",
    ".event-card h3",
    "label",
    "button",
)
# Content, where the other language may legitimately appear: bodies, and the
# current page's title in the breadcrumbs (a post's or a topic's name).
CONTENT = (".article__body", "script", "style", '[aria-current="page"]')


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory) -> Build:
    """The real content plus the bilingual test-only posts, development settings."""
    return build_fixture_site(tmp_path_factory.mktemp("bilingual-pages"))


@pytest.fixture(scope="module")
def pages(fixture_site) -> dict[str, BeautifulSoup]:
    """Every HTML page of the fixture site, by site-relative URL."""
    return {
        site_url(fixture_site, path): BeautifulSoup(
            path.read_text(encoding="utf-8"), "html.parser"
        )
        for path in fixture_site.html_files()
    }


@pytest.fixture(scope="module")
def stripped(pages) -> dict[str, BeautifulSoup]:
    """Every page without its content and other-language parts (read, never changed)."""
    return {url: strip_other_language(page) for url, page in pages.items()}


def page_lang(page: BeautifulSoup) -> str:
    """Return the language a page declares."""
    return page.html["lang"]


def strip_other_language(page: BeautifulSoup) -> BeautifulSoup:
    """Return a copy of the page without content and other-language parts."""
    copy = BeautifulSoup(str(page), "html.parser")
    own = page_lang(copy)
    for element in copy.select(", ".join(CONTENT)):
        element.decompose()
    for element in copy.select("body [lang]"):
        if not element.decomposed and element["lang"] != own:
            element.decompose()
    return copy


def ui_texts(lang: str) -> set[str]:
    """Return the literal parts of ``lang``'s UI strings that the other lacks."""
    own = load_catalogue(TRANSLATIONS, lang)
    other = set(load_catalogue(TRANSLATIONS, "en" if lang == "vi" else "vi").values())
    texts = set()
    for text in own.values():
        for part in re.split(r"%\(\w+\)s", text):
            part = part.strip(" .,:;()/–-")
            if len(part) >= 4 and part not in other:
                texts.add(part)
    return texts


def visible_text(page: BeautifulSoup) -> str:
    """Return the text and the labelling attributes of a page, one string."""
    labels = [
        element[name]
        for name in ("aria-label", "title", "placeholder", "alt")
        for element in page.select(f"body [{name}]")
    ]
    return " ".join([page.body.get_text(" ", strip=True), *labels])


def test_the_fixture_site_has_both_languages(pages):
    assert {page_lang(p) for p in pages.values()} == {"vi", "en"}
    assert len(pages) >= 20


def test_no_page_shows_a_ui_string_of_the_other_language(stripped):
    other_ui = {"vi": ui_texts("en"), "en": ui_texts("vi")}
    found = []
    for url, page in stripped.items():
        lang = page_lang(page)
        text = visible_text(page)
        for phrase in other_ui[lang]:
            if re.search(rf"(?<!\w){re.escape(phrase)}(?!\w)", text):
                found.append(f"/{url} ({lang}): {phrase!r}")
    assert not found, "\n".join(found)


def test_english_chrome_has_no_vietnamese_words(stripped):
    found = []
    for url, page in stripped.items():
        if page_lang(page) != "en":
            continue
        for element in page.select(", ".join(CHROME)):
            text = element.get_text(" ", strip=True)
            if VIETNAMESE_LETTERS.search(text):
                found.append(f"/{url}: {element.name}.{element.get('class')}: {text}")
    assert not found, "\n".join(found)


def test_the_scan_would_catch_an_untranslated_label(pages):
    # Guard against a scan that sees nothing: plant a Vietnamese label.
    page = BeautifulSoup(str(pages["en/"]), "html.parser")
    page.select_one("footer.site-footer").append("Tin mới nhất")
    text = visible_text(strip_other_language(page))
    assert "Tin mới nhất" in ui_texts("vi")
    assert "Tin mới nhất" in text


def speaker_roles(page: BeautifulSoup) -> dict[str, object]:
    """Return each speaker's role element by the speaker's name."""
    roles = {}
    for item in page.select(".event-card__speakers li"):
        name = item.select_one(".speaker__name").get_text(strip=True)
        roles[name] = item.select_one(".speaker__role")
    return roles


@pytest.mark.parametrize(
    ("url", "role"),
    [
        (
            "en/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/",
            "Member of the District Party Committee, Deputy Secretary of the "
            "District Youth Union",
        ),
        (
            "en/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/",
            "Member of the District Party Committee, Secretary of the Tan Binh "
            "District Youth Union",
        ),
    ],
)
def test_english_seed_pages_show_english_roles(site, url, role):
    roles = speaker_roles(site.page(url))
    assert roles["Phan Lê Huy Hoàng"].get_text(strip=True) == role
    assert all(element.get("lang") is None for element in roles.values())


def test_english_pages_name_units_in_english(site):
    page = site.page("en/2020/11/kiem-tra-cong-tac-doan-quang-ninh-2020/")
    text = strip_other_language(page).select_one("main").get_text(" ", strip=True)
    for name in ("Quang Ninh Provincial Youth Union", "Dam Ha District Youth Union"):
        assert name in text
    for name in ("Tỉnh đoàn Quảng Ninh", "Huyện đoàn Đầm Hà"):
        assert name not in text


def test_a_role_without_translation_is_composed_from_the_glossary(pages):
    roles = speaker_roles(pages[f"en/{COMPOSED_URL}"])
    composed = roles["Phan Lê Huy Hoàng"]
    assert composed.get_text(strip=True) == (
        "Deputy Secretary of the Tan Binh District Youth Union"
    )
    assert composed.get("lang") is None


def test_a_role_the_glossary_cannot_render_stays_vietnamese_marked(pages):
    fallback = speaker_roles(pages[f"en/{COMPOSED_URL}"])["Đoàn Long"]
    assert fallback.get_text(strip=True) == "Thủ quỹ kiêm Phát thanh viên"
    assert fallback["lang"] == "vi"


def test_make_check_lists_the_role_fallbacks(tmp_path):
    content = content_with_fixtures(tmp_path)
    result = subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py", content],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": "plugins"},
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    notices = [line for line in result.stdout.splitlines() if "[notice]" in line]
    assert len(notices) == 1, result.stdout
    assert notices[0].startswith("posts/2022/vai-tro-chua-dich-2022.md:")
    assert 'speakers[2].role: "Thủ quỹ kiêm Phát thanh viên"' in notices[0]
    assert "glossary.yml" in notices[0]


def test_the_vietnamese_only_post_is_listed_in_english_with_its_badge(pages):
    home = pages["en/"]
    link = home.select_one(f'.post-summary a[href="/{VI_ONLY_URL}"]')
    assert link is not None, "the Vietnamese-only post is missing from /en/"
    assert link["lang"] == "vi"
    assert link["hreflang"] == "vi"
    assert link.get_text(strip=True).startswith("Ra quân chiến dịch Mùa hè xanh")
    item = link.find_parent(class_="post-summary")
    badge = item.select_one(".badge")
    assert badge is not None and badge.get_text(strip=True) == "Vietnamese only"


def test_every_english_link_to_the_vietnamese_only_post_is_marked(pages):
    # Home, archives, topics, and the unit and people pages where they are built.
    unmarked, unbadged, lists = [], [], set()
    for url, page in pages.items():
        if page_lang(page) != "en":
            continue
        for link in page.select(f'main a[href="/{VI_ONLY_URL}"]'):
            if link.get("lang") != "vi":
                unmarked.append(f"/{url}")
            item = link.find_parent(class_="post-summary")
            if item is not None:
                lists.add(url)
                if item.select_one(".badge") is None:
                    unbadged.append(f"/{url}")
    assert {"en/", "en/archives/2022/"} <= lists
    assert not unmarked, "links without lang=vi: " + ", ".join(unmarked)
    assert not unbadged, "list items without the badge: " + ", ".join(unbadged)


def test_the_vietnamese_only_post_has_no_english_page(fixture_site):
    assert not (fixture_site.output / "en" / VI_ONLY_URL).exists()


def resolve(fixture_site: Build, href: str):
    """Return the file a root-relative link points to."""
    path = fixture_site.output / href.lstrip("/")
    return path / "index.html" if href.endswith("/") else path


def test_every_page_has_a_language_switcher_to_an_existing_page(fixture_site, pages):
    problems = []
    for url, page in pages.items():
        links = page.select(".language-switcher a[hreflang]")
        other = "en" if page_lang(page) == "vi" else "vi"
        if len(links) != 1 or links[0]["hreflang"] != other:
            problems.append(f"/{url}: no switcher to {other}")
            continue
        if not resolve(fixture_site, links[0]["href"]).is_file():
            problems.append(f"/{url}: switcher to missing {links[0]['href']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("", "/en/"),
        ("trang/2/", "/en/page/2/"),
        ("en/page/3/", "/trang/3/"),
        ("2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/", None),
        ("luu-tru/2021/", "/en/archives/2021/"),
        ("404.html", "/en/404.html"),
        ("en/404.html", "/404.html"),
        # no English page: the nearest equivalent is the English home page
        (VI_ONLY_URL, "/en/"),
    ],
)
def test_the_switcher_points_to_the_same_page(pages, url, target):
    link = pages[url].select_one(".language-switcher a")
    expected = target or f"/en/{url}"
    assert link["href"] == expected


def test_dates_are_written_as_each_audience_writes_them(site):
    vi = site.page("2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/")
    en = site.page("en/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/")
    assert "Thứ Sáu, 18/12/2020" in vi.get_text()
    assert "Sáng 18/12/2020" in vi.select_one(".event-card").get_text()
    assert "Friday, 18 December 2020" in en.get_text()
    for home, text in (("", "Thứ Ba, 06/04/2021"), ("en/", "Tuesday, 6 April 2021")):
        assert text in site.page(home).select_one("main").get_text()


def test_every_time_element_is_machine_readable(pages):
    problems = []
    for url, page in pages.items():
        for element in page.select("time"):
            value = element.get("datetime", "")
            if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?(T[\d:]+\+07:00)?", value):
                problems.append(f"/{url}: {element}")
    assert not problems, "\n".join(problems)


def test_the_404_page_helps_in_both_languages(pages):
    page = pages["404.html"]
    assert page_lang(page) == "vi"
    assert page.select_one('meta[name="robots"]')["content"] == "noindex"
    english = page.select_one('main [lang="en"]')
    assert "Page not found" in english.get_text()
    assert "Không tìm thấy trang" in page.select_one("main h1").get_text()
    homes = {a["href"] for a in page.select("main a")}
    assert {"/", "/en/"} <= homes
    assert not page.select('link[hreflang="x-default"]')
    english_page = pages["en/404.html"]
    assert page_lang(english_page) == "en"
    assert english_page.select_one("main h1").get_text(strip=True) == "Page not found"


def test_drafts_stay_out_of_the_sitemap_and_the_feeds(fixture_site):
    output = fixture_site.output
    assert (output / "drafts" / "ban-nhap-2022" / "index.html").is_file()
    for name in ("sitemap-1.xml", "feeds/all.atom.xml", "en/feeds/all.atom.xml"):
        assert "ban-nhap-2022" not in (output / name).read_text(encoding="utf-8")
    # without SITEURL, absolute URLs fall back to `make serve`'s address
    assert "<loc>http://127.0.0.1:8000/</loc>" in (output / "sitemap-1.xml").read_text(
        encoding="utf-8"
    )
