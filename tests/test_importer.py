"""The importer's machine interface on the seeds: every fact of seeds-expected found."""

from __future__ import annotations

import io
import json
from contextlib import redirect_stdout
from pathlib import Path

import pytest

from importer.cli import main
from tests.sitebuild import CONTENT
from vietnamese import match_key

SEEDS = Path(__file__).parent / "fixtures" / "import_seeds"
KEYS = [
    "title",
    "date",
    "time",
    "place",
    "units",
    "people",
    "attendees",
    "signature",
    "uncertain",
]


def run_json(path: Path, content: Path = CONTENT) -> list[dict]:
    """Run ``python -m importer PATH --json`` in-process; return its JSON lines."""
    out = io.StringIO()
    with redirect_stdout(out):
        assert main([str(path), "--json", "--content", str(content)]) == 0
    return [json.loads(line) for line in out.getvalue().splitlines()]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.stem)
def test_seed_facts_are_all_found(seed: Path) -> None:
    [got] = run_json(seed)
    expected = json.loads(seed.with_suffix(".json").read_text(encoding="utf-8"))
    assert list(got) == KEYS
    assert match_key(got["title"]) == match_key(expected["title"])
    assert got["date"] == expected["date"]
    assert (
        got["time"]
        == {"sáng": "morning", "chiều": "afternoon", None: None}[
            expected["time_of_day"]
        ]
    )
    assert got["signature"] == expected["signature"]
    people = {match_key(p["name"]): p for p in got["people"]}
    assert set(people) == {match_key(p["name"]) for p in expected["people"]}
    for person in expected["people"]:
        found = people[match_key(person["name"])]
        assert match_key(found["unit"]) == match_key(person["unit"])
        written = person["role"].split(" (written ")[-1].strip("')")
        assert match_key(found["role"]).replace(",", ";") in {
            match_key(written).replace(",", ";"),
            match_key(person["role"]).replace(",", ";"),
        }
    named = {match_key(u) for u in got["units"]} | {
        match_key(p["unit"]) for p in got["people"] if p["unit"]
    }
    for unit in expected["units"]:
        name = unit.split(" (written as ")[0]
        if "(written as" in unit:
            name = f"{unit.split('written as ')[1].rstrip(')')} {name}"
        assert match_key(name) in named or any(
            match_key(name.replace("Đoàn Thanh niên", "Đoàn TN")) in n for n in named
        ), unit
    counted = {(a["count"]) for a in got["attendees"]}
    uncounted = [a["group"] for a in got["attendees"] if a["count"] is None]
    for group in expected["attendees"]:
        if group["count"] is not None:
            assert group["count"] in counted
        else:  # a group named as present without a number ("count": null)
            written = match_key(group["group"].split(" (")[0])
            assert [written] == [match_key(g) for g in uncounted]
    others = expected.get("other_figures", {})
    for value in others.values():
        if isinstance(value, int):
            assert value not in counted  # opinions, units honoured: not attendees


def test_several_posts_in_one_file_and_the_pinned_keys(tmp_path: Path) -> None:
    seeds = sorted(SEEDS.glob("*.txt"))
    joined = "\n---\n".join(p.read_text(encoding="utf-8") for p in seeds[:2])
    source = tmp_path / "two.txt"
    source.write_text(joined, encoding="utf-8")
    got = run_json(source)
    assert [g["date"] for g in got] == ["2020-12-18", "2021-04-06"]
    assert all(list(g) == KEYS for g in got)


def test_evaluation_meets_the_targets() -> None:
    """Precision ≥ 0.95 and recall ≥ 0.85 on the labelled posts (and seeds)."""
    from content_model.registry import load_registry
    from importer.evaluate import REGISTRY, evaluate, labelled_posts

    assert len(labelled_posts()) >= 33
    overall = evaluate(load_registry(REGISTRY)).overall
    assert overall.precision >= 0.95, overall
    assert overall.recall >= 0.85, overall


def _without(path: Path, names: set[str]) -> None:
    """Drop the registry entries named ``names`` from a registry file."""
    import yaml

    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    kept = [e for e in entries if e["name"] not in names]
    path.write_text(yaml.safe_dump(kept, allow_unicode=True, sort_keys=False))


