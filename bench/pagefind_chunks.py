"""A minimal reproduction of Pagefind's chunk sizing on accented words (upstream-ready).

``python -m bench.pagefind_chunks [--pages 400] [--chunk-size N]`` indexes two
synthetic sites of the same shape with the Pagefind binary of ``pagefind-bin``
(service mode, no files of ours): one whose words come in accented variants,
as Vietnamese syllables do ("hòa", "hóa", "hỏa", "hoa" all fold to "hoa"), and
one with the same words unaccented. It prints the number and sizes of the
index chunks of each. Pagefind sizes a chunk by the positions of the base
(unaccented) word only, so the accented site's chunks come out several times
larger than the plain one's, for the same number of words.
"""

from __future__ import annotations

import argparse
import gzip
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from search_index.indexer import find_binary  # noqa: E402
from search_index.service import run_service  # noqa: E402

BASES = ["hoa", "tan", "binh", "doan", "thanh", "nien", "chi", "thu", "co", "to"]
TONES = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]  # ` ´ ? ~ .


def accented(word: str, rng: random.Random) -> str:
    """Put a random tone mark on the word's first vowel."""
    import unicodedata

    for index, char in enumerate(word):
        if char in "aeiou":
            marked = unicodedata.normalize("NFC", char + rng.choice(TONES))
            return word[:index] + marked + word[index + 1 :]
    return word


def pages(count: int, accents: bool, seed: int = 1):
    """Yield (URL, HTML) of ``count`` pages of 500 words each."""
    rng = random.Random(seed)
    for number in range(count):
        words = []
        for _ in range(500):
            base = rng.choice(BASES) + str(rng.randrange(40))
            words.append(accented(base, rng) if accents else base)
        body = " ".join(words)
        html = f"<main data-pagefind-body>{body}</main>"
        yield f"/p{number}/", f'<html lang="vi"><body>{html}</body></html>'


def chunk_sizes(files: dict[str, bytes]) -> list[int]:
    """Return the decompressed sizes of the index chunks of a bundle."""
    return sorted(
        len(gzip.decompress(data))
        for name, data in files.items()
        if name.endswith(".pf_index")
    )


def main(argv: list[str] | None = None) -> int:
    """Index both sites and print their chunk sizes."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--chunk-size", type=int, default=0)
    args = parser.parse_args(argv)
    binary = find_binary()
    for accents in (False, True):
        files = run_service(binary, pages(args.pages, accents), args.chunk_size)
        sizes = chunk_sizes(files)
        label = "accented variants" if accents else "plain words      "
        mean = sum(sizes) / len(sizes) / 1024
        print(
            f"{label}: {len(sizes)} chunks, mean {mean:.1f} KB,"
            f" largest {sizes[-1] / 1024:.1f} KB (uncompressed)"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
