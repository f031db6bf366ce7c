"""Compose Youth Union roles from titles and bodies, in Vietnamese and English."""

from __future__ import annotations

from dataclasses import dataclass

Term = tuple[str, str]  # (Vietnamese, English)


@dataclass(frozen=True)
class RolePart:
    """One comma-separated part of a role: a title, optionally of a body."""

    title: Term
    body: Term | None = None

    @property
    def vi(self) -> str:
        """Return the part in Vietnamese: "Phó Bí thư Huyện đoàn"."""
        return f"{self.title[0]} {self.body[0]}" if self.body else self.title[0]

    @property
    def en(self) -> str:
        """Return the part in English: "Deputy Secretary of the Town Youth Union"."""
        return f"{self.title[1]} of the {self.body[1]}" if self.body else self.title[1]


Role = tuple[RolePart, ...]


def role_vi(role: Role) -> str:
    """Return the role in Vietnamese, parts joined by commas."""
    return ", ".join(part.vi for part in role)


def role_en(role: Role) -> str:
    """Return the role in English, parts joined by commas."""
    return ", ".join(part.en for part in role)


SECRETARY: Term = ("Bí thư", "Secretary")
DEPUTY_SECRETARY: Term = ("Phó Bí thư", "Deputy Secretary")
STANDING_MEMBER: Term = ("Ủy viên Ban Thường vụ", "Member of the Standing Committee")
EXECUTIVE_MEMBER: Term = ("Ủy viên Ban Chấp hành", "Member of the Executive Committee")
CHAIR: Term = ("Chủ tịch", "Chairperson")
VICE_CHAIR: Term = ("Phó Chủ tịch", "Vice Chairperson")

# Heads of the standing commissions: a rank-1 officer usually heads one of them.
COMMISSION_HEADS: tuple[Term, ...] = (
    ("Trưởng Ban Tổ chức", "Head of the Organisation Commission"),
    ("Trưởng Ban Tuyên giáo", "Head of the Propaganda and Education Commission"),
    ("Trưởng Ban Phong trào", "Head of the Movements Commission"),
    ("Trưởng Ban Công tác Thiếu nhi", "Head of the Children's Affairs Commission"),
    ("Trưởng Ban Thanh niên Trường học", "Head of the School Youth Commission"),
    ("Chánh Văn phòng", "Chief of Office"),
    ("Chủ nhiệm Ủy ban Kiểm tra", "Head of the Inspection Committee"),
)

# Bodies a role can belong to, keyed by the kind of unit they describe.
BODIES: dict[str, Term] = {
    "central": ("Trung ương Đoàn", "Central Committee of the Youth Union"),
    "province": ("Tỉnh đoàn", "Provincial Youth Union"),
    "city": ("Thành đoàn", "City Youth Union"),
    "quan": ("Quận Đoàn", "District Youth Union"),
    "huyen": ("Huyện đoàn", "District Youth Union"),
    "thi_xa": ("Thị đoàn", "Town Youth Union"),
    "school": ("Đoàn trường", "University Youth Union"),
    "agency": ("Đoàn Khối", "Youth Union of the Agencies Bloc"),
    "police": ("Đoàn Thanh niên Công an", "Police Youth Union"),
    "phuong": ("Đoàn phường", "Ward Youth Union"),
    "xa": ("Đoàn xã", "Commune Youth Union"),
}

# Party committee membership held by the most senior officers, by level.
PARTY_MEMBERS: dict[str, Term] = {
    "central": (
        "Ủy viên Ban Chấp hành Trung ương Đảng",
        "Member of the Party Central Committee",
    ),
    "province": ("Tỉnh ủy viên", "Member of the Provincial Party Committee"),
    "city": ("Thành ủy viên", "Member of the City Party Committee"),
    "quan": ("Quận ủy viên", "Member of the District Party Committee"),
    "huyen": ("Huyện ủy viên", "Member of the District Party Committee"),
    "thi_xa": ("Thị ủy viên", "Member of the Town Party Committee"),
    "school": ("Đảng ủy viên", "Member of the Party Committee"),
    "agency": ("Đảng ủy viên", "Member of the Party Committee"),
    "police": ("Đảng ủy viên", "Member of the Party Committee"),
    "phuong": ("Đảng ủy viên", "Member of the Party Committee"),
    "xa": ("Đảng ủy viên", "Member of the Party Committee"),
}

