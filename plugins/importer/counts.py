"""Find attendee counts: "117 Bí thư chi đoàn khu phố", "hơn 200 đoàn viên".

Only people count: blood units, gifts, money, trees, works, opinions and
organisations are not attendees, nor are the statistics of a term or a year,
the members a congress represents ("đại diện cho hơn 9.000 đoàn viên") or a
committee's composition ("Ban Chấp hành gồm 29 đồng chí"). "1.000" is 1000,
"1,2 triệu" is 1200000; "hơn"/"trên" is over, "gần"/"dưới" under, "khoảng"
about. The kind follows the sentence: admitted (kết nạp), honoured (tuyên
dương, khen thưởng), delegates (đại biểu of a congress), guests, else present.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import NOT_AFTER_ABBREVIATION

_MULTIPLIERS = {"triệu": 1_000_000, "nghìn": 1_000, "ngàn": 1_000, "vạn": 10_000}
_APPROX = {
    "hơn": "over",
    "trên": "over",
    "hơn gần": "under",
    "gần": "under",
    "dưới": "under",
    "chưa đến": "under",
    "khoảng": "about",
    "chừng": "about",
    "xấp xỉ": "about",
    "ước tính": "about",
    "hàng": "about",
}
# People-like heads of a group (the word right after the number).
_PEOPLE = (
    r"đoàn viên|thanh niên|thanh thiếu nhi|thiếu nhi|thiếu niên|ĐVTN|đại biểu|"
    r"cán bộ|đồng chí|Bí thư|Phó Bí thư|học sinh|sinh viên|em|người|đội viên|"
    r"hội viên|giáo viên|chiến sĩ|cá nhân|gương|công nhân|tình nguyện viên|bạn|"
    r"y bác sĩ|vận động viên|thí sinh|đảng viên|cựu chiến binh|lượt|trẻ em|"
    r"thường trực|tân sinh viên|nhà khoa học|doanh nhân|nghệ sĩ|trí thức|"
    r"chiến sỹ|giảng viên|phụ huynh|hộ gia đình|thanh niên tiên tiến|điển hình|"
    r"cháu|tuyển thủ|trại sinh|đội viên ưu tú|thành viên|lãnh đạo|chị|anh"
)
_NUMBER = (
    r"(?P<num>\d{1,3}(?:\.\d{3})+|\d+(?:,\d+)?)(?:\s*(?P<mult>triệu|nghìn|ngàn|vạn))?"
)
_COUNT = re.compile(
    r"(?P<approx>hơn|trên|gần|dưới|chưa đến|khoảng|chừng|xấp xỉ|ước tính)?\s*"
    r"(?<![\d.,/])" + _NUMBER + r"(?![\d/%])\s+"
    rf"(?P<group>(?:(?:nữ|nam)\s+)?(?:{_PEOPLE})(?![\w])"
    # up to the clause's end, or the next counted group ("… và 04 thanh niên")
    r"(?:(?!\s*(?:,|và)\s*(?:hơn|trên|gần|khoảng)?\s*\d)[^.;:()])*)",
    re.IGNORECASE,
)
# A people-like word before the number: "thường trực 63 cơ sở Đoàn".
_ROLE_OF = re.compile(r"(?P<who>thường trực|Bí thư|lãnh đạo|cán bộ|đại diện)\s+$", re.I)
_ORG_GROUP = re.compile(
    r"(?<![\d.,/])(?P<num>\d+)\s+(?P<group>(?:cơ sở|cơ sơ|chi đoàn|đơn vị|xã|phường)"
    r"[^.;:(),]*)",
    re.IGNORECASE,
)
_CUE = re.compile(
    r"tham dự|\bdự\b|tham gia|có mặt|thu hút|gặp mặt|đối thoại|kết nạp|tuyên dương|"
    r"khen thưởng|vinh danh|với sự|của\s+(?:hơn|gần|trên)?\s*\d|trao\b|tặng\b|"
    r"đón\b|tập huấn|giao lưu|nhận được|được nhận",
    re.IGNORECASE,
)
# Sentences that report statistics, not who came.
_STATISTICS = re.compile(
    r"nhiệm kỳ qua|trong năm|năm qua|thời gian qua|từ đầu năm|đến nay|hằng năm|"
    r"hàng năm|tổng cộng|lũy kế|tính đến|\bđạt\b|\d+\s*%|sinh hoạt tại|sáp nhập|"
    r"công trình|tổng giá trị|tổng trị giá|\bsẽ\b|dự kiến|^\W*năm \d{4}",
    re.IGNORECASE,
)
# A committee's composition: "chỉ định 19 đồng chí tham gia Ban Chấp hành".
_COMMITTEE = re.compile(
    r"(?:chỉ định|bầu|gồm|kiện toàn|bổ sung)[^.]*"
    r"(?:Ban Chấp hành|Ban Thường vụ|Ủy ban Kiểm tra|Uỷ ban Kiểm tra|\bBCH\b|\bBTV\b)"
    r"|(?:Ban Chấp hành|Ban Thường vụ|\bBCH\b)[^.]*(?:gồm|chỉ định|bầu)\s+\d",
    re.IGNORECASE,
)
# Numbers that count members represented, a committee, people helped or given to.
_NOT_PRESENT = re.compile(
    r"(?:đại diện cho|đại diện|gồm|bầu|bầu chọn|chỉ định|kết nạp Đảng|giới thiệu|"
    r"nhận nuôi|hỗ trợ|giúp đỡ|thăm|trong đó có|trong đó)\s*"
    r"(?:hơn|trên|gần|khoảng)?\s*$",
    re.IGNORECASE,
)
_NOT_PRESENT_BEFORE = re.compile(
    r"(?:đại diện cho|đại diện|cho|gồm|của)\s*$|(?:hơn|trên|gần)\s*$", re.IGNORECASE
)
_GROUP_END = re.compile(
    rf"\s+và\s+(?!(?:{_PEOPLE})\b)|\s+(?:giai đoạn|năm \d{{4}}|nhiệm kỳ|"
    r"trên cả nước|cả nước|toàn quốc|là|đã|"
    r"đến từ|tham dự|tham gia|được|trên địa bàn|về dự|dự\b|của|tại|"
    r"trong|cùng|đại diện|có|với|thuộc|tiêu biểu có|ở|nhằm|vào|lên)\b|,",
    re.IGNORECASE,
)


@dataclass
class Count:
    """An attendee group with its count as written and the sentence it came from."""

    group: str
    count: int | None
    approx: str | None
    kind: str
    evidence: str


def parse_number(number: str, multiplier: str | None = None) -> int | None:
    """Return "1.000" as 1000 and "1,2" + "triệu" as 1200000 (None if not whole)."""
    factor = _MULTIPLIERS.get((multiplier or "").casefold(), 1)
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", number):
        value = int(number.replace(".", "")) * factor
    elif "," in number:
        whole, fraction = number.split(",")
        value_f = float(f"{whole}.{fraction}") * factor
        if factor == 1 or value_f != int(value_f):
            return None
        value = int(value_f)
    else:
        value = int(number) * factor
    return value if value > 0 else None


_KIND_CUES = re.compile(
    r"(?P<admitted>kết nạp)|(?P<honoured>tuyên dương|khen thưởng|vinh danh|biểu dương|"
    r"trao giải|trao bằng|trao tặng|trao kỷ niệm chương|trao giải thưởng|nhận giải|"
    r"nhận được giải|tặng (?:kỷ niệm chương|bằng khen|giấy khen|danh hiệu))|"
    r"(?P<present>tham dự|\bdự\b|tham gia|đối thoại|gặp mặt|có mặt|thu hút|với sự)",
    re.IGNORECASE,
)


def _kind(sentence: str, group: str, congress: bool, position: int = -1) -> str:
    """Return the kind of a group: the cue nearest before it decides."""
    cues = [
        m for m in _KIND_CUES.finditer(sentence) if position < 0 or m.start() < position
    ]
    if not cues:
        cues = list(_KIND_CUES.finditer(sentence))
    nearest = cues[-1].lastgroup if cues else "present"
    if nearest in {"admitted", "honoured"}:
        return nearest
    if "khách mời" in group.casefold():
        return "guests"
    if congress and group.casefold().startswith("đại biểu"):
        return "delegates"
    return "present"


def _group(text: str) -> str:
    end = _GROUP_END.search(text)
    group = text[: end.start()] if end else text
    return group.strip(" ,–-")


# "cùng dự có …", "Tham dự Đại hội có …", "với sự tham dự của …": who came.
_PRESENCE = re.compile(
    r"(?:\btham\s+)?\bdự\b(?!\s+(?:án|kiến|thảo|toán|báo|bị|khuyết|thi|định)\b)"
    r"(?:\s+[^\s,.;:]+){0,5}?\s+có\b\s*:?"
    r"|\b(?:với|có)\s+sự\s+(?:tham\s+dự|có\s+mặt|tham\s+gia|hiện\s+diện)\s+của\b",
    re.IGNORECASE,
)
# A group named as a whole: leaders, a committee, a school's board, members.
_COLLECTIVE = re.compile(
    r"(?:(?:các|toàn\s+thể|đông\s+đảo)\s+(?:đồng\s+chí\s+)?)?"
    r"(?:Trưởng,?\s*Phó\s+(?:Trưởng\s+)?(?:các|ban)|lãnh\s+đạo|Ban\s+giám\s+hiệu|"
    r"Ban\s+Thường\s+vụ|Ban\s+Chấp\s+hành|Thường\s+trực|Thường\s+vụ|"
    r"cán\s+bộ|đoàn\s+viên|thanh\s+niên|học\s+sinh|sinh\s+viên|giáo\s+viên|"
    r"hội\s+viên|đội\s+viên|thành\s+viên|chức\s+danh|phụ\s+huynh|"
    r"Bí\s+thư|Phó\s+Bí\s+thư|Chủ\s+tịch|trưởng|ủy\s+viên|uỷ\s+viên|đại\s+diện)\b",
    re.IGNORECASE,
)
_PLURAL = re.compile(
    r"^(?:các|toàn\s+thể|đông\s+đảo)\b|^(?:Ban\s+giám\s+hiệu|Trưởng,?\s*Phó|"
    r"lãnh\s+đạo|cán\s+bộ|đoàn\s+viên|thanh\s+niên|học\s+sinh|sinh\s+viên|"
    r"giáo\s+viên|hội\s+viên|đội\s+viên|phụ\s+huynh|đại\s+diện)\b",
    re.IGNORECASE,
)
# A group ends at the clause's end, or where the next one present starts
# ("… Tỉnh đoàn và 120 đại biểu"; not "Khối Cơ quan và Doanh nghiệp tỉnh").
_NEXT = (
    r"(?:các|toàn thể|đại diện|lãnh đạo|đồng chí|đ/c|ông|bà|anh|chị|hơn|trên|gần|\d)"
)
_SEGMENT_END = re.compile(
    rf"\s*(?:[;:()]|{NOT_AFTER_ABBREVIATION}\.|,?\s(?:và|cùng)\s(?={_NEXT})|\scùng\s|$)",
    re.IGNORECASE,
)
_CONTINUED = re.compile(r"^\s*cùng\s+(?:với\s+)?", re.IGNORECASE)
_MAX_GROUP_WORDS = 25


def find_uncounted(sentences: list[str], names: list[str]) -> list[Count]:
    """Return the groups named as attending without a number ("count: null").

    Only after a presence cue, only a group named as a whole (leaders, a
    board, members; "các đồng chí thành viên Đoàn kiểm tra là Trưởng, Phó các
    Ban …" gives the group after "là"), never a list of named people.
    """
    found: list[Count] = []
    folded_names = [n.casefold() for n in names]
    after_cue = False
    for sentence in sentences:
        if _STATISTICS.search(sentence) or _COMMITTEE.search(sentence):
            after_cue = False
            continue
        cues = [m.end() for m in _PRESENCE.finditer(sentence)]
        if after_cue and (continued := _CONTINUED.match(sentence)):
            cues.insert(0, continued.end())  # "… Bí thư xã Đoàn. Cùng các đồng chí …"
        after_cue = bool(cues)
        for start in cues:
            rest = sentence[start:]
            while rest:
                end = _SEGMENT_END.search(rest)
                segment = rest[: end.start()].strip(" ,–-")
                mark = end.group().strip(" ,").casefold()
                rest = rest[end.end() :] if mark in {";", "và", "cùng"} else ""
                if mark == ":":  # "có các đồng chí đại biểu:" introduces names
                    continue
                if " là " in f" {segment} ":
                    segment = segment.split(" là ", 1)[1]
                if (
                    not segment
                    or re.search(r"\d", segment)
                    or len(segment.split()) > _MAX_GROUP_WORDS
                    or not _PLURAL.search(segment)
                    or not _COLLECTIVE.match(segment)
                    or any(n in segment.casefold() for n in folded_names)
                    or re.match(r"(?:các\s+)?đồng\s+chí\s+\w+\s*$", segment, re.I)
                ):
                    continue
                kind = "guests" if "khách mời" in segment.casefold() else "present"
                found.append(Count(segment, None, None, kind, sentence))
    return found


def find_counts(sentences: list[str], congress: bool) -> list[Count]:
    """Return the attendee groups counted in ``sentences``."""
    found: list[Count] = []
    for sentence in sentences:
        if (
            not _CUE.search(sentence)
            or _STATISTICS.search(sentence)
            or _COMMITTEE.search(sentence)
        ):
            continue
        for match in _COUNT.finditer(sentence):
            if _NOT_PRESENT.search(sentence[: match.start()]):
                continue
            count = parse_number(match["num"], match["mult"])
            if count is None:
                continue
            group = _group(match["group"])
            if not group or group.casefold() in {"người", "lượt"}:
                continue
            approx = _APPROX.get((match["approx"] or "").casefold())
            found.append(
                Count(
                    group,
                    count,
                    approx,
                    _kind(sentence, group, congress, match.start()),
                    sentence,
                )
            )
        for match in _ORG_GROUP.finditer(sentence):
            who = _ROLE_OF.search(sentence[: match.start()])
            if who:
                group = f"{who['who']} {_group(match['group'])}"
                count = parse_number(match["num"])
                if count:
                    found.append(
                        Count(
                            group,
                            count,
                            None,
                            _kind(sentence, group, congress),
                            sentence,
                        )
                    )
    unique: list[Count] = []
    for item in found:
        same = [
            u
            for u in unique
            if u.count == item.count
            and (
                u.group.casefold().startswith(item.group.casefold())
                or item.group.casefold().startswith(u.group.casefold())
            )
        ]
        if not same:
            unique.append(item)
        elif len(item.group) < len(same[0].group):
            unique[unique.index(same[0])] = item
    return unique
