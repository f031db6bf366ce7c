"""Messages writers read: Vietnamese first, English on request, never a raw text.

Every ``Message`` template in ``plugins/`` and ``devserver/`` (found by Babel's
extractor, as ``make translations`` finds them) has a Vietnamese form with the
same placeholders; no message is written as a plain or f-string text where a
writer reads it; ``make check``'s command line speaks Vietnamese by default
and English when ``LANG``, ``LANGUAGE`` or the setting asks.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from content_model.problems import Problem
from newsroom import messages
from newsroom.message_catalogue import extract, read
from newsroom.messages import Message, language
from tests.content_sites import CASES_DIR, content_with
from tests.sitebuild import ROOT

PLACEHOLDER = re.compile(r"%\((\w+)\)s")
SOURCES = [
    *sorted((ROOT / "plugins").rglob("*.py")),
    *(ROOT / "devserver").glob("*.py"),
]
# Modules whose log lines are for developers (timings, caches, the importer's
# own report), not messages a writer acts on.
LOG_LEVELS_FOR_WRITERS = {"error", "warning", "critical"}
# Command lines of developers' tools, not writers'.
NOT_FOR_WRITERS = ("plugins/importer/evaluate.py",)


@pytest.fixture(scope="module")
def templates() -> dict[str, list[str]]:
    return extract()


def test_every_message_has_a_vietnamese_form_with_the_same_placeholders(templates):
    vietnamese = {m.id: m for m in read("vi") if m.id}
    missing = [t for t in templates if not getattr(vietnamese.get(t), "string", "")]
    assert missing == [], "run make translations and translate these in checks.po"
    fuzzy = [t for t in templates if vietnamese[t].fuzzy]
    assert fuzzy == []
    wrong = [
        (t, vietnamese[t].string)
        for t in templates
        if sorted(set(PLACEHOLDER.findall(t)))
        != sorted(set(PLACEHOLDER.findall(vietnamese[t].string)))
    ]
    assert wrong == []


def test_the_catalogues_list_exactly_the_messages_of_the_code(templates):
    for lang in ("vi", "en"):
        assert sorted(m.id for m in read(lang) if m.id) == sorted(templates), lang


def test_the_extractor_sees_the_messages_of_every_kind_of_module(templates):
    where = {place.split(":")[0] for places in templates.values() for place in places}
    for module in (
        "plugins/content_model/validate.py",
        "plugins/content_model/check.py",
        "plugins/photos/reading.py",
        "plugins/publishing/site.py",
        "devserver/errors.py",
        "devserver/rebuild.py",
        "plugins/content_model/schema.py",  # the keys' help texts
    ):
        assert module in where


def _is_text(node: ast.AST) -> bool:
    """Tell whether an expression is a literal text or an f-string."""
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return bool(re.search(r"[A-Za-z]{3}", node.value))
    if isinstance(node, ast.BinOp):
        return _is_text(node.left) or _is_text(node.right)
    return False


def _is_literal(node: ast.AST) -> bool:
    """Tell whether a message id is one gettext can extract (any written text,
    short ones such as a language code included)."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    return _is_text(node)


def _raw_messages(path: Path) -> list[str]:
    """Return where ``path`` hands a writer a text that gettext never sees."""
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.JoinedStr):  # Babel cannot see into f-strings
            found += [
                f"{path}:{node.lineno}: Message() inside an f-string"
                for part in ast.walk(node)
                if isinstance(part, ast.Call)
                and getattr(part.func, "id", "") == "Message"
            ]
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name == "Message" and node.args and not _is_literal(node.args[0]):
            found.append(f"{path}:{node.lineno}: Message() of a computed text")
        if name == "Message" and node.args and isinstance(node.args[0], ast.JoinedStr):
            found.append(f"{path}:{node.lineno}: Message(f'…')")
        owner = getattr(func, "value", None)
        logs = isinstance(owner, ast.Name) and owner.id in ("logger", "log")
        if (
            logs
            and name in LOG_LEVELS_FOR_WRITERS
            and node.args
            and _is_text(node.args[0])
            and not _only_arguments(node.args[0])
        ):
            found.append(f"{path}:{node.lineno}: logger.{name}('…')")
        for problem_argument in _problem_messages(node, name):
            if _is_text(problem_argument):
                found.append(f"{path}:{node.lineno}: Problem(…, '…')")
    return found


