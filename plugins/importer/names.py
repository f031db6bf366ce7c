"""Regular-expression pieces for Vietnamese names, places and roles."""

from __future__ import annotations

import re

UPPER = "".join(c for c in map(chr, range(0x41, 0x1F00)) if c.isupper() and c.isalpha())
LOWER = "".join(c for c in map(chr, range(0x61, 0x1F00)) if c.islower() and c.isalpha())
CAP_WORD = rf"[{UPPER}][{LOWER}]+"  # "Tân", "Bình"
# "Tân", "THPT", "TP.HCM": a dot only inside a word, never ending it.
CAPS_WORD = rf"[{UPPER}](?:[{UPPER}{LOWER}\d]|\.(?=[{UPPER}{LOWER}\d]))*"

# Abbreviations written with a dot that ends no sentence: "TP. Hồ Chí Minh",
# "TX. Đông Triều", "ThS. Nguyễn Văn A".
ABBREVIATIONS = ("TP", "Tp", "TX", "Tx", "TT", "ThS", "TS", "PGS", "GS", "BS")
# A lookbehind per abbreviation (each must have a fixed width).
NOT_AFTER_ABBREVIATION = "".join(rf"(?<!\b{a})" for a in ABBREVIATIONS)
_ENDS_WITH_ABBREVIATION = re.compile(rf"(?<!\w)(?:{'|'.join(ABBREVIATIONS)})\.$")


def sentences(line: str, ends: str = ".!?") -> list[str]:
    """Split ``line`` into sentences at ``ends`` followed by a space, never
    after an abbreviation ("TP. Hồ Chí Minh")."""
    joined: list[str] = []
    for piece in re.split(rf"(?<=[{ends}])\s+(?=\S)", line):
        if joined and _ENDS_WITH_ABBREVIATION.search(joined[-1]):
            joined[-1] += " " + piece
        elif piece:
            joined.append(piece)
    return joined


# Common Vietnamese family names: a person's name starts with one of them.
SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đoàn",
    "La",
    "Mai",
    "Cao",
    "Đinh",
    "Trương",
    "Lâm",
    "Tạ",
    "Hà",
    "Thân",
    "Giáp",
    "Lương",
    "Tô",
    "Trịnh",
    "Đào",
    "Vương",
    "Kiều",
    "Quách",
    "Chu",
    "Châu",
    "Tăng",
    "Lưu",
    "Triệu",
    "Đàm",
    "Khúc",
    "Thái",
    "Nông",
    "Lò",
    "Âu",
    "Doãn",
    "Hứa",
    "Lại",
    "Mạc",
    "Nghiêm",
    "Phùng",
    "Từ",
    "Vi",
    "Viên",
    "Bạch",
    "Bế",
    "Cù",
    "Diệp",
    "Hàn",
    "Khổng",
    "Lã",
    "Lục",
    "Mã",
    "Phí",
    "Thạch",
    "Tiêu",
    "Trình",
    "Ung",
    "Ứng",
    "Đậu",
    "Đới",
    "Đường",
    "Hầu",
    "Khương",
    "Lạc",
    "Liêu",
    "Lữ",
    "Mẫn",
    "Nhữ",
    "Sầm",
    "Tào",
    "Thiều",
    "Tống",
    "Trầm",
    "Ưng",
    "Uông",
    "Vòng",
]
_SURNAME_ALT = "|".join(sorted(set(SURNAMES), key=len, reverse=True))
NAME = rf"(?:{_SURNAME_ALT})(?:\s+{CAP_WORD}){{1,3}}"
NAME_RE = re.compile(rf"^{NAME}$")
# After "đồng chí", "anh", "Đ/c": any two to four capitalised words not starting
# like a role or a unit ("Địch Văn Cường", "Đoàn Long").
_NOT_FIRST = (
    "Phó|Bí|Chủ|Ủy|Uỷ|Trưởng|Giám|Hiệu|Thành|Tỉnh|Quận|Huyện|Ban|Bộ|Tổng|Thường|"
    "Chánh|Đại|Trung|Thượng|Thiếu|Cán|Giáo|Các|Những|Cùng|Về|Tại|Trong|Với|Và|Là"
)
# Names of the Central Highlands written with an apostrophe: "K' Hoàng Anh",
# "H'Hen Niê", "Điểu K'Ré".
_APOSTROPHE_WORD = rf"[{UPPER}]['’]\s?[{UPPER}][{LOWER}]*"
_LOOSE_WORD = rf"(?:{_APOSTROPHE_WORD}|{CAP_WORD})"
LOOSE_NAME = rf"(?!(?:{_NOT_FIRST})\s){_LOOSE_WORD}(?:\s+{_LOOSE_WORD}){{1,3}}"
# One word of a person's name as split on spaces ("K'" of "K' Hoàng Anh" too).
NAME_WORD_RE = re.compile(rf"{CAP_WORD}|[{UPPER}]['’](?:[{UPPER}][{LOWER}]*)?")

