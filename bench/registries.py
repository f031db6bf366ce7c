"""Build the unit and people registries, and each person's career, from a seed."""

from __future__ import annotations

import logging
import random
from dataclasses import dataclass, field
from datetime import date, timedelta

from bench.names import (
    FAMILY_NAMES,
    FEMALE_GIVEN_NAMES,
    FEMALE_MIDDLE_NAMES,
    MALE_GIVEN_NAMES,
    MALE_MIDDLE_NAMES,
)
from bench.places import CENTRAL_NAME, CENTRAL_NAME_EN, PROVINCES, Province
from bench.roles import (
    ASSOCIATIONS,
    BODIES,
    COMMISSION_HEADS,
    TOP_RANK,
    Role,
    Term,
    compose_role,
)
from bench.shape import CLASSIC, Shape
from bench.slugs import fold, slugify

logger = logging.getLogger(__name__)

PEOPLE = 400
CAREER_START = date(2012, 1, 1)
CAREER_LAST_START = date(2024, 6, 30)
ARCHIVE_END = date(2026, 12, 31)

# Officers per unit, by kind: the rest of PEOPLE go to random districts.
_OFFICERS_PER_KIND = {
    "central": 14,
    "province": 7,
    "district": 2,
    "school": 2,
    "agency": 2,
    "ward": 1,
}

# Wards and communes of the archive shape, once the unused district names run out.
_COMMUNES = (
    "An Phú", "Tân Hòa", "Phước Long", "Bình Mỹ", "Thạnh Lộc", "Hòa Hiệp",
    "Long Hưng", "Mỹ Thành", "Đông Hòa", "Tân Thạnh", "Vĩnh Lộc", "Xuân Thới",
    "Tam Hiệp", "Phú Hữu", "Tân Phong", "Hiệp Phước", "Nhơn Đức", "Phú Xuân",
    "Lê Minh Xuân", "Quang Trung", "Hưng Đạo", "Trung Hòa", "Yên Hòa", "Mai Dịch",
    "Dịch Vọng", "Nghĩa Tân", "Quan Hoa", "Láng Thượng", "Phúc Xá", "Kim Mã",
)  # fmt: skip


@dataclass(frozen=True)
class Unit:
    """A Youth Union organisation, with the words the prose needs to mention it."""

    key: str
    name: str
    name_en: str
    kind: str  # central, province, district, school, agency
    level: str  # a key of roles.BODIES: which body its officers' roles name
    parent: str | None
    aliases: tuple[str, ...]
    short: str | None
    place: str  # "Diễn Châu": the bare place name
    place_en: str
    where: str  # "huyện Diễn Châu"
    where_en: str  # "Dien Chau District"
    scope: str  # "toàn huyện"
    scope_en: str  # "across the district"
    venues: tuple[Term, ...]

    def entry(self) -> dict[str, object]:
        """Return the registry entry as written to units.yml."""
        entry: dict[str, object] = {
            "key": self.key,
            "name": self.name,
            "name_en": self.name_en,
        }
        if self.short:
            entry["short"] = self.short
        entry["kind"] = self.kind
        if self.parent:
            entry["parent"] = self.parent
        if self.aliases:
            entry["aliases"] = list(self.aliases)
        return entry

    def full_body(self, body: Term) -> Term:
        """Return a role's body named in full for this unit, for the prose."""
        if body == BODIES[self.level]:
            return (self.name, self.name_en)
        if body == ASSOCIATIONS.get(self.level):
            if self.kind == "school":
                return (
                    f"Hội Sinh viên {self.where}",
                    f"Students' Association of {self.where_en}",
                )
            return (
                f"Hội Liên hiệp Thanh niên Việt Nam {self.where}",
                f"{self.where_en} Viet Nam Youth Federation",
            )
        return body


@dataclass(frozen=True)
class Spell:
    """One role a person held from a start date, in one unit."""

    start: date
    unit: str
    rank: int
    role: Role


@dataclass(frozen=True)
class Person:
    """A Youth Union officer with a career of spells and perhaps a leaving date."""

    key: str
    name: str
    female: bool
    aliases: tuple[str, ...]
    spells: tuple[Spell, ...]
    left: date | None = None

    def spell_on(self, day: date) -> Spell | None:
        """Return the spell the person was serving on that day, if any."""
        if self.left is not None and day >= self.left:
            return None
        current = None
        for spell in self.spells:
            if spell.start > day:
                break
            current = spell
        return current

    def entry(self) -> dict[str, object]:
        """Return the registry entry as written to people.yml."""
        entry: dict[str, object] = {"key": self.key, "name": self.name}
        if self.aliases:
            entry["aliases"] = list(self.aliases)
        return entry