def _only_arguments(node: ast.AST) -> bool:
    """Tell whether a log format only places its arguments ("%s", "%s: %s")."""
    return isinstance(node, ast.Constant) and not re.sub(r"%s|[\s:;,.]", "", node.value)


def _problem_messages(node: ast.Call, name: str) -> list[ast.AST]:
    """Return the message argument of a ``Problem(path, line, field, message)``."""
    if name != "Problem":
        return []
    found = [k.value for k in node.keywords if k.arg == "message"]
    return found + node.args[3:4]


def test_no_message_is_a_raw_text():
    found = [
        problem
        for path in SOURCES
        if not str(path.relative_to(ROOT)).startswith(NOT_FOR_WRITERS)
        for problem in _raw_messages(path)
    ]
    assert found == [], "\n".join(found)


def test_the_detector_finds_raw_texts(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text(
        "logger.error('Build failed for %s', path)\n"
        "logger.warning(f'{path} is odd')\n"
        "logger.error('%s', problem)\n"  # a Problem or Message: fine
        "Problem(path, 1, 'title', f'unknown {x}')\n"
        "Message(f'unknown {x}')\n"
        "Message(template)\n"
        "Message('unknown %(x)s', x=x)\n"
        "print(f\"{path}: {Message('no such file')}\")\n"
        "Message('en')\n",  # a short text is still a literal gettext extracts
        encoding="utf-8",
    )
    assert [line.split(":")[1] for line in _raw_messages(sample)] == [
        "1",
        "2",
        "4",
        "5",
        "6",
        "8",
    ]


def test_a_problem_refuses_a_plain_text():
    with pytest.raises(TypeError, match="must be a Message"):
        Problem("posts/a.md", 3, "title", "unknown key")


def test_a_message_is_rendered_when_shown_in_the_language_chosen_then(monkeypatch):
    suggestion = Message('; did you mean "%(name)s"?', name="speakers")
    message = Message("unknown key%(hint)s", hint=suggestion)
    problem = Problem("posts/2022/a.md", 4, "speakers[2].role", message)
    monkeypatch.setenv("LANGUAGE", "vi")
    assert str(problem) == (
        "posts/2022/a.md:4: [error] speakers[2].role: khóa không có trong mẫu bài; "
        'có phải là "speakers"?'
    )
    monkeypatch.setenv("LANGUAGE", "en")
    assert str(problem) == (
        "posts/2022/a.md:4: [error] speakers[2].role: unknown key; did you mean "
        '"speakers"?'
    )


@pytest.mark.parametrize(
    ("environ", "setting", "expected"),
    [
        ({}, None, "vi"),  # Vietnamese by default
        ({"LANG": "C.UTF-8"}, None, "vi"),  # no language named
        ({"LANG": "en_US.UTF-8"}, None, "en"),
        ({"LANG": "fr_FR.UTF-8"}, None, "vi"),  # one we do not have
        ({"LANG": "en_US.UTF-8"}, "vi", "vi"),  # the setting beats LANG
        ({"LC_ALL": "en_GB.UTF-8", "LANG": "vi_VN.UTF-8"}, None, "en"),
        ({"LANGUAGE": "en", "LANG": "vi_VN.UTF-8"}, "vi", "en"),  # LANGUAGE wins
        ({"LANGUAGE": "fr:vi"}, "en", "vi"),  # its first known language
        ({"LANGUAGE": ""}, "en", "en"),
    ],
)
def test_the_language_of_messages(environ, setting, expected):
    saved = messages._setting[0]
    try:
        messages.use_setting({messages.SETTING: setting})
        assert language(environ) == expected
    finally:
        messages._setting[0] = saved


def test_a_bad_language_setting_is_refused():
    with pytest.raises(ValueError, match="NEWSROOM_MESSAGES_LANG"):
        messages.use_setting({messages.SETTING: "fr"})


def _make_check(content: Path, **environ: str) -> subprocess.CompletedProcess:
    """Run ``make check``'s command line on ``content`` as a writer's shell would."""
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in ("LANGUAGE", "LANG", "LC_ALL", "LC_MESSAGES")
    }
    return subprocess.run(
        [sys.executable, "-m", "content_model.check", "-s", "pelicanconf.py", content],
        cwd=ROOT,
        env={**clean, "PYTHONPATH": "plugins", **environ},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def broken(tmp_path_factory) -> Path:
    names = ("unknown-unit-suggestion.md", "unknown-key-typo.md", "date-month-first.md")
    return content_with(
        tmp_path_factory.mktemp("broken") / "content", *(CASES_DIR / n for n in names)
    )


def test_make_check_speaks_vietnamese_by_default(broken):
    result = _make_check(broken)
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "posts/cases/date-month-first.md:3: [error] date: '12/18/2020 08:00' có vẻ "
        "được ghi theo tháng/ngày/năm, cách ghi này không được chấp nhận; hãy ghi "
        "ngày/tháng/năm: 18/12/2020",
        "posts/cases/unknown-key-typo.md:4: [error] speakrs: khóa không có trong mẫu "
        'bài; có phải là "speakers"?',
        "posts/cases/unknown-unit-suggestion.md:4: [error] units[2]: đơn vị chưa có "
        'trong danh sách: "Quan Doan Tan Bnh"; có phải là "Quận Đoàn Tân Bình" '
        "(quan-doan-tan-binh)?",
    ]
    assert result.stderr.strip().endswith(
        "Đã kiểm tra 9 bài đăng (6 bài tiếng Việt, 3 bài tiếng Anh): 3 lỗi, 0 cảnh báo"
    )