def test_seeds_import_to_drafts_that_pass_check_once_proposals_are_accepted(
    tmp_path: Path,
) -> None:
    from content_model.registry import load_registry
    from importer.drafts import write_drafts
    from tests.content_sites import check
    from tests.sitebuild import copy_content

    content = copy_content(tmp_path / "content")
    _without(content / "data/people.yml", {"Đoàn Long", "La Thanh Tuấn"})
    _without(content / "data/units.yml", {"Huyện đoàn Cô Tô"})
    before = sorted((content / "posts").rglob("*.md"))
    seeds = sorted(SEEDS.glob("*.txt"))
    registry = load_registry(content / "data")
    assert write_drafts(seeds, registry, content, tmp_path) == 0

    drafts = sorted(set((content / "posts").rglob("*.md")) - set(before))
    assert len(drafts) == 3
    assert all("\nstatus: draft\n" in d.read_text(encoding="utf-8") for d in drafts)
    assert {d.parent.name for d in drafts} == {"2020", "2021"}
    proposals = (tmp_path / "import-proposals.yml").read_text(encoding="utf-8")
    assert 'name: "Đoàn Long"' in proposals and "key: doan-long" in proposals
    assert 'name: "Huyện đoàn Cô Tô"' in proposals and "# guess" in proposals
    report = (tmp_path / "import-report.md").read_text(encoding="utf-8")
    assert "Sáng ngày 18/12/2020" in report  # evidence of the date
    assert "no place" in report  # an empty field says why

    code, lines = check(content)  # nothing was registered silently
    assert code == 1
    assert any("Đoàn Long" in line for line in lines)
    assert any("Cô Tô" in line for line in lines)

    # guesses are refused until confirmed, and nothing is registered meanwhile
    registries = {p: p.read_bytes() for p in (content / "data").glob("*.yml")}
    proposals_file = tmp_path / "import-proposals.yml"
    code, out, err = _accept(proposals_file, content)
    assert code == 1 and "still a guess" in err and "Nothing registered" in out
    assert {p: p.read_bytes() for p in registries} == registries
    # the writer confirms each guess by deleting its mark
    proposals_file.write_text(proposals.replace("  # guess", ""), encoding="utf-8")
    code, out, err = _accept(proposals_file, content)
    assert code == 0, out + err  # accepted, then make check passes
    for path, old in registries.items():
        new = path.read_bytes()
        assert new.startswith(old)  # appended; the existing text untouched
    assert "Đoàn Long" in (content / "data/people.yml").read_text(encoding="utf-8")
    assert _accept(proposals_file, content)[0] == 0  # accepting twice is harmless
    assert (content / "data/people.yml").read_text(encoding="utf-8").count(
        'name: "Đoàn Long"'
    ) == 1


def _accept(proposals: Path, content: Path) -> tuple[int, str, str]:
    """Run ``python -m importer accept`` in-process; return code, stdout, stderr."""
    from contextlib import redirect_stderr

    from tests.sitebuild import ROOT

    out, err = io.StringIO(), io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = main(
            [
                "accept",
                str(proposals),
                "--content",
                str(content),
                "-s",
                str(ROOT / "pelicanconf.py"),
            ]
        )
    return code, out.getvalue(), err.getvalue()


def test_import_never_overwrites_and_json_writes_nothing(tmp_path: Path) -> None:
    from content_model.registry import load_registry
    from importer.drafts import write_drafts
    from tests.sitebuild import copy_content

    content = copy_content(tmp_path / "content")
    seed = sorted(SEEDS.glob("*.txt"))[0]
    before = sorted(p.name for p in (content / "posts").rglob("*"))
    run_json(seed, content)
    assert sorted(p.name for p in (content / "posts").rglob("*")) == before
    registry = load_registry(content / "data")
    write_drafts([seed], registry, content, tmp_path)
    write_drafts([seed], registry, content, tmp_path)
    made = sorted(p.stem for p in (content / "posts/2020").glob("hoi-nghi-*.md"))
    assert made == [
        "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi",
        "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi-2",
    ]


SEED_TEXT = sorted(SEEDS.glob("*.txt"))


def _facts(path: Path) -> dict:
    [got] = run_json(path)
    return got


def test_saved_web_page_article_found_by_structure(tmp_path: Path) -> None:
    seed = SEED_TEXT[2].read_text(encoding="utf-8").split("\n")
    title, paragraphs = seed[0], [p for p in seed[1:] if p.strip()]
    page = tmp_path / "page.html"
    page.write_text(
        "<html><head><title>Tỉnh đoàn | Tin tức</title>"
        '<meta property="article:published_time" content="2020-11-28T09:00:00+07:00">'
        "</head><body><header><nav><a>Trang chủ</a> <a>Tin tức</a></nav></header>"
        f"<main><article><h1>{title}</h1>"
        + "".join(f"<p>{p}</p>" for p in paragraphs[:-1])
        + "<figure><img src=a.jpg><figcaption>Ảnh: Hoàng Văn Hải phát biểu</figcaption>"
        f"</figure><p><strong>{paragraphs[-1]}</strong></p>"
        '<div class="share-buttons">Chia sẻ Facebook Zalo</div></article>'
        '<aside class="related"><h3>TIN LIÊN QUAN</h3><p>Đồng chí Trần Minh Quang – '
        "Bí thư Huyện đoàn Tiên Yên, ngày 03/4/2019 dự hội nghị.</p></aside></main>"
        "<footer>Bản quyền Tỉnh đoàn &copy; 2020</footer></body></html>",
        encoding="utf-8",
    )
    got, plain = _facts(page), _facts(SEED_TEXT[2])
    assert got == plain  # same facts as the post pasted as plain text


