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


def read_record(path: Path):
    """Return the CBOR record of a Pagefind file."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise BundleFormatError(f"{path}: no {SIGNATURE.decode()} signature")
    return cbor2.loads(data[len(SIGNATURE) :])


def encode_record(record) -> bytes:
    """Return the uncompressed bytes of a Pagefind file holding ``record``."""
    return SIGNATURE + cbor2.dumps(record)


def _write_named(folder: Path, prefix: str, suffix: str, data: bytes, length: int):
    """Write ``data`` gzipped as ``{prefix}{hash}{suffix}``; return the hash part."""
    digest = hashlib.sha1(data, usedforsecurity=False).hexdigest()
    while True:  # a shorter hash taken by other content: lengthen, as Pagefind does
        name = digest[:length]
        path = folder / f"{prefix}{name}{suffix}"
        packed = gzip.compress(data, compresslevel=9, mtime=0)
        if not path.exists() or path.read_bytes() == packed or length >= len(digest):
            path.write_bytes(packed)
            return name
        length += 1


def _canonical_filter(bundle: Path, lang: str, old_hash: str) -> str:
    """Sort one filter file's values; return the hash of its new name."""
    path = bundle / "filter" / f"{old_hash}.pf_filter"
    name, values = read_record(path)
    values = sorted(values, key=lambda value: value[0])
    path.unlink()
    new = _write_named(
        path.parent,
        f"{lang}_",
        ".pf_filter",
        encode_record([name, values]),
        FILTER_HASH_LENGTH,
    )
    return f"{lang}_{new}"


def canonicalise(bundle: Path) -> None:
    """Rewrite ``bundle``'s filters, metadata and entry file in a fixed order."""
    entry_path = bundle / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    languages = {}
    for lang in sorted(entry["languages"]):
        info = dict(entry["languages"][lang])
        meta_path = bundle / f"pagefind.{info['hash']}.pf_meta"
        meta = read_record(meta_path)
        for item in meta[META_FILTERS]:
            item[1] = _canonical_filter(bundle, lang, item[1])
        meta[META_FILTERS].sort(key=lambda item: item[0])
        meta[META_SORTS].sort(key=lambda item: item[0])
        meta_path.unlink()
        data = encode_record(meta)
        name = f"pagefind.{lang}_"
        new = _write_named(bundle, name, ".pf_meta", data, META_HASH_LENGTH)
        info["hash"] = f"{lang}_{new}"
        languages[lang] = info
    entry["languages"] = languages
    entry_path.write_text(
        json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )
