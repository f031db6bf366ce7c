"""Plan each post from a seed and render it as Markdown with YAML front matter."""

from __future__ import annotations

import random
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

import yaml

from bench.names import SIGNATURES
from bench.prose import (
    CLOSINGS,
    DAYPARTS,
    EVENT_KINDS,
    GENERAL_EN,
    GENERAL_VI,
    GROUPS,
    MONTHS_EN,
    PHOTO_ALTS,
    PHOTO_CAPTIONS,
    QUARTERS,
    QUARTERS_EN,
    QUOTE_VERBS,
    QUOTES,
    RESULT_HEADINGS,
    RESULTS,
    ROMAN,
    SECTION_HEADINGS,
    SPEECH_EN,
    SPEECH_VI,
    EventKind,
    Group,
    Term,
    count_words,
    ordinal_en,
)
from bench.registries import Person, Registries, Spell, Unit, random_name
from bench.roles import role_en, role_vi
from bench.shape import CLASSIC, Shape
from bench.slugs import slugify

MIN_WORDS = CLASSIC.min_words
MAX_WORDS = CLASSIC.max_words


@dataclass
class Speaker:
    """A person speaking at an event, in the spell they served then."""

    person: Person
    spell: Spell
    unit: Unit
    part: str  # chair, speaker or guest


@dataclass
class Photo:
    """A photo of a post: where it goes and what it shows."""

    src: str  # relative to content/
    alt: Term
    caption: Term


@dataclass
class Post:
    """Everything a post says, in both languages, before it is rendered."""

    index: int
    seed_key: str  # seeds the random choices made while rendering
    slug: str
    published: datetime
    kind: EventKind
    organiser: Unit
    units: list[Unit]
    speakers: list[Speaker]
    event_date: date
    event_time: str | None
    venue: Term | None
    attendees: list[tuple[Group, int | None]]
    tags: list[str]
    signature: str
    slots: dict[str, object]
    title: Term
    translated: bool
    featured: bool
    refs: dict[str, str] = field(default_factory=dict)  # unit or person key → as cited
    photos: list[Photo] = field(default_factory=list)
    words: tuple[int, int] = (MIN_WORDS, MAX_WORDS)  # body length: least, most


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):
    """Dump front matter with lists of plain strings on one line, like people write."""


class _Flow(list):
    """A list dumped in flow style: `tags: [a, b]`."""


_Dumper.add_representer(
    _Flow,
    lambda dumper, data: dumper.represent_sequence(
        "tag:yaml.org,2002:seq", data, flow_style=True
    ),
)


def _dump(front: dict[str, object]) -> str:
    return yaml.dump(
        front,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=4096,
    )


def _number(value: int, english: bool) -> str:
    """Return a number with thousands separated: 4.580 (vi) or 4,580 (en)."""
    text = f"{value:,}"
    return text if english else text.replace(",", ".")


def _numbers(rng: random.Random, english: bool) -> dict[str, object]:
    few2 = rng.randint(2, 9)
    return {
        "few": rng.randint(2, 5),
        "few2": few2,
        "few2_th": ordinal_en(few2),
        "n1": rng.randint(5, 60),
        "n1b": rng.randint(5, 60),
        "n2": _number(rng.randint(100, 3000), english),
        "n2b": _number(rng.randint(100, 3000), english),
        "n3": _number(rng.randint(1000, 20000), english),
        "pct": rng.randint(70, 98),
        "money": rng.randint(2, 80),
    }


def _fill(
    template: str, slots: dict[str, object], rng: random.Random, english: bool = False
) -> str:
    if (
        "{n" in template
        or "{few" in template
        or "{pct" in template
        or "{mon" in template
    ):
        return template.format(**slots, **_numbers(rng, english))
    return template.format(**slots)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


class PostPlanner:
    """Plan posts one by one from the registries, keeping slugs unique."""

    def __init__(
        self, registries: Registries, seed: int, posts: int, shape: Shape = CLASSIC
    ) -> None:
        self.registries = registries
        self.seed = seed
        self.total = posts
        self.shape = shape
        self.slugs: set[str] = set()
        units = list(registries.units.values())
        self.by_kind = {
            kind: [u for u in units if u.kind == kind] for kind, _ in shape.organisers
        }

    def plan(self, index: int, translated: bool) -> Post:
        """Return the plan of the post at this index of the archive."""
        seed_key = f"{self.seed}:post:{index}"
        rng = random.Random(seed_key)
        first, last = self.shape.first_post, self.shape.last_post
        span = (last - first).total_seconds()
        moment = first + timedelta(seconds=span * (index + rng.random()) / self.total)
        minutes = rng.randint(6 * 60 + 30, 21 * 60 + 30)
        published = datetime(moment.year, moment.month, moment.day) + timedelta(
            minutes=minutes
        )
        organisers = self.shape.organisers
        kinds = [k for k, _ in organisers]
        organiser_kind = rng.choices(kinds, [w for _, w in organisers])[0]
        organiser = rng.choice(self.by_kind[organiser_kind])
        kind = self._event_kind(rng, organiser, published)
        event_date = (published - timedelta(days=rng.choice((0, 0, 0, 0, 1, 2)))).date()
        event_time = rng.choices(
            (None, "morning", "afternoon", "evening", "clock"), (15, 45, 25, 10, 5)
        )[0]
        if event_time == "clock":
            event_time = f"{rng.randint(7, 20):02d}:{rng.choice((0, 15, 30, 45)):02d}"
        units = [organiser]
        parent = self.registries.units.get(organiser.parent or "")
        if parent and rng.random() < 0.55:
            units.append(parent)
        siblings = self.registries.children.get(organiser.parent or "", [])
        if parent and len(units) < 3 and rng.random() < 0.15 and len(siblings) > 1:
            sibling = self.registries.units[rng.choice(siblings)]
            if sibling not in units:
                units.append(sibling)
        speakers = self._speakers(rng, units, event_date)
        venue = rng.choice(organiser.venues) if rng.random() < 0.9 else None
        groups = rng.sample(kind.groups, rng.randint(1, min(3, len(kind.groups))))
        attendees = [
            (
                GROUPS[g],
                rng.randint(GROUPS[g].low, GROUPS[g].high)
                if rng.random() < 0.85
                else None,
            )
            for g in groups
        ]
        slots = self._slots(rng, kind, organiser, published, event_date)
        title = (
            _cap(_fill(kind.title[0], slots, rng)),
            _cap(_fill(kind.title[1], slots, rng, english=True)),
        )
        slug = self._unique_slug(title[0])
        tags = list(kind.tags)
        if rng.random() < 0.3:
            tags.append(
                rng.choice(("công tác thanh niên", "đoàn viên", "thanh thiếu nhi"))
            )
        post = Post(
            index=index,
            seed_key=seed_key,
            slug=slug,
            published=published,
            kind=kind,
            organiser=organiser,
            units=units,
            speakers=speakers,
            event_date=event_date,
            event_time=event_time,
            venue=venue,
            attendees=attendees,
            tags=tags,
            signature=rng.choice(SIGNATURES),
            slots=slots,
            title=title,
            translated=translated,
            featured=rng.random() < 0.03,
            words=(self.shape.min_words, self.shape.max_words),
        )
        for unit in units:
            post.refs[unit.key] = self._cite(rng, unit.key, unit.name, unit.aliases)
        for speaker in speakers:
            person = speaker.person
            post.refs[person.key] = self._cite(
                rng, person.key, person.name, person.aliases
            )
        return post

    def _event_kind(
        self, rng: random.Random, organiser: Unit, published: datetime
    ) -> EventKind:
        weights = []
        for kind in EVENT_KINDS:
            weight = kind.weight
            if kind.unit_kinds and organiser.kind not in kind.unit_kinds:
                weight = 0
            if kind.years and published.year not in kind.years:
                weight = 0
            if published.year < kind.min_year:
                weight = 0
            if kind.months:
                weight *= 3 if published.month in kind.months else 0.05
            weights.append(weight)
        return rng.choices(EVENT_KINDS, weights)[0]

    def _speakers(
        self, rng: random.Random, units: list[Unit], day: date
    ) -> list[Speaker]:
        """Pick 1–4 speakers serving the post's units that day, seniors first."""
        wanted = rng.choices((1, 2, 3, 4), (30, 35, 25, 10))[0]
        pool = self._serving(units, day)
        above = units[0]
        while not pool:
            # Nobody serves these units that day: invite someone from a unit above,
            # or failing that anyone serving anywhere.
            parent = self.registries.units.get(above.parent or "")
            if parent is None:
                everyone = self._serving(list(self.registries.units.values()), day)
                pool = [rng.choice(everyone)]
                parent = self.registries.units[pool[0][1].unit]
            else:
                pool = self._serving([parent], day)
            if pool and parent not in units:
                if len(units) >= 3:
                    units.pop()
                units.append(parent)
            above = parent
        chosen: list[tuple[Person, Spell]] = []
        while pool and len(chosen) < wanted:
            weights = [(spell.rank + 1) ** 2 for _, spell in pool]
            pick = rng.choices(range(len(pool)), weights)[0]
            chosen.append(pool.pop(pick))
        organiser = units[0].key
        chosen.sort(key=lambda pair: (pair[1].unit != organiser, -pair[1].rank))
        speakers = []
        for position, (person, spell) in enumerate(chosen):
            part = "speaker"
            if position == 0 and spell.unit == organiser and spell.rank >= 2:
                part = "chair" if rng.random() < 0.4 else "speaker"
            elif spell.unit != organiser and rng.random() < 0.5:
                part = "guest"
            speakers.append(
                Speaker(person, spell, self.registries.units[spell.unit], part)
            )
        return speakers

    def _serving(self, units: list[Unit], day: date) -> list[tuple[Person, Spell]]:
        serving = []
        for unit in units:
            for key in self.registries.members.get(unit.key, ()):
                person = self.registries.people[key]
                spell = person.spell_on(day)
                if spell is not None and spell.unit == unit.key:
                    serving.append((person, spell))
        return serving

    def _slots(
        self,
        rng: random.Random,
        kind: EventKind,
        organiser: Unit,
        published: datetime,
        event_date: date,
    ) -> dict[str, object]:
        year = event_date.year
        anniversary = year - 1931
        nth = rng.randint(2, 20)
        congress = rng.randint(8, 16)
        term_start = 2012 if year < 2017 else 2017 if year < 2022 else 2022
        brand = rng.choice(kind.brands) if kind.brands else ("", "")
        quarter = (event_date.month - 1) // 3
        review_year = year if event_date.month >= 6 else year - 1
        youth_female = rng.random() < 0.5
        noun, noun_en = kind.noun
        slots: dict[str, object] = {
            "org": organiser.name,
            "org_en": organiser.name_en,
            "the_org": f"the {organiser.name_en}",
            "The_org": f"The {organiser.name_en}",
            "where": organiser.where,
            "where_en": organiser.where_en,
            "scope": organiser.scope,
            "scope_en": organiser.scope_en,
            "place": organiser.place,
            "place_en": organiser.place_en,
            "year": year,
            "next_year": year + 1,
            "review_year": review_year,
            "anniv": anniversary,
            "anniv_en": ordinal_en(anniversary),
            "nth": nth,
            "nth_en": ordinal_en(congress if kind.key == "congress" else nth),
            "roman": ROMAN[congress],
            "term": f"{year}–{year + 5}"
            if kind.key == "congress"
            else (f"{term_start}–{term_start + 5}"),
            "quarter": QUARTERS[quarter],
            "quarter_en": QUARTERS_EN[quarter],
            "brand": brand[0],
            "brand_en": brand[1],
            "n": rng.choice((12, 15, 20, 25, 30, 40, 50, 60, 80, 100, 120, 150, 200)),
            "youth": random_name(rng, youth_female),
            "noun": noun,
            "noun_en": noun_en,
            "noun_cap": _cap(noun),
            "noun_en_cap": _cap(noun_en),
        }
        return slots

    def _unique_slug(self, title: str) -> str:
        base = slugify(title, max_length=72)
        slug, suffix = base, 2
        while slug in self.slugs:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        self.slugs.add(slug)
        return slug

    @staticmethod
    def _cite(rng: random.Random, key: str, name: str, aliases: tuple[str, ...]) -> str:
        """Return how a post cites a registry entry: mostly by name."""
        roll = rng.random()
        if roll < 0.1:
            return key
        if roll < 0.2 and aliases:
            return rng.choice(aliases)
        return name


