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

from .names import CAP_WORD, CAPS_WORD, LOWER, PROVINCES

# head -> level of the locality that completes it (None: needs a proper name)
HEADS: dict[str, str | None] = {
    "Trung ương Đoàn": "",
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
    r"Thành phố|Tỉnh|Huyện|Quận|Phường|Xã|Thị xã|Thị trấn)"
)
_PROPER = rf"(?:{CAPS_WORD}|\d+)"
_TAIL = (
    rf"(?:\s+Khối(?:\s+\w+?){{1,4}}?\s+(?:tỉnh|thành phố|Trung ương|huyện)(?!\w)"
    rf"|\s+{CAP_WORD}(?:\s+[{LOWER}]+){{1,3}}?\s+(?:tỉnh|huyện|thành phố|quận)"
    rf"(?:\s+{_PROPER})*(?!\w)"
    rf"|\s*(?:{_LOCALITY}\s*)?{_PROPER}(?:\s+{_PROPER})*"
    rf"|\s+{_LOCALITY}\s+{_PROPER}(?:\s+{_PROPER})*)"
)
_HEAD_ALT = "|".join(
    re.escape(h).replace(r"\ ", r"\s+") for h in sorted(HEADS, key=len, reverse=True)
)
UNIT_RE = re.compile(
    rf"(?<![\w/])(?P<head>(?i:{_HEAD_ALT}))(?![\w])"
    rf"(?P<tail>(?:{_TAIL})(?:\s+(?:tỉnh|huyện)(?![\w]))?)?",
)
_LOCALITY_RE = re.compile(
    r"(?<![\w])(?P<level>tỉnh|huyện|quận|phường|xã|thị xã|thành phố|thị trấn|TP\.?)\s*"
    rf"(?P<name>{CAP_WORD}(?:\s+{CAP_WORD}){{0,3}}|\d+)"
)
_PROVINCE_RE = re.compile(
    "|".join(re.escape(p) for p in sorted(PROVINCES, key=len, reverse=True))
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
    "Tổ",
    "Tại",
    "Trong",
    "Sáng",
    "Chiều",
    "Tối",
    "Ngày",
    "Đại",
    "Hội",
    "Cùng",
    "Với",
    "Về",
    "Và",
    "Các",
    "Lễ",
    "Chương",
    "Đến",
    "Dự",
    "Nhằm",
    "Qua",
    "Nhân",
    "Theo",
    "Đ/c",
    "Thường",
}


_LIST_ITEM = re.compile(
    rf"\s*(?:,|và)\s*({CAP_WORD}(?:\s+{CAP_WORD}){{0,2}})(?=\s*[,.;]|\s+và)"
)


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


def _trim_tail(tail: str) -> str:
    """Cut a unit's tail before a word that starts a role, a verb or a name."""
    words = tail.split()
    kept: list[str] = []
    for word in words:
        if word in _STOP_WORDS or (kept and word.casefold() in {"và"}):
            break
        kept.append(word)
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
        tail = _trim_tail(match["tail"] or "")
        if head.startswith("Đoàn") and head_written[0].islower():
            continue  # "đoàn thanh niên" in running text is the organisation at large
        if head in {"Đoàn TNCS Hồ Chí Minh", "Đoàn TNCS HCM"} and not re.match(
            rf"{_LOCALITY}\s", tail
        ):
            continue
        written = f"{head_written} {tail}".strip() if tail else head_written
        written = re.sub(r"\s+", " ", written)
        mentions.append(
            UnitMention(
                written, head, head_written, match.start(), match.start() + len(written)
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
    provinces = {m.group() for m in _PROVINCE_RE.finditer(text)}
    localities.setdefault("tỉnh", set())
    if not localities["tỉnh"] and len(provinces) == 1:
        localities["tỉnh"] = set(provinces)
    for mention in mentions:
        if mention.written != mention.head_written:
            mention.name = mention.written
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
        if mention.name:
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
