"""Extract a post's facts (title, date, time, place, units, people, attendees,
signature) with the sentence each came from, and why any field is empty."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from content_model.registry import Registry
from vietnamese import match_key

from .cleaning import FIELD_LINE, clean_lines
from .counts import find_counts, find_uncounted
from .dates import find_date
from .names import sentences
from .people import find_people
from .units import expand_lists, find_units, resolve

FIELDS = ("title", "date", "time", "place", "units", "people", "attendees", "signature")

_DATELINE = re.compile(
    r"^(?:(?:cập nhật|đăng|ngày đăng|thứ\s+\w+|chủ nhật)[\s,:]*)?"
    r"(?:\d{1,2}:\d{2}(?::\d{2})?\s*)?(?P<d>\d{1,2})[/-](?P<m>\d{1,2})[/-](?P<y>\d{4})"
    r"[\s,|]*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*(?:\[?\s*GMT\s*\+\s*7\s*\]?)?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(
    r"^(?:tác giả|tin bài|tin và ảnh|tin, ảnh|tin ảnh|tin|bài và ảnh|bài, ảnh|bài|"
    r"người viết|nguồn|ctv)\s*[:\-–]?\s*",
    re.IGNORECASE,
)
_PHOTO_CREDIT = re.compile(r"^(?:ảnh|photo|hình)\s*:", re.IGNORECASE)
_DATE_START = re.compile(
    r"^(?:\(\w+\)\s*[-–]?\s*)?(?:sáng|chiều|tối|trưa|ngày|hôm|vào|trong|từ)\b"
    r"[^\n]{0,25}\d",
    re.IGNORECASE,
)
_BODY_START = re.compile(r"^\W*(?:căn cứ|thực hiện|nhằm|theo)\b", re.IGNORECASE)
_COMMITTEE_ROLE = re.compile(
    r"UVBCH|UV\.?\s?BCH|UVBTV|UV\.?\s?BTV|Ủy viên Ban Chấp hành|Ủy viên Ban Thường vụ|"
    r"Uỷ viên Ban Chấp hành|Uỷ viên Ban Thường vụ",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\btại\s+(?P<place>(?:(?:phòng|hội trường|trung tâm|nhà|trụ sở|UBND|Ủy ban|"
    r"trường|khuôn viên|sân|bản|thôn|ấp|xã|phường|thành phố|TP\.?|khu|công viên|"
    r"đền|quảng trường|cung|văn phòng|tượng đài|di tích|bảo tàng|thị trấn|huyện|"
    r"quận|tỉnh|làng|nhà văn hóa|nhà thiếu nhi|sảnh|thủ đô)\b)[^,;.()]*"
    r"(?:,\s*(?:xã|phường|huyện|quận|tỉnh|thành phố|TP\.?|thị xã|thị trấn)\s"
    r"(?![Đđ]oàn\b|[Uu][ỷy]|ủy)[^,;.()]*)*)",
    re.IGNORECASE,
)
_PLACE_END = re.compile(
    r"\s+(?:Ban Thường vụ|BCH|Ban Chấp hành|BTV|đã|diễn ra|tổ chức|với|cho|nhằm|"
    r"long trọng|các)\b",
)
_CONGRESS = re.compile(r"đại hội", re.IGNORECASE)


@dataclass
class Fact:
    """A field's value with its evidence (the sentence) or why it is empty."""

    value: Any
    evidence: str = ""
    why: str = ""


@dataclass
class Extraction:
    """Every field of one source post, with its evidence."""

    facts: dict[str, Fact] = field(default_factory=dict)
    uncertain: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    unknown_units: list[dict] = field(default_factory=list)
    unknown_people: list[dict] = field(default_factory=list)
    organiser: str | None = None
    unit_keys: dict[str, str] = field(default_factory=dict)  # name -> registry key

    def as_json(self) -> dict[str, Any]:
        """Return the pinned machine interface: exactly its keys, in its order."""
        data = {name: self.facts[name].value for name in FIELDS}
        data["uncertain"] = list(self.uncertain)
        return data


def _sentences(lines: list[str]) -> list[str]:
    """Return the sentences of ``lines`` (a semicolon does not end one)."""
    return [s for line in lines for s in sentences(line)]


