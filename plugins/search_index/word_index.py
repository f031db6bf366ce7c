"""The word index of ``words.py``, built with NumPy in the indexer's process.

Apart from ``words.py`` so that the build's process, which imports the
search plugin, never loads NumPy (about 15 MiB of its peak): only the
indexer's process (``process.py``) builds an index.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from itertools import chain

import numpy as np

from vietnamese import nfc

from .documents import SearchDocument
from .lists import GAP_TEXTS, base36, dump
from .words import (
    _TOKEN,
    _WORD,
    PREFIX_KEEP,
    _shards,
    fnv1a,
    forms,
    pair_shard_key,
    post_text,
    prefix_key,
)

#: Bits of a syllable's id: two adjacent syllables are one integer,
#: ``first << ID_BITS | second``; and of a post's number beside it, in a
#: posting (``_Postings``): together they fit a signed 64-bit integer.
ID_BITS = 21
POST_BITS = 21
#: Postings turned into text at a time (``_Postings.lists``): a bounded list.
_BLOCK = 1 << 20
_chain = chain.from_iterable


class _Vocabulary(dict):
    """Numbers for texts: 0 for "" (no word), then 1, 2, … in order of first use.

    Looked up as a dict (``vocabulary[text]``): a known text costs no call.
    """

    def __init__(self) -> None:
        super().__init__({"": 0})
        self.texts: list[str] = [""]

    def __missing__(self, text: str) -> int:
        number = self[text] = len(self.texts)
        if number >= 1 << ID_BITS:
            raise ValueError(f"more than {(1 << ID_BITS) - 1:,} distinct words")
        self.texts.append(text)
        return number


class _Tokens:
    """The keys of each post's text, as arrays of numbers.

    A text is split at white space (in C); each distinct piece is cut once
    per index into ``_TOKEN``'s tokens (a word, a run of punctuation, a run
    of underscores: the same cuts as ``segments``, which never cross white
    space) and remembered as the numbers of its tokens: its written words,
    and for every token its folded syllable's number times two, plus one if
    it is capitalised as names are (0 for punctuation, a break between
    words). A post's keys are then worked out by NumPy on those numbers,
    not word by word in Python: a post of 550 words repeats most pieces.
    """

    def __init__(self) -> None:
        self.written = _Vocabulary()
        self.folded = _Vocabulary()
        self._words: dict[str, tuple[int, ...]] = {}  # piece -> written ids
        self._codes: dict[str, tuple[int, ...]] = {}  # piece -> folded id, capital

    def _learn(self, pieces: Iterable[str]) -> None:
        written_ids, folded_ids = self.written, self.folded
        for piece in pieces:
            if _WORD.fullmatch(piece):  # most pieces: one word
                written, folded = forms(piece)
                self._words[piece] = (written_ids[written],)
                self._codes[piece] = (folded_ids[folded] << 1 | piece[0].isupper(),)
                continue
            words, codes = [], []
            for token in _TOKEN.findall(piece):
                if _WORD.fullmatch(token):
                    written, folded = forms(token)
                    words.append(written_ids[written])
                    codes.append(folded_ids[folded] << 1 | token[0].isupper())
                else:  # punctuation or underscores: a break between words
                    codes.append(0)
            self._words[piece], self._codes[piece] = tuple(words), tuple(codes)

    def post(self, text: str, heading: str) -> tuple[np.ndarray, ...]:
        """Return a post's keys: written words, pairs, name pairs; heading words, pairs.

        Each is an ascending array of distinct numbers: words by their
        ``written`` or ``folded`` number, pairs as ``first << ID_BITS |
        second`` of folded numbers, never across punctuation.
        """
        pieces = nfc(text).split()
        head = nfc(heading).split()  # in practice, pieces of the text too
        distinct = set(pieces)
        self._learn(distinct.union(head).difference(self._codes))
        written = _chain(map(self._words.__getitem__, distinct))
        words = _distinct(np.fromiter(written, np.int64))
        codes = np.fromiter(_chain(map(self._codes.__getitem__, pieces)), np.int64)
        folded = codes >> 1
        head_codes = _chain(map(self._codes.__getitem__, head))
        head_folded = np.fromiter(head_codes, np.int64) >> 1
        return (
            words,
            _pairs(folded),
            _pairs(folded * (codes & 1)),  # a name's syllables are capitalised
            _distinct(head_folded[head_folded != 0]),
            _pairs(head_folded),
        )


def _pairs(ids: np.ndarray) -> np.ndarray:
    """Return the distinct adjacent pairs of ``ids`` with no 0 (a break) in them."""
    first, second = ids[:-1], ids[1:]
    both = (first != 0) & (second != 0)
    return _distinct((first << ID_BITS | second)[both])


def _distinct(values: np.ndarray) -> np.ndarray:
    """Return the distinct ``values`` ascending, sorting ``values`` in place.

    ``np.unique`` without its layers of Python: a post's five calls made
    hundreds of Python calls, more than the post's words.
    """
    values.sort()
    first = np.empty(len(values), dtype=bool)
    first[:1] = True
    np.not_equal(values[1:], values[:-1], out=first[1:])
    return values[first]


class _Postings:
    """For each key, the posts that have it, gathered post by post.

    Each post's keys are kept as postings, ``key << POST_BITS | post``;
    ``lists`` sorts them all once (each key's posts then follow in
    post-number order) and gives each key's posts as ``lists.encode``
    writes them: the gaps' texts are looked up and joined in C, a block
    at a time, and each key's list is a slice of the block's text.
    """

    def __init__(self) -> None:
        self._postings: list[np.ndarray] = []

    def add(self, keys: np.ndarray, number: int) -> None:
        """Add the keys (distinct; an array this takes over) of post ``number``."""
        keys <<= POST_BITS
        keys |= number
        self._postings.append(keys)

    def lists(self) -> Iterator[tuple[int, int, str]]:
        """Yield each key, its number of posts and their encoded list; forget them."""
        if not self._postings:
            return
        postings = np.concatenate(self._postings)
        self._postings = []
        postings.sort()
        keys = postings >> POST_BITS
        posts = postings & ((1 << POST_BITS) - 1)
        del postings
        starts = np.flatnonzero(np.diff(keys, prepend=-1))  # keys are never negative
        firsts = keys[starts]
        del keys
        gaps = np.diff(posts, prepend=-1)
        gaps[starts] = posts[starts] + 1
        del posts
        ends = np.append(starts[1:], len(gaps))
        at = 0
        while at < len(starts):  # a block of keys at a time: bounded texts
            stop = max(at + 1, int(np.searchsorted(starts, starts[at] + _BLOCK)))
            base, end = int(starts[at]), int(ends[stop - 1])
            text, offsets = _gap_texts(gaps[base:end])
            for key, first, last in zip(
                firsts[at:stop].tolist(),
                (starts[at:stop] - base).tolist(),
                (ends[at:stop] - base).tolist(),
                strict=True,
            ):
                yield key, last - first, text[offsets[first] : offsets[last] - 1]
            at = stop


_SMALL_GAPS = np.array(GAP_TEXTS, dtype=object)  # as ``lists.encode`` looks them up


def _gap_texts(gaps: np.ndarray) -> tuple[str, list[int]]:
    """Return the gaps' base-36 texts, each followed by ".", and where each starts."""
    tokens = _SMALL_GAPS[np.minimum(gaps, len(_SMALL_GAPS) - 1)]
    digits = np.ones(len(gaps), dtype=np.int64)
    for big in np.flatnonzero(gaps >= len(_SMALL_GAPS)).tolist():  # rare
        tokens[big] = base36(int(gaps[big]))
        digits[big] = len(tokens[big])
    digits[(gaps >= 36) & (gaps < len(_SMALL_GAPS))] = 2
    offsets = np.zeros(len(gaps) + 1, dtype=np.int64)
    np.cumsum(digits + 1, out=offsets[1:])
    return ".".join(tokens.tolist()) + ".", offsets.tolist()


