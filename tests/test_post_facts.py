"""Issue #15, the post rules: keyed English texts, counts, English pages, slugs.

A real-post-shaped congress post (``tests/fixtures/post_facts/``: a chair, a
speaker and a guest in an order the English ``roles:`` do not follow; counts
"hơn 40", "gần 200", "khoảng 1.000"; honoured, admitted, delegates and guests
groups; no ``slug:`` in either file) is built once with the tests' site, and
broken variants go through ``make check``'s own code.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from tests.content_sites import CASE_FOLDER, check, content_with
from tests.sitebuild import NO_SEARCH, build

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "post_facts"
VI = "dai-hoi-chi-doan-khu-pho-7-2024.md"
EN = "dai-hoi-chi-doan-khu-pho-7-2024.en.md"
SLUG = "dai-hoi-chi-doan-khu-pho-7-2024"


def with_posts(tmp_path: Path, edit=None) -> Path:
    """Return a copy of the tests' site with the congress post and its translation.

    ``edit(vi_text, en_text)`` returns the two texts to write instead.
    """
    content = content_with(tmp_path / "content", cases=False)
    vi, en = ((FIXTURES / n).read_text(encoding="utf-8") for n in (VI, EN))
    if edit is not None:
        vi, en = edit(vi, en)
    folder = content / CASE_FOLDER
    (folder / VI).write_text(vi, encoding="utf-8")
    (folder / EN).write_text(en, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The tests' site with the congress post, built once."""
    root = tmp_path_factory.mktemp("post-facts")
    content = with_posts(root)
    result = build(content, root / "output", extra=NO_SEARCH)
    assert result.returncode == 0, result.log
    return result


def event_data(page) -> dict:
    """Return the Event of a post page's NewsArticle JSON-LD."""
    script = page.find("script", type="application/ld+json")
    return json.loads(script.string)["about"]


def card_lists(page) -> dict[str, list[str]]:
    """Return the event card's lists by heading: {"Chaired by": [items]}."""
    card = page.select_one(".event-card")
    found = {}
    for heading in card.select("h3"):
        items = heading.find_next_sibling("ul").select("li")
        found[heading.get_text(strip=True)] = [
            " ".join(li.get_text(" ", strip=True).split()) for li in items
        ]
    return found


# --- rule 6: the slug comes from the file name -------------------------------


def test_slug_comes_from_the_file_name_and_pairs_the_translation(site):
    vi = site.page(f"/2024/03/{SLUG}/")
    en = site.page(f"/en/2024/03/{SLUG}/")
    assert vi.find("h1").get_text(strip=True).startswith("Đại hội Chi đoàn")
    assert en.find("h1").get_text(strip=True).startswith("Congress of the Youth")
    assert en.find("link", rel="alternate", hreflang="vi")["href"].endswith(
        f"/2024/03/{SLUG}/"
    )


def test_a_file_name_without_letters_is_an_error_not_a_title_slug(tmp_path):
    content = content_with(tmp_path / "content", cases=False)
    shutil.copyfile(FIXTURES / VI, content / CASE_FOLDER / "….md")
    code, lines = check(content)
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/….md:1: [error] slug: the file name gives no slug: rename "
        "the file to its address (giao-ban-quan-doan-2022.md) or add a line "
        "'slug: …' (ASCII words)"
    ]


# --- rule 2: English roles and captions follow people and photos -------------


def test_speakers_keep_their_english_roles_in_any_order(site):
    lists = card_lists(site.page(f"/en/2024/03/{SLUG}/"))
    assert lists["Chaired by"] == [
        "Phan Lê Huy Hoàng , Secretary of the District Youth Union"
    ]
    assert lists["Speakers"] == [
        "Đoàn Long , Member of the Executive Committee of the District Youth Union"
    ]
    assert lists["Guests"] == [
        "La Thanh Tuấn , Deputy Head of the Workers' Affairs Commission of the City "
        "Youth Union"
    ]


def swapped_with_own_slug(vi: str, en: str) -> tuple[str, str]:
    """Reverse the original's speakers and give it a slug of its own."""
    first = vi.index("  - name: Đoàn Long")
    second = vi.index("  - name: La Thanh Tuấn")
    third = vi.index("  - name: Phan Lê Huy Hoàng")
    end = vi.index("attendees:")
    blocks = [vi[first:second], vi[second:third], vi[third:end]]
    vi = vi[:first] + "".join(reversed(blocks)) + vi[end:]
    return vi.replace("lang: vi\n", "slug: dai-hoi-kp7\nlang: vi\n"), en


@pytest.fixture(scope="module")
def variant(tmp_path_factory):
    """The site with the speakers reversed and ``slug: dai-hoi-kp7`` in the original."""
    root = tmp_path_factory.mktemp("post-facts-variant")
    content = with_posts(root, swapped_with_own_slug)
    assert check(content) == (0, [])
    result = build(content, root / "output", extra=NO_SEARCH)
    assert result.returncode == 0, result.log
    return result


