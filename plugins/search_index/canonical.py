"""Rewrite the parts of a Pagefind bundle that Pagefind writes in random order.

Pagefind keeps filters, their values and languages in hash maps whose order
changes on every run (Rust's random hash seed), so the same documents give
filter files with their values in another order, other file names, another
``pf_meta`` and another ``pagefind-entry.json``. This module sorts them
(values by value, filters and sorts by name, languages by code) and names the
rewritten files by a hash of their new content, as Pagefind does, so two
builds of the same posts write byte-identical bundles. Search results are
unchanged: Pagefind's client looks filters, values and languages up by name.

Pagefind files are gzip-compressed CBOR after a ``pagefind_dcd`` signature;
``cbor2`` reads and writes them (the tests check it rewrites Pagefind's own
encoding byte for byte).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path

import cbor2

SIGNATURE = b"pagefind_dcd"
ENTRY = "pagefind-entry.json"
#: Positions of the lists in a pf_meta record (Pagefind's ``MetaIndex``).
META_FILTERS, META_SORTS = 3, 4
#: Hex digits of a content hash in a file name, as Pagefind writes them.
FILTER_HASH_LENGTH, META_HASH_LENGTH = 7, 10


class BundleFormatError(ValueError):
    """A file of the bundle is not in the format this Pagefind version writes."""


def decode_record(name: str, packed: bytes):
    """Return the CBOR record of a Pagefind file (gzipped, with its signature)."""
    try:
        data = gzip.decompress(packed)
    except (OSError, EOFError) as error:
        raise BundleFormatError(f"{name}: not gzip ({error})") from error
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{name}: no {SIGNATURE.decode()} signature")
    try:
        return cbor2.loads(data[len(SIGNATURE) :])
    except cbor2.CBORDecodeError as error:
        raise BundleFormatError(f"{name}: {error}") from error


def read_record(path: Path):
    """Return the CBOR record of a Pagefind file on disk."""
    return decode_record(path.name, path.read_bytes())


def encode_record(record) -> bytes:
    """Return the uncompressed bytes of a Pagefind file holding ``record``."""
    return SIGNATURE + cbor2.dumps(record)


def _named(files: dict[str, bytes], pattern: str, record, length: int) -> str:
    """Add ``record`` to ``files`` named by its content hash; return the hash.

    ``pattern`` holds ``{}`` where the hash goes. A shorter hash taken by
    other content is lengthened, as Pagefind does.
    """
    data = encode_record(record)
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    packed = gzip.compress(data, compresslevel=9, mtime=0)
    taken = files.get(pattern.format(digest[:length]))
    while taken is not None and taken != packed and length < len(digest):
        length += 1
        taken = files.get(pattern.format(digest[:length]))
    files[pattern.format(digest[:length])] = packed
    return digest[:length]


def canonicalise(files: dict[str, bytes]) -> dict[str, bytes]:
    """Return the bundle ``files`` (path: bytes), its order-dependent files sorted."""
    files = dict(files)
    try:
        entry = json.loads(files[ENTRY])
        languages = entry["languages"]
    except (KeyError, ValueError, TypeError) as error:
        raise BundleFormatError(f"{ENTRY}: unreadable ({error!r})") from error
    try:
        entry["languages"] = {
            lang: _canonical_language(files, lang, dict(languages[lang]))
            for lang in sorted(languages)
        }
    except (KeyError, IndexError, TypeError) as error:
        raise BundleFormatError(f"unexpected bundle layout ({error!r})") from error
    text = json.dumps(entry, ensure_ascii=False, separators=(",", ":"))
    files[ENTRY] = text.encode("utf-8")
    return files


def _canonical_language(files: dict[str, bytes], lang: str, info: dict) -> dict:
    """Rewrite one language's filters and metadata in ``files``; return its entry."""
    meta_name = f"pagefind.{info['hash']}.pf_meta"
    meta = decode_record(meta_name, files.pop(meta_name))
    for item in meta[META_FILTERS]:
        name = f"filter/{item[1]}.pf_filter"
        filter_name, values = decode_record(name, files.pop(name))
        values = sorted(values, key=lambda value: value[0])
        pattern = f"filter/{lang}_{{}}.pf_filter"
        short = _named(files, pattern, [filter_name, values], FILTER_HASH_LENGTH)
        item[1] = f"{lang}_{short}"
    meta[META_FILTERS].sort(key=lambda item: item[0])
    meta[META_SORTS].sort(key=lambda item: item[0])
    short = _named(files, f"pagefind.{lang}_{{}}.pf_meta", meta, META_HASH_LENGTH)
    info["hash"] = f"{lang}_{short}"
    return info