# Names that are never people of an event: quoted historical figures.
HISTORICAL = {
    "hồ chí minh",
    "nguyễn ái quốc",
    "lý tự trọng",
    "võ thị sáu",
    "nguyễn văn trỗi",
    "trần phú",
    "nguyễn thị minh khai",
    "lê văn tám",
    "kim đồng",
    "võ nguyên giáp",
    "tôn đức thắng",
    "phạm văn đồng",
    "lê lợi",
    "trần hưng đạo",
    "quang trung",
    "nguyễn huệ",
    "lê quý đôn",
    "nguyễn du",
    "chu văn an",
    "nguyễn trãi",
    "huỳnh văn nghệ",
}

# The 63 provinces before 2025 and the names kept after the 2025 merger.
PROVINCES = [
    "An Giang",
    "Bà Rịa - Vũng Tàu",
    "Bà Rịa – Vũng Tàu",
    "Bắc Giang",
    "Bắc Kạn",
    "Bạc Liêu",
    "Bắc Ninh",
    "Bến Tre",
    "Bình Định",
    "Bình Dương",
    "Bình Phước",
    "Bình Thuận",
    "Cà Mau",
    "Cao Bằng",
    "Đắk Lắk",
    "Đắk Nông",
    "Điện Biên",
    "Đồng Nai",
    "Đồng Tháp",
    "Gia Lai",
    "Hà Giang",
    "Hà Nam",
    "Hà Tĩnh",
    "Hải Dương",
    "Hậu Giang",
    "Hòa Bình",
    "Hưng Yên",
    "Khánh Hòa",
    "Kiên Giang",
    "Kon Tum",
    "Lai Châu",
    "Lâm Đồng",
    "Lạng Sơn",
    "Lào Cai",
    "Long An",
    "Nam Định",
    "Nghệ An",
    "Ninh Bình",
    "Ninh Thuận",
    "Phú Thọ",
    "Phú Yên",
    "Quảng Bình",
    "Quảng Nam",
    "Quảng Ngãi",
    "Quảng Ninh",
    "Quảng Trị",
    "Sóc Trăng",
    "Sơn La",
    "Tây Ninh",
    "Thái Bình",
    "Thái Nguyên",
    "Thanh Hóa",
    "Thanh Hoá",
    "Thừa Thiên Huế",
    "Tiền Giang",
    "Trà Vinh",
    "Tuyên Quang",
    "Vĩnh Long",
    "Vĩnh Phúc",
    "Yên Bái",
]

# Places whose names look like a person's ("Hà Nội", "Hà Tĩnh").
PLACE_NAMES = {
    *PROVINCES,
    "Hà Nội",
    "Hồ Chí Minh",
    "Đà Nẵng",
    "Hải Phòng",
    "Cần Thơ",
    "Huế",
}
