"""``make import-eval``: precision and recall of the importer on labelled posts.

Each labelled post is a ``NAME.txt`` source with, beside it, the facts a person
read in it, in the pinned interface (``NAME.json``; for the seeds
``NAME.interface.json``). A fact is one value: the title, the date, the time,
the place, the signature, each unit, each person (by name), each person's role,
each person's unit, each attendee group, each group's kind.

Matching, fact by fact ("same" = equal after NFC, case folding, tone-mark
placement and spacing, as the registry matches names):

- title, signature: same text; date (``YYYY-MM-DD``) and time: exactly equal.
- place, role: same text, or one contains the other and is at least two
  thirds as long (a slightly shorter or longer span of the same words).
- unit (listed or a person's): the same registered unit, or the same text
  once "TN"/"TW"/"T.Ư"/"TP." are written out; each expected unit matches once.
- person: same name. A role or unit counts only with its person: the fact of
  a person not expected is wrong, of a person not found is missed.
- attendee group: exactly the same count and ``approx``, and the same group
  (one group's words contain at least half of the other's); its kind counts
  once the group matches.

Precision = right facts / facts given; recall = right facts / facts expected;
"overall" pools every field's facts. Empty values (null, []) are no facts.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from content_model.registry import Registry, load_registry
from vietnamese import match_key

from .extract import extract
from .sources import read_source

ROOT = Path(__file__).resolve().parents[2]
DEV_SETS = (ROOT / "tests/fixtures/import_dev", ROOT / "tests/fixtures/import_seeds")
REGISTRY = ROOT / "tests/fixtures/site/data"
FIELDS = (
    "title",
    "date",
    "time",
    "place",
    "units",
    "people",
    "people.role",
    "people.unit",
    "attendees",
    "attendees.kind",
    "signature",
)
_ABBREVIATIONS = (
    (r"\btn\b", "thanh niên"),
    (r"\b(?:tw|t\.ư|tư)(?=\s|$)", "trung ương"),
    (r"\btp\.?\s*", "thành phố "),
    (r"\bubnd\b", "ủy ban nhân dân"),
)


def norm(text: str | None) -> str:
    """Return ``text`` as compared: NFC, case-folded, tone marks and spaces unified."""
    key = match_key(text or "")
    for pattern, words in _ABBREVIATIONS:
        key = re.sub(pattern, words, key)
    return re.sub(r"[\s,;:–—-]+", " ", key).strip(" .")


def _contains(a: str | None, b: str | None) -> bool:
    """Same text, or one holds the other and is at least two thirds as long."""
    x, y = norm(a), norm(b)
    if not x or not y:
        return False
    short, long = sorted((x, y), key=len)
    return x == y or (short in long and 3 * len(short) >= 2 * len(long))


def _same_unit(a: str | None, b: str | None, registry: Registry) -> bool:
    if not a or not b:
        return False
    ua, ub = registry.find_unit(a), registry.find_unit(b)
    if ua and ub:
        return ua.key == ub.key
    return norm(a) == norm(b)


def _same_group(a: dict, b: dict) -> bool:
    if a.get("count") != b.get("count") or a.get("approx") != b.get("approx"):
        return False
    x, y = set(norm(a.get("group")).split()), set(norm(b.get("group")).split())
    return bool(x and y) and len(x & y) >= 0.5 * min(len(x), len(y))


@dataclass
class Score:
    """Facts given, expected and right for one field."""

    given: int = 0
    expected: int = 0
    right: int = 0

    @property
    def precision(self) -> float:
        return self.right / self.given if self.given else 1.0

    @property
    def recall(self) -> float:
        return self.right / self.expected if self.expected else 1.0


@dataclass
class Report:
    """Scores per field, and the mistakes for the reader."""

    scores: dict[str, Score] = field(
        default_factory=lambda: {f: Score() for f in FIELDS}
    )
    mistakes: list[str] = field(default_factory=list)

    @property
    def overall(self) -> Score:
        total = Score()
        for score in self.scores.values():
            total.given += score.given
            total.expected += score.expected
            total.right += score.right
        return total


def _pair(got: list, want: list, same) -> list[tuple[int, int]]:
    """Return one-to-one matches (index in got, index in want)."""
    pairs, used = [], set()
    for i, item in enumerate(got):
        for j, target in enumerate(want):
            if j not in used and same(item, target):
                pairs.append((i, j))
                used.add(j)
                break
    return pairs


def score_post(
    name: str, got: dict, want: dict, registry: Registry, report: Report
) -> None:
    """Add the facts of one post to ``report``."""

    def add(
        field_name: str, given: int, expected: int, right: int, detail: str = ""
    ) -> None:
        score = report.scores[field_name]
        score.given += given
        score.expected += expected
        score.right += right
        if right < max(given, expected):
            report.mistakes.append(f"{name}: {field_name}: {detail}")

    for key in ("title", "date", "time", "signature", "place"):
        g, w = got.get(key), want.get(key)
        same = (
            _contains(g, w)
            if key == "place"
            else (norm(g) == norm(w) if g and w else False)
        )
        add(
            key,
            int(g is not None),
            int(w is not None),
            int(same),
            f"got {g!r}, expected {w!r}",
        )
    units_g, units_w = got.get("units", []), want.get("units", [])
    pairs = _pair(units_g, units_w, lambda a, b: _same_unit(a, b, registry))
    add(
        "units",
        len(units_g),
        len(units_w),
        len(pairs),
        f"got {units_g}, expected {units_w}",
    )
    people_g, people_w = got.get("people", []), want.get("people", [])
    pairs = _pair(people_g, people_w, lambda a, b: norm(a["name"]) == norm(b["name"]))
    add(
        "people",
        len(people_g),
        len(people_w),
        len(pairs),
        f"got {[p['name'] for p in people_g]}, "
        f"expected {[p['name'] for p in people_w]}",
    )
    matched = dict(pairs)
    for sub, same in (
        ("role", _contains),
        ("unit", lambda a, b: _same_unit(a, b, registry)),
    ):
        given = sum(1 for p in people_g if p.get(sub))
        expected = sum(1 for p in people_w if p.get(sub))
        right = sum(
            1
            for i, j in matched.items()
            if people_g[i].get(sub) and same(people_g[i][sub], people_w[j].get(sub))
        )
        details = [
            f"{people_g[i]['name']}: got {people_g[i].get(sub)!r}, "
            f"expected {people_w[j].get(sub)!r}"
            for i, j in matched.items()
            if (people_g[i].get(sub) or people_w[j].get(sub))
            and not same(people_g[i].get(sub), people_w[j].get(sub))
        ]
        add(f"people.{sub}", given, expected, right, "; ".join(details))
    groups_g, groups_w = got.get("attendees", []), want.get("attendees", [])
    pairs = _pair(groups_g, groups_w, _same_group)
    add(
        "attendees",
        len(groups_g),
        len(groups_w),
        len(pairs),
        f"got {groups_g}, expected {groups_w}",
    )
    add(
        "attendees.kind",
        len(groups_g),
        len(groups_w),
        sum(1 for i, j in pairs if groups_g[i].get("kind") == groups_w[j].get("kind")),
        "kinds differ",
    )


def labelled_posts(folders: tuple[Path, ...] = DEV_SETS) -> list[tuple[Path, Path]]:
    """Return (source, expected facts) for every labelled post."""
    posts = []
    for folder in folders:
        for source in sorted(folder.glob("*.txt")):
            for name in (f"{source.stem}.interface.json", f"{source.stem}.json"):
                if (folder / name).exists():
                    posts.append((source, folder / name))
                    break
    return posts


def evaluate(registry: Registry, folders: tuple[Path, ...] = DEV_SETS) -> Report:
    """Run the importer on every labelled post and score its facts."""
    report = Report()
    for source, expected in labelled_posts(folders):
        [post] = read_source(source)
        got = extract(post.text, registry, post.published).as_json()
        want = json.loads(expected.read_text(encoding="utf-8"))
        score_post(source.stem, got, want, registry, report)
    return report


def format_report(report: Report, posts: int) -> str:
    """Return the table ``make import-eval`` prints."""
    lines = [
        f"{'field':<16}{'precision':>10}{'recall':>8}{'given':>7}{'expected':>9}{'right':>7}"
    ]
    for name, score in [*report.scores.items(), ("overall", report.overall)]:
        lines.append(
            f"{name:<16}{score.precision:>10.3f}{score.recall:>8.3f}"
            f"{score.given:>7}{score.expected:>9}{score.right:>7}"
        )
    lines.append(f"{posts} labelled posts")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Print precision and recall per field and overall; --mistakes lists them."""
    parser = argparse.ArgumentParser(prog="python -m importer.evaluate")
    parser.add_argument(
        "--mistakes", action="store_true", help="list every wrong or missed fact"
    )
    parser.add_argument(
        "--folder",
        type=Path,
        action="append",
        help="labelled posts to score (default: the development set and the seeds)",
    )
    args = parser.parse_args(argv)
    folders = tuple(args.folder) if args.folder else DEV_SETS
    registry = load_registry(REGISTRY)
    report = evaluate(registry, folders)
    print(format_report(report, len(labelled_posts(folders))))
    if args.mistakes:
        print("\n".join(report.mistakes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
