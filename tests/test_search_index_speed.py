"""The search indexer's cost per word, and what its process imports (issue #22).

The indexer runs beside rendering on the same two cores, so its CPU time is
the build's. These tests pin what the speed depends on with counts, not
timings: the Python calls made per indexed word (a tokeniser working word by
word in Python made about ten), and that the indexer's process does not
load the build's side of the plugin (Pelican's generators, the content model).
"""

from __future__ import annotations

import cProfile
import dataclasses
import pstats
import random
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from itertools import pairwise

import numpy as np

from search_index.documents import SearchDocument
from search_index.words import build_word_index, segments

ZONE = timezone(timedelta(hours=7))
SYLLABLES = [
    "Đoàn",
    "thanh",
    "niên",
    "Hòa",
    "Hoà",
    "hóa",
    "Tân",
    "Bình",
    "quận",
    "huyện",
    "xã",
    "phường",
    "hội",
    "nghị",
    "tổng",
    "kết",
    "công",
    "tác",
    "năm",
    "2024",
    "Bí",
    "thư",
    "đồng",
    "chí",
    "Nguyễn",
    "Văn",
    "An",
    "tuyên",
    "dương",
    "tình",
    "nguyện",
    "mùa",
    "hè",
    "xanh",
    "Đắk",
    "Lắk",
    "Khánh",
    "Hoà",
    "Thủy",
    "Thuỷ",
    "ngày",
    "26/3",
]
MARKS = ("", "", "", "", ",", ".", ";", " –", ":", "_", "!", "…")


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(SYLLABLES) + rng.choice(MARKS) for _ in range(words))


def _documents(count: int, words: int) -> list[SearchDocument]:
    rng = random.Random(22)
    return [
        SearchDocument(
            url=f"2024/05/bai-{number}/",
            save_as=f"2024/05/bai-{number}/index.html",
            lang="vi" if number % 3 else "en",
            title=_text(rng, 8),
            date=datetime(2024, 5, 1 + number % 28, 8, 0, tzinfo=ZONE),
            summary="",
            units_label="Quận Đoàn Tân Bình, Xã Đoàn Hòa Phú",
            filters={"unit": [], "person": [], "year": ["2024"]},
            body_html=f"<p>{_text(rng, words)}</p><p>{_text(rng, 20)}</p>",
        )
        for number in range(count)
    ]


def test_indexing_makes_far_fewer_python_calls_than_words():
    documents = _documents(150, 1000)
    words = sum(len(document.body_html.split()) for document in documents)
    profile = cProfile.Profile()
    profile.enable()
    files = build_word_index(documents)
    profile.disable()
    calls = pstats.Stats(profile).total_calls
    assert files  # the index was built
    # Per distinct word, pair and file, not per word: about 0.3 calls a word
    # (tokenising word by word in Python took about ten).
    assert calls < words / 3, (calls, words)


def _reference(text: str, heading: str):
    """The keys of a post as the word-by-word tokeniser worked them out."""
    words, pairs, names = set(), set(), set()
    for run, raw in zip(segments(text), _raw_runs(text), strict=True):
        words.update(written for written, _ in run)
        folded = [key for _, key in run]
        pairs.update(pairwise(folded))
        capital = [word[0].isupper() for word in raw]
        names.update(
            pair
            for pair, a, b in zip(pairwise(folded), capital, capital[1:], strict=False)
            if a and b
        )
    head_words, head_pairs = set(), set()
    for run in segments(heading):
        folded = [key for _, key in run]
        head_words.update(folded)
        head_pairs.update(pairwise(folded))
    return words, pairs, names, head_words, head_pairs


def _raw_runs(text: str) -> list[list[str]]:
    from search_index.words import _SEGMENT, _WORD
    from vietnamese import nfc

    runs = [_WORD.findall(part) for part in _SEGMENT.split(nfc(text))]
    return [run for run in runs if run]


HOSTILE = [
    "Đoàn Thanh niên\nHội nghị",  # a line break joins a pair
    "Tân Bình, Hòa Phú; Hoà Phú – xã_Đông __ Tây",  # punctuation, underscores
    "a\u0301b Cafe\u0301 ĐOÀN đoàn Đoàn",  # combining marks, case
    "2024/05 năm 2024 A1 x2",  # digits
    "   ",
    "",
    "Σ ΑΣ.Α İstanbul ǅ",  # non-Vietnamese case rules
]


def test_tokeniser_finds_the_same_words_and_pairs_as_segments():
    from search_index.word_index import _Tokens  # pieces between spaces, NumPy

    tokens = _Tokens()
    for text in HOSTILE:
        for heading in ("", text, "Quận Đoàn Tân Bình"):
            keys = _as_texts(tokens, tokens.post(text, heading))
            assert keys == _reference(text, heading), text


