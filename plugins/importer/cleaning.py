"""Turn pasted post text into clean lines: entities, emoji, buttons and captions out."""

from __future__ import annotations

import html
import re
import unicodedata

from vietnamese import nfc

# Whole lines that are interface chrome, never content (Facebook, news sites).
_JUNK_LINE = re.compile(
    r"^(?:trả lời|thích|bình luận|chia sẻ|chia sẻ bài viết|xem thêm|xem bản dịch|"
    r"ẩn bớt|top|in bài|gửi bài|bản in|ý kiến bạn đọc|ý kiến bình luận|"
    r"bình luận \(\d+\)|hình minh họa|hình minh hoạ|\d+ lượt xem|[\d.,]+ lượt xem|"
    r"bạn có thể quan tâm|tin liên quan|tin cùng chuyên mục|bài liên quan|"
    r"có thể bạn quan tâm|đọc thêm|xem tiếp|share|like|comment|reply)[\s.:!]*$",
    re.IGNORECASE,
)
_CAPTION_LINE = re.compile(
    r"^(?:hình ảnh có thể có|có thể là hình ảnh|có thể là ảnh|ảnh minh họa|"
    r"ảnh minh hoạ|hình ảnh:|ảnh:|nguồn ảnh|photo:)",
    re.IGNORECASE,
)
# From these lines on, the page lists other articles or comments.
_TAIL_MARKER = re.compile(
    r"^(?:tin liên quan|tin cùng chuyên mục|bài viết liên quan|các tin khác|"
    r"tin khác|ý kiến bạn đọc|bình luận|lưu ý:)",
    re.IGNORECASE,
)
_SEPARATOR = re.compile(r"^\s*(?:-{3,}|={3,})\s*$")
# An invitation's or notice's labelled line: "Thời gian: 8h00, ngày 22/11",
# "Địa điểm: Hội trường UBND xã", "Đơn vị tổ chức: Đoàn xã Tân Phú".
FIELD_LINE = re.compile(
    r"^(?P<label>thời gian|địa điểm|đơn vị tổ chức|đơn vị thực hiện|ban tổ chức|"
    r"đơn vị phối hợp|thành phần|đối tượng|nội dung|hình thức)\s*:\s*(?P<value>.*)$",
    re.IGNORECASE,
)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000]+")
_TAGS = re.compile(r"<(?:br|p|div|li|h\d)\b[^>]*>|</(?:p|div|li|h\d)>", re.IGNORECASE)
_OTHER_TAGS = re.compile(r"<[^>]+>")


def _keep_char(char: str) -> bool:
    """Keep letters, digits, punctuation and spaces; drop emoji and pictographs."""
    category = unicodedata.category(char)
    if category in ("So", "Sk", "Cs", "Co") or char in "\ufe0f\u200d\u20e3":
        return False
    return not (category == "Cf" and char not in "\u200b")


def clean_text(text: str) -> str:
    """Return ``text`` as NFC plain text: tags and entities resolved, emoji dropped."""
    if "<" in text and _OTHER_TAGS.search(text):
        text = _TAGS.sub("\n", text)
        text = _OTHER_TAGS.sub("", text)
    text = html.unescape(html.unescape(text))
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(c for c in text if c == "\n" or _keep_char(c))
    return text


def split_posts(text: str) -> list[str]:
    """Split text holding several posts separated by a line of ``---`` or ``===``."""
    posts, current = [], []
    for line in text.split("\n"):
        if _SEPARATOR.match(line):
            posts.append("\n".join(current))
            current = []
        else:
            current.append(line)
    posts.append("\n".join(current))
    return [post for post in posts if post.strip()]


def is_junk(line: str) -> bool:
    """Return True for a line of interface chrome or an automatic photo caption."""
    return bool(_JUNK_LINE.match(line) or _CAPTION_LINE.match(line))


def clean_lines(text: str) -> list[str]:
    """Return the content lines of one post, chrome and captions dropped."""
    lines = []
    for raw in clean_text(text).split("\n"):
        line = _SPACES.sub(" ", raw).strip(" \t-–•*·|")
        line = line.strip()
        if not line or line in {".", "..", "…"}:
            continue
        if _TAIL_MARKER.match(line) and lines:
            break
        if is_junk(line):
            continue
        lines.append(line)
    return _join_wrapped(lines)


def _join_wrapped(lines: list[str]) -> list[str]:
    """Join the lines of a sentence broken by hard line breaks."""
    width = max((len(line) for line in lines), default=0)
    # Text wrapped at a fixed width: several lines close to it, none much longer.
    wrapped_at = (
        width
        if width <= 100 and sum(1 for line in lines if len(line) >= 0.8 * width) >= 3
        else 0
    )
    joined: list[str] = []
    for line in lines:
        if joined and _wrapped(joined[-1], line, len(joined) == 1, wrapped_at):
            joined[-1] = f"{joined[-1]} {line}"
        else:
            joined.append(line)
    return joined


_SENTENCE_END = ".!?:;…\"”'»)"


def _shouting(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) > 0.8 * len(letters)


def _wrapped(previous: str, line: str, first: bool, width: int) -> bool:
    """Return True when ``line`` goes on the sentence ``previous`` broke off.

    A list goes on from its intro to its last item (lines ending with ":" or
    ";"). A line starting in lower case or with a digit goes on; so does a line of
    capitals after one (a long title broken in two); and, in text wrapped at a
    fixed width, a line after one that filled the width without ending.
    """
    if FIELD_LINE.match(line) or (
        FIELD_LINE.match(previous) and not previous.endswith(":")
    ):
        return False  # each labelled line stands alone
    if not first and previous.endswith((":", ";")):
        return True  # "Về dự có:", "- Đ/c …;", "cùng 150 đại biểu.": one sentence
    if previous.endswith(tuple(_SENTENCE_END)):
        return False
    start = line[:1]
    if start.islower() or (not first and start.isdigit()):
        return True
    if previous.endswith((",", "–", "-")) or (_shouting(previous) and _shouting(line)):
        return True
    return bool(width) and not first and len(previous) >= 0.8 * width
