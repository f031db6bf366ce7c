"""``python -m newsroom`` and its Make targets: new, new-en, preview, check.

Every command runs as a writer runs it (a subprocess from the repository, or
``make``), on a copy of the tests' site with its real registries.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from newsroom.cli import main
from newsroom.cli.drafts import unique_slug
from tests.sitebuild import ROOT, copy_content

VENV = Path(sys.executable).parent.parent
ORIGINAL = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"


def run_main(capsys, content: Path, *arguments: str) -> tuple[int, str, str]:
    """Run the command in this process (cheap); return code, stdout, stderr."""
    code = main(["--content", str(content), *arguments])
    out, err = capsys.readouterr()
    return code, out, err


def newsroom(
    content: Path, *arguments: str, stdin: str = "", env: dict | None = None
) -> subprocess.CompletedProcess:
    """Run ``python -m newsroom --content CONTENT *arguments`` as a writer would.

    From the repository, with a bare environment: no PYTHONPATH (the command
    finds its own code), no make.
    """
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    return subprocess.run(
        [sys.executable, "-m", "newsroom", "--content", str(content), *arguments],
        cwd=ROOT,
        input=stdin,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**environment, **(env or {})},
        timeout=120,
    )


def make(content: Path, *arguments: str) -> subprocess.CompletedProcess:
    """Run ``make *arguments`` on ``content`` with this venv (never reinstalled)."""
    return subprocess.run(
        [
            "make",
            "-s",
            "-C",
            str(ROOT),
            "-o",
            f"{VENV}/.site-installed",
            f"VENV={VENV}",
            f"INPUTDIR={content}",
            *arguments,
        ],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=120,
    )


def front_matter(path: Path) -> dict:
    """Return a post's front matter."""
    text = path.read_text(encoding="utf-8")
    return yaml.safe_load(text.split("---\n")[1])


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A copy of the tests' site that the commands of this module write to."""
    return copy_content(tmp_path_factory.mktemp("cli") / "content")


@pytest.fixture(scope="module")
def made(site) -> Path:
    """The draft that ``make new`` (non-interactive) wrote."""
    result = make(
        site,
        "new",
        "TITLE=Hội nghị tổng kết công tác Đoàn năm 2024",
        "DATE=20/12/2024 08:00",
        "UNIT=quận đoàn tân bình",
    )
    assert result.returncode == 0, result.stderr + result.stdout
    shown = re.search(r"Đã tạo bài nháp: (\S+)", result.stdout)
    assert shown, result.stdout
    return Path(shown.group(1))


def test_make_new_writes_a_draft_at_its_year_and_slug(site, made):
    assert made == site / "posts/2024/hoi-nghi-tong-ket-cong-tac-doan-nam-2024.md"
    data = front_matter(made)
    assert data["title"] == "Hội nghị tổng kết công tác Đoàn năm 2024"
    assert data["date"] == "2024-12-20 08:00"
    assert data["slug"] == "hoi-nghi-tong-ket-cong-tac-doan-nam-2024"
    assert (data["lang"], data["status"]) == ("vi", "draft")
    assert data["event"]["organizer"] == "Quận Đoàn Tân Bình"
    assert data["units"] == ["Quận Đoàn Tân Bình"]


def test_the_same_title_again_gets_a_free_slug(site, made, capsys):
    code, _, err = run_main(
        capsys, site, "new", "--title", "Hội nghị tổng kết công tác Đoàn năm 2024",
        "--date", "2024-12-21", "--unit", "Quận Đoàn Tân Bình",
    )  # fmt: skip
    assert code == 0, err
    again = site / "posts/2024/hoi-nghi-tong-ket-cong-tac-doan-nam-2024-2.md"
    assert front_matter(again)["slug"] == again.stem
    assert front_matter(again)["date"] == "2024-12-21"
    assert made.exists()


def test_an_unknown_unit_is_refused_with_did_you_mean(site, capsys):
    code, _, err = run_main(
        capsys, site, "new", "--title", "Bài thử", "--date", "01/02/2024", "--unit",
        "Quan Doan Tan Bnh",
    )  # fmt: skip
    assert code == 1
    assert (
        'Lỗi: đơn vị chưa có trong danh sách: "Quan Doan Tan Bnh"; '
        'có phải là "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
    ) in err
    assert not (site / "posts/2024/bai-thu.md").exists()


