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
from collections import defaultdict
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import TypeVar

from vietnamese import fold_diacritics, modern_tone_placement, nfc

from .documents import SearchDocument, html_text
from .lists import LISTS_DIR

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


def build_words(posts: Sequence[SearchDocument], root: str) -> dict[str, bytes]:
    """Return the word index files of one language's ``posts`` (numbered in order)."""
    from .word_index import WordIndex  # NumPy: loaded by the indexer only

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