class WordIndex:
    """One language's word index, built one post at a time in post-number order.

    ``add`` takes the posts newest first (``ordered``), numbering them as
    they come, and returns each one's text file, which can be written at
    once: the indexer's process (``process.py``) indexes each post as the
    build describes it, without waiting for them all. ``files`` returns
    the rest of the index once every post is added.
    """

    def __init__(self, root: str) -> None:
        self.root = root
        self.count = 0
        self._tokens = _Tokens()
        # written words; body pairs, name pairs ("!"); heading words, pairs ("^")
        self._postings = tuple(_Postings() for _ in range(5))

    def add(self, document: SearchDocument) -> tuple[str, bytes]:
        """Index the next post; return its text file's path and bytes."""
        number = self.count
        if number >= 1 << POST_BITS:
            raise ValueError(f"more than {(1 << POST_BITS) - 1:,} posts in a language")
        self.count += 1
        text = post_text(document)
        keys = self._tokens.post(
            f"{document.title}\n{text}\n{document.units_label}",
            f"{document.title}\n{document.units_label}",
        )
        for postings, found in zip(self._postings, keys, strict=True):
            postings.add(found, number)
        return f"{self.root}/text/{number}.txt", text.encode("utf-8")

    def files(self) -> dict[str, bytes]:
        """Return the index's files but the texts: words, pairs, prefixes."""
        root = self.root
        written, folded = self._tokens.written.texts, self._tokens.folded.texts
        words, body, names, head_words, head_pairs = self._postings
        mask = (1 << ID_BITS) - 1
        by_folded: dict[str, dict[str, str]] = defaultdict(dict)
        frequency: Counter = Counter()
        for key, count, encoded in words.lists():
            word = written[key]
            key_folded = forms(word)[1]
            by_folded[key_folded][word] = encoded
            frequency[key_folded] += count
        pairs: dict[tuple[str, str, str], str] = {}
        pair_bytes = 0
        for mark, postings in (("", body), ("^", head_pairs), ("!", names)):
            for key, count, encoded in postings.lists():
                pairs[mark, folded[key >> ID_BITS], folded[key & mask]] = encoded
                pair_bytes += count * 3
        word_shards = _shards(
            sum(len(v) for e in by_folded.values() for v in e.values())
        )
        pair_shards = _shards(pair_bytes)
        grouped: dict[str, dict[int, dict]] = {"words": defaultdict(dict)}
        for key_folded, entry in by_folded.items():
            grouped["words"][fnv1a(key_folded) % word_shards][key_folded] = entry
        for key, _, encoded in head_words.lists():
            word = folded[key]
            grouped["words"][fnv1a(word) % word_shards]["^" + word] = encoded
        grouped["pairs"] = defaultdict(dict)
        for (mark, first, second), encoded in pairs.items():
            shard = fnv1a(pair_shard_key(first, second)) % pair_shards
            grouped["pairs"][shard][f"{mark}{first} {second}"] = encoded
        files: dict[str, bytes] = {}
        for kind, shards in grouped.items():
            for shard, entries in shards.items():
                files[f"{root}/{kind}/{shard}.json"] = dump(entries)
        completions: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for key_folded, count in frequency.items():
            if len(key_folded) >= 2:
                completions[prefix_key(key_folded)].append((key_folded, count))
        for key, found in completions.items():
            found.sort(key=lambda item: (-item[1], item[0]))
            files[f"{root}/prefix/{key}.json"] = dump(
                [[word, count] for word, count in found[:PREFIX_KEEP]]
            )
        files[f"{root}/words.json"] = dump({"words": word_shards, "pairs": pair_shards})
        return files