@dataclass
class Registries:
    """The generated units and people, with lookups the post generator needs."""

    units: dict[str, Unit] = field(default_factory=dict)
    people: dict[str, Person] = field(default_factory=dict)
    children: dict[str, list[str]] = field(default_factory=dict)
    members: dict[str, list[str]] = field(default_factory=dict)  # unit → people

    def add_unit(self, unit: Unit) -> bool:
        """Add a unit unless its key or name is taken; return whether it was added."""
        taken = {u.name for u in self.units.values()}
        if unit.key in self.units or unit.name in taken:
            logger.debug("Skip unit %s: key or name already taken", unit.name)
            return False
        self.units[unit.key] = unit
        if unit.parent:
            self.children.setdefault(unit.parent, []).append(unit.key)
        return True


def _province_units(province: Province, central: str) -> list[Unit]:
    """Return the province's own unit followed by its districts, school and agencies."""
    level = "city" if province.city else "province"
    if province.city:
        where = (
            province.name
            if province.name.startswith("Thành phố")
            else f"thành phố {province.name}"
        )
        prefix, kind_en, scope = "Thành đoàn", "City Youth Union", "toàn thành phố"
        where_en, scope_en = province.name_en, "across the city"
    else:
        where = f"tỉnh {province.name}"
        prefix, kind_en, scope = "Tỉnh đoàn", "Provincial Youth Union", "toàn tỉnh"
        where_en, scope_en = f"{province.name_en} Province", "across the province"
    name_en = (
        f"{province.name_en} Youth Union"
        if province.name_en.endswith("City")
        else f"{province.name_en} {kind_en}"
    )
    name = f"{prefix} {province.name}"
    own = Unit(
        key=slugify(name),
        name=name,
        name_en=name_en,
        kind="province",
        level=level,
        parent=central,
        aliases=(f"Đoàn TNCS Hồ Chí Minh {where}",),
        short=None,
        place=province.name,
        place_en=province.name_en,
        where=where,
        where_en=where_en,
        scope=scope,
        scope_en=scope_en,
        venues=(
            (
                f"Trung tâm Hoạt động Thanh thiếu nhi {where}",
                f"the {province.name_en} Youth and Children's Activity Centre",
            ),
            (f"Hội trường {name}", f"the hall of the {name_en}"),
            (f"Quảng trường trung tâm {where}", f"the central square of {where_en}"),
            (
                f"Nhà Văn hóa Lao động {where}",
                f"the {province.name_en} Workers' Cultural House",
            ),
        ),
    )
    units = [own]
    for kind, place in province.districts:
        units.append(_district_unit(kind, place, own.key))
    school, school_short, school_en = province.school
    school_name = f"Đoàn {school}"
    units.append(
        Unit(
            key=slugify(school_name),
            name=school_name,
            name_en=f"Youth Union of {school_en}",
            kind="school",
            level="school",
            parent=own.key,
            aliases=(),
            short=f"Đoàn {school_short}",
            place=school,
            place_en=school_en,
            where=school,
            where_en=school_en,
            scope="toàn trường",
            scope_en="across the university",
            venues=(
                (f"Hội trường lớn {school}", f"the main hall of {school_en}"),
                (f"Sân vận động {school}", f"the sports ground of {school_en}"),
                (f"Ký túc xá {school}", f"the dormitory of {school_en}"),
            ),
        )
    )
    bloc_where = f"Khối các cơ quan {where}"
    bloc_where_en = f"the {province.name_en} Agencies Bloc"
    agencies = [
        (
            "agency",
            f"Đoàn {bloc_where}",
            f"Youth Union of {bloc_where_en}",
            bloc_where,
            bloc_where_en,
            "toàn Khối",
            "across the bloc",
        ),
    ]
    if province.police:
        police_where = f"Công an {where}"
        police_where_en = f"the {province.name_en} Police"
        agencies.append(
            (
                "police",
                f"Đoàn Thanh niên {police_where}",
                f"{province.name_en} Police Youth Union",
                police_where,
                police_where_en,
                "toàn lực lượng",
                "across the force",
            )
        )
    for level_, a_name, a_name_en, a_where, a_where_en, a_scope, a_scope_en in agencies:
        units.append(
            Unit(
                key=slugify(a_name),
                name=a_name,
                name_en=a_name_en,
                kind="agency",
                level=level_,
                parent=own.key,
                aliases=(),
                short=None,
                place=province.name,
                place_en=province.name_en,
                where=a_where,
                where_en=a_where_en,
                scope=a_scope,
                scope_en=a_scope_en,
                venues=(
                    (f"Hội trường {a_where}", f"the hall of {a_where_en}"),
                    (f"Trụ sở {a_where}", f"the headquarters of {a_where_en}"),
                ),
            )
        )
    return units


