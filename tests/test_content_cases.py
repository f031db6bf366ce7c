"""Broken posts: each case fails ``make check`` with its exact messages and lines.

One file per case in ``tests/fixtures/content_cases/``, checked in a copy of
the real content (registries and seed posts) with ``make check``'s own code,
in this process. ``{post}`` stands for the case's path, ``posts/cases/NAME``.
"""

from __future__ import annotations

import pytest

from tests.content_sites import CASE_FOLDER, CASES_DIR, check, content_with
from tests.sitebuild import build, copy_content

CASES = {
    "control-characters.md": [
        (
            "{post}:2: [error] title: the text holds the character U+0000 (NUL), as "
            "itself or as an escape such as \\0: no page or feed can carry it: "
            "delete it (it may be invisible in your editor)"
        ),
        (
            "{post}:4: [error] summary: the text holds the character U+001B (ESC), "
            "as itself or as an escape such as \\0: no page or feed can carry it: "
            "delete it (it may be invisible in your editor)"
        ),
        (
            "{post}:5: [error] signature: the text holds the character U+FFFE (a "
            "noncharacter), as itself or as an escape such as \\0: no page or feed "
            "can carry it: delete it (it may be invisible in your editor)"
        ),
        (
            "{post}:7: [error] body: the character U+0000 (NUL) in column 9: no page "
            "or feed can carry it: delete it (it may be invisible in your editor)"
        ),
        (
            "{post}:9: [error] body: the character U+FEFF (a byte-order mark, "
            "invisible) in column 1: no page or feed can carry it: delete it (it "
            "may be invisible in your editor)"
        ),
    ],
    "count-not-a-number.md": [
        (
            "{post}:6: [error] attendees[1].count: must be a positive whole number, "
            'not "63 người"'
        ),
        (
            "{post}:8: [error] attendees[2].count: must be a positive whole number, "
            'not "2.5"'
        ),
    ],
    "count-zero.md": [
        (
            "{post}:6: [error] attendees[1].count: must be a positive whole number, "
            "not 0"
        ),
    ],
    "date-day-missing-from-month.md": [
        (
            "{post}:5: [error] event.date: '31/11/2020': day 31 does not exist in "
            "11/2020, which has 30 days"
        ),
    ],
    "date-day-month-swap.md": [
        (
            "{post}:3: [error] date: '2020-18-12' looks like year-day-month; write "
            "year-month-day: 2020-12-18"
        ),
    ],
    "date-month-first.md": [
        (
            "{post}:3: [error] date: '12/18/2020 08:00' looks like month/day/year, "
            "which is not accepted; write day/month/year: 18/12/2020"
        ),
    ],
    "date-unparseable.md": [
        (
            "{post}:3: [error] date: cannot read 'ngày 18 tháng 12 năm 2020' as a "
            "date; accepted formats: YYYY-MM-DD, YYYY-MM-DD HH:MM, YYYY-MM-DDTHH:MM, "
            "YYYY-MM-DD HH:MM:SS, DD/MM/YYYY, DD/MM/YYYY HH:MM, DD-MM-YYYY"
        ),
    ],
    "duplicate-key.md": [
        ("{post}:5: [error] date: this key is given twice (first on line 3): keep one"),
    ],
    "duplicate-slug.md": [
        (
            "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md:4: [error] slug: the"
            ' slug "giao-ban-quan-uy-quan-doan-2020-lan-2" is also used by {post} '
            "(Vietnamese): give each post its own slug"
        ),
        (
            '{post}:4: [error] slug: the slug "giao-ban-quan-uy-quan-doan-2020-lan-2"'
            " is also used by posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md "
            "(Vietnamese): give each post its own slug"
        ),
    ],
    "empty-file.md": [
        (
            "{post}:1: [error] front matter: the file is empty: a post starts with "
            "'---', its keys (title, date, …), and '---'"
        ),
    ],
    "event-time-invalid.md": [
        (
            "{post}:5: [error] event.time: event time 'trưa' is not valid; expected "
            'morning, afternoon, evening or "HH:MM"'
        ),
    ],
    "featured-not-true-or-false.md": [
        '{post}:4: [error] featured: must be true or false, not "có"',
    ],
    "front-matter-not-closed.md": [
        (
            "{post}:1: [error] front matter: the front matter is not closed: add a "
            "line '---' after its last key"
        ),
    ],
    "html-file.html": [
        (
            "{post}:1: [error] file: this file is not a post (posts are Markdown "
            "files ending in .md): rename it, or move it out of content/posts/ "
            "(photos go in content/photos/)"
        ),
    ],
    "html-in-title.md": [
        (
            "{post}:2: [error] title: HTML is not allowed in the front matter: write "
            "plain text (formatting belongs in the body)"
        ),
    ],
    "html-entities-in-front-matter.md": [
        (
            "{post}:2: [error] title: HTML written as entities (&lt;…) is not "
            "allowed in the front matter: write plain text (formatting belongs in "
            "the body)"
        ),
        (
            "{post}:4: [error] summary: HTML written as entities (&lt;…) is not "
            "allowed in the front matter: write plain text (formatting belongs in "
            "the body)"
        ),
        (
            "{post}:6: [error] event.place: HTML written as entities (&lt;…) is not "
            "allowed in the front matter: write plain text (formatting belongs in "
            "the body)"
        ),
        (
            "{post}:10: [error] tags[2]: HTML written as entities (&lt;…) is not "
            "allowed in the front matter: write plain text (formatting belongs in "
            "the body)"
        ),
    ],
    "lang-unknown.md": [
        '{post}:4: [error] lang: unknown value "vn" (use vi or en)',
    ],
    "many-problems.md": [
        (
            "{post}:3: [error] date: '2020-18-12' looks like year-day-month; write "
            "year-month-day: 2020-12-18"
        ),
        '{post}:4: [error] speakrs: unknown key; did you mean "speakers"?',
        (
            '{post}:5: [error] units[1]: unknown unit "Quan Doan Tan Bnh"; did you '
            'mean "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
        ),
        (
            "{post}:8: [error] attendees[1].count: must be a positive whole number, "
            "not -5"
        ),
        (
            "{post}:10: [error] photos[1].alt: is required: add 'alt: …' (what the "
            "photo shows, for readers who cannot see it)"
        ),
        (
            '{post}:10: [error] photos[1].src: the photo "photos/2020/khong-co.jpg" '
            "does not exist (paths are relative to content/, e.g. "
            "photos/2020/name.jpg)"
        ),
        (
            "{post}:14: [error] body: <script> is not allowed: a post cannot run "
            "scripts (to show code, put it between backticks)"
        ),
        # A refused post's images are checked in the same run.
        (
            '{post}:16: [error] body: the image "photos/2020/khong-co-trong-bai.jpg" '
            "does not exist (paths are relative to content/, e.g. "
            "photos/2020/name.jpg)"
        ),
    ],
    "missing-date.md": [
        (
            "{post}:1: [error] date: is required: add 'date: …' (publication time, "
            "Asia/Ho_Chi_Minh: 2020-12-18 08:00 or 18/12/2020 08:00)"
        ),
    ],
    "missing-title.md": [
        (
            "{post}:1: [error] title: is required: add 'title: …' (the headline, in "
            "sentence case)"
        ),
    ],
    "no-front-matter.md": [
        (
            "{post}:1: [error] front matter: the post does not start with a "
            "front-matter block: its first line must be '---', then the keys (title, "
            "date, …), then '---'"
        ),
    ],
    "not-utf8.md": [
        (
            "{post}:2: [error] encoding: the file is not UTF-8 (byte 0xB5 on this "
            "line): it was probably saved in a legacy Vietnamese encoding (TCVN3, VNI"
            " or Windows-1258); save it as UTF-8 in your editor"
        ),
    ],
    "part-unknown.md": [
        (
            '{post}:7: [error] speakers[1].part: unknown value "chủ trì"; did you '
            'mean "chair"? (use chair, speaker or guest)'
        ),
    ],
    "photo-missing.md": [
        (
            '{post}:5: [error] photos[1].src: the photo "photos/2022/khong-co.jpg" '
            "does not exist (paths are relative to content/, e.g. "
            "photos/2020/name.jpg)"
        ),
    ],
    "photo-two-leads.md": [
        (
            "{post}:10: [error] photos[2].lead: only one photo can be the lead; "
            "photo 1 already is: remove one of the two `lead: true`"
        ),
    ],
    "photo-outside-content.md": [
        (
            '{post}:5: [error] photos[1].src: the photo "../README.md" lies outside '
            "content/: copy it into content/photos/ and write its path from there"
        ),
        (
            '{post}:7: [error] photos[2].src: the photo "/etc/hostname" lies outside '
            "content/: copy it into content/photos/ and write its path from there"
        ),
    ],
    "photo-without-alt.md": [
        (
            "{post}:5: [error] photos[1].alt: is required: add 'alt: …' (what the "
            "photo shows, for readers who cannot see it)"
        ),
    ],
    "slug-not-ascii.md": [
        (
            '{post}:4: [error] slug: "Giao ban Quận Đoàn 2022" is not a slug '
            "(lower-case ASCII words joined by hyphens): write "
            '"giao-ban-quan-doan-2022"'
        ),
    ],
    "slug-dots.md": [
        (
            '{post}:4: [error] slug: ".." is not a slug (lower-case ASCII words '
            'joined by hyphens): write "slug-dots"'
        ),
    ],
    "speakers-not-blocks.md": [
        (
            "{post}:4: [error] speakers[1]: each entry is a block of lines starting "
            "'- name: …', not \"Phạm Thị Thành\""
        ),
        (
            "{post}:4: [error] speakers[2]: each entry is a block of lines starting "
            "'- name: …', not \"Phan Lê Huy Hoàng\""
        ),
    ],
    "status-unknown.md": [
        (
            '{post}:4: [error] status: unknown value "nháp"; did you mean "draft"? '
            "(use published or draft)"
        ),
    ],
    "stray-file.txt": [
        (
            "{post}:1: [error] file: this file is not a post (posts are Markdown "
            "files ending in .md): rename it, or move it out of content/posts/ "
            "(photos go in content/photos/)"
        ),
    ],
    "translation-date-contradicts.en.md": [
        (
            "{post}:3: [error] date: 2020-12-19 08:00 contradicts the original's "
            "2020-12-18 08:00 (posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md): "
            "remove the date from the translation"
        ),
        (
            "{post}:1: [notice] untranslated: shown in Vietnamese on the English "
            'page: group "Cấp ủy Đảng phụ trách công tác thanh niên", group '
            '"Thường trực cơ sở Đoàn", tag "giao ban", tag "công tác thanh niên", '
            'tag "tân bình"; add the terms to content/data/glossary.yml, or write '
            "their English here under groups:, tags: or captions: (keyed by the "
            "Vietnamese text or the photo's src)"
        ),
    ],
    "translation-positions-beyond.en.md": [
        (
            "{post}:7: [error] roles.3: the original has 2 speakers: there is no "
            "speaker 3"
        ),
        (
            "{post}:9: [error] captions.1: the original has no photos: there is no "
            "photo 1"
        ),
        (
            "{post}:6: [warning] roles.1: roles by position are read until the next "
            "release and go to the wrong speaker when the original's order changes: "
            "write 'pham-thi-thanh: …' instead of '1: …' (make convert-keys does "
            "it in every translation)"
        ),
        (
            "{post}:8: [notice] untranslated: shown in Vietnamese on the English "
            'page: group "Cấp ủy Đảng phụ trách công tác thanh niên", group '
            '"Thường trực cơ sở Đoàn", tag "giao ban", tag "công tác thanh niên", '
            'tag "tân bình"; add the terms to content/data/glossary.yml, or write '
            "their English here under groups:, tags: or captions: (keyed by the "
            "Vietnamese text or the photo's src)"
        ),
    ],
    "translation-with-facts.en.md": [
        (
            "{post}:5: [error] units: a translation carries only its title, summary, "
            "body and the English of roles, captions, groups and tags: this fact "
            "comes from the Vietnamese original; remove it here"
        ),
        (
            "{post}:6: [error] featured: a translation carries only its title, "
            "summary, body and the English of roles, captions, groups and tags: this "
            "fact comes from the Vietnamese original; remove it here"
        ),
    ],
    "translation-without-original.en.md": [
        (
            "{post}:3: [error] slug: this translation has no Vietnamese original with"
            ' the slug "khong-co-bai-goc": write the Vietnamese post first, or '
            "correct the slug"
        ),
    ],
    "unknown-key-in-speaker.md": [
        (
            "{post}:5: [error] speakers[1].role: is required: add 'role: …' (their "
            "role at the time, in Vietnamese)"
        ),
        '{post}:6: [error] speakers[1].rol: unknown key; did you mean "role"?',
    ],
    "unknown-key-typo.md": [
        '{post}:4: [error] speakrs: unknown key; did you mean "speakers"?',
    ],
    "unknown-key-vietnamese.md": [
        '{post}:4: [error] tóm tắt: unknown key; did you mean "summary"?',
    ],
    "unknown-organizer.md": [
        (
            '{post}:5: [error] event.organizer: unknown unit "Quận Đoàn Tân Phú"; did'
            ' you mean "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
        ),
    ],
    "unknown-person-without-diacritics.md": [
        (
            '{post}:5: [error] speakers[1].name: unknown person "Pham Thi Thanh"; did'
            ' you mean "Phạm Thị Thành" (pham-thi-thanh)?'
        ),
    ],
    "unknown-person.md": [
        (
            '{post}:5: [error] speakers[1].name: unknown person "Nguyễn Văn An": add '
            "them to content/data/people.yml"
        ),
        (
            '{post}:7: [error] speakers[1].unit: unknown unit "Đoàn phường 4": add it'
            " to content/data/units.yml"
        ),
    ],
    "unknown-unit-suggestion.md": [
        (
            '{post}:4: [error] units[2]: unknown unit "Quan Doan Tan Bnh"; did you '
            'mean "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
        ),
    ],
    "unknown-unit.md": [
        (
            '{post}:4: [error] units[1]: unknown unit "Hội Liên hiệp Phụ nữ quận Tân '
            'Bình": add it to content/data/units.yml'
        ),
    ],
    "unsafe-attribute-list.md": [
        (
            '{post}:8: [error] body: the event handler onmouseover="steal()" on <p> '
            "is not allowed: a post cannot run scripts"
        ),
    ],
    "unsafe-event-handler.md": [
        (
            '{post}:7: [error] body: the event handler onclick="steal()" on <p> is '
            "not allowed: a post cannot run scripts"
        ),
    ],
    "unsafe-iframe-host.md": [
        (
            '{post}:7: [error] body: the embed from "video.example.com" is not '
            "allowed: only video players from facebook.com, player.vimeo.com, "
            "youtube-nocookie.com, youtube.com may be embedded"
        ),
    ],
    "unsafe-iframe-bypass.md": [
        (
            '{post}:7: [error] body: the embed from "evil.com" is not allowed: only '
            "video players from facebook.com, player.vimeo.com, "
            "youtube-nocookie.com, youtube.com may be embedded"
        ),
        (
            '{post}:9: [error] body: the embed address "https://www.facebook.com/'
            'plugins/video.…" is ambiguous: a browser reads it as '
            '"https://www.facebook.com/login.php"; copy the address exactly as the '
            "video site's embed code gives it"
        ),
        (
            "{post}:11: [error] body: the permission camera, microphone, geolocation "
            "in <iframe allow> is not allowed: a video player may have "
            "accelerometer, autoplay, clipboard-write, encrypted-media, fullscreen, "
            "gyroscope, picture-in-picture, web-share"
        ),
        (
            "{post}:13: [error] body: <javascript:alert(13)> is not allowed: raw HTML "
            "in a post is limited to text formatting, links, images, tables and "
            "video embeds"
        ),
    ],
    "unsafe-javascript-link.md": [
        (
            '{post}:7: [error] body: the address "javascript:alert(1)" in <a href> is'
            " not allowed: use http, https, mailto, tel or a relative address"
        ),
    ],
    "unsafe-script.md": [
        (
            "{post}:7: [error] body: <script> is not allowed: a post cannot run "
            "scripts (to show code, put it between backticks)"
        ),
    ],
    "utf16.md": [
        (
            "{post}:1: [error] encoding: the file is saved as UTF-16: save it as "
            "UTF-8 in your editor"
        ),
    ],
    "yaml-anchor-alias.md": [
        (
            "{post}:4: [error] units: YAML anchors (&donvi) are not allowed: remove "
            "'&donvi'"
        ),
        (
            "{post}:7: [error] event.organizer: YAML aliases (*donvi) are not "
            "allowed: write the value out in full"
        ),
    ],
    "yaml-colon-in-title.md": [
        (
            "{post}:2: [error] yaml: invalid YAML: the value contains ': '; put it in"
            ' double quotes: title: "Hội nghị giao ban: tổng kết năm 2020"'
        ),
    ],
    "yaml-deep-nesting.md": [
        (
            "{post}:4: [error] event: lists and blocks are nested more than 10 "
            "levels deep here: a front matter or registry needs a few levels at "
            "most; close the brackets or reduce the indentation"
        ),
    ],
    "yaml-tab-indentation.md": [
        (
            "{post}:5: [error] yaml: invalid YAML: a tab is used to indent; indent "
            "with spaces"
        ),
    ],
    "yaml-tags-and-merge-keys.md": [
        (
            "{post}:2: [error] title: YAML tags (!!binary) are not allowed: remove "
            "the tag, and put the value in double quotes if it must stay text"
        ),
        (
            "{post}:4: [error] summary: YAML tags (!x) are not allowed: remove the "
            "tag, and put the value in double quotes if it must stay text"
        ),
        (
            "{post}:5: [error] yaml: merge keys ('<<') are not allowed: write each "
            "key out"
        ),
    ],
    "yaml-unclosed-bracket.md": [
        (
            "{post}:4: [error] yaml: invalid YAML: a list opened with '[' is not "
            "closed with ']'"
        ),
    ],
}


