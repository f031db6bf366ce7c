"""The shapes of archive the benchmark generates: how many units, when, how long.

``classic`` is the archive every earlier figure in ``bench/results`` was measured
on (158 units in three levels, 2015–2026, 400–800 words). ``archive`` is the shape
of a real province's archive (issue #22): 151 units in four levels (central → 10
provinces → 40 districts → 100 wards and communes), posts over 11 years
(2015–2025), about 550 words a body.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Shape:
    """What an archive holds besides its number of posts."""

    name: str
    provinces: (
        int | None
    )  # None: every province of bench.places, with schools, agencies
    districts: int | None  # districts kept per province (None: all)
    communes: int  # wards and communes, spread over the kept districts
    first_post: datetime
    last_post: datetime
    min_words: int
    max_words: int
    organisers: tuple[tuple[str, int], ...]  # (unit kind, weight) of who organises


CLASSIC = Shape(
    name="classic",
    provinces=None,
    districts=None,
    communes=0,
    first_post=datetime(2015, 1, 1, 0, 0),
    last_post=datetime(2026, 10, 31, 23, 59),
    min_words=400,
    max_words=800,
    organisers=(
        ("central", 4),
        ("province", 26),
        ("district", 50),
        ("school", 10),
        ("agency", 10),
    ),
)

ARCHIVE = Shape(
    name="archive",
    provinces=10,
    districts=4,
    communes=100,
    first_post=datetime(2015, 1, 1, 0, 0),
    last_post=datetime(2025, 12, 31, 23, 59),
    min_words=450,
    max_words=650,
    organisers=(("central", 3), ("province", 17), ("district", 35), ("ward", 45)),
)

SHAPES = {shape.name: shape for shape in (CLASSIC, ARCHIVE)}
