"""Any sequence of a writer's edits, rebuilt warm (``make devserver``), ends in a
clean build's tree (the other warm-rebuild tests: tests/test_devserver_output.py)."""

from __future__ import annotations

import random

import pytest

from tests.devserver_edits import EDITS, Editor, warm_copy
from tests.sitebuild import build
from tests.warm_site import tree_differences


@pytest.fixture
def warm(tmp_path):
    """A warm build process over a copy of the tests' site."""
    yield from warm_copy(tmp_path)


@pytest.mark.parametrize("seed", [13, 2026])
def test_any_sequence_of_edits_ends_in_a_clean_build(seed, warm, tmp_path):
    """Every kind of edit once, in a seeded random order (each seed its own),
    each rebuilt warm; then the warm tree must be a clean build's.

    A permutation rather than random draws: each sequence meets all nine kinds
    (twelve draws met five or six, repeating the others) in fewer rebuilds.
    """
    editor = Editor(warm.content, random.Random(seed))
    order = editor.random.sample(EDITS, len(EDITS))
    done = []
    for kind in order:
        done.append(getattr(editor, kind)())
        result = warm.rebuild()
        assert ("failed" in result) == bool(editor.broken), (done, result)
    done.append(editor.fix_yaml())
    assert "failed" not in warm.rebuild(), done
    clean = build(warm.content, tmp_path / "clean")
    assert clean.returncode == 0, clean.log
    assert "Cannot load plugin" not in clean.log, clean.log
    differences = tree_differences(warm.output, clean.output)
    assert differences == [], f"after {done}:\n" + "\n".join(differences)
    assert not list(warm.output.rglob("1970"))