def expected(name: str) -> list[str]:
    """Return the lines ``make check`` prints for case ``name``."""
    return [line.format(post=f"{CASE_FOLDER}/{name}") for line in CASES[name]]


def test_every_case_file_has_its_expected_output():
    assert sorted(p.name for p in CASES_DIR.iterdir()) == sorted(CASES)


def test_there_are_at_least_25_cases():
    assert len(CASES) >= 25


@pytest.mark.parametrize("name", sorted(CASES))
def test_case_fails_with_its_exact_messages(name, tmp_path):
    code, lines = check(content_with(tmp_path / "content", CASES_DIR / name))
    assert lines == expected(name)
    assert code == 1


def test_all_problems_of_all_files_are_reported_in_one_run(tmp_path):
    names = [
        "missing-title.md",
        "not-utf8.md",
        "unknown-key-typo.md",
        "unknown-unit-suggestion.md",
        "unsafe-script.md",
        "many-problems.md",
        "stray-file.txt",
    ]
    content = content_with(tmp_path / "content", *(CASES_DIR / n for n in names))
    code, lines = check(content)
    assert code == 1
    assert lines == sorted(
        (line for n in names for line in expected(n)),
        key=lambda line: (line.split(":")[0], int(line.split(":")[1])),
    )


def test_the_check_starts_no_search_indexer(tmp_path):
    """``make check`` writes nothing: no indexer process reads the posts for it."""
    from search_index.state import search_state

    code, _ = check(content_with(tmp_path / "content"))
    assert code == 0
    assert search_state().indexing is None
    assert search_state().document_file is None


def test_posts_behind_symbolic_links_are_read_and_a_stray_file_still_found(tmp_path):
    """The content folder, and a year folder in it, reached by symbolic links:
    every post is read (none reported lost); a stray file behind the link is."""
    real = copy_content(tmp_path / "real")
    year = real / "posts" / "2021"
    moved = tmp_path / "elsewhere-2021"
    year.rename(moved)
    year.symlink_to(moved, target_is_directory=True)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    result = build(link, tmp_path / "out")
    assert result.returncode == 0, result.log
    (moved / "ghi-chu.txt").write_text("ghi chú", encoding="utf-8")
    result = build(link, tmp_path / "out-2")
    assert result.returncode == 1
    assert "posts/2021/ghi-chu.txt:1: [error] file: this file is not a post" in (
        result.log
    )