def test_facebook_export_mojibake_repaired_with_timestamp_and_photos(
    tmp_path: Path,
) -> None:
    from PIL import Image

    from importer.sources import read_source

    text = SEED_TEXT[0].read_text(encoding="utf-8")
    export = tmp_path / "facebook" / "posts"
    (export / "media").mkdir(parents=True)
    Image.new("RGB", (8, 6), (200, 30, 30)).save(export / "media" / "a.jpg")
    garbled = text.encode("utf-8").decode("latin-1")
    (export / "your_posts_1.json").write_text(
        json.dumps(
            [
                {
                    "timestamp": 1608282000,
                    "data": [{"post": garbled}],
                    "attachments": [
                        {"data": [{"media": {"uri": "posts/media/a.jpg"}}]}
                    ],
                },
                {"timestamp": 1608282001, "data": [{"update_timestamp": 1}]},
            ]
        ),  # ASCII escapes, as Facebook writes them: "\u00c4\u0090o\u00c3\u00a0n"
        encoding="utf-8",
    )
    assert "\\u00e1\\u00bb" in (export / "your_posts_1.json").read_text()
    [post] = read_source(export / "your_posts_1.json")
    assert post.text == text
    assert post.published.year == 2020 and [p.path for p in post.photos] == [
        export / "media" / "a.jpg"
    ]
    assert _facts(export / "your_posts_1.json") == _facts(SEED_TEXT[0])


def test_wordpress_export_and_rss_feed(tmp_path: Path) -> None:
    text = SEED_TEXT[1].read_text(encoding="utf-8").split("\n")
    title, body = text[0], "".join(f"<p>{line}</p>" for line in text[1:] if line)
    photo = "https://quandoan.example.vn/wp-content/uploads/2021/04/doi-thoai.jpg"
    body += f'<p><img src="{photo}" alt=""><img src="https://quandoan.example.vn/icons/share-fb.png"></p>'
    wxr = tmp_path / "export.xml"
    wxr.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:wp="http://wordpress.org/export/1.2/"><channel>'
        "<wp:wxr_version>1.2</wp:wxr_version><item>"
        f"<title>{title}</title><dc:creator>admin</dc:creator>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        "<wp:post_id>12</wp:post_id><wp:post_name>doi-thoai</wp:post_name>"
        "<wp:post_date>2021-04-07 10:00:00</wp:post_date>"
        "<wp:status>publish</wp:status><wp:post_type>post</wp:post_type>"
        "</item></channel></rss>",
        encoding="utf-8",
    )
    rss = tmp_path / "feed.rss"
    rss.write_text(
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
        f"<title>Quận Đoàn</title><item><title>{title}</title>"
        "<description>Tóm tắt</description>"
        f"<content:encoded><![CDATA[{body}]]></content:encoded>"
        "<pubDate>Wed, 07 Apr 2021 03:00:00 GMT</pubDate></item></channel></rss>",
        encoding="utf-8",
    )
    plain = _facts(SEED_TEXT[1])
    assert _facts(wxr) == plain
    assert _facts(rss) == plain
    from importer.sources import read_source

    # their photos are on the web: listed for the report, never downloaded
    assert read_source(wxr)[0].remote_photos == [photo]
    assert read_source(rss)[0].remote_photos == [photo]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("bad.json", b"not json", "bad.json:1: [error] source: not a Facebook export"),
        ("other.json", b'{"a": 1}', "other.json:1: [error] source: not a Facebook"),
        ("latin.txt", b"ok\n\xe9t\xe9", "latin.txt:2: [error] source: not UTF-8 text"),
    ],
)
def test_unreadable_sources_are_problems_not_tracebacks(
    tmp_path: Path, capsys: pytest.CaptureFixture, name: str, data: bytes, message: str
) -> None:
    source = tmp_path / name
    source.write_bytes(data)
    assert main([str(source), "--json", "--content", str(CONTENT)]) == 1
    assert message in capsys.readouterr().err.replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize(
    ("role", "english"),
    [
        (
            "UV BTV Huyện Đoàn, Bí thư Đoàn phường",
            "Member of the Standing Committee of the District Youth Union, "
            "Secretary of the Ward Youth Union",
        ),
        (
            "Phó BTTT Tỉnh đoàn",
            "Standing Deputy Secretary of the Provincial Youth Union",
        ),
        (
            "TUV, Bí thư Tỉnh đoàn",
            "Member of the Provincial Party Committee, "
            "Secretary of the Provincial Youth Union",
        ),
    ],
)
def test_abbreviated_roles_kept_as_written_and_expanded_in_english(
    tmp_path: Path, role: str, english: str
) -> None:
    from bilingual.roles import compose_role
    from content_model.registry import load_registry

    source = tmp_path / "post.txt"
    source.write_text(
        f"Hội nghị\nSáng 2/3/2024, Tỉnh đoàn tổ chức hội nghị. Dự có đồng chí "
        f"Nguyễn Văn An – {role} phát biểu.\nBBT",
        encoding="utf-8",
    )
    [got] = run_json(source)
    assert got["people"][0]["role"] == role  # as written
    assert compose_role(role, load_registry(CONTENT / "data")) == english