# The youth federation or students' association a deputy secretary often chairs.
ASSOCIATIONS: dict[str, Term] = {
    "central": (
        "Hội Liên hiệp Thanh niên Việt Nam",
        "Viet Nam Youth Federation",
    ),
    "province": (
        "Hội Liên hiệp Thanh niên Việt Nam tỉnh",
        "Provincial Viet Nam Youth Federation",
    ),
    "city": (
        "Hội Liên hiệp Thanh niên Việt Nam thành phố",
        "City Viet Nam Youth Federation",
    ),
    "quan": (
        "Hội Liên hiệp Thanh niên Việt Nam quận",
        "District Viet Nam Youth Federation",
    ),
    "huyen": (
        "Hội Liên hiệp Thanh niên Việt Nam huyện",
        "District Viet Nam Youth Federation",
    ),
    "thi_xa": (
        "Hội Liên hiệp Thanh niên Việt Nam thị xã",
        "Town Viet Nam Youth Federation",
    ),
    "school": ("Hội Sinh viên trường", "University Students' Association"),
}

TOP_RANK = 3  # 0 executive member, 1 standing member, 2 deputy secretary, 3 secretary


def compose_role(
    level: str,
    rank: int,
    *,
    commission: int = 0,
    party_member: bool = False,
    chairs_association: bool = False,
) -> Role:
    """Return the role of an officer of the given rank in a unit of the given level."""
    body = BODIES[level]
    if rank <= 0:
        return (RolePart(EXECUTIVE_MEMBER, body),)
    if rank == 1:
        head = COMMISSION_HEADS[commission % len(COMMISSION_HEADS)]
        return (RolePart(STANDING_MEMBER), RolePart(head, body))
    if rank == 2:
        parts = [RolePart(DEPUTY_SECRETARY, body)]
        association = ASSOCIATIONS.get(level)
        if chairs_association and association:
            parts.append(RolePart(CHAIR, association))
        return tuple(parts)
    parts = [RolePart(SECRETARY, body)]
    if party_member and level != "central":
        # Only the First Secretary sits on the Party Central Committee.
        parts.insert(0, RolePart(PARTY_MEMBERS[level]))
    return tuple(parts)


# Phrases the site may translate in tags and titles.
PHRASES: tuple[Term, ...] = (
    ("Tháng Thanh niên", "Youth Month"),
    ("Chiến dịch Thanh niên tình nguyện hè", "Summer Youth Volunteer Campaign"),
    ("Chiến dịch Mùa hè xanh", "Green Summer Campaign"),
    ("Xuân tình nguyện", "Volunteer Spring"),
    ("Tiếp sức mùa thi", "Exam Support"),
    ("hiến máu tình nguyện", "voluntary blood donation"),
    ("chuyển đổi số", "digital transformation"),
    ("khởi nghiệp", "start-ups"),
    ("an sinh xã hội", "social welfare"),
    ("đoàn viên", "Youth Union members"),
    ("thanh thiếu nhi", "young people and children"),
)


def glossary_entries() -> list[dict[str, str]]:
    """Return the glossary registry: every title, body and phrase the roles use."""
    entries: list[dict[str, str]] = []
    seen: set[str] = set()

    def add(term: Term, kind: str) -> None:
        if term[0] not in seen:
            seen.add(term[0])
            entries.append({"vi": term[0], "en": term[1], "kind": kind})

    for term in (
        SECRETARY,
        DEPUTY_SECRETARY,
        STANDING_MEMBER,
        EXECUTIVE_MEMBER,
        CHAIR,
        VICE_CHAIR,
        *COMMISSION_HEADS,
        *PARTY_MEMBERS.values(),
    ):
        add(term, "title")
    for term in (*BODIES.values(), *ASSOCIATIONS.values()):
        add(term, "body")
    for term in PHRASES:
        add(term, "phrase")
    return entries