def test_a_generic_unit_name_is_refused_with_its_candidates_as_check_does(site, capsys):
    """ "Quận đoàn" alone names no unit: the draft lists the one it could mean."""
    code, _, err = run_main(
        capsys, site, "new", "--title", "Bài thử", "--date", "01/02/2024", "--unit",
        "Quận đoàn",
    )  # fmt: skip
    assert code == 1
    assert '"Quận đoàn"' in err
    assert 'quan-doan-tan-binh ("Quận Đoàn Tân Bình")' in err
    assert "chưa có trong" not in err  # it is known, only not alone
    assert not (site / "posts/2024/bai-thu.md").exists()


def test_a_month_first_date_is_refused(site, capsys):
    code, _, err = run_main(
        capsys, site, "new", "--title", "Bài thử", "--date", "12/18/2024", "--unit", "x"
    )
    assert code == 1
    assert 'ngày "12/18/2024" không đọc được' in err


def test_new_without_every_option_names_the_missing_one(site, capsys):
    code, _, err = run_main(capsys, site, "new", "--title", "Bài thử")
    assert code == 2
    assert "thiếu --date" in err


def test_new_asks_in_vietnamese_with_did_you_mean(site):
    answers = "\n".join(
        [
            "Đối thoại với đoàn viên thanh niên năm 2024",
            "15/03/2024 14:00",
            "Quan Doan Tan Bnh",  # a near miss: "có phải là …?"
            "c",
            "Phan Le Huy Hoang",  # without diacritics: suggested, Enter accepts
            "",
            "Bí thư Quận Đoàn",
            "",  # the speaker's unit: the organiser
            "",  # speaks (the default part)
            "Pham Thi Thanh",
            "k",  # not her: asked again
            "Phạm Thị Thành",
            "Trưởng Ban Dân vận Quận ủy",
            "Quận ủy Tân Bình",
            "chủ tịch",  # not a part: asked again
            "1",  # chairs
            "",  # no third speaker
            "Đoàn viên thanh niên",
            "nhiều",  # not a number: asked again
            "120",
            "Ban Thường vụ Quận Đoàn",
            "",
            "",  # no more attendees
        ]
    )
    result = newsroom(site, "new", stdin=answers + "\n")
    assert result.returncode == 0, result.stderr + result.stdout
    out = result.stdout
    assert "Tiêu đề bài viết: " in out
    assert "Có phải là Quận Đoàn Tân Bình (quan-doan-tan-binh)? [C/k]" in out
    assert "Có phải là Phan Lê Huy Hoàng (phan-le-huy-hoang)? [C/k]" in out
    assert 'Lỗi: "chủ tịch": trả lời 1, 2 hoặc 3' in out
    assert 'Lỗi: "nhiều": ghi một số nguyên dương' in out
    path = site / "posts/2024/doi-thoai-voi-doan-vien-thanh-nien-nam-2024.md"
    data = front_matter(path)
    assert data["date"] == "2024-03-15 14:00"
    assert data["units"] == ["Quận Đoàn Tân Bình", "Quận ủy Tân Bình"]
    assert data["speakers"] == [
        {
            "name": "Phan Lê Huy Hoàng",
            "role": "Bí thư Quận Đoàn",
            "unit": "Quận Đoàn Tân Bình",
            "part": "speaker",
        },
        {
            "name": "Phạm Thị Thành",
            "role": "Trưởng Ban Dân vận Quận ủy",
            "unit": "Quận ủy Tân Bình",
            "part": "chair",
        },
    ]
    assert data["attendees"] == [
        {"group": "Đoàn viên thanh niên", "count": 120},
        {"group": "Ban Thường vụ Quận Đoàn"},
    ]


def test_new_stopped_midway_writes_nothing(site, capsys, monkeypatch):
    before = sorted(site.rglob("*.md"))
    monkeypatch.setattr("sys.stdin", io.StringIO("Một bài bỏ dở\n"))
    code, _, err = run_main(capsys, site, "new")
    assert code == 1
    assert "Đã dừng, không ghi gì." in err
    assert sorted(site.rglob("*.md")) == before


def test_new_en_starts_the_translation_with_its_roles(site, capsys):
    (site / ORIGINAL).with_name(Path(ORIGINAL).stem + ".en.md").unlink()
    result = make(site, "new-en", "SLUG=giao-ban-quan-uy-quan-doan-2020-lan-2")
    assert result.returncode == 0, result.stderr
    path = site / "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.en.md"
    assert f"Đã tạo bản dịch tiếng Anh (nháp): {path}" in result.stdout
    data = front_matter(path)
    assert data["slug"] == "giao-ban-quan-uy-quan-doan-2020-lan-2"
    assert (data["lang"], data["status"]) == ("en", "draft")
    assert data["title"].startswith("[English title] Hội nghị giao ban")
    # Roles the glossary composes are filled in, keyed by speaker (drafts.py).
    assert data["roles"] == {
        "pham-thi-thanh": "Member of the Standing Committee, Head of the Mass "
        "Mobilisation Commission of the District Party Committee",
        "phan-le-huy-hoang": "Member of the District Party Committee, Deputy "
        "Secretary of the District Youth Union",
    }
    code, _, err = run_main(
        capsys, site, "new-en", "--slug", "giao-ban-quan-uy-quan-doan-2020-lan-2"
    )
    assert code == 1
    assert "bài dịch đã có" in err


