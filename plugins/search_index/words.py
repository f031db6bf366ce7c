"""A static word index for Vietnamese syllables, sharded for a static host.

Vietnamese writes one syllable per word, and readers type them with or without
diacritics, with either tone placement ("Hoà" = "Hòa"). For each language the
index holds, beside the lists of ``lists.py`` (same post numbers, newest first):

- ``words/{shard}.json``: for each syllable without diacritics (``"hoa"``, Đ
  folded to D), the posts of each written form (``{"hòa": …, "hóa": …}``,
  tone marks in the modern place) and, under ``"^hoa"``, the posts whose
  title or units hold it;
- ``pairs/{shard}.json``: for each two adjacent syllables (``"tan binh"``, not
  across punctuation) the posts where they follow each other, and under
  ``"^tan binh"`` those with them in the title or units, and under
  ``"!tan binh"`` those where both are capitalised, as names are: word
  order, adjacency, quoted phrases and completions come from these;
- ``prefix/{key}.json``: the syllables beginning with two letters, most
  frequent first, to complete a last syllable still being typed;
- ``text/{number}.txt``: the post's text, for excerpts and to check a phrase.

A list is written as in ``lists.py``. A syllable's shard is the FNV-1a hash of
its UTF-8 bytes modulo the number of shards; a pair's, of its first syllable,
a space and the first letter of the second, so that the pairs a partial last
syllable may complete ("co t" → "co to", "co the") are all in one file. The
number of shards grows with the index, so a file stays a few kilobytes.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from functools import lru_cache
from itertools import chain
from typing import TypeVar

import numpy as np

from vietnamese import fold_diacritics, modern_tone_placement, nfc

from .documents import SearchDocument, html_text
from .lists import LISTS_DIR, base36, dump

_Post = TypeVar("_Post")  # a SearchDocument or a Pelican post: save_as, date
#: Target raw bytes of one shard file (compressed, about a third).
SHARD_BYTES = 6000
#: Completions kept per two-letter prefix.
PREFIX_KEEP = 60
_SEGMENT = re.compile(r"[^\w\s]+|_+")
_WORD = re.compile(r"[^\W_]+")
#: A word, a run of punctuation or a run of underscores: ``_SEGMENT``'s cuts
#: and ``_WORD``'s words in one pass (spaces fall between tokens).
_TOKEN = re.compile(r"[^\W_]+|[^\w\s]+|_+")


@lru_cache(maxsize=1 << 18)
def forms(word: str) -> tuple[str, str]:
    """Return a word's written form (lower case, modern tones) and its folded key."""
    written = modern_tone_placement(word.lower())
    return written, fold_diacritics(written)


def segments(text: str) -> list[list[tuple[str, str]]]:
    """Return the runs of words between punctuation, each word as ``forms``."""
    return [[(w, f) for w, f, _ in run] for run in _runs(text)]


def _runs(text: str) -> list[list[tuple[str, str, bool]]]:
    """Return ``segments`` with, for each word, whether it is capitalised."""
    runs = []
    for part in _SEGMENT.split(nfc(text)):
        words = [(*forms(word), word[0].isupper()) for word in _WORD.findall(part)]
        if words:
            runs.append(words)
    return runs


def fnv1a(text: str) -> int:
    """Return the 32-bit FNV-1a hash of ``text``'s UTF-8 bytes (as the page does)."""
    value = 0x811C9DC5
    for byte in text.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value


def pair_shard_key(first: str, second: str) -> str:
    """Return what places the pair of two folded syllables in its shard."""
    return f"{first} {second[:1]}"


def prefix_key(word: str) -> str:
    """Return the file name of the completions of a folded word (2 letters or more)."""
    return "-".join(f"{ord(char):x}" for char in word[:2])


def post_text(document: SearchDocument) -> str:
    """Return the post's own text, for excerpts: its body, then its event facts.

    The list of its units is searched too, but is no text of the post: an
    excerpt never shows it (the result shows the units on their own line).
    """
    lines = [html_text(document.body_html), *document.facts]
    return "\n".join(line for line in lines if line)


def _shards(total_bytes: int) -> int:
    count = 1
    while count * SHARD_BYTES < total_bytes and count < 8192:
        count *= 2
    return count


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

    def texts(self, keys: tuple[np.ndarray, ...]) -> tuple[set, ...]:
        """Return ``post``'s keys as texts: sets of words and of pairs of words."""
        written, folded = self.written.texts, self.folded.texts
        mask = (1 << ID_BITS) - 1

        def pairs(found: np.ndarray) -> set[tuple[str, str]]:
            return {
                (folded[key >> ID_BITS], folded[key & mask]) for key in found.tolist()
            }

        words, body, names, head_words, head_pairs = keys
        return (
            {written[key] for key in words.tolist()},
            pairs(body),
            pairs(names),
            {folded[key] for key in head_words.tolist()},
            pairs(head_pairs),
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


#: The text of every gap below 36², as ``lists.encode`` writes it.
_SMALL_GAPS = np.array([base36(gap) for gap in range(36 * 36)], dtype=object)


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


def build_words(posts: Sequence[SearchDocument], root: str) -> dict[str, bytes]:
    """Return the word index files of one language's ``posts`` (numbered in order)."""
    index = WordIndex(root)
    files = dict(map(index.add, posts))
    files.update(index.files())
    return files


def ordered(documents: Iterable[_Post]) -> list[_Post]:
    """Return documents (or posts) in post-number order: newest first, then by path.

    Each language's posts are numbered in this order; documents given to the
    indexer in it can be indexed one by one, as they come.
    """
    posts = sorted(documents, key=lambda document: document.save_as)
    posts.sort(key=lambda document: document.date, reverse=True)
    return posts


def build_word_index(documents: Iterable[SearchDocument]) -> dict[str, bytes]:
    """Return the word index files of every language, keyed by path in the bundle."""
    languages: dict[str, list[SearchDocument]] = defaultdict(list)
    for document in documents:
        languages[document.lang].append(document)
    files: dict[str, bytes] = {}
    for lang, posts in sorted(languages.items()):
        files.update(build_words(ordered(posts), f"{LISTS_DIR}/{lang}"))
    return files