_DISTRICT_WORDS = {
    # kind: (unit prefix, place word, party committee, English place word, scope)
    "quan": ("Quận Đoàn", "quận", "Quận ủy", "District", "toàn quận", "district"),
    "huyen": ("Huyện đoàn", "huyện", "Huyện ủy", "District", "toàn huyện", "district"),
    "thi_xa": ("Thị đoàn", "thị xã", "Thị ủy", "Town", "toàn thị xã", "town"),
}


def _district_unit(kind: str, place: str, parent: str) -> Unit:
    """Return the Youth Union of a district or town."""
    prefix, word, party, word_en, scope, scope_en = _DISTRICT_WORDS[kind]
    place_en = fold(place)
    name = f"{prefix} {place}"
    where = f"{word} {place}"
    where_en = f"{place_en} {word_en}"
    return Unit(
        key=slugify(name),
        name=name,
        name_en=f"{place_en} {word_en} Youth Union",
        kind="district",
        level=kind,
        parent=parent,
        aliases=(f"Đoàn TNCS Hồ Chí Minh {where}",),
        short=None,
        place=place,
        place_en=place_en,
        where=where,
        where_en=where_en,
        scope=scope,
        scope_en=f"across the {scope_en}",
        venues=(
            (
                f"Hội trường Ủy ban nhân dân {where}",
                f"the {where_en} People's Committee hall",
            ),
            (
                f"Trung tâm Văn hóa – Thể thao {where}",
                f"the {where_en} Culture and Sports Centre",
            ),
            (
                f"Hội trường {party} {place}",
                f"the hall of the {where_en} Party Committee",
            ),
            (f"Trường THPT {place}", f"{place_en} High School"),
        ),
    )


def _central_unit() -> Unit:
    return Unit(
        key=slugify(CENTRAL_NAME),
        name=CENTRAL_NAME,
        name_en=CENTRAL_NAME_EN,
        kind="central",
        level="central",
        parent=None,
        aliases=("Trung ương Đoàn", "TW Đoàn"),
        short="Trung ương Đoàn",
        place="Việt Nam",
        place_en="Viet Nam",
        where="cả nước",
        where_en="the whole country",
        scope="cả nước",
        scope_en="nationwide",
        venues=(
            (
                "Hội trường Trung ương Đoàn, 62 Bà Triệu, Hà Nội",
                "the Central Youth Union hall, 62 Ba Trieu Street, Hanoi",
            ),
            ("Cung Thiếu nhi Hà Nội", "the Hanoi Children's Palace"),
            ("Trung tâm Hội nghị Quốc gia", "the National Convention Centre"),
        ),
    )


def _commune_unit(place: str, district: Unit) -> Unit:
    """Return the Youth Union of a ward (in a town or urban district) or commune."""
    level = "xa" if district.level == "huyen" else "phuong"
    word, word_en = ("xã", "Commune") if level == "xa" else ("phường", "Ward")
    place_en = fold(place)
    name = f"Đoàn {word} {place}"
    where = f"{word} {place}, {district.where}"
    where_en = f"{place_en} {word_en}, {district.where_en}"
    return Unit(
        key=slugify(name),
        name=name,
        name_en=f"{place_en} {word_en} Youth Union",
        kind="ward",
        level=level,
        parent=district.key,
        aliases=(f"Đoàn Thanh niên {word} {place}",),
        short=None,
        place=place,
        place_en=place_en,
        where=where,
        where_en=where_en,
        scope=f"toàn {word}",
        scope_en=f"across the {word_en.lower()}",
        venues=(
            (f"Hội trường Ủy ban nhân dân {word} {place}", f"the {where_en} hall"),
            (f"Nhà văn hóa {word} {place}", f"the {where_en} cultural house"),
        ),
    )