def test_new_en_of_a_draft_lists_the_roles_left_to_translate(site, capsys):
    original = site / "posts/2024/tap-huan-can-bo-doan-2024.md"
    original.parent.mkdir(exist_ok=True)
    original.write_text(
        "---\ntitle: Tập huấn cán bộ Đoàn năm 2024\ndate: 2024-05-04 08:00\n"
        "slug: tap-huan-can-bo-doan-2024\nlang: vi\nstatus: draft\n"
        "units: [Quận Đoàn Tân Bình]\nspeakers:\n"
        "  - name: Phan Lê Huy Hoàng\n    role: Bí thư Quận Đoàn\n"
        "  - name: Phạm Thị Thành\n    role: Người dẫn chương trình đặc biệt\n"
        "---\nNội dung.\n",
        encoding="utf-8",
    )
    code, _, err = run_main(
        capsys, site, "new-en", "--slug", "tap-huan-can-bo-doan-2024"
    )
    assert code == 0, err
    text = original.with_name("tap-huan-can-bo-doan-2024.en.md").read_text("utf-8")
    data = yaml.safe_load(text.split("---\n")[1])
    assert data["roles"] == {
        "phan-le-huy-hoang": "Secretary of the District Youth Union"
    }
    assert "#   pham-thi-thanh: Người dẫn chương trình đặc biệt\n" in text
    assert data["status"] == "draft"


def test_make_check_passes_on_everything_the_commands_wrote(site, made):
    written = sorted(p.relative_to(site) for p in site.rglob("*.md"))
    assert Path("posts/2024/hoi-nghi-tong-ket-cong-tac-doan-nam-2024.md") in written
    result = make(site, "check")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 error(s), 0 warning(s)" in result.stderr


def test_cli_check_without_make_names_a_broken_post(tmp_path):
    content = copy_content(tmp_path / "content")
    broken = content / "posts/2021/hong.md"
    broken.write_text(
        "---\ntitle: Bài hỏng\ndate: 2021-03-01\nunits: [Quan Doan Tan Bnh]\n---\nx\n",
        encoding="utf-8",
    )
    result = newsroom(content, "check", env={"PYTHONIOENCODING": "cp1252"})
    assert result.returncode == 1
    assert (
        'posts/2021/hong.md:4: [error] units[1]: unknown unit "Quan Doan Tan Bnh"; '
        'did you mean "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?'
    ) in result.stdout  # UTF-8 even where the console says cp1252


def test_folder_options_work_after_the_command_too(tmp_path, capsys):
    """Writers type `check --content x` as often as `--content x check`."""
    content = copy_content(tmp_path / "content")
    (content / "posts/2021/hong.md").write_text(
        "---\ntitle: Bài hỏng\ndate: 2021-03-01\nunits: [Quan Doan Tan Bnh]\n---\nx\n",
        encoding="utf-8",
    )
    assert main(["check", "--content", str(content)]) == 1
    assert "posts/2021/hong.md:4: [error] units[1]" in capsys.readouterr().out
    # Given after the command, it wins over the one before it.
    assert main(["--content", str(tmp_path), "check", "--content", str(content)]) == 1
    assert "posts/2021/hong.md:4" in capsys.readouterr().out


def test_an_unknown_option_is_named_in_vietnamese_with_where_to_look(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["check", "--bogus"])
    assert stop.value.code == 2
    assert (
        "lệnh check không dùng được: --bogus (xem: python -m newsroom check -h)"
        in capsys.readouterr().err
    )


# argparse's own English frame, which a writer must never meet.
ARGPARSE_ENGLISH = re.compile(
    r"usage:|options:|positional arguments|show this help|error:|required|"
    r"invalid|expected|unrecognized|choose from|could match"
)


