"""The exported JSON Schema: current, and it agrees with the validator on examples."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import fastjsonschema
import pytest

from content_model.frontmatter import decode, split
from content_model.json_schema import DEFAULT_OUTPUT, post_schema, render
from content_model.schema import ORIGINAL, TRANSLATION
from tests.content_sites import CASES_DIR, VALID_DIR
from tests.sitebuild import CONTENT

# Cases whose only problems are in the front matter's own shape, which the
# JSON Schema can see (registries, photos and translations need make check).
SHAPE_CASES = [
    "count-not-a-number.md",
    "count-zero.md",
    "date-day-month-swap.md",
    "date-month-first.md",
    "date-unparseable.md",
    "event-time-invalid.md",
    "featured-not-true-or-false.md",
    "html-in-title.md",
    "html-entities-in-front-matter.md",
    "lang-unknown.md",
    "missing-date.md",
    "missing-title.md",
    "part-unknown.md",
    "photo-without-alt.md",
    "speakers-not-blocks.md",
    "status-unknown.md",
    "translation-with-facts.en.md",
    "unknown-key-in-speaker.md",
    "unknown-key-typo.md",
    "unknown-key-vietnamese.md",
]


@pytest.fixture(scope="module")
def validate():
    # fastjsonschema reads the schema as draft-07, as VS Code's YAML extension does.
    return fastjsonschema.compile(post_schema(), use_default=False)


def as_json(value: Any) -> Any:
    """Return front matter as an editor's YAML server sees it: keys are text."""
    if isinstance(value, dict):
        return {str(k): as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [as_json(v) for v in value]
    return value


def front_matter(path: Path) -> dict:
    return as_json(split(decode(path.read_bytes(), path.name), path.name).data)


def test_the_committed_schema_is_current():
    assert DEFAULT_OUTPUT.read_text(encoding="utf-8") == render(), (
        "schema/post.schema.json is out of date: run make schema"
    )


def test_the_schema_declares_draft_2020_12_and_every_key():
    schema = post_schema()
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    definitions = schema["$defs"]
    assert list(definitions["original"]["properties"]) == [k.name for k in ORIGINAL]
    assert list(definitions["translation"]["properties"]) == [
        k.name for k in TRANSLATION
    ]


@pytest.mark.parametrize(
    "post",
    [*sorted((CONTENT / "posts").rglob("*.md")), *sorted(VALID_DIR.iterdir())],
    ids=lambda p: p.name,
)
def test_valid_posts_match_the_schema(validate, post):
    validate(front_matter(post))


@pytest.mark.parametrize("name", SHAPE_CASES)
def test_broken_front_matter_does_not_match_the_schema(validate, name):
    with pytest.raises(fastjsonschema.JsonSchemaException):
        validate(front_matter(CASES_DIR / name))