def _recase(title: str, body_text: str) -> str:
    """Return an all-capitals title in the case the body writes its words.

    The longest run of words the body also writes (case aside) takes the body's
    case; a lone word stays capitalised only if the body never writes it in
    lower case.
    """
    letters = [c for c in title if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    body_words = re.findall(r"\w+", body_text)
    folded = [w.casefold() for w in body_words]
    lower_seen = {w for w in body_words if w == w.casefold()}
    parts = re.split(r"(\w+)", title)  # odd indexes are words
    words = parts[1::2]
    low = [w.casefold() for w in words]
    out = list(low)
    i = 0
    while i < len(words):
        for n in (5, 4, 3, 2):
            seq = low[i : i + n]
            if len(seq) < n:
                continue
            hit = next(
                (j for j in range(len(folded) - n + 1) if folded[j : j + n] == seq),
                None,
            )
            if hit is not None:
                out[i : i + n] = body_words[hit : hit + n]
                i += n
                break
        else:
            if low[i] not in lower_seen and low[i] in folded:
                out[i] = body_words[folded.index(low[i])]
            i += 1
    parts[1::2] = out
    text = "".join(parts)
    # A name in quotes starts with a capital: Hội thi "Thanh niên với pháp luật".
    text = re.sub(r"(?<!\S)([\"“«])(\w)", lambda m: m[1] + m[2].upper(), text)
    return text[:1].upper() + text[1:]


# A page's rubric before the headline: "[TIN HOẠT ĐỘNG]", "【TIN TỨC】 –".
_RUBRIC = re.compile(r"^\s*[\[【]\s*[^\]】]{1,30}?\s*[\]】]\s*[-–:|]?\s*")


def _title(lines: list[str]) -> tuple[str | None, str]:
    """Return the title line, if the post starts with one, and why not otherwise."""
    if not lines:
        return None, "the post is empty"
    first = lines[0]
    if len(lines) == 1:
        return None, "the post is a single paragraph: no title line"
    if _DATE_START.match(first) or len(first) > 300:
        return None, "the post starts with its text, not a title line"
    if first.endswith((":", ";", ",")) or _BODY_START.match(first):
        return None, "the first line is part of the text, not a title"
    letters = [c for c in first if c.isalpha()]
    shouting = sum(c.isupper() for c in letters) > 0.8 * len(letters)
    if not shouting and (
        re.search(r"[.!?]\s+\S", first)
        or (first.endswith(".") and len(first.split()) > 15)
    ):
        return None, "the post starts with its text (a sentence), not a title line"
    title = _RUBRIC.sub("", first).rstrip(" .").strip()
    return title or first.rstrip(" .").strip(), ""


def _signature(lines: list[str]) -> tuple[str | None, str, int]:
    """Return the signature (the short closing line), its line and how many lines."""
    if len(lines) < 2:
        return None, "", 0
    last = lines[-1]
    if _PHOTO_CREDIT.match(last):
        return None, "", 0
    text = _BYLINE.sub("", last).strip()
    words = text.split()
    labelled = text != last
    if (
        not text
        or len(text) > 60
        or len(words) > 8
        or re.search(r"[;!?\"“”:]|\d{3,}", text)
        or (text.endswith(".") and not re.fullmatch(r"(?:\w\.)+", text))
        or not text[0].isupper()
    ):
        return None, "", 0
    name = re.split(r"\s+[-–]\s+", text)[0].split()
    if not labelled and not all(w[0].isupper() or not w[0].isalpha() for w in name):
        return None, "", 0
    return text, last, 1


def _labelled(lines: list[str]) -> dict[str, tuple[str, str]]:
    """Return the labelled lines ("Địa điểm: …") by label: (line, value)."""
    fields: dict[str, tuple[str, str]] = {}
    for line in lines:
        match = FIELD_LINE.match(line)
        if match:
            fields.setdefault(match["label"].casefold(), (line, match["value"].strip()))
    return fields


def _place(sentence: str) -> str | None:
    match = _PLACE.search(sentence)
    if not match:
        return None
    place = match["place"]
    end = _PLACE_END.search(place)
    if end:
        place = place[: end.start()]
    place = place.strip(" ,–-")
    return place or None


def extract(
    text: str, registry: Registry, published: date | datetime | None = None
) -> Extraction:
    """Return the facts of one source post, never inventing one."""
    lines = clean_lines(text)
    result = Extraction()
    dateline = published.date() if isinstance(published, datetime) else published
    body_lines = []
    for line in lines:
        match = _DATELINE.match(line)
        if match and len(line) < 60:
            with suppress(ValueError):  # "31/02/2020" is no dateline
                dateline = date(int(match["y"]), int(match["m"]), int(match["d"]))
            continue
        body_lines.append(line)
    lines = body_lines
    title, why_title = _title(lines)
    body = lines[1:] if title else lines
    signature, sig_line, sig_count = _signature(body)
    if sig_count:
        body = body[:-sig_count]
    body = [line for line in body if not _PHOTO_CREDIT.match(line)]
    result.body = body
    text_all = "\n".join(body)
    if title:
        title = _recase(title, text_all)
    facts = result.facts
    facts["title"] = Fact(title, lines[0] if title else "", why_title)

    when = find_date(title or "", body, dateline)
    facts["date"] = Fact(when.date, when.evidence, when.why if not when.date else "")
    facts["time"] = Fact(
        when.time if when.date or when.time else None,
        when.evidence if when.time else "",
        "" if when.time else "no time of day is written with the date",
    )
    if when.uncertain:
        result.uncertain.append("date")
    sentences = _sentences(body)
    event_sentence = (
        when.evidence
        if when.evidence in sentences
        else (sentences[0] if sentences else "")
    )
    place = _place(event_sentence) if event_sentence else None
    if place is None and not when.date:
        held = [
            x for x in sentences if re.search(r"tổ chức|diễn ra", x) and " tại " in x
        ]
        if held:
            event_sentence = event_sentence or held[0]
            place = _place(held[0])
    fields = _labelled(body)
    place_line = ""
    if place is None and fields.get("địa điểm"):
        place_line, place = fields["địa điểm"]
        place = place.rstrip(" .;") or None
    facts["place"] = Fact(
        place,
        (place_line or event_sentence) if place else "",
        "" if place else "no place ('tại …') is written in the sentence of the event",
    )

    # People first: units named inside a role are not the post's units.
    full = text_all
    people = find_people(full)
    role_spans = [(p.role_start, p.role_end) for p in people]
    mentions = find_units(full)
    mentions = expand_lists(full, mentions)
    title_mentions = find_units(title or "")
    # Localities in the place say where it happened, not whose units these are.
    context = full.replace(place, " " * len(place)) if place else full
    resolve(context + "\n" + (title or ""), mentions + title_mentions, registry)

    place_spans = []
    if place:
        at = full.find(place)
        if at >= 0:
            place_spans.append((at, at + len(place)))

    def in_role(m) -> bool:
        return any(s <= m.start < e for s, e in role_spans + place_spans)

    listed = [m for m in mentions if not in_role(m) and m.name]
    organiser = None
    if event_sentence:
        offset = full.find(event_sentence)
        if offset >= 0:
            inside = [
                m for m in listed if offset <= m.start < offset + len(event_sentence)
            ]
            cut = re.search(r"tổ chức|phối hợp", event_sentence)
            if cut:
                before = [m for m in inside if m.start < offset + cut.start()]
                organiser = before[-1] if before else None
            if organiser is None and inside:
                organiser = inside[0]
    for label in ("đơn vị tổ chức", "ban tổ chức", "đơn vị thực hiện"):
        if label in fields:
            offset = full.find(fields[label][0])
            named = [
                m for m in listed if offset <= m.start < offset + len(fields[label][0])
            ]
            if offset >= 0 and named:
                organiser = named[0]  # said in so many words
                break
    ordered = (
        ([organiser] if organiser else [])
        + listed
        + [m for m in title_mentions if m.name]
    )
    units: list[str] = []
    seen_units: set[str] = set()
    for mention in ordered:
        ident = mention.identity
        if ident not in seen_units:
            seen_units.add(ident)
            units.append(mention.name)
            if not mention.key:
                result.unknown_units.append(
                    {"name": mention.name, "evidence": _around(full, mention.start)}
                )
    facts["units"] = Fact(
        units,
        "; ".join(sorted({_around(full, m.start) for m in listed})[:3]),
        "" if units else "no unit is named with its proper name",
    )

    organiser_unit = organiser.name if organiser else None
    result.organiser = organiser_unit
    for mention in mentions + title_mentions:
        if mention.name and mention.key:
            result.unit_keys[mention.name] = mention.key
    persons: list[dict] = []
    evidence = []
    for person in people:
        role_units = [
            m for m in mentions if person.role_start <= m.start < person.role_end
        ]
        # The body the role belongs to: the first one it names.
        unit = role_units[0].name if role_units else None
        if (
            not role_units
            and organiser
            and _COMMITTEE_ROLE.search(person.role)
            and not re.search(r"ủy|uỷ|UBND|HĐND|Đảng|Chi bộ|Hội|Sở|Bộ", person.role)
            and "ủy" not in organiser.head
        ):
            unit = organiser_unit  # "UVBCH, Phó Ban …" of the unit writing the post
        existing = next(
            (p for p in persons if match_key(p["name"]) == match_key(person.name)), None
        )
        if existing:
            if len(person.role) > len(existing["role"]):
                existing["role"] = person.role
                existing["unit"] = unit or existing["unit"]
            elif not existing["unit"]:
                existing["unit"] = unit
            continue
        persons.append({"name": person.name, "role": person.role, "unit": unit})
        evidence.append(_around(full, person.start))
        if registry.find_person(person.name) is None:
            result.unknown_people.append(
                {"name": person.name, "evidence": _around(full, person.start)}
            )
    facts["people"] = Fact(
        persons,
        "; ".join(dict.fromkeys(evidence)),
        "" if persons else "no person is named with a role",
    )

    congress = bool(_CONGRESS.search(full + (title or "")))
    counts = find_counts(sentences, congress)
    numbers = {c.count for c in counts}
    if title:  # a count in the title only when the text does not give it
        counts += [c for c in find_counts([title], congress) if c.count not in numbers]
    counted = {match_key(c.group) for c in counts}
    counts += [
        c
        for c in find_uncounted(sentences, [p["name"] for p in persons])
        if match_key(c.group) not in counted
    ]
    attendees = [
        {"group": c.group, "count": c.count, "approx": c.approx, "kind": c.kind}
        for c in counts
    ]
    facts["attendees"] = Fact(
        attendees,
        "; ".join(c.evidence for c in counts),
        "" if attendees else "no group of people present is written",
    )
    facts["signature"] = Fact(
        signature,
        sig_line,
        "" if signature else "the post ends without a signature line",
    )
    return result


def _around(text: str, start: int) -> str:
    """Return the sentence of ``text`` around position ``start``."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [
        i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0
    ]
    right = min(right_candidates) if right_candidates else len(text)
    return text[left + 1 : right + 1].strip()
