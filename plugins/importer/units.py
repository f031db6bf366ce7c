"""Find the units a post names, as written, and resolve generic names from context.

A unit is a head ("Quận Đoàn", "Đoàn phường", "Huyện ủy", …) and its proper
name ("Tân Bình"). A head alone ("Huyện đoàn") is generic: it is kept only when
the post itself says which one it is — the same head with a name elsewhere in
the post, the one locality of that level the post names ("quận Tân Bình",
"Tuổi trẻ Quảng Ninh"), or the registered parent of a unit the post names —
and never from the registry's aliases alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from content_model.registry import Registry
from vietnamese import match_key

from .names import CAP_WORD, CAPS_WORD, PLACE_NAMES, PROVINCES, SURNAMES

# head -> level of the locality that completes it (None: needs a proper name)
HEADS: dict[str, str | None] = {
    "Trung ương Đoàn": "",
    "TW Đoàn": "",
    "T.Ư Đoàn": "",
    "TƯ Đoàn": "",
    "Trung ương Đảng": "",
    "T.Ư Đảng": "",
    "TW Đảng": "",
    "Thành đoàn": "thành phố",
    "Tỉnh đoàn": "tỉnh",
    "Quận đoàn": "quận",
    "Huyện đoàn": "huyện",
    "Thị đoàn": "thị xã",
    "Đoàn phường": "phường",
    "Đoàn xã": "xã",
    "Xã đoàn": "xã",
    "Đoàn thị trấn": "thị trấn",
    "Đoàn trường": None,
    "Chi đoàn": None,
    "Đoàn khối": None,
    "Đoàn Thanh niên": None,
    "Đoàn TN": None,
    "Đoàn TNCS Hồ Chí Minh": None,
    "Đoàn TNCS HCM": None,
    "Đoàn Thanh niên Cộng sản Hồ Chí Minh": None,
    "Quận ủy": "quận",
    "Huyện ủy": "huyện",
    "Tỉnh ủy": "tỉnh",
    "Thành ủy": "thành phố",
    "Thị ủy": "thị xã",
    "Đảng ủy": None,
    "UBND": None,
    "Ủy ban nhân dân": None,
    "HĐND": None,
    "Hội LHTN Việt Nam": None,
    "Hội Liên hiệp thanh niên Việt Nam": None,
    "Hội Liên hiệp Thanh niên Việt Nam": None,
    "Hội Sinh viên Việt Nam": None,
    "Hội đồng Đội": None,
}
_HEAD_KEYS = {match_key(h): h for h in HEADS}
_LOCALITY = (
    r"(?:tỉnh|huyện|quận|phường|xã|thị xã|thành phố|thị trấn|TP\.?|Tp\.?|TX\.?|"
    r"Thành phố|Tỉnh|Huyện|Quận|Phường|Xã|Thị xã|Thị trấn|trường|Trường)"
)
_LOCALITY_WORDS = {
    "tỉnh",
    "huyện",
    "quận",
    "phường",
    "xã",
    "thị",
    "thành",
    "tp",
    "tp.",
    "tx",
    "tx.",
    "trường",
}
_PLURAL = re.compile(r"(?:các|những|mỗi|từng)\s+$", re.IGNORECASE)
_PROPER = rf"(?:{CAPS_WORD}|\d+)"
_TAIL = (
    rf"(?:\s+(?:Khối|các)(?:\s+\w+?){{1,6}}?"
    r"\s+(?:tỉnh|thành phố|Trung ương|huyện)(?!\w)"
    rf"|\s+{CAP_WORD}(?:\s+[^\s,.;:()]+){{1,4}}?\s+(?:tỉnh|huyện|thành phố|quận)"
    rf"(?:\s+{_PROPER})*(?!\w)"
    rf"|\s*(?:{_LOCALITY}\s*)?{_PROPER}(?:\s+{_PROPER})*"
    rf"|\s+{_LOCALITY}\s+{_PROPER}(?:\s+{_PROPER})*)"
)
_HEAD_ALT = "|".join(
    re.escape(h).replace(r"\ ", r"\s+").replace("ủy", "(?:ủy|uỷ)")
    for h in sorted(HEADS, key=len, reverse=True)
)
UNIT_RE = re.compile(
    rf"(?<![\w/])(?P<head>(?i:{_HEAD_ALT}))(?![\w])(?!\s+viên)"
    rf"(?P<tail>(?:{_TAIL})(?:\s+(?:tỉnh|huyện)(?![\w]))?)?",
)
_LOCALITY_RE = re.compile(
    r"(?<![\w])(?P<level>tỉnh|huyện|quận|phường|xã|thị xã|thành phố|thị trấn|TP\.?)\s*"
    r"(?!(?:Đoàn|Đảng|Hội)\b)"
    rf"(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}}|\d+)"
)
# A province named as such: "tỉnh Quảng Ninh", "Tuổi trẻ Quảng Ninh".
_PROVINCE_RE = re.compile(
    r"(?:tỉnh|Tỉnh|[Tt]uổi trẻ|[Tt]hanh niên|[Đđ]oàn viên|[Đđ]oàn đại biểu)\s+(?P<name>"
    + "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True))
    + r")(?!\w)"
)
# Words that end a unit's proper name: a person's role or a verb follows.
_STOP_WORDS = {
    "Đồng",
    "Bí",
    "Phó",
    "Chủ",
    "Ủy",
    "Uỷ",
    "Trưởng",
    "Ban",
    "Tại",
    "Trong",
    "Sáng",
    "Chiều",
    "Tối",
    "Ngày",
    "Cùng",
    "Với",
    "Về",
    "Và",
    "Các",
    "Đến",
    "Dự",
    "Nhằm",
    "Đ/c",
    "Anh",
    "Chị",
}


_LIST_ITEM = re.compile(
    rf"\s*(?:,|và)\s*({CAP_WORD}(?:\s+{CAP_WORD}){{0,2}})(?=\s*[,.;]|\s+và)"
)


_KHOI = re.compile(r"Khối\b|Cơ quan\b")
_NEEDS_NAME = {"Khu", "Ấp", "Thôn", "Khối", "Trường", "Tổ", "Xóm", "Bản", "Cụm"}


@dataclass
class UnitMention:
    """One unit named in the text: as written, where, and what it resolves to."""

    written: str
    head: str
    head_written: str
    start: int
    end: int
    name: str | None = None  # the name the post means, or None if generic
    key: str | None = None  # the registry key, when registered
    plural: bool = False  # "các Xã đoàn": every one of them, never one unit

    @property
    def identity(self) -> str:
        """Return what makes two mentions one unit.

        "Đoàn TNCS Hồ Chí Minh phường X", "Đoàn phường X": one unit.
        """
        if self.key:
            return self.key
        name = match_key(self.name or self.written)
        name = re.sub(
            r"^đoàn (?:tncs hồ chí minh|tncs hcm|thanh niên cộng sản hồ chí minh|"
            r"thanh niên|tn) ",
            "đoàn ",
            name,
        )
        name = re.sub(r"^(tỉnh|huyện|quận|thị|xã) ?đoàn ", r"đoàn \1 ", name)
        name = re.sub(r"^thành đoàn ", "đoàn thành phố ", name)
        return name


def _in_a_place(before: list[str], word: str, after: list[str]) -> bool:
    """Tell whether ``word`` belongs to a known place name around it: "Lâm
    Đồng", "Đồng Nai" (a stop word elsewhere: "Đồng chí")."""
    for place in PLACE_NAMES:
        parts = place.split()
        if word not in parts:
            continue
        at = parts.index(word)
        if (
            len(before) >= at
            and before[len(before) - at :] == parts[:at]
            and after[: len(parts) - at - 1] == parts[at + 1 :]
        ):
            return True
    return False


