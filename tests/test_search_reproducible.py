"""Two builds of the same posts write the same bytes, the search index included.

Pagefind numbers pages in the order it reads them and writes filters and
languages in hash-map order; ``search_index`` feeds it sorted documents and
rewrites its bundle in a fixed order (issue #13, item 12).
"""

from __future__ import annotations

import gzip
import random
import shutil
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from search_index.canonical import SIGNATURE, encode_record, read_record
from search_index.documents import SearchDocument
from search_index.indexer import SearchIndexError, build_index
from tests.deploy_sites import publish, published_site
from tests.sitebuild import CONTENT


def tree(root: Path) -> dict[str, bytes]:
    """Return every file under ``root`` by relative path, with its bytes."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def assert_same_tree(first: Path, second: Path) -> None:
    """Fail with the paths that differ, if any file differs or is missing."""
    one, two = tree(first), tree(second)
    assert sorted(one) == sorted(two)
    differing = [name for name in one if one[name] != two[name]]
    assert differing == []


def copy_in_order(destination: Path, reverse: bool) -> Path:
    """Copy the tests' site file by file, in name order or its reverse."""
    files = sorted(path for path in CONTENT.rglob("*") if path.is_file())
    for path in reversed(files) if reverse else files:
        target = destination / path.relative_to(CONTENT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return destination


def test_two_published_builds_are_byte_identical(tmp_path, tmp_path_factory):
    """Content copied in other orders, built into other folders: same output.
    The first build is the deploy tests' published site (tests/deploy_sites.py,
    once per session), the second the same content copied file by file in
    reverse name order."""
    first = published_site(tmp_path_factory, "v1")
    content = copy_in_order(tmp_path / "second" / "deeper" / "content", reverse=True)
    second = publish(content, tmp_path / "second" / "deeper" / "output")
    assert second.returncode == 0, second.log
    assert (first / "pagefind" / "lists" / "vi" / "words.json").is_file()
    assert_same_tree(first, second.output)


def _document(number: int) -> SearchDocument:
    lang = "vi" if number % 3 else "en"
    return SearchDocument(
        url=f"{2015 + number % 7}/01/bai-{number}/",
        save_as=f"{2015 + number % 7}/01/bai-{number}/index.html",
        lang=lang,
        title=f"Bài số {number}",
        date=datetime(2020, 1, 1, tzinfo=UTC) + timedelta(days=number),
        summary=f"Tóm tắt {number}",
        units_label="Quận Đoàn",
        filters={
            "unit": [f"don-vi-{number % 11}", f"don-vi-cha-{number % 4}"],
            "person": [f"nguoi-{number % 13}"],
            "year": [str(2015 + number % 7)],
        },
        body_html=f"<p>Đoàn thanh niên {number} chữ{number % 5} chung</p>",
    )


@pytest.fixture(scope="module")
def bundles(tmp_path_factory) -> list[Path]:
    """One set of documents indexed three times, each time in another order."""
    documents = [_document(number) for number in range(60)]
    made = []
    for seed in (1, 2, 3):
        shuffled = documents[:]
        random.Random(seed).shuffle(shuffled)
        output = tmp_path_factory.mktemp(f"order-{seed}")
        build_index(shuffled, output, pagefind=True)
        made.append(output / "pagefind")
    return made


def test_the_index_does_not_depend_on_the_order_of_the_documents(bundles):
    assert_same_tree(bundles[0], bundles[1])
    assert_same_tree(bundles[0], bundles[2])


def test_filter_values_and_filters_are_sorted(bundles):
    bundle = bundles[0]
    for path in (bundle / "filter").glob("*.pf_filter"):
        name, values = read_record(path)
        assert [value for value, _ in values] == sorted(v for v, _ in values), name
    for path in bundle.glob("pagefind.*.pf_meta"):
        filters = read_record(path)[3]
        assert [name for name, _ in filters] == ["person", "unit", "year"]


def test_records_are_rewritten_in_pagefind_s_own_encoding(bundles):
    """cbor2 writes back every index, filter and meta file byte for byte."""
    files = [
        *bundles[0].glob("pagefind.*.pf_meta"),
        *(bundles[0] / "filter").iterdir(),
        *(bundles[0] / "index").iterdir(),
    ]
    assert len(files) > 6
    for path in files:
        data = gzip.decompress(path.read_bytes())
        assert data.startswith(SIGNATURE)
        assert encode_record(read_record(path)) == data, path.name


@pytest.mark.parametrize("program", ["/bin/false", "/bin/echo"])
def test_a_binary_that_is_not_pagefind_keeps_the_previous_bundle(tmp_path, program):
    """No answer, or output that is not Pagefind's: an error, the old bundle kept."""
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "old.txt").write_text("kept")
    with pytest.raises(SearchIndexError, match="Pagefind failed"):
        build_index([_document(1)], tmp_path, binary=program, pagefind=True)
    assert (tmp_path / "pagefind" / "old.txt").read_text() == "kept"
    assert not (tmp_path / ".pagefind.new").exists()