def _one(tmp_path: Path, text: str) -> dict:
    source = tmp_path / "post.txt"
    source.write_text(text, encoding="utf-8")
    [got] = run_json(source)
    return got


@pytest.mark.parametrize(
    ("text", "date", "time", "uncertain"),
    [
        (
            "Lễ ra quân\ntối 2/9, Đoàn xã tổ chức lễ ra quân.\nBBT",
            None,
            "evening",
            True,
        ),
        (
            "Tin\nNgày 27/11/2020, Huyện đoàn họp với 10/12 chi đoàn.",
            "2020-11-27",
            None,
            False,
        ),
        ("Tin\nĐoàn xã chỉ đạo 10/12 chi đoàn tổ chức lễ kết nạp.", None, None, False),
        (
            "Hội nghị tổng kết năm 2021\nSáng 15/3, Tỉnh đoàn tổ chức hội nghị.",
            "2021-03-15",
            "morning",
            True,
        ),
        (
            "Tin\nSáng 15/3, Tỉnh đoàn tổng kết năm 2020, triển khai năm 2021.",
            None,
            "morning",
            True,
        ),
        ("Tin\nSáng 5/9, trường khai giảng năm học 2022-2023.", None, "morning", True),
        (
            "Hội nghị ngày 18/12/2020\nQuận Đoàn tổ chức hội nghị.\nBQĐ",
            "2020-12-18",
            None,
            False,
        ),
        (
            "Tin\nChiều 5/10, Đại hội Đoàn phường nhiệm kỳ 2022–2027.",
            None,
            "afternoon",
            True,
        ),
        (
            "Tin\nVào lúc 16h30 ngày 23 tháng 3 năm 2023, chi đoàn sinh hoạt.",
            "2023-03-23",
            "16:30",
            False,
        ),
        (
            "Tin\nSáng 15/3/2019 Huyện đoàn họp; sáng 15/3/2018 Huyện đoàn họp.",
            None,
            "morning",
            True,
        ),
        # The hour as invitations write it: 7g30, 8 giờ.
        (
            "Tin\nVào lúc 7g30 sáng Chủ nhật, ngày 14/6/2026, Đoàn phường ra quân.",
            "2026-06-14",
            "07:30",
            False,
        ),
        (
            "Tin\nLúc 8 giờ ngày 2/9/2025, lễ chào cờ diễn ra.",
            "2025-09-02",
            "08:00",
            False,
        ),
        # The day in brackets after "sáng nay" or a weekday; the year from the title.
        (
            "Sơ kết 6 tháng năm 2026\nSáng nay (10/7), Tỉnh đoàn tổ chức hội nghị.",
            "2026-07-10",
            "morning",
            True,
        ),
        (
            "Tin\nChiều thứ Bảy (13/6/2026), chi đoàn sinh hoạt.",
            "2026-06-13",
            "afternoon",
            False,
        ),
    ],
)
def test_dates_never_guessed(tmp_path, text, date, time, uncertain) -> None:
    got = _one(tmp_path, text)
    assert (got["date"], got["time"], "date" in got["uncertain"]) == (
        date,
        time,
        uncertain,
    )