@pytest.mark.parametrize(
    "arguments",
    [["-h"], ["new", "-h"], ["preview", "-h"], ["serve", "-h"], ["check", "-h"]],
)
def test_the_help_of_every_command_is_in_vietnamese(arguments, capsys):
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 0
    shown = capsys.readouterr().out
    assert shown.startswith("Cách dùng: python -m newsroom")
    assert "\ntuỳ chọn:\n" in shown
    assert "-h, --help" in shown and "hiện trợ giúp này rồi thoát" in shown
    assert not ARGPARSE_ENGLISH.search(shown), shown
    # The usage's continuation lines stay under its first option.
    usage = shown.split("\n\n")[0].split("\n")
    first = usage[0].index("[-h]")
    assert all(line.index("[") == first or not line.strip().startswith("[")
               for line in usage[1:]), usage  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "said"),
    [
        (["new-en"], "python -m newsroom new-en: lỗi: thiếu --slug"),
        (["preview"], "python -m newsroom preview: lỗi: thiếu TỆP"),
        (["serve", "--port", "tám"], "lỗi: --port: 'tám' không phải là số"),
        (["new", "--title"], "lỗi: --title: cần ghi một giá trị sau tuỳ chọn này"),
        (["chek"], "lỗi: không có lệnh 'chek'; các lệnh: 'serve', 'devserver'"),
        (["check", "--content"], "lỗi: --content: cần ghi một giá trị sau"),
    ],
)
def test_a_command_line_argparse_refuses_is_explained_in_vietnamese(
    arguments, said, capsys
):
    with pytest.raises(SystemExit) as stop:
        main(arguments)
    assert stop.value.code == 2
    shown = capsys.readouterr().err
    assert said in shown
    assert shown.startswith("Cách dùng: python -m newsroom")
    assert not ARGPARSE_ENGLISH.search(shown), shown


def test_an_error_argparse_words_otherwise_keeps_its_words_after_our_prefix():
    from newsroom.cli.arguments import vietnamese_error

    assert vietnamese_error("argument --x: not allowed with argument --y") == (
        "--x: not allowed with argument --y"
    )
    assert vietnamese_error("unrecognized arguments: --a --b") == (
        "không dùng được: --a --b"
    )
    assert vietnamese_error("ambiguous option: --co could match --content, --copy") == (
        "--co có thể là --content, --copy: hãy ghi đủ tên tuỳ chọn"
    )


def test_preview_builds_only_that_post_with_its_units_and_people(tmp_path):
    content = copy_content(tmp_path / "content")
    output = tmp_path / "preview"
    result = newsroom(
        content, "--output", str(output), "preview", str(content / ORIGINAL)
    )
    assert result.returncode == 0, result.stderr + result.stdout
    url = re.search(r"Mở trong trình duyệt: (file://\S+)", result.stdout).group(1)
    page = output / "2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/index.html"
    assert url == page.resolve().as_uri()
    assert page.is_file()
    assert (output / "en/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2").is_dir()
    posts = {
        p.parent.name for p in output.glob("**/20[0-9][0-9]/[01][0-9]/*/index.html")
    }
    assert posts == {"giao-ban-quan-uy-quan-doan-2020-lan-2"}
    # Its units, and the units above them (a unit's page lists its children's).
    units = {p.name for p in (output / "don-vi").iterdir() if p.is_dir()}
    assert units == {
        "quan-uy-tan-binh",
        "quan-doan-tan-binh",
        "thanh-doan-tp-hcm",
        "trung-uong-doan",
    }
    people = {p.name for p in (output / "nhan-vat").iterdir() if p.is_dir()}
    assert people == {"pham-thi-thanh", "phan-le-huy-hoang"}
    seconds = float(re.search(r"trong ([\d.]+) giây", result.stdout).group(1))
    print(f"preview built in {seconds:.2f} s")  # measured, not asserted


def test_preview_of_a_missing_file_says_so(site, capsys):
    code, _, err = run_main(capsys, site, "preview", "posts/2020/khong-co.md")
    assert code == 1
    assert "không có bài viết này" in err


def test_new_en_of_an_unknown_slug_says_so(site, capsys):
    code, _, err = run_main(capsys, site, "new-en", "--slug", "khong-co-bai-nay")
    assert code == 1
    assert 'không có bài tiếng Việt nào có slug "khong-co-bai-nay"' in err


def test_the_make_targets_call_the_command():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("html", "serve", "devserver", "check", "publish", "deploy",
                   "upload", "new", "new-en", "preview"):  # fmt: skip
        recipe = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.MULTILINE)
        assert recipe and "$(NEWSROOM)" in recipe.group(1), target