def test_swapping_speakers_in_the_original_keeps_each_role(variant):
    data = json.loads(
        variant.page("/en/2024/03/dai-hoi-kp7/")
        .find("script", type="application/ld+json")
        .string
    )
    roles = {person["name"]: person["jobTitle"] for person in data["mentions"]}
    assert list(roles) == ["Phan Lê Huy Hoàng", "La Thanh Tuấn", "Đoàn Long"]
    assert roles == {
        "Phan Lê Huy Hoàng": "Secretary of the District Youth Union",
        "La Thanh Tuấn": "Deputy Head of the Workers' Affairs Commission of the "
        "City Youth Union",
        "Đoàn Long": "Member of the Executive Committee of the District Youth Union",
    }


def test_a_translation_without_slug_pairs_with_an_original_that_writes_one(variant):
    english = variant.page("/en/2024/03/dai-hoi-kp7/")
    assert english.find("h1").get_text(strip=True).startswith("Congress of")


def test_the_positional_form_is_read_with_a_warning_saying_how_to_convert(
    tmp_path,
):
    def positional(vi: str, en: str) -> tuple[str, str]:
        return vi, en.replace("  phan-le-huy-hoang: ", "  3: ")

    code, lines = check(with_posts(tmp_path, positional))
    assert code == 0
    assert lines == [
        f"{CASE_FOLDER}/{EN}:6: [warning] roles.3: roles by position are read "
        "until the next release and go to the wrong speaker when the original's "
        "order changes: write 'phan-le-huy-hoang: …' instead of '3: …' (make "
        "convert-keys does it in every translation)"
    ]


def test_a_key_that_names_nobody_in_the_original_is_an_error(tmp_path):
    def unknown(vi: str, en: str) -> tuple[str, str]:
        en = en.replace("  doan-long: ", "  doan-lon: ")
        return vi, en.replace("tags:", "captions:\n  photos/x.jpg: A photo\ntags:")

    code, lines = check(with_posts(tmp_path, unknown))
    assert code == 1
    assert lines == [
        f'{CASE_FOLDER}/{EN}:8: [error] roles.doan-lon: "doan-lon" names no '
        'speaker of the original; did you mean "doan-long"? (write the speaker\'s '
        'key or name: "doan-long", "la-thanh-tuan", "phan-le-huy-hoang")',
        f'{CASE_FOLDER}/{EN}:16: [error] captions.photos/x.jpg: "photos/x.jpg" '
        "names no photo: the original has no photos",
    ]


# --- rule 3: counts as real posts write them ---------------------------------


def test_rough_counts_in_both_languages(site):
    vi = card_lists(site.page(f"/2024/03/{SLUG}/"))
    en = card_lists(site.page(f"/en/2024/03/{SLUG}/"))
    assert vi["Thành phần tham dự"] == ["hơn 40 Đoàn viên chi đoàn khu phố 7"]
    assert en["Attendees"] == ["more than 40 members of the neighbourhood 7 branch"]
    assert vi["Đại biểu tham dự"] == ["gần 200 Đại biểu các chi đoàn bạn"]
    assert en["Delegates"] == ["nearly 200 delegates of other branches"]
    assert vi["Khách mời tham dự"] == ["khoảng 1.000 Người dân khu phố"]
    assert en["Invited guests"] == ["about 1,000 residents of the neighbourhood"]
    assert en["Honoured"] == ["47 outstanding members"]
    assert en["New members admitted"] == ["12 outstanding young people"]


def test_json_ld_says_who_each_group_is(site):
    en = {
        a["name"]: a for a in event_data(site.page(f"/en/2024/03/{SLUG}/"))["audience"]
    }
    assert en["outstanding members"] == {
        "@type": "Audience",
        "audienceType": "Honoured",
        "name": "outstanding members",
        "description": "47 honoured",
    }
    assert en["members of the neighbourhood 7 branch"]["description"] == (
        "more than 40 attendees"
    )
    assert en["members of the neighbourhood 7 branch"]["audienceType"] == "Attendees"
    assert en["outstanding young people"]["description"] == "12 admitted"
    vi = {a["name"]: a for a in event_data(site.page(f"/2024/03/{SLUG}/"))["audience"]}
    assert vi["Đoàn viên xuất sắc"]["description"] == "47 người được tuyên dương"
    assert vi["Người dân khu phố"]["description"] == "khoảng 1.000 khách mời"


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ('"06"', '"06" starts with a zero: write 6 (a count is written without '
         "leading zeros)"),
        ("06", '"06" starts with a zero: write 6 (a count is written without '
         "leading zeros)"),
        ("1.000", '"1.000" is read as a decimal number: write 1000, without the '
         "thousands separator"),
        ("1,000", '"1,000" is not a number: write 1000, without the thousands '
         "separator"),
        ("hơn 40 đoàn viên", '"hơn 40 đoàn viên" is not a number: write '
         "'count: 40' and 'approx: over' on the next line"),
        ("khoảng 1.000", "\"khoảng 1.000\" is not a number: write 'count: 1000' "
         "and 'approx: about' on the next line"),
    ],
)  # fmt: skip
def test_counts_written_as_text_are_refused_with_what_to_write(
    tmp_path, written, message
):
    def count(vi: str, en: str) -> tuple[str, str]:
        return vi.replace("    count: 40\n", f"    count: {written}\n"), en

    code, lines = check(with_posts(tmp_path, count))
    assert code == 1
    assert lines[0] == f"{CASE_FOLDER}/{VI}:27: [error] attendees[1].count: {message}"


