"""What a unit's name says: generic names, and the abbreviations staff write.

Every district has a "Quận Đoàn", every province a "Tỉnh đoàn", every district
a "Phường 7": such a name says what kind of unit is meant, not which one. A
post that writes one is understood only through its other facts (see
``model.py``), never by which unit registered the name first.
"""

from __future__ import annotations

import re

from vietnamese import match_key

# Words (as ``match_key`` writes them) that name a level or a kind of body, not
# a place. With their diacritics: "Cô Tô" is a place, "cơ quan", "tổ" are not.
_WORDS = """
    đoàn thành niên thanh tỉnh huyện quận thị xã phường trấn ủy chi trường khối cơ
    quan đảng bộ ban thường vụ chấp hành bch btv ubnd hđnd mttq hội lhtn liên hiệp
    sinh viên hsv mặt trận tổ quốc nhân dân đtn tn tncs cộng sản tp tx tt q h p x
    các và sở phòng lớp khu phố ấp thôn cơ sở
"""
_GENERIC_WORDS = frozenset(match_key(_WORDS).split())
_ROMAN = re.compile(r"^[ivxlc]+$")

# Abbreviations in running text, with what they stand for (rule: whole words,
# any case; "T.Ư" and "TƯ" alike).
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("t.ư", "trung ương"),
    ("tư", "trung ương"),
    ("tw", "trung ương"),
    ("t.w", "trung ương"),
    ("tp.", "thành phố"),
    ("tp", "thành phố"),
    ("tx.", "thị xã"),
    ("tx", "thị xã"),
    ("tt.", "thị trấn"),
    ("q.", "quận"),
    ("h.", "huyện"),
    ("p.", "phường"),
    ("x.", "xã"),
    ("bch", "ban chấp hành"),
    ("btv", "ban thường vụ"),
    ("ubnd", "ủy ban nhân dân"),
    ("hđnd", "hội đồng nhân dân"),
    ("mttq", "mặt trận tổ quốc"),
    ("lhtn", "liên hiệp thanh niên"),
    ("hsv", "hội sinh viên"),
    ("đtn", "đoàn thanh niên"),
    ("tncs", "thanh niên cộng sản"),
    ("tn", "thanh niên"),
    ("hcm", "hồ chí minh"),
)
_EXPANSIONS = dict(ABBREVIATIONS)
_TOKEN = re.compile(r"\S+")
_SPLIT_CENTRAL = re.compile(r"\bt\.\s([ưw])(?=\s|$)")  # "t. ư" as match_key writes it


def is_generic(name: str) -> bool:
    """Return whether ``name`` names a kind of unit rather than one unit.

    "Huyện đoàn", "Thành đoàn", "Quận ủy", "Phường 7", "Chi đoàn 3" are
    generic; "Quận Đoàn Tân Bình" and "Thành đoàn TP.HCM" are not.
    """
    words = match_key(name).replace(".", " ").split()
    return bool(words) and all(
        w in _GENERIC_WORDS or w.isdigit() or _ROMAN.match(w) for w in words
    )


def expand_abbreviations(name: str) -> str:
    """Return ``name`` in match form with its abbreviations written out.

    "T.Ư Đoàn" → "trung ương đoàn"; "UBND Q. Tân Bình" → "ủy ban nhân dân
    quận tân bình". Used for suggestions only: an abbreviation is never a match.
    """
    text = _SPLIT_CENTRAL.sub(r"t.\1", match_key(name))
    words = []
    for token in _TOKEN.findall(text):
        bare = token.rstrip(",;:")
        if bare in _EXPANSIONS:
            words.append(_EXPANSIONS[bare])
            continue
        if "." in bare and not bare.endswith("."):  # "tp.hcm", "q.3"
            head, _, tail = bare.partition(".")
            if f"{head}." in _EXPANSIONS:
                words += [_EXPANSIONS[f"{head}."], _EXPANSIONS.get(tail, tail)]
                continue
        words.append(_EXPANSIONS.get(bare.rstrip("."), bare))
    return " ".join(words)