@pytest.mark.parametrize(
    ("sentence", "attendees"),
    [
        ("Lễ có hơn 200 đoàn viên tham dự.", [("đoàn viên", 200, "over", "present")]),
        ("Có 1,2 triệu đoàn viên tham gia.", [("đoàn viên", 1200000, None, "present")]),
        ("Có 1.000 đại biểu tham dự Đại hội.", [("đại biểu", 1000, None, "delegates")]),
        (
            "Đã kết nạp 46 em học sinh lớp 9.",
            [("em học sinh lớp 9", 46, None, "admitted")],
        ),
        ("Tham gia hiến máu, thu được 136 đơn vị máu.", []),
        # groups named as present without a number: count null
        (
            "Cùng dự có các đồng chí thành viên Đoàn kiểm tra là Trưởng, Phó các "
            "Ban, Văn phòng Tỉnh đoàn.",
            [("Trưởng, Phó các Ban, Văn phòng Tỉnh đoàn", None, None, "present")],
        ),
        (
            "Tham dự có Ban giám hiệu nhà trường và hơn 400 đoàn viên.",
            [
                ("đoàn viên", 400, "over", "present"),
                ("Ban giám hiệu nhà trường", None, None, "present"),
            ],
        ),
        (
            "Dự Đại hội có lãnh đạo Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh.",
            [
                (
                    "lãnh đạo Đảng ủy Khối Cơ quan và Doanh nghiệp tỉnh",
                    None,
                    None,
                    "present",
                )
            ],
        ),
        ("Dự có các đồng chí Nguyễn Văn An, Trần Thị Bình – Phó Bí thư.", []),
        ("Tham dự có các đồng chí đại biểu: Nguyễn Văn An, Bí thư.", []),
        ("Dự án có các đoàn viên tình nguyện viên.", []),
        ("Đoàn viên thanh niên toàn huyện hưởng ứng.", []),
        ("Đoàn trao 30 suất quà trị giá 50 triệu đồng.", []),
        (
            "Dự có 120 đại biểu, đại diện cho hơn 9.000 đoàn viên.",
            [("đại biểu", 120, None, "present")],
        ),
        ("Nhiệm kỳ qua, đã kết nạp 78 đoàn viên mới.", []),
        ("Ban Chấp hành gồm 29 đồng chí được chỉ định tại hội nghị.", []),
        # A sentence goes on after "TP.": its attendees are still found.
        (
            "Tham dự có đại diện Thành Đoàn TP. Hồ Chí Minh cùng hơn 300 đoàn viên.",
            [
                ("đoàn viên", 300, "over", "present"),
                ("đại diện Thành Đoàn TP. Hồ Chí Minh", None, None, "present"),
            ],
        ),
    ],
)
def test_what_counts_as_attendees(tmp_path, sentence, attendees) -> None:
    got = _one(tmp_path, f"Tin\nSáng 2/3/2024, Huyện đoàn tổ chức lễ. {sentence}")
    found = [(a["group"], a["count"], a["approx"], a["kind"]) for a in got["attendees"]]
    assert found == attendees


def test_a_rubric_a_list_and_a_province_named_like_a_word(tmp_path) -> None:
    got = _one(
        tmp_path,
        "[TIN HOẠT ĐỘNG] ĐẠI HỘI ĐOÀN TRƯỜNG THPT NGUYỄN DU\n"
        "Chiều 25/9/2025, Đoàn trường THPT Nguyễn Du tổ chức Đại hội.\n"
        "Về dự Đại hội có:\n"
        "- Đ/c Phạm Thu Hà - Phó Bí thư Tỉnh đoàn Lâm Đồng;\n"
        "- Cô Ngô Thị Mai - Phó Hiệu trưởng;\n"
        "cùng 150 đại biểu đại diện cho hơn 1.200 đoàn viên của trường.\n",
    )
    assert got["title"] == "Đại hội Đoàn trường THPT Nguyễn Du"
    # The list's intro, items and last line are one sentence: its count is found.
    assert [(a["group"], a["count"], a["kind"]) for a in got["attendees"]] == [
        ("đại biểu", 150, "delegates")
    ]
    assert [(p["name"], p["role"]) for p in got["people"]] == [
        ("Phạm Thu Hà", "Phó Bí thư Tỉnh đoàn Lâm Đồng"),
        ("Ngô Thị Mai", "Phó Hiệu trưởng"),
    ]
    # "Đồng" ends a unit's name before "Đồng chí", not inside "Lâm Đồng".
    assert got["people"][0]["unit"] == "Tỉnh đoàn Lâm Đồng"


def test_an_invitation_s_labelled_lines(tmp_path) -> None:
    got = _one(
        tmp_path,
        '🎉 HỘI THI "THANH NIÊN VỚI PHÁP LUẬT" NĂM 2026 🎉\n\n'
        "📌 Thời gian: 8h00, Chủ nhật ngày 22/11/2026\n"
        "📍 Địa điểm: Hội trường UBND xã Tân Phú\n"
        "👉 Đơn vị tổ chức: Ban Chấp hành Đoàn xã Tân Phú\n\n"
        "Hội thi thu hút gần 100 đoàn viên, thanh niên tham gia.\n",
    )
    assert got["title"] == 'Hội thi "Thanh niên với pháp luật" năm 2026'
    assert (got["date"], got["time"]) == ("2026-11-22", "08:00")
    assert got["place"] == "Hội trường UBND xã Tân Phú"
    # Each labelled line ends at its end: the unit is not "… Tân Phú Hội".
    assert got["units"] == ["Đoàn xã Tân Phú"]


