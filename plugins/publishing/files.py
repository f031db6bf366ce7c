"""What a deploy knows about each file of ``output/``: hash, type, cache, phase."""

from __future__ import annotations

import hashlib
import json
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path

MANIFEST_NAME = ".deploy-manifest.json"
# Longest suffix first: ``.atom.xml`` before ``.xml``.
CONTENT_TYPES = {
    ".atom.xml": "application/atom+xml; charset=utf-8",
    ".html": "text/html; charset=utf-8",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".webmanifest": "application/manifest+json",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".ico": "image/x-icon",
    ".woff2": "font/woff2",
    ".wasm": "application/wasm",
    # Pagefind's index files: gzip data its script fetches and inflates itself
    ".pf_fragment": "application/octet-stream",
    ".pf_index": "application/octet-stream",
    ".pf_meta": "application/octet-stream",
    ".pf_filter": "application/octet-stream",
    ".pagefind": "application/octet-stream",
    ".gz": "application/gzip",
    ".br": "application/x-brotli",
}
# Text files worth precompressing (and that servers compress on the fly).
TEXT_SUFFIXES = (".html", ".xml", ".txt", ".css", ".js", ".mjs", ".json", ".svg")
# A name carrying a content hash (site.3f2a1b9c0d.css, en_34df86b.pf_index,
# site-card-2da90b26.jpg, a photo's x-2da90b26-800.webp) never changes content:
# cache it for a year. A hash has letters and digits: a date (20201218) is not one.
HASHED_NAME = re.compile(
    r"[._-](?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{7,}"
    r"(?:-(?:[0-9]+|og))?\.[A-Za-z0-9_.]+$"
)
# Pagefind names every file of these folders by its content.
PAGEFIND_HASHED = re.compile(r"^pagefind/(fragment|index|filter)/[^/]+$")
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "no-cache"  # HTML, feeds, sitemap: always ask if it changed
SHORT = "public, max-age=3600"  # other assets (photos, unhashed scripts)
# Files readers enter by (pages, feeds, the sitemap, Pagefind's entry point)
# or that configure the host: uploaded after every asset they may reference.
ENTRY_NAMES = (
    "robots.txt",
    "pagefind-entry.json",
    "_headers",
    "_redirects",
    ".htaccess",
    ".nojekyll",
    "CNAME",
)
ENTRY_SUFFIXES = (".html", ".xml")
COMPRESSED = (".gz", ".br")


def base_name(path: str) -> str:
    """Return ``path`` without a precompression suffix (``a.html.br`` → ``a.html``)."""
    for suffix in COMPRESSED:
        if path.endswith(suffix) and Path(path[: -len(suffix)]).suffix:
            return path[: -len(suffix)]
    return path


def content_type(path: str) -> str:
    """Return the Content-Type of the file at site path ``path``."""
    name = path.lower()
    for suffix, kind in CONTENT_TYPES.items():
        if name.endswith(suffix):
            return kind
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"


def content_encoding(path: str) -> str | None:
    """Return ``gzip``/``br`` for a precompressed sibling, else None."""
    if base_name(path) == path:
        return None
    return "br" if path.endswith(".br") else "gzip"


def cache_control(path: str) -> str:
    """Return the Cache-Control header for ``path``: immutable, revalidate or short."""
    name = base_name(path)
    if is_entry(name) or name.endswith((".json", ".txt")):
        return REVALIDATE
    if HASHED_NAME.search(name.rsplit("/", 1)[-1]) or PAGEFIND_HASHED.match(name):
        return IMMUTABLE
    return SHORT


def is_entry(path: str) -> bool:
    """Tell whether ``path`` is a page, feed, sitemap or host file (uploaded last)."""
    name = base_name(path)
    return name.endswith(ENTRY_SUFFIXES) or name.rsplit("/", 1)[-1] in ENTRY_NAMES


@dataclass(frozen=True)
class LocalFile:
    """One file of the built site: its site path, SHA-256 and size."""

    path: str
    sha256: str
    size: int


def file_hash(path: Path) -> str:
    """Return the SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for block in iter(lambda: stream.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def scan(output: Path) -> dict[str, LocalFile]:
    """Return every file under ``output`` by site path (``a/b.html``), sorted."""
    files: dict[str, LocalFile] = {}
    for path in sorted(Path(output).rglob("*")):
        if path.is_file() and not path.is_symlink():
            name = path.relative_to(output).as_posix()
            if name == MANIFEST_NAME:
                continue
            files[name] = LocalFile(name, file_hash(path), path.stat().st_size)
    return files


def manifest_bytes(files: dict[str, LocalFile]) -> bytes:
    """Return the manifest a target keeps: each file's SHA-256 by site path."""
    data = {
        "version": 1,
        "files": {name: f.sha256 for name, f in sorted(files.items())},
    }
    return json.dumps(data, indent=0, sort_keys=True).encode("utf-8")


def read_manifest(data: bytes | None) -> dict[str, str]:
    """Return the hashes of a target's manifest (empty for a first deploy)."""
    if not data:
        return {}
    try:
        files = json.loads(data.decode("utf-8"))["files"]
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        return {}  # unreadable: upload everything again, which is always right
    return {str(k): str(v) for k, v in files.items()} if isinstance(files, dict) else {}
