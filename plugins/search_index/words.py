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
from collections import Counter, defaultdict, deque
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise, repeat
from typing import TypeVar

from vietnamese import fold_diacritics, modern_tone_placement, nfc

from .documents import SearchDocument, html_text
from .lists import LISTS_DIR, dump, encode

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


class _Tokens:
    """The words of texts, each distinct token worked out once per index.

    A text is cut into tokens in one pass (``_TOKEN``: a word, a run of
    punctuation, a run of underscores; spaces between), the same cuts as
    ``segments``. Each distinct token is looked up once, in three tables:
    its written form, its folded key, and that key again if it is
    capitalised as a name. A run of punctuation maps to "" in all three, so
    an adjacent pair that has "" on either side crosses punctuation and is
    never indexed (``build_words`` leaves it out). Looking the tokens up
    with ``map`` keeps the per-word work in C: a post of 550 words repeats
    most of them.
    """

    def __init__(self) -> None:
        self.written: dict[str, str] = {}
        self.folded: dict[str, str] = {}
        self.named: dict[str, str] = {}

    def _learn(self, tokens: Iterable[str]) -> None:
        for token in tokens:
            if _WORD.fullmatch(token):
                written, folded = forms(token)
                named = folded if token[0].isupper() else ""
            else:  # punctuation or underscores: a break between words
                written = folded = named = ""
            self.written[token] = written
            self.folded[token] = folded
            self.named[token] = named

    def post_keys(self, text: str, heading: str):
        """Return the written words, folded pairs, name pairs; heading words, pairs.

        Each as a set: a post is added once to the list of each. Pairs may
        hold "" (across punctuation): ``build_words`` leaves those out.
        """
        tokens = _TOKEN.findall(nfc(text))
        distinct = set(tokens)
        self._learn(distinct.difference(self.folded))
        words = set(map(self.written.__getitem__, distinct))
        words.discard("")
        folded = list(map(self.folded.__getitem__, tokens))
        named = list(map(self.named.__getitem__, tokens))
        pairs = set(pairwise(folded))
        names = set(pairwise(named))
        head_words: set[str] = set()
        head_pairs: set[tuple[str, str]] = set()
        for run in segments(heading):
            keys = [key for _, key in run]
            head_words.update(keys)
            head_pairs.update(pairwise(keys))
        return words, pairs, names, head_words, head_pairs


def _post_to(lists: defaultdict, keys: Iterable, number: int) -> None:
    """Append post ``number`` to the list of each of ``keys``.

    The loop runs in C (``map`` over the lists, consumed by an empty deque):
    a million postings at 1,000 posts.
    """
    deque(map(list.append, map(lists.__getitem__, keys), repeat(number)), maxlen=0)


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
        self._written: defaultdict[str, list[int]] = defaultdict(list)  # written
        self._heading: defaultdict[str, list[int]] = defaultdict(list)  # folded
        # "a b", "^a b" (heading), "!a b" (name) -> posts, by mark and pair
        self._marked: dict[str, defaultdict[tuple[str, str], list[int]]] = {
            mark: defaultdict(list) for mark in ("", "^", "!")
        }

    def add(self, document: SearchDocument) -> tuple[str, bytes]:
        """Index the next post; return its text file's path and bytes."""
        number = self.count
        self.count += 1
        text = post_text(document)
        words, body_pairs, names, head_words, head_pairs = self._tokens.post_keys(
            f"{document.title}\n{text}\n{document.units_label}",
            f"{document.title}\n{document.units_label}",
        )
        _post_to(self._written, words, number)
        _post_to(self._heading, head_words, number)
        _post_to(self._marked[""], body_pairs, number)
        _post_to(self._marked["^"], head_pairs, number)
        _post_to(self._marked["!"], names, number)
        return f"{self.root}/text/{number}.txt", text.encode("utf-8")

    def files(self) -> dict[str, bytes]:
        """Return the index's files but the texts: words, pairs, prefixes."""
        root = self.root
        pairs = {
            (mark, first, second): numbers
            for mark, lists in self._marked.items()
            for (first, second), numbers in lists.items()
            if first and second  # "": across punctuation, or not a name
        }
        by_folded: dict[str, dict[str, str]] = defaultdict(dict)
        frequency: Counter = Counter()
        for word, numbers in self._written.items():
            folded = forms(word)[1]
            by_folded[folded][word] = encode(numbers)
            frequency[folded] += len(numbers)
        word_shards = _shards(
            sum(len(v) for e in by_folded.values() for v in e.values())
        )
        pair_bytes = sum(len(numbers) * 3 for numbers in pairs.values())
        pair_shards = _shards(pair_bytes)
        grouped: dict[str, dict[int, dict]] = {"words": defaultdict(dict)}
        for folded, entry in by_folded.items():
            grouped["words"][fnv1a(folded) % word_shards][folded] = entry
        for word, numbers in self._heading.items():
            grouped["words"][fnv1a(word) % word_shards]["^" + word] = encode(numbers)
        grouped["pairs"] = defaultdict(dict)
        for (mark, first, second), numbers in pairs.items():
            shard = fnv1a(pair_shard_key(first, second)) % pair_shards
            grouped["pairs"][shard][f"{mark}{first} {second}"] = encode(numbers)
        files: dict[str, bytes] = {}
        for kind, shards in grouped.items():
            for shard, entries in shards.items():
                files[f"{root}/{kind}/{shard}.json"] = dump(entries)
        completions: dict[str, list[tuple[str, int]]] = defaultdict(list)
        for folded, count in frequency.items():
            if len(folded) >= 2:
                completions[prefix_key(folded)].append((folded, count))
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