@pytest.mark.parametrize(
    ("sentence", "people"),
    [
        (
            "Bí thư Tỉnh đoàn Nguyễn Văn An phát biểu.",
            [("Nguyễn Văn An", "Bí thư Tỉnh đoàn")],
        ),
        (
            "Dự có các đồng chí Nguyễn Văn An, Trần Thị Bình – Phó Bí thư Tỉnh đoàn.",
            [
                ("Nguyễn Văn An", "Phó Bí thư Tỉnh đoàn"),
                ("Trần Thị Bình", "Phó Bí thư Tỉnh đoàn"),
            ],
        ),
        (
            "Đ/c: Đoàn Long, Phó Bí thư Huyện đoàn dự.",
            [("Đoàn Long", "Phó Bí thư Huyện đoàn")],
        ),
        (
            "Học tập và làm theo tư tưởng, đạo đức Hồ Chí Minh tại Trường THPT Lê Lợi.",
            [],
        ),
        ("Đoàn Thanh niên tổ chức, Đoàn viên tham gia đông đủ.", []),
        # Names of the Central Highlands.
        (
            "Đồng chí K' Hoàng Anh - Phó Bí thư Tỉnh đoàn dự. Đồng chí H'Hen Niê, "
            "Ủy viên Ban Thường vụ Tỉnh đoàn dự.",
            [
                ("K' Hoàng Anh", "Phó Bí thư Tỉnh đoàn"),
                ("H'Hen Niê", "Ủy viên Ban Thường vụ Tỉnh đoàn"),
            ],
        ),
        # "TP." and "ThS." end no sentence and no role.
        (
            "Dự có đồng chí Trần Minh Khoa - Ủy viên Ban Thường vụ Thành Đoàn TP. Hồ "
            "Chí Minh; cùng hơn 300 đoàn viên.",
            [("Trần Minh Khoa", "Ủy viên Ban Thường vụ Thành Đoàn TP. Hồ Chí Minh")],
        ),
    ],
)
def test_people_forms(tmp_path, sentence, people) -> None:
    got = _one(tmp_path, f"Tin\nSáng 2/3/2024, Huyện đoàn tổ chức lễ. {sentence}")
    assert [(p["name"], p["role"]) for p in got["people"]] == people
    assert got["units"] == []  # "Huyện đoàn", "Tỉnh đoàn" alone: never resolved


def test_hard_line_breaks_read_as_the_same_post(tmp_path: Path) -> None:
    import textwrap

    seed = SEED_TEXT[1].read_text(encoding="utf-8")
    wrapped = "\n".join(
        "\n".join(textwrap.wrap(line, 60)) if len(line) > 60 else line
        for line in seed.split("\n")
    )
    assert _one(tmp_path, wrapped) == _facts(SEED_TEXT[1])


def _photo(path: Path, size: tuple[int, int], kind: str = "JPEG") -> None:
    from PIL import Image

    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, (40, 90, 160)).save(path, kind)