def test_approx_without_a_count_is_an_error(tmp_path):
    def no_count(vi: str, en: str) -> tuple[str, str]:
        return vi.replace("    count: 40\n", ""), en

    code, lines = check(with_posts(tmp_path, no_count))
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/{VI}:27: [error] attendees[1].approx: says how rough a "
        "count is, and there is no count: add 'count: …' (hơn 40 is count: 40 "
        "with approx: over), or remove it"
    ]


# --- rule 5: everything on an English page is English -------------------------


def test_groups_and_tags_are_english_on_the_english_page(site):
    page = site.page(f"/en/2024/03/{SLUG}/")
    topics = [a.get_text(strip=True) for a in page.select(".article__links a")]
    assert "congress" in topics and "commendation" in topics
    card = page.select_one(".event-card")
    untranslated = [e.get_text(strip=True) for e in card.select('[lang="vi"]')]
    assert untranslated == ["Hội trường khu phố 7, phường 2"]  # a place, marked


def test_untranslated_groups_and_tags_are_notices_per_post(tmp_path):
    def forget(vi: str, en: str) -> tuple[str, str]:
        en = en.replace("  Thanh niên ưu tú: outstanding young people\n", "")
        return vi, en.replace("  tuyên dương: commendation\n", "")

    code, lines = check(with_posts(tmp_path, forget))
    assert code == 0
    assert lines == [
        f"{CASE_FOLDER}/{EN}:9: [notice] untranslated: shown in Vietnamese on "
        'the English page: group "Thanh niên ưu tú", tag "tuyên dương"; add the '
        "terms to content/data/glossary.yml, or write their English here under "
        "groups:, tags: or captions: (keyed by the Vietnamese text or the photo's "
        "src)"
    ]


def test_the_english_topic_page_is_named_in_english(site):
    page = site.page("/en/topics/tuyen-duong/")
    title = page.select_one("h1 span")
    assert title.get_text(strip=True) == "commendation"
    assert title.get("lang") is None
    assert page.find("title").get_text().startswith("Topic: commendation")


def test_sharing_tags_are_english_on_the_english_page(site):
    page = site.page(f"/en/2024/03/{SLUG}/")
    tags = [m["content"] for m in page.find_all("meta", property="article:tag")]
    assert tags == ["congress", "commendation"]


def test_one_speaker_keyed_twice_and_tags_as_a_list_are_errors(tmp_path):
    def twice(vi: str, en: str) -> tuple[str, str]:
        en = en.replace("  doan-long: ", "  Đoàn Long: Member\n  doan-long: ")
        tags = "tags:\n  đại hội: congress\n  tuyên dương: commendation\n"
        return vi, en.replace(tags, "tags: [congress]\n")

    code, lines = check(with_posts(tmp_path, twice))
    assert code == 1
    assert lines == [
        f'{CASE_FOLDER}/{EN}:9: [error] roles.doan-long: "doan-long" gives the same '
        'speaker as "Đoàn Long": keep one',
        f"{CASE_FOLDER}/{EN}:16: [error] tags: must map each original text to its "
        "English, one per line: 'giao ban: …', not a list",
    ]


def test_a_translation_named_otherwise_than_its_original_says_how_to_pair(tmp_path):
    content = with_posts(tmp_path)
    folder = content / CASE_FOLDER
    (folder / EN).rename(folder / "dai-hoi-kp7.en.md")
    code, lines = check(content)
    assert code == 1
    assert lines == [
        f"{CASE_FOLDER}/dai-hoi-kp7.en.md:1: [error] slug: this translation has no "
        'Vietnamese original with the slug "dai-hoi-kp7": write the Vietnamese post '
        "first, or correct the slug (taken from the file name: name the "
        "translation as its original, {slug}.en.md beside {slug}.md, or write "
        "'slug: …')"
    ]