def test_tokeniser_finds_the_reference_keys_in_posts_of_thousands_of_new_pieces():
    """Thousands of new pieces a post, with and without punctuation: each post's
    keys are the reference's, however many pieces the tokeniser has learnt."""
    import random

    from search_index.word_index import _Tokens

    rng = random.Random(2026)
    syllables = ["Đoàn", "thanh", "niên", "Tân", "Bình", "hòa", "hoà", "xã", "A1"]
    marks = ["", "", "", ",", ".", ";", "–", "_x", "/2025"]
    tokens = _Tokens()
    for post in range(6):
        words = [
            f"{rng.choice(syllables)}{rng.randrange(3000)}{rng.choice(marks)}"
            for _ in range(2500)
        ]
        text, heading = " ".join(words), " ".join(words[:7])
        assert _as_texts(tokens, tokens.post(text, heading)) == _reference(
            text, heading
        ), post
    assert len(tokens.written.texts) > 10_000  # tens of thousands of pieces learnt


def _as_texts(tokens, keys) -> tuple[set, ...]:
    """Return ``_Tokens.post``'s keys as texts: sets of words and of pairs."""
    from search_index.word_index import ID_BITS

    written, folded = tokens.written.texts, tokens.folded.texts
    mask = (1 << ID_BITS) - 1

    def pairs(found) -> set[tuple[str, str]]:
        return {(folded[key >> ID_BITS], folded[key & mask]) for key in found.tolist()}

    words, body, names, head_words, head_pairs = keys
    return (
        {written[key] for key in words.tolist()},
        pairs(body),
        pairs(names),
        {folded[key] for key in head_words.tolist()},
        pairs(head_pairs),
    )


def test_indexer_process_leaves_the_build_side_unloaded():
    probe = (
        "import sys, search_index.process; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith("
        "('search_index.plugin', 'content_model', 'bilingual', 'pelican.generators')"
        "))))"
    )
    assert _printed_by(probe) == []


def test_the_build_side_never_loads_numpy():
    """NumPy is the indexer's alone: the build's process imports the search
    plugin (and its indexer module, for the documents' file) without it."""
    probe = (
        "import sys, search_index.plugin, search_index.indexer; "
        "print('numpy' in sys.modules)"
    )
    assert _printed_by(probe) == ["False"]


def _printed_by(probe: str) -> list[str]:
    """Return the words a fresh Python running ``probe`` prints."""
    return subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        check=True,
        env={"PYTHONPATH": ":".join(path for path in sys.path if path)},
    ).stdout.split()


def test_document_file_leaves_no_utf8_copy_in_the_bodies(tmp_path):
    """Pickling a string caches its UTF-8 form inside it (CPython) for good.

    The documents' bodies are the posts' own body strings, alive for the
    whole build: the document file writes them as bytes it encodes itself,
    so each body is not held twice (60 MiB at 10,000 posts).
    """
    from search_index.process import DocumentFile, read_documents

    documents = _documents(3, 200)
    bodies = [document.body_html for document in documents]
    sizes = [sys.getsizeof(body) for body in bodies]
    file = DocumentFile()
    for document in documents:
        file.add(document)
    path = file.finish(["card.jpg", "", ""])
    assert [sys.getsizeof(body) for body in bodies] == sizes
    read = list(read_documents(path))
    path.unlink()
    assert [document.body_html for document in read] == bodies
    assert read[0] == dataclasses.replace(documents[0], card="card.jpg")
    assert read[1:] == documents[1:]


def test_postings_group_each_keys_posts_in_order_across_blocks(monkeypatch):
    """``_Postings`` (keys grouped by one sort) gives every key the list of
    posts that ``lists.encode`` would write from a dict of lists, also when
    the gaps are turned into text a block at a time and some need base 36."""
    from search_index import word_index as words
    from search_index.lists import base36, encode

    monkeypatch.setattr(words, "_BLOCK", 7)  # many blocks, keys across their ends
    rng = random.Random(22)
    postings, expected = words._Postings(), {}
    for post in range(3000):  # gaps of 1,296 and more take the long form
        keys = {rng.randrange(1, 60) for _ in range(rng.randrange(0, 6))}
        if post in (0, 2999):
            keys.add(1 << 41)  # the largest pair's key: first << ID_BITS | second
        postings.add(np.array(sorted(keys), dtype=np.int64), post)
        for key in keys:
            expected.setdefault(key, []).append(post)
    found = {key: (count, text) for key, count, text in postings.lists()}
    assert found == {
        key: (len(posts), encode(posts)) for key, posts in expected.items()
    }
    assert found[1 << 41] == (2, "1." + base36(2999))
    assert list(postings.lists()) == []  # once given, forgotten