def test_saved_page_photos_copied_beside_the_draft_without_chrome(
    tmp_path: Path,
) -> None:
    """A page saved "complete": its article's photos, never logos, icons or ads."""
    from content_model.registry import load_registry
    from importer.drafts import ALT_TODO, write_drafts
    from importer.sources import source_files
    from tests.content_sites import check
    from tests.sitebuild import copy_content

    seed = SEED_TEXT[2].read_text(encoding="utf-8").split("\n")
    title, paragraphs = seed[0], [p for p in seed[1:] if p.strip()]
    saved = tmp_path / "saved"
    files = saved / "page_files"
    photos = ("speech.jpg", "hall.jpg", "DSC_0042.jpg", "ad.jpg", "related.jpg")
    for name in (*photos, "FB_IMG_1608282000123.jpg"):  # saved from Facebook
        _photo(files / name, (800, 600))
    _photo(files / "logo.png", (600, 300), "PNG")  # large, but the site's logo
    _photo(files / "fb.png", (32, 32), "PNG")  # a share button
    _photo(files / "avatar.jpg", (96, 96))  # the author's picture
    _photo(files / "pixel.gif", (1, 1), "GIF")  # a tracking pixel
    _photo(files / "thumb.jpg", (120, 90))  # too small to be a photo
    _photo(saved / "local photo.jpg", (640, 480))  # next to the page, file: URL
    _photo(tmp_path / "outside.jpg", (640, 480))  # outside the page's folder
    remote = "https://cdn.example.vn/2020/11/hoi-nghi.jpg"
    page = saved / "page.html"
    file_url = (saved / "local photo.jpg").as_uri()
    page.write_text(
        "<html><head><title>Tỉnh đoàn | Tin tức</title></head><body>"
        '<header><img src="page_files/logo.png" alt="Tỉnh đoàn Quảng Ninh"></header>'
        f'<main><article class="post social-share"><h1>{title}</h1>'
        '<div class="author-box"><img src="page_files/avatar.jpg" alt="BBT"></div>'
        + "".join(f"<p>{p}</p>" for p in paragraphs[:-1])
        + '<figure><img src="./page_files/speech.jpg" alt="">'
        "<figcaption>Đồng chí Hoàng Văn Hải phát biểu kết luận hội nghị. "
        "(Ảnh: BBT)</figcaption></figure>"
        '<p><img src="page_files/hall.jpg" alt="Toàn cảnh hội nghị kiểm tra '
        'công tác Đoàn năm 2020"></p>'
        '<table class="image"><tr><td><img src="page_files/DSC_0042.jpg" '
        'alt="DSC_0042.jpg"></td></tr><tr><td>Ảnh: BBT</td></tr></table>'
        f'<p><img src="page_files/thumb.jpg"><img src="{file_url}" alt="ảnh"></p>'
        f'<p><img src="page_files/blank.gif" data-src="{remote}" alt="x"></p>'
        '<p><img src="../outside.jpg" alt="Ảnh ngoài thư mục của trang lưu"></p>'
        '<p><img src="page_files/FB_IMG_1608282000123.jpg"></p>'
        '<p><img src="page_files/pixel.gif" width="1" height="1"></p>'
        '<div class="banner-ads"><img src="page_files/ad.jpg" alt="Quảng cáo"></div>'
        f"<p><strong>{paragraphs[-1]}</strong></p>"
        '<div class="share-buttons"><a href="https://facebook.com/sharer">'
        '<img src="page_files/fb.png"></a></div></article>'
        '<aside class="related"><img src="page_files/related.jpg" alt="Tin khác '
        'về hội nghị tỉnh đoàn"></aside></main></body></html>',
        encoding="utf-8",
    )
    frame = files / "saved_resource.html"  # a frame the browser saved with it
    frame.write_text("<html><body><p>Bình luận: 12 người thích</p></body></html>")
    (files / "data.json").write_text("{}")
    assert source_files(saved) == [page]

    content = copy_content(tmp_path / "content")
    before = set((content / "posts").rglob("*.md"))
    registry = load_registry(content / "data")
    assert write_drafts(source_files(saved), registry, content, tmp_path) == 0

    [draft] = set((content / "posts").rglob("*.md")) - before
    assert draft.parent.name == "2020"
    folder = content / "photos" / "2020" / draft.stem
    assert sorted(p.name for p in folder.iterdir()) == [
        "01.jpg",
        "02.jpg",
        "03.jpg",
        "04.jpg",
        "05.jpg",
    ]
    assert (folder / "01.jpg").read_bytes() == (files / "speech.jpg").read_bytes()
    assert (folder / "04.jpg").read_bytes() == (saved / "local photo.jpg").read_bytes()
    text = draft.read_text(encoding="utf-8")
    photos = text.split("\nphotos:\n")[1].split("\nsignature:")[0]
    assert photos.count("  - src: ") == 5
    # the caption describes the first photo (its credit dropped), the alt the second
    assert 'alt: "Đồng chí Hoàng Văn Hải phát biểu kết luận hội nghị"' in photos
    assert 'caption: "Đồng chí Hoàng Văn Hải phát biểu kết luận hội nghị."' in photos
    assert 'alt: "Toàn cảnh hội nghị kiểm tra công tác Đoàn năm 2020"' in photos
    # a file name, a credit or "ảnh" describes nothing: the writer must write one
    assert photos.count(f"# alt: {json.dumps(ALT_TODO, ensure_ascii=False)}") == 3
    report = (tmp_path / "import-report.md").read_text(encoding="utf-8")
    assert f"<{remote}>" in report and "not downloaded" in report
    assert "outside.jpg" not in text + report

    code, lines = check(content)
    missing = [line for line in lines if draft.name in line and ".alt" in line]
    assert code == 1
    assert [line.split(": [error] ")[1].split(":")[0] for line in missing] == [
        "photos[3].alt",
        "photos[4].alt",
        "photos[5].alt",
    ]
    assert not any("photos[1]" in line or "photos[2]" in line for line in lines)
    # uncommented unchanged, the placeholder is still refused
    draft.write_text(text.replace("    # alt: ", "    alt: "), encoding="utf-8")
    code, lines = check(content)
    refused = [line for line in lines if draft.name in line and ".alt" in line]
    assert code == 1 and len(refused) == 3, lines


