"""The content model: seeds pass, references resolve, registries refuse collisions."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from types import SimpleNamespace

import pytest

from content_model.frontmatter import decode, split
from content_model.registry import Person, Registry, load_registry, read_registry
from content_model.settings import SettingsError, html_policy
from content_model.validate import check_post
from tests.content_sites import (
    CASE_FOLDER,
    CASES_DIR,
    VALID_DIR,
    check,
    content_with,
)
from tests.sitebuild import CONTENT

DRAFTS = Path(__file__).resolve().parent / "fixtures" / "content_drafts"


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(CONTENT / "data")


def test_the_real_content_passes_make_check():
    assert check(CONTENT) == (0, [])


@pytest.mark.parametrize("post", sorted((CONTENT / "posts").rglob("*.md")), ids=str)
def test_each_seed_post_has_no_problem_of_its_own(post):
    front = split(decode(post.read_bytes(), post.name), post.name)
    assert check_post(front, post.name)[1] == []


def test_bom_crlf_nfd_and_variant_references_pass(tmp_path):
    content = content_with(tmp_path / "content", VALID_DIR / "variants-bom-crlf-nfd.md")
    assert check(content) == (0, [])


def test_times_written_the_vietnamese_way_pass(tmp_path):
    post = VALID_DIR / "clock-times-as-written.md"
    content = content_with(tmp_path / "content", post)
    assert check(content) == (0, [])


def test_text_is_nfc_after_reading():
    raw = (VALID_DIR / "variants-bom-crlf-nfd.md").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    front = split(decode(raw, "x.md"), "x.md")
    title = front.data["title"]
    assert title == unicodedata.normalize("NFC", title)
    assert title.startswith("Hội nghị hoà giải")
    assert front.lines[("date",)] == 3
    assert front.body_line == 19


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        ("Quận ủy Tân Bình", "quan-uy-tan-binh"),
        ("Quận uỷ Tân Bình", "quan-uy-tan-binh"),  # old tone-mark placement
        ("QUẬN UỶ TÂN BÌNH", "quan-uy-tan-binh"),  # case
        (unicodedata.normalize("NFD", "Quận ủy Tân Bình"), "quan-uy-tan-binh"),
        ("quan-uy-tan-binh", "quan-uy-tan-binh"),  # key
        ("  Quận   Đoàn  Tân Bình ", "quan-doan-tan-binh"),  # spacing
        ("quận đoàn tân bình", "quan-doan-tan-binh"),
        ("Thành Đoàn TP.HCM", "thanh-doan-tp-hcm"),  # alias
        ("Thành đoàn TP. HCM", "thanh-doan-tp-hcm"),  # alias, other spacing
        ("Huyện đoàn Cẩm Phả", "thanh-doan-cam-pha"),  # alias from a source
    ],
)
def test_unit_references_resolve_to_their_key(registry, reference, key):
    assert registry.find_unit(reference).key == key


@pytest.mark.parametrize(
    ("reference", "key"),
    [
        ("Phạm Thị Thành", "pham-thi-thanh"),
        ("phạm thị thành", "pham-thi-thanh"),
        (unicodedata.normalize("NFD", "PHAN LÊ HUY HOÀNG"), "phan-le-huy-hoang"),
        ("doan-long", "doan-long"),
    ],
)
def test_person_references_resolve_to_their_key(registry, reference, key):
    assert registry.find_person(reference).key == key


def test_hoa_with_either_tone_placement_is_the_same_person():
    registry = Registry()
    registry.add_person(Person("nguyen-thi-hoa", "Nguyễn Thị Hòa", ("Chị Hòa",)))
    assert registry.find_person("Nguyễn Thị Hoà").key == "nguyen-thi-hoa"
    assert registry.find_person("chị hoà").key == "nguyen-thi-hoa"


def test_a_name_without_diacritics_is_not_a_match_but_a_suggestion(registry):
    assert registry.find_unit("Quan Doan Tan Binh") is None
    assert registry.suggest_unit("Quan Doan Tan Bnh").key == "quan-doan-tan-binh"
    assert registry.suggest_person("Doan Long").key == "doan-long"


def _registry_files(folder: Path, units: str, people: str = "", glossary: str = ""):
    folder.mkdir()
    (folder / "units.yml").write_text(units, encoding="utf-8")
    (folder / "people.yml").write_text(people, encoding="utf-8")
    (folder / "glossary.yml").write_text(glossary, encoding="utf-8")
    return folder


def test_posts_share_their_repeated_keys_and_key_paths():
    from content_model.frontmatter import load_yaml, share_repeated_keys

    def read(source: str):
        return share_repeated_keys(*load_yaml(source, "post.md")[:2])

    first = read("speakers:\n  - name: A\n    role: Bí thư\n")
    second = read("speakers:\n  - name: B\n    role: Phó Bí thư\n")
    assert first[0] == {"speakers": [{"name": "A", "role": "Bí thư"}]}
    assert first[1][("speakers", 0, "role")] == 3
    [key_a] = [k for k in first[1] if k == ("speakers", 0, "role")]
    [key_b] = [k for k in second[1] if k == ("speakers", 0, "role")]
    assert key_a is key_b  # one copy for every post
    keys_a = list(first[0]["speakers"][0])
    keys_b = list(second[0]["speakers"][0])
    assert keys_a == ["name", "role"]
    assert all(a is b for a, b in zip(keys_a, keys_b, strict=True))


def test_posts_share_their_repeated_short_texts():
    """Names, roles, units and places repeat in every post: one copy of each
    is kept (issue #22: 17 MiB at 10,000 posts), not one a post; a long text
    (a summary) stays the post's own and out of the shared table."""
    from content_model import frontmatter
    from content_model.frontmatter import load_yaml, share_repeated_keys

    def read(source: str):
        return share_repeated_keys(*load_yaml(source, "post.md")[:2])[0]

    summary = "Tóm tắt " + "rất dài " * 20
    post = "speakers:\n  - name: Bùi Gia Ưng\n    role: Bí thư\nunits: [Đoàn A]\n"
    first = read(post + f"summary: {summary}1\n")
    second = read(post + f"summary: {summary}2\n")
    assert first["speakers"] == second["speakers"]  # equal values, and
    name_a, name_b = first["speakers"][0]["name"], second["speakers"][0]["name"]
    assert name_a is name_b  # one copy for every post
    assert first["speakers"][0]["role"] is second["speakers"][0]["role"]
    assert first["units"][0] is second["units"][0]
    assert first["summary"] == f"{summary}1"
    assert first["summary"] not in frontmatter._shared


def test_posts_with_the_same_layout_share_one_line_map():
    """A line map (key path -> line) is the same object for every post whose
    front matter sits on the same lines; another layout keeps its own."""
    from content_model.frontmatter import load_yaml, share_repeated_keys

    def lines(source: str) -> dict:
        return share_repeated_keys(*load_yaml(source, "post.md")[:2])[1]

    first = lines("title: Một\nunits: [Đoàn A]\n")
    second = lines("title: Hai\nunits: [Đoàn B]\n")
    other = lines("units: [Đoàn B]\ntitle: Hai\n")
    assert first == second and first is second
    assert other[("title",)] == 2 and other is not first


def test_unchanged_registries_are_parsed_once_and_an_edit_is_seen(tmp_path):
    data = _registry_files(tmp_path / "data", "- key: doan-a\n  name: Đoàn A\n")
    first, _ = read_registry(data, tmp_path)
    again, _ = read_registry(data, tmp_path)
    assert again is first  # a devserver rebuild does not parse YAML again
    # Same size, same second: only the bytes tell the edit apart.
    (data / "units.yml").write_text("- key: doan-b\n  name: Đoàn B\n", "utf-8")
    edited, problems = read_registry(data, tmp_path)
    assert problems == []
    assert list(edited.units) == ["doan-b"]


def test_a_slug_collision_between_two_entries_is_an_error(tmp_path):
    data = _registry_files(
        tmp_path / "data",
        "- key: duong\n  name: Dương\n- key: duong\n  name: Đường\n",
    )
    registry, problems = read_registry(data, tmp_path)
    assert [str(p) for p in problems] == [
        'data/units.yml:3: [error] key: "Đường" and "Dương" (line 1) both give the '
        'key "duong": two unit entries must not share a key; give one a longer key '
        'such as "duong-…" (a place or a year)'
    ]
    assert registry.units["duong"].name == "Dương"  # never merged
    assert registry.find_unit("Đường") is None


def test_namesakes_need_their_own_keys_and_are_never_guessed(tmp_path):
    data = _registry_files(
        tmp_path / "data",
        "",
        "- key: nguyen-van-hung\n  name: Nguyễn Văn Hùng\n"
        "- key: nguyen-van-hung-quang-ninh\n  name: Nguyễn Văn Hùng\n",
    )
    registry, problems = read_registry(data, tmp_path)
    assert problems == []
    assert registry.find_person("Nguyễn Văn Hùng") is None
    assert [p.key for p in registry.people_named("nguyễn văn hùng")] == [
        "nguyen-van-hung",
        "nguyen-van-hung-quang-ninh",
    ]
    assert registry.find_person("nguyen-van-hung-quang-ninh").name == "Nguyễn Văn Hùng"


def test_registry_problems_are_reported_each_at_its_line(tmp_path):
    data = _registry_files(
        tmp_path / "data",
        "- key: quan-doan-x\n  name: Quận Đoàn X\n  parnt: abc\n  kind: city\n"
        "  parent: thanh-doan\n",
        "- key: tran-van-b\n  name: Trần Văn B\n  name: Trần Văn C\n",
        "- {vi: Bí thư, en: Secretary, kind: title}\n- {vi: Bí Thư, en: Leader}\n",
    )
    _, problems = read_registry(data, tmp_path)
    assert sorted(str(p) for p in problems) == [
        'data/glossary.yml:2: [error] vi: "Bí Thư" is already in the glossary '
        "(line 1): a term has one English rendering",
        'data/people.yml:1: [error] key: the key of "Trần Văn C" must be its ASCII '
        'slug "tran-van-c" (or "tran-van-c-…" for a namesake), not "tran-van-b"',
        "data/people.yml:3: [error] name: this field is given twice in one entry "
        "(first on line 2): keep one",
        'data/units.yml:3: [error] parnt: unknown field; did you mean "parent"? '
        "(fields: key, name, name_en, short, kind, parent, aliases, names, founded, "
        "ended, successor, merged_into, predecessors)",
        'data/units.yml:4: [error] kind: unknown kind "city": use one of central, '
        "province, district, commune, ward, school, branch, agency, party, "
        "association, front",
        'data/units.yml:5: [error] parent: unknown parent unit "thanh-doan"',
    ]


def test_registry_texts_refuse_html_raw_or_as_entities_each_at_its_line(tmp_path):
    data = _registry_files(
        tmp_path / "data",
        "- key: quan-doan-tan-binh\n  name: Quận Đoàn Tân Bình\n"
        "  name_en: Tan Binh <img src=x onerror=alert(1)>\n"
        "  short: Q.Đ &amp; <3\n"  # a bare &, an escaped & and <3 are plain text
        "  aliases:\n    - QĐ Tân Bình\n    - '&lt;/script&gt;&lt;script&gt;'\n",
        "- key: tran-van-b\n  name: Trần Văn B<script>alert(2)</script>\n"
        "  aliases: ['&#x3C;svg onload=alert(3)>']\n",
        "- {vi: Bí thư, en: '&amp;lt;b&amp;gt;Secretary', kind: title}\n",
    )
    _, problems = read_registry(data, tmp_path)
    markup = "HTML is not allowed in a registry: write plain text"
    entities = (
        "HTML written as entities (&lt;…) is not allowed in a registry: write "
        "plain text"
    )
    assert sorted(str(p) for p in problems if "slug" not in str(p.message)) == [
        f"data/glossary.yml:1: [error] en: {entities}",
        f"data/people.yml:2: [error] name: {markup}",
        f"data/people.yml:3: [error] aliases[1]: {entities}",
        f"data/units.yml:3: [error] name_en: {markup}",
        f"data/units.yml:7: [error] aliases[2]: {entities}",
    ]


def test_make_check_reports_registry_problems_with_the_posts(tmp_path):
    content = content_with(tmp_path / "content", CASES_DIR / "unknown-key-typo.md")
    units = content / "data" / "units.yml"
    text = units.read_text(encoding="utf-8") + "\n"
    line = text.count("\n") + 1
    text += "- key: quan-doan-tan-binh\n  name: Quận Đoàn Tân Bình\n"
    units.write_text(text, encoding="utf-8")
    code, lines = check(content)
    assert code == 1
    assert lines[0].startswith(
        f'data/units.yml:{line}: [error] key: "Quận Đoàn Tân Bình" is listed twice'
    )
    assert lines[1:] == [
        f"{CASE_FOLDER}/unknown-key-typo.md:4: [error] speakrs: unknown key; "
        'did you mean "speakers"?'
    ]


def test_drafts_pass_and_a_published_translation_of_a_draft_does_not(tmp_path):
    drafts = sorted(DRAFTS.iterdir())
    content = content_with(tmp_path / "content", *drafts, cases=False)
    assert check(content) == (0, [])
    translation = content / CASE_FOLDER / "ban-nhap-chua-duyet.en.md"
    translation.write_text(
        translation.read_text(encoding="utf-8").replace("draft", "published"),
        encoding="utf-8",
    )
    assert check(content) == (
        1,
        [
            f"{CASE_FOLDER}/ban-nhap-chua-duyet.en.md:4: [error] status: the "
            f"translation is published but its original ({CASE_FOLDER}/"
            "ban-nhap-chua-duyet.md) is a draft: publish the original, or add "
            "'status: draft' here"
        ],
    )


def test_a_refused_original_still_owns_its_slug(tmp_path):
    content = content_with(tmp_path / "content")
    original = content / "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"
    original.write_text(
        original.read_text(encoding="utf-8").replace("signature:", "signatur:"),
        encoding="utf-8",
    )
    code, lines = check(content)
    assert code == 1
    assert len(lines) == 1  # the typo only, not "translation without original"
    assert "signatur: unknown key" in lines[0]


def test_each_check_starts_from_a_clean_state(tmp_path):
    broken = content_with(tmp_path / "broken", CASES_DIR / "missing-title.md")
    assert check(broken)[0] == 1
    assert check(CONTENT) == (0, [])


def test_settings_that_would_allow_scripts_are_refused():
    with pytest.raises(
        SettingsError, match="expected a set of tag names without script"
    ):
        html_policy({"CONTENT_MODEL_HTML_TAGS": ["p", "script"]})
    with pytest.raises(SettingsError, match="URL schemes without javascript"):
        html_policy({"CONTENT_MODEL_URL_SCHEMES": ["https", "javascript"]})
    with pytest.raises(SettingsError, match=r"\['a'\] = .*event handlers \(onclick\)"):
        html_policy({"CONTENT_MODEL_HTML_ATTRIBUTES": {"a": {"href", "onclick"}}})
    with pytest.raises(SettingsError, match=r"EMBED_HOSTS = \{'player.vimeo.com': 'vi"):
        html_policy({"CONTENT_MODEL_EMBED_HOSTS": {"player.vimeo.com": "video"}})
    with pytest.raises(SettingsError, match=r"\['iframe'\] = .*without srcdoc"):
        html_policy({"CONTENT_MODEL_HTML_ATTRIBUTES": {"iframe": {"src", "srcdoc"}}})


@pytest.mark.parametrize("tag", ["svg", "math", "template", "form", "noscript", "link"])
def test_no_setting_lets_foreign_content_forms_or_raw_text_tags_in(tag):
    tags = {"p", "a", tag}
    with pytest.raises(SettingsError, match=f"without {tag} "):
        html_policy({"CONTENT_MODEL_HTML_TAGS": tags})


def test_the_embed_hosts_setting_extends_what_may_be_embedded(tmp_path):
    content = content_with(tmp_path / "content", CASES_DIR / "unsafe-iframe-host.md")
    hosts = {"video.example.com": "/embed/"}
    assert check(content, CONTENT_MODEL_EMBED_HOSTS=hosts) == (0, [])


def test_a_page_needs_no_date_and_carries_no_facts(tmp_path):
    content = content_with(tmp_path / "content")
    page = content / "pages" / "gioi-thieu.md"
    page.parent.mkdir()
    page.write_text(
        "---\ntitle: Giới thiệu\nslug: gioi-thieu\n---\nTrang giới thiệu.\n",
        encoding="utf-8",
    )
    assert check(content) == (0, [])
    page.write_text(
        "---\ntitle: Giới thiệu\nunits: [Quận Đoàn Tân Bình]\n---\nTrang.\n",
        encoding="utf-8",
    )
    assert check(content) == (
        1,
        [
            "pages/gioi-thieu.md:3: [error] units: unknown key: the keys here are "
            "title, slug, lang, summary, status"
        ],
    )


def test_a_kept_resolution_is_handed_out_as_a_copy_of_every_field():
    """make devserver reuses a post's facts (content_model.memo): each build
    gets every field, with lists and dicts of its own to change."""
    import dataclasses

    from content_model.memo import ResolutionMemo
    from content_model.model import PostFacts

    values = {}
    for number, item in enumerate(dataclasses.fields(PostFacts)):
        values[item.name] = (
            {"tag": f"value {number}"}
            if "dict" in str(item.type)
            else [f"value {number}"]
            if "list" in str(item.type)
            else f"value {number}"
        )
    facts = PostFacts(**values)
    post = SimpleNamespace(source_path="a.md")
    memo = ResolutionMemo()
    memo.start(keep=True)
    memo.get_for(post, "original", None, lambda: "key", lambda: (facts, []))
    memo.start(keep=True)
    copy, _ = memo.get_for(
        post, "original", None, lambda: "key", lambda: (PostFacts(), [])
    )
    assert memo.reused == 1
    for item in dataclasses.fields(PostFacts):
        mine, theirs = getattr(copy, item.name), getattr(facts, item.name)
        assert mine == theirs, item.name
        if isinstance(theirs, list | dict):
            assert mine is not theirs, item.name