def _trim_tail(tail: str) -> str:
    """Cut a unit's tail before a word that starts a role, a verb or a name."""
    words = tail.split()
    kept: list[str] = []
    for index, word in enumerate(words):
        if word in _STOP_WORDS and _in_a_place(kept, word, words[index + 1 :]):
            kept.append(word)  # "Lâm Đồng", "Đồng Nai": a province, not "Đồng chí"
            continue
        if word in _STOP_WORDS or (
            kept and word.casefold() == "và" and not _KHOI.match(" ".join(kept))
        ):
            break
        rest = words[index : index + 3]
        if (
            kept
            and not re.fullmatch(r"TH[A-Z]*|PT[A-Z]*|trường|Trường", kept[-1])
            and word in SURNAMES
            and len(rest) == 3
            and all(w[:1].isupper() for w in rest)
        ):
            break  # "Thành đoàn Hà Nội Nguyễn Ngọc Việt": a name follows
        kept.append(word)
    if len(kept) == 1 and kept[0].casefold() in _LOCALITY_WORDS:
        kept = []
    while kept and kept[-1].casefold() in {"tỉnh", "huyện"} and len(kept) == 1:
        kept.pop()
    if len(kept) == 1 and kept[0] in _NEEDS_NAME:
        kept = []  # "Chi đoàn Khu phố": a kind of branch, not one branch
    return " ".join(kept).rstrip(".")