def _speaker_role(speaker: Speaker) -> Term:
    """Return the speaker's role with the bodies named in full, for the prose."""
    unit = speaker.unit
    vi, en = [], []
    for part in speaker.spell.role:
        if part.body is None:
            vi.append(part.title[0])
            en.append(part.title[1])
            continue
        body_vi, body_en = unit.full_body(part.body)
        vi.append(f"{part.title[0]} {body_vi}")
        en.append(f"{part.title[1]} of the {body_en}")
    return ", ".join(vi), ", ".join(en)


def _series(items: list[str], conjunction: str) -> str:
    """Return "a, b and c"."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


def _date_en(day: date) -> str:
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def _lead(post: Post) -> Term:
    """Return the opening paragraph: when, where, who organised and who attended."""
    day = post.event_date
    when_vi = f"{day.day}/{day.month}/{day.year}"
    if post.event_time in DAYPARTS:
        daypart, daypart_en = DAYPARTS[post.event_time]
        opening_vi = f"{daypart} ngày {when_vi}"
        opening_en = f"On the {daypart_en} of {_date_en(day)}"
    elif post.event_time:
        opening_vi = f"Lúc {post.event_time} ngày {when_vi}"
        opening_en = f"At {post.event_time} on {_date_en(day)}"
    else:
        opening_vi = f"Ngày {when_vi}"
        opening_en = f"On {_date_en(day)}"
    phrase_vi = post.kind.phrase[0].format(**post.slots)
    phrase_en = post.kind.phrase[1].format(**post.slots)
    org = post.organiser
    if post.venue:
        first_vi = (
            f"{opening_vi}, tại {post.venue[0]}, {org.name} đã tổ chức {phrase_vi}."
        )
        first_en = (
            f"{opening_en}, the {org.name_en} held {phrase_en} at {post.venue[1]}."
        )
    else:
        first_vi = f"{opening_vi}, {org.name} đã tổ chức {phrase_vi}."
        first_en = f"{opening_en}, the {org.name_en} held {phrase_en}."
    guests_vi, guests_en = [], []
    for speaker in post.speakers:
        role, role_en_text = _speaker_role(speaker)
        guests_vi.append(f"đồng chí {speaker.person.name}, {role}")
        guests_en.append(f"{speaker.person.name}, {role_en_text}")
    crowd_vi, crowd_en = [], []
    for group, count in post.attendees:
        crowd_vi.append(f"{count} {group.vi}" if count else f"đông đảo {group.vi}")
        crowd_en.append(f"{count} {group.en}" if count else f"many {group.en}")
    second_vi = f"Tham dự có {'; '.join(guests_vi)}; cùng {_series(crowd_vi, 'và')}."
    second_en = (
        f"Attending were {'; '.join(guests_en)}; along with {_series(crowd_en, 'and')}."
    )
    return f"{first_vi} {second_vi}", f"{first_en} {second_en}"


def _body(post: Post, rng: random.Random, english: bool) -> tuple[str, int]:
    """Return the body in one language and its word count (``post.words``)."""
    lang = 1 if english else 0
    slots = post.slots
    least, most = post.words
    target = rng.randint(least, most)
    paragraphs: list[str] = [_lead(post)[lang]]
    specific = list(post.kind.sentences_en if english else post.kind.sentences_vi)
    rng.shuffle(specific)
    paragraphs.append(" ".join(_fill(s, slots, rng, english) for s in specific[:3]))
    speech_pool = SPEECH_EN if english else SPEECH_VI
    quotes = rng.sample(QUOTES, 2)
    for speaker, quote_pair in zip(post.speakers[:2], quotes, strict=False):
        role, role_english = _speaker_role(speaker)
        speech = {
            **slots,
            "name": speaker.person.name,
            "role": role,
            "role_en": role_english,
        }
        sentences = [_fill(rng.choice(speech_pool), speech, rng, english)]
        quote = quote_pair[lang].format(**slots)
        verb = rng.choice(QUOTE_VERBS)[lang]
        if rng.random() < 0.2:
            paragraphs.append(" ".join(sentences))
            paragraphs.append(f"> “{quote}.”\n>\n> — {speaker.person.name}")
        else:
            if english:
                sentences.append(f"“{quote}”, {speaker.person.name} {verb}.")
            else:
                sentences.append(f"“{quote}”, đồng chí {speaker.person.name} {verb}.")
            paragraphs.append(" ".join(sentences))
    if rng.random() < 0.25:
        heading = rng.choice(RESULT_HEADINGS)[lang]
        items = rng.sample(RESULTS, rng.randint(3, 4))
        paragraphs.append(f"## {heading}")
        paragraphs.append(
            "\n".join(f"- {_fill(item[lang], slots, rng, english)}" for item in items)
        )
    closing = _fill(rng.choice(CLOSINGS)[lang], slots, rng, english)
    words = sum(count_words(p) for p in paragraphs) + count_words(closing)
    general = list(GENERAL_EN if english else GENERAL_VI)
    rng.shuffle(general)
    heading_at = len(paragraphs) + 1 if rng.random() < 0.3 else -1
    paragraph: list[str] = []
    misses = 0
    while words < target and misses < 20:
        if not general:
            general = list(GENERAL_EN if english else GENERAL_VI)
            rng.shuffle(general)
        sentence = _fill(general.pop(), slots, rng, english)
        size = count_words(sentence)
        if words + size > most:
            misses += 1
            continue
        paragraph.append(sentence)
        words += size
        if len(paragraph) >= rng.randint(2, 4):
            heading = rng.choice(SECTION_HEADINGS)[lang]
            if len(paragraphs) == heading_at and words + count_words(heading) <= most:
                paragraphs.append(f"## {heading}")
                words += count_words(heading)
            paragraphs.append(" ".join(paragraph))
            paragraph = []
    if paragraph:
        paragraphs.append(" ".join(paragraph))
    paragraphs.append(closing)
    text = "\n\n".join(paragraphs) + "\n"
    return text, count_words(text)


def add_photos(post: Post, count: int, rng: random.Random) -> None:
    """Attach count photos to the post, under photos/{yyyy}/."""
    speaker = post.speakers[0].person.name if post.speakers else ""
    slots = {**post.slots, "name": speaker}
    captions = [c for c in PHOTO_CAPTIONS if speaker or "{name}" not in c[0]]
    for number in range(1, count + 1):
        alt = rng.choice(PHOTO_ALTS)
        caption = rng.choice(captions)
        post.photos.append(
            Photo(
                src=f"photos/{post.published.year}/{post.slug}-{number}.jpg",
                alt=(_cap(alt[0].format(**slots)), _cap(alt[1].format(**slots))),
                caption=(caption[0].format(**slots), _cap(caption[1].format(**slots))),
            )
        )


def render_vi(post: Post) -> tuple[str, int]:
    """Return the Vietnamese original as Markdown with front matter, and its words."""
    rng = random.Random(f"{post.seed_key}:vi")
    body, words = _body(post, rng, english=False)
    event: dict[str, object] = {}
    if post.event_date != post.published.date():
        event["date"] = post.event_date
    if post.event_time:
        event["time"] = post.event_time
    if post.venue:
        event["place"] = post.venue[0]
    event["organizer"] = post.refs[post.organiser.key]
    front: dict[str, object] = {
        "title": post.title[0],
        "date": post.published.strftime("%Y-%m-%d %H:%M"),
        "slug": post.slug,
        "lang": "vi",
    }
    if post.index % 2 == 0:
        front["summary"] = _lead(post)[0].split(". Tham dự")[0].rstrip(".") + "."
    front["event"] = event
    front["units"] = _Flow(post.refs[unit.key] for unit in post.units)
    speakers = []
    for speaker in post.speakers:
        entry = {
            "name": post.refs[speaker.person.key],
            "role": role_vi(speaker.spell.role),
            "unit": post.refs.get(speaker.unit.key, speaker.unit.name),
        }
        if speaker.part != "speaker":
            entry["part"] = speaker.part
        speakers.append(entry)
    front["speakers"] = speakers
    front["attendees"] = [
        {"group": group.vi, "count": count} if count else {"group": group.vi}
        for group, count in post.attendees
    ]
    if post.photos:
        front["photos"] = [
            {"src": p.src, "alt": p.alt[0], "caption": p.caption[0]}
            for p in post.photos
        ]
    front["signature"] = post.signature
    front["tags"] = _Flow(post.tags)
    if post.featured:
        front["featured"] = True
    text = f"---\n{_dump(front)}---\n{body}"
    return unicodedata.normalize("NFC", text), words


def render_en(post: Post) -> tuple[str, int]:
    """Return the English translation as Markdown with front matter, and its words."""
    rng = random.Random(f"{post.seed_key}:en")
    body, words = _body(post, rng, english=True)
    phrase = post.kind.phrase[1].format(**post.slots)
    summary = (
        f"The {post.organiser.name_en} held {phrase} on {_date_en(post.event_date)}."
    )
    front: dict[str, object] = {
        "title": post.title[1],
        "slug": post.slug,
        "lang": "en",
        "summary": _cap(summary),
    }
    if post.speakers and rng.random() < 0.3:
        # Keyed by the speaker's key and the photo's src, never by position.
        front["roles"] = {
            speaker.person.key: role_en(speaker.spell.role) for speaker in post.speakers
        }
    if post.photos and rng.random() < 0.6:
        front["captions"] = {photo.src: photo.caption[1] for photo in post.photos}
    text = f"---\n{_dump(front)}---\n{body}"
    return unicodedata.normalize("NFC", text), words