def test_make_check_speaks_english_when_lang_asks(broken):
    result = _make_check(broken, LANG="en_US.UTF-8")
    assert result.returncode == 1
    assert result.stdout.splitlines()[1] == (
        "posts/cases/unknown-key-typo.md:4: [error] speakrs: unknown key; did you mean "
        '"speakers"?'
    )
    assert result.stderr.strip().endswith(
        "Checked 9 posts (6 in Vietnamese, 3 in English): 3 error(s), 0 warning(s)"
    )


def test_the_setting_switches_the_language_of_make_check(broken):
    from tests.content_sites import check

    saved = os.environ.pop("LANGUAGE")
    try:
        _, lines = check(broken, NEWSROOM_MESSAGES_LANG="en")
        assert 'unknown key; did you mean "speakers"?' in lines[1]
        _, lines = check(broken, NEWSROOM_MESSAGES_LANG="vi")
        assert 'khóa không có trong mẫu bài; có phải là "speakers"?' in lines[1]
    finally:
        os.environ["LANGUAGE"] = saved
        messages._setting[0] = None


def test_make_html_prints_one_whole_message_per_line_in_a_narrow_pipe(broken, tmp_path):
    """Outside a wide terminal, no message is wrapped: paths stay whole."""
    venv = Path(sys.executable).parent.parent
    command = ["make", "--no-print-directory", "-C", str(ROOT), "html"]
    command += [
        f"VENV={venv}",
        f"INPUTDIR={broken}",
        f"OUTPUTDIR={tmp_path / 'output'}",
    ]
    result = subprocess.run(
        command,
        env={**os.environ, "LANGUAGE": "vi", "COLUMNS": "40"},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert result.returncode != 0
    lines = (result.stdout + result.stderr).splitlines()
    assert (
        "posts/cases/unknown-unit-suggestion.md:4: [error] units[2]: đơn vị chưa có "
        'trong danh sách: "Quan Doan Tan Bnh"; có phải là "Quận Đoàn Tân Bình" '
        "(quan-doan-tan-binh)?"
    ) in lines
    assert any(line.startswith("Đã dừng dựng trang trước khi ghi") for line in lines)