def find_units(text: str) -> list[UnitMention]:
    """Return every unit mention in ``text`` (heads with or without a name)."""
    mentions = []
    for match in UNIT_RE.finditer(text):
        head_written = match["head"]
        head = _HEAD_KEYS.get(match_key(re.sub(r"\s+", " ", head_written)))
        if head is None:
            continue
        # "đoàn viên", "chi đoàn khu phố" (a kind, not one unit) stay out.
        # A unit's name never goes on past the end of its line.
        tail = _trim_tail((match["tail"] or "").split("\n")[0])
        if head.startswith("Đoàn") and head_written[0].islower():
            continue  # "đoàn thanh niên" in running text is the organisation at large
        if head in {
            "Đoàn TNCS Hồ Chí Minh",
            "Đoàn TNCS HCM",
            "Đoàn Thanh niên Cộng sản Hồ Chí Minh",
        } and not re.match(rf"{_LOCALITY}\s", tail):
            continue
        written = f"{head_written} {tail}".strip() if tail else head_written
        written = re.sub(r"\s+", " ", written)
        plural = bool(_PLURAL.search(text[max(0, match.start() - 8) : match.start()]))
        mentions.append(
            UnitMention(
                written,
                head,
                head_written,
                match.start(),
                match.start() + len(written),
                plural=plural,
            )
        )
    return mentions


def expand_lists(text: str, mentions: list[UnitMention]) -> list[UnitMention]:
    """Expand "Huyện đoàn Đầm Hà, Cô Tô, Cẩm Phả" into one mention per name."""
    extra = []
    for mention in mentions:
        if mention.written == mention.head or "gồm" not in text[: mention.start][-120:]:
            continue
        rest = text[mention.end :]
        position = 0
        while item := _LIST_ITEM.match(rest, position):
            position = item.end()
            name = item[1]
            if match_key(name.split()[0]) in {
                match_key(w) for w in ("Đoàn", "Chi", "Hội")
            }:
                break
            start = mention.end + item.start(1)
            extra.append(
                UnitMention(
                    f"{mention.head_written} {name}",
                    mention.head,
                    mention.head_written,
                    start,
                    start + len(name),
                )
            )
    return sorted(mentions + extra, key=lambda m: m.start)


def resolve(
    text: str, mentions: list[UnitMention], registry: Registry
) -> list[UnitMention]:
    """Give each mention the name the post means (generic ones only from context)."""
    named = [m for m in mentions if m.written != m.head_written]
    localities: dict[str, set[str]] = {}
    for match in _LOCALITY_RE.finditer(text):
        level = match["level"].casefold().rstrip(".")
        level = "thành phố" if level == "tp" else level
        localities.setdefault(level, set()).add(match["name"])
    # The proper name of a unit of that level names the locality too
    # ("Huyện đoàn Cái Bè" makes "Huyện ủy" Huyện ủy Cái Bè).
    for mention in named:
        level = HEADS.get(mention.head)
        tail = mention.written[len(mention.head_written) :].strip()
        if level and tail and not re.match(_LOCALITY, tail):
            localities.setdefault(level, set()).add(tail)
    provinces = {m["name"] for m in _PROVINCE_RE.finditer(text)}
    localities.setdefault("tỉnh", set())
    if not localities["tỉnh"] and len(provinces) == 1:
        localities["tỉnh"] = set(provinces)
    for mention in mentions:
        if HEADS.get(mention.head) == "":
            mention.name = mention.head_written  # unique: "Trung ương Đoàn (TNCS …)"
        elif mention.written != mention.head_written:
            mention.name = mention.written
        elif mention.plural:
            mention.name = None  # "các Xã đoàn": all of them
        elif HEADS.get(mention.head) == "":
            mention.name = mention.written  # unique: "Trung ương Đoàn"
        else:
            same = {
                match_key(m.written): m.written for m in named if m.head == mention.head
            }
            level = HEADS.get(mention.head)
            if len(same) == 1:
                mention.name = next(iter(same.values()))
            elif not same and level and len(localities.get(level, ())) == 1:
                mention.name = f"{mention.head_written} {next(iter(localities[level]))}"
        unit = registry.find_unit(mention.name) if mention.name else None
        mention.key = unit.key if unit else None
    # A generic head may be the registered parent of a unit the post names.
    keys = {m.key for m in mentions if m.key}
    for mention in mentions:
        if mention.name or mention.plural:
            continue
        parents = {
            a.key: a
            for key in keys
            for a in registry.ancestors(key)
            if match_key(a.short or "").startswith(match_key(mention.head))
            or match_key(a.name).startswith(match_key(mention.head))
        }
        if len(parents) == 1:
            unit = next(iter(parents.values()))
            mention.name, mention.key = unit.name, unit.key
    return mentions
