"""Find the people of an event: a name with the role it was given, as written.

Forms: "đồng chí X – role", "đ/c X, role", "Đ/c: X", "anh/chị/ông/bà X, role",
"các đồng chí X, Y – shared role", "X được bầu/chỉ định giữ chức role" and the
role before the name ("Bí thư Tỉnh đoàn Nguyễn Văn A,"). A person needs a role:
names without one (an author, a family that received a gift) and quoted
historical names (Hồ Chí Minh, the martyr a school is named after) are not
people of the event. "Đoàn" starts a name only in these forms ("Đ/c Đoàn Long").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from vietnamese import match_key

from .names import (
    CAP_WORD,
    HISTORICAL,
    LOOSE_NAME,
    NAME,
    NAME_WORD_RE,
    NOT_AFTER_ABBREVIATION,
    PLACE_NAMES,
    SURNAMES,
    UPPER,
)

_CUE = (
    r"(?:các\s+đồng\s+chí|đồng\s+chí|đ/c|đc|anh|chị|ông|bà|thầy|cô|"
    r"(?:Thượng|Trung|Thiếu|Đại)\s+(?:úy|uý|uy)|Thiếu\s+tá|Trung\s+tá|"
    r"Thượng\s+tá|Đại\s+tá|Thiếu\s+tướng|Trung\s+tướng|Thượng\s+sĩ|TS\.?|ThS\.?)"
)
_SEP = r"\s*(?:[-–—:,]|\(|\s)\s*"
# Words a role starts with (as written, any case).
_ROLE_START = re.compile(
    r"^(?:Phó|Bí thư|Chủ tịch|Ủy viên|Uỷ viên|UV|Trưởng|Giám đốc|Hiệu trưởng|"
    r"Hiệu phó|PHT|PBT|BT|TUV|ĐUV|HUV|QUV|Thành ủy viên|Tỉnh ủy viên|Quận ủy viên|"
    r"Huyện ủy viên|Đảng ủy viên|Thị ủy viên|Thành uỷ viên|Tỉnh uỷ viên|"
    r"Quận uỷ viên|Huyện uỷ viên|Đảng uỷ viên|Chủ nhiệm|Chánh|Tổng|Đội trưởng|"
    r"Liên đội trưởng|Thành viên|Cán bộ|Giáo viên|Chuyên viên|Bộ trưởng|"
    r"Thứ trưởng|CT|PCT|Chỉ huy|Thủ trưởng|Ủy viên|Đại biểu Quốc hội|"
    r"Thường trực|Nguyên|Trợ lý|Phụ trách|Tổng Bí thư|Chính ủy|Bác sĩ|Giảng viên|"
    r"Học sinh|Sinh viên|Đoàn viên|Thượng|Trung|Đại|Thiếu|UVBCH|UVBTV|UV\.?BTV|"
    r"UV\.?BCH|Ủy viên BCH|Ủy viên BTV|Tổ trưởng|Tổng biên tập|Thư ký|Đảng ủy viên|"
    r"Trưởng ban|Phó trưởng|Phó Trưởng)",
    re.IGNORECASE,
)
# A role ends before a verb or the next person.
_ROLE_END = re.compile(
    rf"\s*(?:;|{NOT_AFTER_ABBREVIATION}\.(?=\s|$)|\(|\bcùng\b|\bđã\b|"
    r"\bphát biểu|\bbáo cáo|\btrao\b|\btặng\b|"
    r"\bchúc mừng|\blàm\b|\bchủ trì|\bđánh giá|\bbiểu dương|\bnhấn mạnh|\bđược\b|"
    r"\bthông qua|\bgiao\b|\bđọc\b|\bkhẳng định|\bcho biết|\bghi nhận|\btiếp nhận|"
    r"\bcó\b|\bđến\b|\bvề\b|\btham dự|\bdự\b(?!\s+khuyết)|"
    rf"(?-i:\bvà\b(?!\s+(?!(?:{'|'.join(SURNAMES)})\s)[{UPPER}]))|"
    r"\bđề nghị|\bquán triệt|\bchỉ đạo|"
    r"\bthay mặt|\bmong|\bkêu gọi|\bgửi|\bthăm|\btrình bày|\bquyết định|\bđại diện|"
    r"\btại\b|\bnhận\b|\bvinh dự|\bgiữ chức|\bthông tin|\btuyên truyền|\bđề ra|"
    r"\bkết luận|\bphát động|\bchia sẻ|\bhướng dẫn|\bdẫn đầu|\blà\b|:|\bnghe\b|"
    r"\bcũng\b|\bsẽ\b|\bvừa\b|\bđang\b|\bcùng với|\btổ chức|\bthực hiện|\bđồng chí\b|"
    r"\bôn lại|\btrao đổi|\bkhen ngợi|\bđộng viên|\bcảm ơn|\bgửi lời|\bmong muốn|"
    r"\byêu cầu|\blưu ý|\bđiểm lại|\bnêu\b|\bđề xuất|\btặng hoa|"
    r"\blàm việc|\bthăm hỏi|\bbày tỏ|\btin tưởng|\bđánh giá|\bcông bố|\bphát động|"
    r"\bkhai mạc|\bbế mạc|\bgặp gỡ|\bgiao lưu|\bchứng kiến|\bhướng dẫn|\bnhận\b)",
    re.IGNORECASE,
)
_LOWER_ROLE_SEGMENT = re.compile(
    r"^(?:chủ tịch|phó|bí thư|trưởng|ủy viên|uỷ viên|giám đốc|hiệu trưởng)",
    re.IGNORECASE,
)
_PERSON = re.compile(
    rf"(?<![\w/])(?P<cue>(?i:{_CUE}))\s*:?\s+"
    rf"(?P<names>{LOOSE_NAME}(?:\s*(?:,|và)\s*{LOOSE_NAME})*)(?P<sep>{_SEP})",
)
# "; Nguyễn Viết Lâm – Phó Bí thư …": a further person of a list, without a cue.
_LISTED = re.compile(rf"(?:;|^)\s*(?P<names>{NAME})\s*[–—-]\s*", re.MULTILINE)
_ELECTED = re.compile(
    rf"(?P<names>{NAME})\s+(?:tái\s+)?(?:đắc cử|trúng cử|giữ)\s+(?:chức\s+)?"
    r"(?P<role>[^.;]+)"
)
_APPOINTED = re.compile(
    rf"(?P<names>{NAME})\s+(?:được|đã được)\s+(?:bầu|chỉ định|bổ nhiệm|công nhận)"
    r"\s+(?:giữ chức|làm|là|giữ chức vụ)\s+(?P<role>[^.;]+)"
)
_ROLE_BEFORE = re.compile(
    r"(?:^|(?<=[.!?])\s+|[,;:]\s*|\bcó\s+|\bvà\s+)"
    r"(?P<role>(?:Phó\s+)?(?:Bí thư|Chủ tịch|Giám đốc|"
    r"Hiệu trưởng|Trưởng [Bb]an)(?:\s+(?!Đoàn\s)\S+){1,6}?)\s+(?P<names>"
    + NAME
    + r")(?=\s*[,.;]|\s+(?:phát biểu|trao|tặng|chúc mừng|đã|báo cáo))"
)
_NAME_CASE = re.compile(CAP_WORD)


@dataclass
class PersonMention:
    """A person with the role written beside the name."""

    name: str
    role: str
    start: int
    role_start: int
    role_end: int
    evidence: str = ""


def _role_after(text: str, start: int) -> tuple[str, int]:
    """Return the role written from ``start`` and where it ends."""
    rest = text[start:]
    end = _ROLE_END.search(rest)
    role = rest[: end.start()] if end else rest
    # Later comma segments must start like a role ("Bí thư …", "UVBCH"), not prose.
    segments = role.split(",")
    kept = [segments[0]]
    for segment in segments[1:]:
        word = segment.strip()
        if not word or not (word[0].isupper() or _LOWER_ROLE_SEGMENT.match(word)):
            break
        if re.match(_CUE, word, re.IGNORECASE):
            break  # ", Đ/c Nguyễn Tiến Vũ - …": the next person
        kept.append(segment)
    role = ",".join(kept).strip(" ,–-:")
    return role, start + len(role)


def _split_names(names: str) -> list[str]:
    return [n.strip() for n in re.split(r"\s*(?:,|\bvà\b)\s*", names) if n.strip()]


_ROLE_WORDS = {"Bí", "Phó", "Chủ", "Ủy", "Uỷ", "Trưởng", "Ban", "Thư", "Đảng"}
_NOT_PEOPLE = {match_key(n) for n in (*HISTORICAL, *PLACE_NAMES)}


def _is_person(name: str) -> bool:
    words = name.split()
    return (
        2 <= len(words) <= 4
        and all(NAME_WORD_RE.fullmatch(w) for w in words)
        and not _ROLE_WORDS & set(words[1:])
        and match_key(name) not in _NOT_PEOPLE
    )


def find_people(text: str) -> list[PersonMention]:
    """Return every person named with a role in ``text``, in order."""
    found: list[PersonMention] = []
    for match in _PERSON.finditer(text):
        role, end = _role_after(text, match.end())
        if not role or not _ROLE_START.match(role):
            continue
        for name in _split_names(match["names"]):
            if _is_person(name):
                found.append(
                    PersonMention(name, role, match.start("names"), match.end(), end)
                )
    for pattern in (_LISTED,):
        for match in pattern.finditer(text):
            role, end = _role_after(text, match.end())
            name = match["names"]
            if role and _ROLE_START.match(role) and _is_person(name):
                found.append(
                    PersonMention(name, role, match.start("names"), match.end(), end)
                )
    for match in [*_APPOINTED.finditer(text), *_ELECTED.finditer(text)]:
        role, end = _role_after(text, match.start("role"))
        role = re.split(r"\s+nhiệm kỳ\b", role)[0].strip()
        if role and _ROLE_START.match(role) and _is_person(match["names"]):
            found.append(
                PersonMention(
                    match["names"], role, match.start(), match.start("role"), end
                )
            )
    for match in _ROLE_BEFORE.finditer(text):
        name = match["names"]
        if re.search(
            r"(?:TP\.?|tỉnh|huyện|quận|phường|xã|thành phố)\s*$", match["role"]
        ):
            continue  # "Chủ tịch MTTQ TP. Hà Nội": a place, not a name
        if _is_person(name) and not any(
            p.start <= match.start("names") < p.role_end for p in found
        ):
            found.append(
                PersonMention(
                    name,
                    match["role"].strip(),
                    match.start("names"),
                    match.start("role"),
                    match.end("role"),
                )
            )
    unique: dict[tuple[str, int], PersonMention] = {}
    for person in found:
        unique.setdefault((match_key(person.name), person.start), person)
    return sorted(unique.values(), key=lambda p: p.start)