@pytest.mark.parametrize(
    ("target", "said"),
    [
        ("new-en", "Cách dùng: make new-en SLUG="),
        ("preview", "Cách dùng: make preview FILE=content/posts/"),
        ("import", "Cách dùng: make import SRC="),
    ],
)
def test_a_make_target_missing_its_variable_says_how_in_vietnamese(target, said):
    """Without SLUG, FILE or SRC the target stops before anything runs."""
    make = shutil.which("make")
    if make is None:
        pytest.skip("make is not installed")
    # SITE_STAMP: the venv is there; `-o` keeps make from rebuilding it.
    done = subprocess.run(
        [make, "-s", "-C", str(ROOT), "-o", ".venv/.site-installed", target],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
        env={k: v for k, v in os.environ.items() if k not in ("SLUG", "FILE", "SRC")},
    )
    assert done.returncode == 2
    assert said in done.stderr
    assert "usage" not in done.stderr


def _run_install_script(tools: Path) -> subprocess.CompletedProcess:
    """Run scripts/install-system-packages.sh with only ``tools`` on the PATH."""
    return subprocess.run(
        [str(tools / "bash"), str(ROOT / "scripts/install-system-packages.sh")],
        capture_output=True,
        text=True,
        env={"PATH": str(tools)},
        timeout=30,
    )


def test_install_script_says_it_is_for_debian_elsewhere(tmp_path):
    # A system without apt or dpkg (macOS, Windows' Git Bash): only a few tools.
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "uname", "id", "grep"):
        (tools / tool).symlink_to(shutil.which(tool))
    result = _run_install_script(tools)
    assert result.returncode == 0, result.stderr
    assert "Debian/Ubuntu packages only (apt)" in result.stderr


def _apt_system(tmp_path, installed: str, archive_has_optional: bool) -> Path:
    """A Debian-like PATH: ``dpkg-query`` knows ``installed``, ``apt-get``
    logs its calls and fails to install a package the archive lacks."""
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "uname", "id", "grep"):
        (tools / tool).symlink_to(shutil.which(tool))
    log = tmp_path / "apt.log"
    (tools / "dpkg-query").write_text(
        f'#!{shutil.which("bash")}\ncase " {installed} " in *" ${{@: -1}} "*)\n'
        '  echo "install ok installed";; *) exit 1;; esac\n'
    )
    lacks = "" if archive_has_optional else "chromium-headless-shell"
    (tools / "apt-get").write_text(
        f'#!{shutil.which("bash")}\necho "$*" >> {log}\n'
        f'case "$*" in *"{lacks or "no such"}"*) exit 100;; esac\n'
    )
    for fake in ("dpkg-query", "apt-get"):
        (tools / fake).chmod(0o755)
    return tools


@pytest.mark.parametrize("archive_has_optional", [True, False])
def test_install_script_adds_the_optional_headless_shell_when_it_can(
    tmp_path, archive_has_optional
):
    required = "chromium fonts-noto-core default-jre-headless openssh-server "
    required += "openssh-client rsync"
    tools = _apt_system(tmp_path, required, archive_has_optional)
    result = _run_install_script(tools)
    if os.getuid() != 0:  # only root installs; the optional one is never asked for
        assert result.returncode == 0, result.stderr
        return
    assert result.returncode == 0, result.stderr
    calls = (tmp_path / "apt.log").read_text().splitlines()
    assert any("install" in c and "chromium-headless-shell" in c for c in calls)
    assert not any("install" in c and "rsync" in c for c in calls)
    if not archive_has_optional:
        assert "is not available: the tests do without it" in result.stderr


def test_a_slug_is_free_of_file_names_and_front_matter_slugs(tmp_path):
    posts = tmp_path / "posts"
    (posts / "2019").mkdir(parents=True)
    (posts / "2019/ten-khac.md").write_text("---\nslug: bai-thu\n---\n", "utf-8")
    (posts / "2019/bai-thu-2.en.md").write_text("---\nlang: en\n---\n", "utf-8")
    assert unique_slug("Bài thử", posts) == "bai-thu-3"
    assert unique_slug("Bài thử khác", posts) == "bai-thu-khac"


def test_a_long_title_gets_a_slug_cut_between_words(tmp_path):
    title = (
        "Hội nghị giao ban giữa Thường trực Quận ủy với Ban Thường vụ Quận Đoàn "
        "và cấp ủy phụ trách thanh niên lần 2, năm 2020"
    )
    slug = unique_slug(title, tmp_path)
    assert len(slug) <= 80
    assert slug == (
        "hoi-nghi-giao-ban-giua-thuong-truc-quan-uy-voi-ban-thuong-vu-"
        "quan-doan-va-cap-uy"
    )


def test_preview_refuses_a_file_outside_the_posts(tmp_path, capsys):
    note = tmp_path / "ghi-chu.md"
    note.write_text("---\ntitle: x\n---\n", "utf-8")
    code, _, err = run_main(capsys, tmp_path, "preview", str(note))
    assert code == 1
    assert "bài viết phải nằm trong content/posts/" in err