def test_accept_appends_what_the_writer_kept_and_refuses_clashes(
    tmp_path: Path,
) -> None:
    """Accepting: the writer's entries appended as written, all or nothing."""
    from tests.sitebuild import copy_content

    content = copy_content(tmp_path / "content")
    units = content / "data/units.yml"
    old = units.read_bytes()
    proposals = tmp_path / "import-proposals.yml"
    kept = (
        "units:\n"
        "  # named in: posts/2020/a.md\n"
        "  - key: huyen-doan-van-don\n"
        '    name: "Huyện đoàn Vân Đồn"  # checked with the province\n'
        "    kind: district\n"
        "    parent: tinh-doan-quang-ninh\n"
        "    aliases:\n"
        "      - Huyện Đoàn Vân Đồn\n"
        "people: []\n"
    )
    clashes = kept.replace("people: []\n", "") + (
        "  - key: quan-doan-tan-binh\n"  # a registered key, another name
        '    name: "Quận đoàn Tân Bình mới"\n'
        "  - key: huyen-doan-van-don\n"  # the same key twice
        '    name: "Huyện đoàn Vân Đồn 2"\n'
        "  - name: Không khóa\n"
        "people: []\n"
    )
    proposals.write_text(clashes, encoding="utf-8")
    code, out, err = _accept(proposals, content)
    assert code == 1 and units.read_bytes() == old
    assert [line.split(": [error] ")[0] for line in err.splitlines()] == [
        f"{proposals}:9",
        f"{proposals}:11",
        f"{proposals}:13",
    ]
    assert "clashes with the registered" in err and "proposed twice" in err
    assert "needs a key and a name" in err

    # an entry the registry would refuse (a parent nobody registered)
    proposals.write_text(kept.replace("tinh-doan-quang-ninh", "tinh-doan-x"), "utf-8")
    code, out, err = _accept(proposals, content)
    assert code == 1 and units.read_bytes() == old
    assert "data/units.yml:" in err and "tinh-doan-x" in err

    proposals.write_text(kept, encoding="utf-8")
    code, out, err = _accept(proposals, content)
    assert code == 0, out + err
    added = units.read_bytes()[len(old) :].decode("utf-8")
    assert units.read_bytes().startswith(old)
    assert added.endswith(
        "- key: huyen-doan-van-don\n"
        '  name: "Huyện đoàn Vân Đồn"  # checked with the province\n'
        "  kind: district\n"
        "  parent: tinh-doan-quang-ninh\n"
        "  aliases:\n"
        "    - Huyện Đoàn Vân Đồn\n"
    )
    assert "named in" not in added


def test_facebook_export_photos_beside_the_draft_with_their_description(
    tmp_path: Path,
) -> None:
    """An export's photo: copied beside the draft, its description as alt."""
    from content_model.registry import load_registry
    from importer.drafts import ALT_TODO, write_drafts
    from tests.sitebuild import copy_content

    export = tmp_path / "facebook" / "posts"
    _photo(export / "media" / "a.jpg", (640, 480))
    _photo(export / "media" / "b.jpg", (640, 480))
    described = "Đoàn viên trao quà cho thiếu nhi xã Đồng Tâm"
    (export / "your_posts_1.json").write_text(
        json.dumps(
            [
                {
                    "timestamp": 1608282000,
                    "data": [{"post": SEED_TEXT[0].read_text(encoding="utf-8")}],
                    "attachments": [
                        {
                            "data": [
                                {
                                    "media": {
                                        "uri": "posts/media/a.jpg",
                                        "description": described,
                                    }
                                },
                                {"media": {"uri": "posts/media/b.jpg"}},
                            ]
                        }
                    ],
                }
            ]
        ),
        encoding="utf-8",
    )
    content = copy_content(tmp_path / "content")
    before = set((content / "posts").rglob("*.md"))
    registry = load_registry(content / "data")
    assert (
        write_drafts([export / "your_posts_1.json"], registry, content, tmp_path) == 0
    )
    [draft] = set((content / "posts").rglob("*.md")) - before
    text = draft.read_text(encoding="utf-8")
    first = f"photos/2020/{draft.stem}/01.jpg"
    assert (content / first).read_bytes() == (export / "media/a.jpg").read_bytes()
    assert f'  - src: "{first}"\n    alt: "{described}"' in text
    assert f'01.jpg"\n    alt: "{described}"  # from the source' in text
    assert f'02.jpg"\n    # alt: "{ALT_TODO}"' in text


def test_saved_page_alt_repeated_on_every_photo_describes_none(tmp_path: Path) -> None:
    from importer.sources import read_source

    for name in ("a.jpg", "b.jpg"):
        _photo(tmp_path / "page_files" / name, (800, 600))
    page = tmp_path / "page.html"
    page.write_text(
        "<html><body><article><h1>Tin</h1><p>Sáng 2/3/2024, Huyện đoàn họp.</p>"
        '<img src="page_files/a.jpg" alt="Cổng thông tin Tỉnh đoàn Quảng Ninh">'
        '<figure><img src="page_files/b.jpg" alt="Cổng thông tin Tỉnh đoàn Quảng Ninh">'
        "<figcaption>Đoàn viên trồng cây tại xã Đồng Tâm</figcaption></figure>"
        "</article></body></html>",
        encoding="utf-8",
    )
    [post] = read_source(page)
    assert [(p.path.name, p.alt) for p in post.photos] == [
        ("a.jpg", ""),
        ("b.jpg", "Đoàn viên trồng cây tại xã Đồng Tâm"),
    ]


def test_saved_page_image_with_too_many_pixels_is_left_out(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PIL import Image

    from importer.sources import read_source

    _photo(tmp_path / "page_files" / "a.jpg", (800, 600))
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)  # 480,000 is a "bomb"
    page = tmp_path / "page.html"
    page.write_text(
        '<article><h1>Tin</h1><p>Huyện đoàn họp.</p><img src="page_files/a.jpg">'
        "</article>",
        encoding="utf-8",
    )
    [post] = read_source(page)
    assert post.photos == []
