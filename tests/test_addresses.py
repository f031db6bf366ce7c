"""Every output path has one owner: a page or post on another's address is an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from content_model.addresses import Reservation
from tests.content_sites import check
from tests.sitebuild import build, copy_content

GIAO_BAN = "giao-ban-quan-uy-quan-doan-2020-lan-2"


def page(slug: str, lang: str = "vi") -> str:
    """Return a page whose slug is ``slug``, on line 3."""
    return f"---\ntitle: Trang {slug}\nslug: '{slug}'\nlang: {lang}\n---\nNội dung.\n"


def site_with_pages(folder: Path, pages: dict[str, str]) -> Path:
    """Copy the tests' site and add ``pages`` (file name -> text) to pages/."""
    content = copy_content(folder / "content")
    (content / "pages").mkdir()
    for name, text in pages.items():
        (content / "pages" / name).write_text(text, encoding="utf-8")
    return content


def error(name: str, message: str) -> str:
    """Return the line ``make check`` prints for a page whose slug is taken."""
    return f"pages/{name}:3: [error] slug: {message}; choose another slug"


@pytest.mark.parametrize(
    ("slug", "lang", "message"),
    [
        ("tim-kiem", "vi", "the address /tim-kiem/ is already the search page"),
        ("search", "en", "the address /en/search/ is already the search page"),
        ("don-vi", "vi", "the address /don-vi/ is already the list of units"),
        ("units", "en", "the address /en/units/ is already the list of units"),
        ("nhan-vat", "vi", "the address /nhan-vat/ is already the list of people"),
        ("luu-tru", "vi", "the address /luu-tru/ is already the archives"),
        ("en", "vi", "the address /en/ is already the English home page"),
        ("photos", "vi", "the address /photos/ is already the photos"),
        ("pagefind", "vi", "the address /pagefind/ is already the search index"),
        ("theme", "vi", "the address /theme/ is already the theme's files"),
        (
            "2020",
            "vi",
            "the address /2020/ is a folder of the posts (/{date:%Y}/{date:%m}/)",
        ),
        (
            "2031",  # a year without posts yet: the posts own every year
            "vi",
            "the address /2031/ is a folder of the posts (/{date:%Y}/{date:%m}/)",
        ),
        (
            "chu-de",
            "vi",
            "the address /chu-de/ is a folder of a topic page (/chu-de/{slug}/)",
        ),
        (
            "feeds",
            "vi",
            "the address /feeds/ is a folder of the news feed (/feeds/all.atom.xml)",
        ),
        (
            "trang",
            "vi",
            "the address /trang/ is a folder of the home page (/trang/{number}/)",
        ),
    ],
)
def test_a_page_on_a_generated_address_is_an_error_in_make_check(
    tmp_path, slug, lang, message
):
    name = f"p.{lang}.md" if lang == "en" else "p.md"
    content = site_with_pages(tmp_path, {name: page(slug, lang)})
    code, lines = check(content)
    assert code == 1
    assert lines == [error(name, message)]


def test_two_pages_with_one_slug_name_each_other(tmp_path):
    pages = {"a.md": page("gioi-thieu"), "b.md": page("gioi-thieu")}
    code, lines = check(site_with_pages(tmp_path, pages))
    assert code == 1
    assert lines == [
        error("a.md", "the address /gioi-thieu/ is also claimed by pages/b.md"),
        error("b.md", "the address /gioi-thieu/ is also claimed by pages/a.md"),
    ]


def test_a_page_on_a_posts_address_names_the_post(tmp_path):
    content = site_with_pages(tmp_path, {"a.md": page(GIAO_BAN)})
    code, lines = check(content, ARTICLE_SAVE_AS="{slug}/index.html")
    assert code == 1
    post = f"posts/2020/{GIAO_BAN}.md"
    assert lines == [
        error("a.md", f"the address /{GIAO_BAN}/ is also claimed by {post}"),
        f"{post}:4: [error] slug: the address /{GIAO_BAN}/ is also claimed by "
        "pages/a.md; choose another slug",
    ]


def test_a_translation_on_its_originals_address_is_an_error(tmp_path):
    content = site_with_pages(tmp_path, {})
    flat = "{slug}/index.html"
    code, lines = check(content, ARTICLE_SAVE_AS=flat, ARTICLE_LANG_SAVE_AS=flat)
    assert code == 1
    post = f"posts/2020/{GIAO_BAN}"
    expected = (
        f"{post}.en.md:3: [error] slug: the address /{GIAO_BAN}/ is also "
        f"claimed by {post}.md; choose another slug"
    )
    assert expected in lines
    assert len(lines) == 6  # each of the three posts and its translation


def test_pages_on_free_addresses_are_fine(tmp_path):
    pages = {"a.md": page("gioi-thieu"), "b.en.md": page("about", "en")}
    assert check(site_with_pages(tmp_path, pages)) == (0, [])


def test_the_build_stops_before_writing_anything(tmp_path):
    content = site_with_pages(tmp_path, {"tim-kiem.md": page("tim-kiem")})
    result = build(content, tmp_path / "output", settings="publishconf.py")
    assert result.returncode == 1
    assert not result.output.exists() or not any(result.output.iterdir())
    assert "pages/tim-kiem.md:3: [error] slug: the address /tim-kiem/ is" in (
        " ".join(result.log.split())
    )


@pytest.mark.parametrize(
    ("reserved", "path", "covers", "folder"),
    [
        ("don-vi/", "don-vi/index.html", True, None),
        ("don-vi/", "don-vi/x/trang/2/index.html", True, None),
        ("don-vi/", "don-vi-khac/index.html", False, None),
        ("sitemap.xml", "sitemap.xml", True, None),
        ("feeds/all.atom.xml", "feeds/index.html", False, "feeds/"),
        ("{date:%Y}/{date:%m}/", "2020/index.html", False, "2020/"),
        ("{date:%Y}/{date:%m}/", "gioi-thieu/index.html", False, "gioi-thieu/"),
        ("chu-de/{slug}/", "chu-de/doan-vien/index.html", True, "chu-de/"),
    ],
)
def test_a_reservation_knows_its_files_and_folders(reserved, path, covers, folder):
    reservation = Reservation(reserved, "owner")
    assert reservation.covers(path) is covers
    if folder is not None:
        expected = folder in ("feeds/", "2020/", "chu-de/")
        assert reservation.has_folder(folder) is expected
