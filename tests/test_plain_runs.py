"""Runs of text without inline markup skip Markdown's inline patterns (#22),
and every post still turns into the same HTML (``content_model.plain_runs``)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from markdown import Markdown
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString
from pelican.settings import read_settings

from content_model.plain_runs import INLINE_PRIORITY, PlainRunsExtension
from content_model.reader import PostReader

ROOT = Path(__file__).resolve().parent.parent
SITE_EXTENSIONS = ["markdown.extensions.extra", "markdown.extensions.sane_lists"]

#: Every inline construct of Markdown and "extra", beside plain Vietnamese runs.
CASES = [
    "Đoàn viên thanh niên phường Tân Định ra quân hưởng ứng Chiến dịch Mùa hè xanh.",
    "Đồng chí Nguyễn Văn A phát biểu: “Tuổi trẻ phải đi đầu” (tháng 7/2025).",
    "Một đoạn *nhấn mạnh*, một đoạn **đậm** và ***cả hai***, _gạch dưới_ và __đậm__.",
    "snake_case_word và 2*3*4 = 24, dấu * đứng một mình, và _ cũng vậy.",
    "Mã `print('xin chào')` và ``hai `dấu` huyền``.",
    "Thoát \\*không nhấn\\* và \\[không liên kết\\] và \\\\ gạch chéo.",
    'Liên kết [Thành Đoàn](https://thanhdoan.hochiminhcity.gov.vn/ "Trang chủ").',
    "Ảnh ![Lễ ra quân](anh/le-ra-quan.jpg) giữa câu.",
    "Tham chiếu [trang chủ][home] và [home] và ![ảnh][pic].\n\n"
    "[home]: https://example.org/\n[pic]: anh.jpg",
    "Chú thích[^1] ở đây.\n\n[^1]: Nội dung chú thích *có nhấn*.",
    "Tự động <https://doanthanhnien.vn> và thư <lienhe@doanthanhnien.vn>.",
    'HTML <span class="x">trong dòng</span> và <br> và thực thể &amp; &#39; &copy;.',
    "Đoàn & Hội, <3 và a < 5 > 2: không phải thẻ.",
    "Hai dấu cách cuối dòng  \nthì xuống dòng; một dấu \nthì không.",
    "HTML is written by the W3C.\n\n*[HTML]: Hyper Text Markup Language\n"
    "*[W3C]: World Wide Web Consortium",
    "Một đoạn có thuộc tính {: #muc-mot .noi-bat }\n\n# Tiêu đề {: #tieu-de }",
    "Thuật ngữ\n:   Định nghĩa của thuật ngữ\n\nKhác\n:   Định nghĩa *khác*",
    "| Đơn vị | Số |\n| --- | ---: |\n| Phường 1 | 25 |\n| *Xã* 2 | 30 |",
    "```python\nin_ra = 'không *nhấn* ở đây'\n```\n\nSau khối mã.",
    "    mã thụt lề *không* xử lý\n\nĐoạn thường.",
    '<div markdown="1">\nTrong khối *markdown*.\n\nĐoạn thường.\n</div>',
    "<div>\nKhối HTML thô *không* xử lý.\n</div>\n\nĐoạn sau khối.",
    "- Mục một\n- Mục *hai*\n    - Mục con thường\n    - Mục con `mã`\n\n1. Một\n2. Ba",
    "> Trích dẫn thường\n> và **đậm**\n\n---\n\nSau đường kẻ.",
    "Dòng một\nDòng hai\n\n\nĐoạn xa.",
    "",
]

#: Pieces of random texts: words, every character some pattern starts at,
#: line ends and spaces (two before a line end make a line break).
PIECES = [
    "Đoàn", "thanh", "niên", "Hồ Chí Minh", "phường", "A", "1", " ", " ", " ",
    "  \n", "\n", "\n\n", "*", "**", "_", "__", "`", "\\", "[", "]", "(", ")",
    "!", "<", ">", "&", "&amp;", ";", ":", "#", "-", "1.", "{", "}", "^", "\"",
    "'", "|", "~", "=", "http://a.b", "@", "<b>", "</b>", "[^1]", "*[A]: x",
    "    ",
]  # fmt: skip


def converter(*extensions) -> Markdown:
    return Markdown(extensions=[*SITE_EXTENSIONS, *extensions], output_format="html5")


class AtomicProbe(Extension):
    """Counts the runs of text Markdown's inline step will pass over (atomic),
    looking at the tree just before that step, as Markdown lets any extension."""

    def __init__(self) -> None:
        super().__init__()
        self.runs = 0

    def extendMarkdown(self, md: Markdown) -> None:
        probe = self

        class Count(Treeprocessor):
            def run(self, root) -> None:
                probe.runs += sum(
                    isinstance(value, AtomicString)
                    for element in root.iter()
                    for value in (element.text, element.tail)
                )

        md.treeprocessors.register(Count(md), "atomic_probe", INLINE_PRIORITY + 0.5)


def skipped_runs(texts, *extensions) -> int:
    """Return how many runs of ``texts`` skip the inline patterns thanks to
    PlainRunsExtension: the atomic runs with it, less those Markdown makes
    atomic itself (code)."""
    with_it, without = AtomicProbe(), AtomicProbe()
    plain = converter(*extensions, PlainRunsExtension(), with_it)
    stock = converter(*extensions, without)
    for text in texts:
        plain.reset().convert(text)
        stock.reset().convert(text)
    return with_it.runs - without.runs


def assert_same_html(texts, plain: Markdown, stock: Markdown) -> None:
    for text in texts:
        assert plain.reset().convert(text) == stock.reset().convert(text), repr(text)


def test_every_inline_construct_turns_into_the_same_html():
    assert_same_html(CASES, converter(PlainRunsExtension()), converter())
    assert skipped_runs(CASES) > 20  # the plain runs did skip the patterns


def test_random_texts_turn_into_the_same_html():
    rng = random.Random(2026)
    texts = [
        "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 60)))
        for _ in range(3000)
    ]
    assert_same_html(texts, converter(PlainRunsExtension()), converter())
    assert skipped_runs(texts) > 300


def test_only_runs_without_markup_skip_the_patterns():
    # The first paragraph only: emphasis, and "&" (an entity may start there).
    text = "Đoàn viên ra quân.\n\nMột đoạn *nhấn mạnh*.\n\nĐoàn & Hội."
    assert skipped_runs([text]) == 1
    assert skipped_runs(["- Mục một\n- Mục hai\n\n> Trích dẫn"]) == 3  # items, quote
    assert skipped_runs(["Đoàn viên\nra quân"]) == 1  # a line end alone is plain
    assert skipped_runs(["Hai dấu cách  \nxuống dòng"]) == 0  # a line break is markup
    assert skipped_runs(["```\nmã\n```"]) == 0  # code: atomic without it too


class Strikethrough(Extension):
    """An inline pattern that starts at a character plain runs do not look for."""

    def extendMarkdown(self, md: Markdown) -> None:
        pattern = SimpleTagInlineProcessor(r"(~~)(.+?)~~", "del")
        md.inlinePatterns.register(pattern, "del", 75)


def test_another_extension_s_inline_pattern_turns_it_off():
    text = "Không còn ~~huyện~~ từ ngày 1/7/2025."
    plain = converter(Strikethrough(), PlainRunsExtension())
    assert_same_html([text], plain, converter(Strikethrough()))
    assert "<del>huyện</del>" in plain.reset().convert(text)
    assert skipped_runs([text], Strikethrough()) == 0


def test_smarty_s_own_inline_step_still_sees_every_run():
    """smarty runs its patterns in a step of its own, after the runs are released."""
    text = "Bí thư nói \"Tuổi trẻ -- đi đầu...\" và 'luôn' như vậy."
    plain = converter("markdown.extensions.smarty", PlainRunsExtension())
    assert_same_html([text], plain, converter("markdown.extensions.smarty"))
    assert "&ldquo;" in plain.reset().convert(text)


@pytest.fixture
def post_reader(tmp_path) -> PostReader:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={"PATH": tmp_path})
    return PostReader(settings)


def test_the_post_reader_lets_plain_runs_skip_the_patterns(post_reader):
    markdown = post_reader._markdown()
    assert "plain_runs_hold" in markdown.treeprocessors
    assert "plain_runs_release" in markdown.treeprocessors