def build_units(shape: Shape = CLASSIC) -> Registries:
    """Return the registries holding the shape's unit hierarchy.

    ``classic``: central, every province with its districts, school and
    agencies. Otherwise central, ``shape.provinces`` provinces with
    ``shape.districts`` districts each, and ``shape.communes`` wards and
    communes spread over those districts (named after unused districts first).
    """
    registries = Registries()
    central = _central_unit()
    registries.add_unit(central)
    if shape.provinces is None:
        for province in PROVINCES:
            for unit in _province_units(province, central.key):
                registries.add_unit(unit)
        return registries
    provinces = PROVINCES[: shape.provinces]
    districts: list[Unit] = []
    for province in provinces:
        own = _province_units(province, central.key)[0]
        registries.add_unit(own)
        for kind, place in province.districts[: shape.districts]:
            district = _district_unit(kind, place, own.key)
            registries.add_unit(district)
            districts.append(district)
    used = {district.place for district in districts}
    spare = [name for p in PROVINCES for _, name in p.districts if name not in used]
    names = list(dict.fromkeys([*spare, *_COMMUNES]))[: shape.communes]
    for number, name in enumerate(names):
        registries.add_unit(_commune_unit(name, districts[number % len(districts)]))
    return registries


def _weighted(rng: random.Random, pairs: tuple[tuple[str, float], ...]) -> str:
    names = [name for name, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(names, weights)[0]


def _random_name(rng: random.Random, female: bool) -> str:
    """Return a random full name: family, middle and given names."""
    family = _weighted(rng, FAMILY_NAMES)
    middles = FEMALE_MIDDLE_NAMES if female else MALE_MIDDLE_NAMES
    givens = FEMALE_GIVEN_NAMES if female else MALE_GIVEN_NAMES
    middle = rng.choice(middles)
    given = rng.choice(givens)
    while given in middle.split() or given == family:
        given = rng.choice(givens)
    return f"{family} {middle} {given}"


def random_name(rng: random.Random, female: bool) -> str:
    """Return a random full name for someone outside the registries."""
    return _random_name(rng, female)


def _career(
    rng: random.Random, home: Unit, registries: Registries, early: bool
) -> tuple[tuple[Spell, ...], date | None]:
    """Return a career starting in the home unit, with promotions and moves up."""
    span = (CAREER_LAST_START - CAREER_START).days
    if early:
        span = (date(2014, 12, 31) - CAREER_START).days
    start = CAREER_START + timedelta(days=rng.randrange(span))
    rank = rng.choices(range(TOP_RANK + 1), (45, 30, 17, 8))[0]
    commission = rng.randrange(len(COMMISSION_HEADS))
    party_member = rng.random() < 0.6
    chairs = rng.random() < 0.5
    unit = home
    spells: list[Spell] = []
    while True:
        if unit.kind == "central" and rank == 2:
            rank = 3  # the Central Committee has secretaries, not deputies
        role = compose_role(
            unit.level,
            rank,
            commission=commission,
            party_member=party_member,
            chairs_association=chairs,
        )
        spells.append(Spell(start, unit.key, rank, role))
        start = start + timedelta(days=rng.randint(700, 1900))
        if start > ARCHIVE_END:
            return tuple(spells), None
        if rank >= TOP_RANK:
            parent = registries.units.get(unit.parent or "")
            if parent is None or rng.random() > 0.35:
                break
            unit, rank = parent, 1  # promoted to the standing committee above
            commission = rng.randrange(len(COMMISSION_HEADS))
        else:
            rank += 1
    left = None
    if rng.random() < 0.4:
        left = start + timedelta(days=rng.randint(0, 900))
        if left > ARCHIVE_END:
            left = None
    return tuple(spells), left


def build_registries(seed: int, shape: Shape = CLASSIC) -> Registries:
    """Return the units and PEOPLE people with careers, the same for the same seed."""
    registries = build_units(shape)
    rng = random.Random(f"{seed}:people")
    homes: list[Unit] = []
    for unit in registries.units.values():
        homes.extend([unit] * _OFFICERS_PER_KIND[unit.kind])
    districts = [u for u in registries.units.values() if u.kind == "district"]
    while len(homes) < PEOPLE:
        homes.append(rng.choice(districts))
    taken: set[str] = set()
    first_in_unit: set[str] = set()
    for home in homes[:PEOPLE]:
        female = rng.random() < 0.45
        for _attempt in range(50):
            name = _random_name(rng, female)
            if slugify(name) not in taken:
                break
        else:
            logger.debug("Skip a person of %s: no unique name found", home.key)
            continue
        key = slugify(name)
        taken.add(key)
        aliases: tuple[str, ...] = ()
        if rng.random() < 0.12:
            family, *_middle, given = name.split()
            alias = f"{family} {given}"
            if slugify(alias) not in taken:
                taken.add(slugify(alias))
                aliases = (alias,)
        early = home.key not in first_in_unit
        first_in_unit.add(home.key)
        spells, left = _career(rng, home, registries, early)
        person = Person(key, name, female, aliases, spells, left)
        registries.people[key] = person
        for unit_key in dict.fromkeys(spell.unit for spell in spells):
            registries.members.setdefault(unit_key, []).append(key)
    return registries
