"""List the real provinces, districts, schools and agencies the unit registry uses."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    """A province or centrally-run city with its districts, school and agencies."""

    name: str  # "Nghệ An"
    name_en: str  # "Nghe An"
    city: bool  # centrally-run city: "Thành đoàn", otherwise "Tỉnh đoàn"
    districts: tuple[tuple[str, str], ...]  # (kind, name): kind is quan, huyen, thi_xa
    school: tuple[str, str, str]  # (Vietnamese name, short, English name)
    police: bool = False  # the provincial police has its own Youth Union


def _quan(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple(("quan", name) for name in names)


def _huyen(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple(("huyen", name) for name in names)


def _thi_xa(*names: str) -> tuple[tuple[str, str], ...]:
    return tuple(("thi_xa", name) for name in names)


PROVINCES: tuple[Province, ...] = (
    Province(
        "Hà Nội",
        "Hanoi",
        True,
        _quan(
            "Ba Đình",
            "Hoàn Kiếm",
            "Đống Đa",
            "Cầu Giấy",
            "Hai Bà Trưng",
            "Long Biên",
            "Thanh Xuân",
        )
        + _huyen("Đông Anh", "Gia Lâm", "Sóc Sơn", "Ba Vì")
        + _thi_xa("Sơn Tây"),
        (
            "Trường Đại học Bách khoa Hà Nội",
            "ĐH Bách khoa Hà Nội",
            "Hanoi University of Science and Technology",
        ),
        police=True,
    ),
    Province(
        "Thành phố Hồ Chí Minh",
        "Ho Chi Minh City",
        True,
        _quan("Tân Bình", "Bình Thạnh", "Gò Vấp", "Phú Nhuận", "Tân Phú", "Bình Tân")
        + _huyen("Củ Chi", "Hóc Môn", "Bình Chánh", "Cần Giờ", "Nhà Bè"),
        (
            "Trường Đại học Sư phạm Kỹ thuật Thành phố Hồ Chí Minh",
            "ĐH Sư phạm Kỹ thuật TP.HCM",
            "Ho Chi Minh City University of Technology and Education",
        ),
        police=True,
    ),
    Province(
        "Hải Phòng",
        "Hai Phong",
        True,
        _quan("Hồng Bàng", "Lê Chân", "Ngô Quyền", "Kiến An", "Hải An", "Dương Kinh")
        + _huyen("Thủy Nguyên", "An Dương", "Tiên Lãng", "Vĩnh Bảo", "Cát Hải"),
        (
            "Trường Đại học Hàng hải Việt Nam",
            "ĐH Hàng hải",
            "Vietnam Maritime University",
        ),
    ),
    Province(
        "Đà Nẵng",
        "Da Nang",
        True,
        _quan(
            "Hải Châu", "Thanh Khê", "Sơn Trà", "Ngũ Hành Sơn", "Liên Chiểu", "Cẩm Lệ"
        )
        + _huyen("Hòa Vang"),
        (
            "Trường Đại học Bách khoa – Đại học Đà Nẵng",
            "ĐH Bách khoa Đà Nẵng",
            "University of Science and Technology – The University of Da Nang",
        ),
        police=True,
    ),
    Province(
        "Cần Thơ",
        "Can Tho",
        True,
        _quan("Ninh Kiều", "Bình Thủy", "Cái Răng", "Ô Môn", "Thốt Nốt")
        + _huyen("Cờ Đỏ", "Vĩnh Thạnh", "Thới Lai", "Phong Điền"),
        ("Trường Đại học Cần Thơ", "ĐH Cần Thơ", "Can Tho University"),
    ),
    Province(
        "Nghệ An",
        "Nghe An",
        False,
        _thi_xa("Cửa Lò", "Thái Hòa", "Hoàng Mai")
        + _huyen(
            "Diễn Châu",
            "Quỳnh Lưu",
            "Yên Thành",
            "Nghi Lộc",
            "Đô Lương",
            "Thanh Chương",
            "Nam Đàn",
            "Anh Sơn",
        ),
        ("Trường Đại học Vinh", "ĐH Vinh", "Vinh University"),
        police=True,
    ),
    Province(
        "Thanh Hóa",
        "Thanh Hoa",
        False,
        _thi_xa("Bỉm Sơn", "Nghi Sơn")
        + _huyen(
            "Hoằng Hóa",
            "Hậu Lộc",
            "Nga Sơn",
            "Quảng Xương",
            "Thọ Xuân",
            "Triệu Sơn",
            "Đông Sơn",
            "Yên Định",
            "Ngọc Lặc",
        ),
        ("Trường Đại học Hồng Đức", "ĐH Hồng Đức", "Hong Duc University"),
    ),
    Province(
        "Quảng Ninh",
        "Quang Ninh",
        False,
        _thi_xa("Quảng Yên", "Đông Triều")
        + _huyen(
            "Vân Đồn",
            "Tiên Yên",
            "Đầm Hà",
            "Hải Hà",
            "Ba Chẽ",
            "Bình Liêu",
            "Cô Tô",
        ),
        ("Trường Đại học Hạ Long", "ĐH Hạ Long", "Ha Long University"),
        police=True,
    ),
    Province(
        "Đắk Lắk",
        "Dak Lak",
        False,
        _thi_xa("Buôn Hồ")
        + _huyen(
            "Ea H'leo",
            "Krông Pắc",
            "Krông Búk",
            "Cư M'gar",
            "Ea Kar",
            "Krông Ana",
            "Lắk",
            "Buôn Đôn",
        ),
        ("Trường Đại học Tây Nguyên", "ĐH Tây Nguyên", "Tay Nguyen University"),
    ),
    Province(
        "Thừa Thiên Huế",
        "Thua Thien Hue",
        False,
        _thi_xa("Hương Thủy", "Hương Trà")
        + _huyen("Phú Vang", "Phú Lộc", "Quảng Điền", "A Lưới", "Nam Đông"),
        (
            "Trường Đại học Sư phạm – Đại học Huế",
            "ĐH Sư phạm Huế",
            "University of Education – Hue University",
        ),
    ),
    Province(
        "An Giang",
        "An Giang",
        False,
        _thi_xa("Tân Châu", "Tịnh Biên")
        + _huyen(
            "An Phú",
            "Châu Phú",
            "Châu Thành",
            "Chợ Mới",
            "Phú Tân",
            "Thoại Sơn",
            "Tri Tôn",
        ),
        ("Trường Đại học An Giang", "ĐH An Giang", "An Giang University"),
        police=True,
    ),
    Province(
        "Đồng Nai",
        "Dong Nai",
        False,
        _thi_xa("Long Khánh")
        + _huyen(
            "Long Thành",
            "Nhơn Trạch",
            "Trảng Bom",
            "Thống Nhất",
            "Vĩnh Cửu",
            "Định Quán",
            "Xuân Lộc",
            "Cẩm Mỹ",
        ),
        ("Trường Đại học Lạc Hồng", "ĐH Lạc Hồng", "Lac Hong University"),
    ),
)

CENTRAL_NAME = "Trung ương Đoàn TNCS Hồ Chí Minh"
CENTRAL_NAME_EN = "Central Committee of the Ho Chi Minh Communist Youth Union"
