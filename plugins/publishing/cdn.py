"""Make ``output/`` ready for any host or CDN, after ``make publish`` has built it.

- ``.br`` and ``.gz`` beside every text file worth it, byte-identical from one
  build to the next (nginx ``gzip_static``/``brotli_static``, Apache below);
- ``_headers`` and ``_redirects`` for Netlify and Cloudflare Pages: hashed
  assets immutable for a year, the English 404 page for ``/en/``;
- ``.htaccess`` for Apache shared hosting: types, precompressed files, cache
  headers, both 404 pages. (nginx: ``docs/nginx.conf``.)

It runs after the whole build (Pagefind included), as the last step of
``make publish``, so it sees every file the site serves.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import brotli

from .files import (
    CONTENT_TYPES,
    HASHED_NAME,
    IMMUTABLE,
    REVALIDATE,
    SHORT,
    TEXT_SUFFIXES,
    cache_control,
)

DEFAULTS = {
    "PUBLISHING_PRECOMPRESS": False,  # on in publishconf.py
    "PUBLISHING_PRECOMPRESS_MIN_BYTES": 1024,  # smaller files gain nothing
    "PUBLISHING_BROTLI_QUALITY": 11,
    # Compressed files kept by content between builds (CI restores cache/).
    "PUBLISHING_PRECOMPRESS_CACHE": "cache/precompressed",
    "PUBLISHING_HOST_FILES": False,  # _headers, _redirects, .htaccess; on in publish
}
NOT_FOUND = {"": "404.html", "en/": "en/404.html"}


def setting(settings: dict, name: str):
    """Return a PUBLISHING_* setting, or its default."""
    return settings.get(name, DEFAULTS[name])


def _compress(job: tuple[str, int, int, str]) -> int:
    """Write ``path.gz`` and ``path.br`` when smaller; return the files written.

    Each result is kept in the cache folder by the SHA-256 of the file, so a
    rebuild compresses only the files that changed (Brotli at quality 11 is
    the slowest step of a publish otherwise).
    """
    path, minimum, quality, cache = job
    data = Path(path).read_bytes()
    if len(data) < minimum:
        return 0
    digest = hashlib.sha256(data + f"/{quality}".encode()).hexdigest()
    written = 0
    for suffix in (".gz", ".br"):
        kept = Path(cache) / digest[:2] / f"{digest}{suffix}" if cache else None
        packed = None
        if kept:
            try:
                packed = kept.read_bytes()
                os.utime(kept)  # still used: spared by the pruning
            except OSError:  # not there (or pruned by a concurrent run)
                packed = None
        if packed is None:
            packed = (
                gzip.compress(data, compresslevel=9, mtime=0)  # no timestamp
                if suffix == ".gz"
                else brotli.compress(data, quality=quality)
            )
            if kept:
                kept.parent.mkdir(parents=True, exist_ok=True)
                kept.write_bytes(packed)
        if len(packed) < len(data):
            Path(path + suffix).write_bytes(packed)
            written += 1
    return written


def precompress(
    output: Path, minimum: int = 1024, quality: int = 11, cache: Path | None = None
) -> int:
    """Write ``.br``/``.gz`` beside the text files in ``output``; count them.

    With ``cache``, results are reused by content and entries unused by this
    run are removed, so the cache holds one site's worth.
    """
    started = time.time()
    jobs = [
        (str(path), minimum, quality, str(cache or ""))
        for path in sorted(Path(output).rglob("*"))
        if path.is_file() and path.name.endswith(TEXT_SUFFIXES)
    ]
    with ProcessPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        written = sum(pool.map(_compress, jobs, chunksize=64))
    if cache and Path(cache).is_dir():
        for kept in Path(cache).glob("*/*"):
            if kept.stat().st_mtime < started - 1:
                kept.unlink(missing_ok=True)
    return written


def immutable_patterns(output: Path) -> list[str]:
    """Return the fewest ``/path`` patterns covering exactly the hashed assets.

    A folder whose every file is hashed becomes ``/folder/*`` (Pagefind's
    fragments, the sharing images); other hashed files are listed one by one.
    """
    files = [p.relative_to(output).as_posix() for p in output.rglob("*") if p.is_file()]
    hashed = {name for name in files if cache_control(name) == IMMUTABLE}
    in_folder: dict[str, list[str]] = defaultdict(list)
    for name in files:
        parts = name.split("/")
        for depth in range(1, len(parts)):
            in_folder["/".join(parts[:depth])].append(name)
    whole = sorted(
        folder
        for folder, names in in_folder.items()
        if all(name in hashed for name in names)
    )
    patterns, covered = [], set()
    for folder in whole:
        parent = folder.rsplit("/", 1)[0] if "/" in folder else None
        if parent in whole:
            continue  # the parent's pattern covers it
        patterns.append(f"/{folder}/*")
        covered.update(in_folder[folder])
    patterns += [f"/{name}" for name in sorted(hashed - covered)]
    return patterns


def headers_file(output: Path) -> str:
    """Return ``_headers`` (Netlify, Cloudflare Pages)."""
    lines = [
        "# Netlify and Cloudflare Pages (written by make publish): hashed assets",
        "# are cached for a year; pages keep the host's revalidation.",
        "/*",
        "  X-Content-Type-Options: nosniff",
        "  Referrer-Policy: strict-origin-when-cross-origin",
    ]
    for pattern in immutable_patterns(output):
        lines += [pattern, f"  Cache-Control: {IMMUTABLE}"]
    for suffix in (".pf_fragment", ".pf_index", ".pf_meta", ".pf_filter", ".wasm"):
        lines += [f"/pagefind/*{suffix}", f"  Content-Type: {CONTENT_TYPES[suffix]}"]
    return "\n".join(lines) + "\n"


def redirects_file() -> str:
    """Return ``_redirects`` (Netlify, Cloudflare Pages): the English 404 page."""
    return (
        "# Netlify and Cloudflare Pages (written by make publish). /404.html is\n"
        "# served for every other missing page.\n"
        "/en/*  /en/404.html  404\n"
    )


def htaccess_file() -> str:
    """Return ``.htaccess`` for Apache shared hosting."""
    types = "\n".join(
        f"  AddType {kind.split(';')[0]} {suffix}"
        for suffix, kind in CONTENT_TYPES.items()
        if suffix.count(".") == 1 and suffix not in (".gz", ".br", ".html")
    )
    hashed = HASHED_NAME.pattern.replace("$", "")
    return f"""# Apache (written by make publish): types, compression, cache, 404
ErrorDocument 404 /404.html
<If "%{{REQUEST_URI}} =~ m#^/en/#">
  ErrorDocument 404 /en/404.html
</If>
AddDefaultCharset utf-8
<Files ".deploy-manifest.json">
  Require all denied
</Files>
<IfModule mod_mime.c>
{types}
  AddType application/atom+xml .atom.xml
  AddEncoding br .br
  AddEncoding gzip .gz
</IfModule>
# Serve file.br or file.gz when the browser accepts it and it exists.
<IfModule mod_rewrite.c>
  RewriteEngine On
  RewriteCond %{{HTTP:Accept-Encoding}} \\bbr\\b
  RewriteCond %{{REQUEST_FILENAME}}.br -f
  RewriteRule ^(.*)$ $1.br [L]
  RewriteCond %{{HTTP:Accept-Encoding}} \\bgzip\\b
  RewriteCond %{{REQUEST_FILENAME}}.gz -f
  RewriteRule ^(.*)$ $1.gz [L]
  RewriteCond %{{REQUEST_FILENAME}} -d
  RewriteCond %{{HTTP:Accept-Encoding}} \\bbr\\b
  RewriteCond %{{REQUEST_FILENAME}}/index.html.br -f
  RewriteRule ^(.*?)/?$ $1/index.html.br [L]
  RewriteCond %{{REQUEST_FILENAME}} -d
  RewriteCond %{{HTTP:Accept-Encoding}} \\bgzip\\b
  RewriteCond %{{REQUEST_FILENAME}}/index.html.gz -f
  RewriteRule ^(.*?)/?$ $1/index.html.gz [L]
</IfModule>
<IfModule mod_headers.c>
  <FilesMatch "\\.(br|gz)$">
    Header append Vary Accept-Encoding
  </FilesMatch>
  <FilesMatch "\\.html(\\.br|\\.gz)?$">
    ForceType "text/html; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\\.css(\\.br|\\.gz)?$">
    ForceType "text/css; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\\.js(\\.br|\\.gz)?$">
    ForceType "text/javascript; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\\.xml(\\.br|\\.gz)?$">
    ForceType "application/xml; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\\.atom\\.xml(\\.br|\\.gz)?$">
    ForceType "application/atom+xml; charset=utf-8"
  </FilesMatch>
  <FilesMatch "\\.json(\\.br|\\.gz)?$">
    ForceType application/json
  </FilesMatch>
  Header set Cache-Control "{SHORT}"
  <FilesMatch "\\.(html|xml|json|txt)(\\.br|\\.gz)?$">
    Header set Cache-Control "{REVALIDATE}"
  </FilesMatch>
  <FilesMatch "{hashed}">
    Header set Cache-Control "{IMMUTABLE}"
  </FilesMatch>
</IfModule>
"""


def _cache_folder(settings: dict) -> Path | None:
    """Return the compression cache folder, or None.

    Relative to the folder holding the site's content (``SITE_CONTENT``, as
    the Makefile exports it, else ``PATH``): one cache per site, so that
    building another site (tests, the benchmark) never prunes this one's.
    """
    folder = setting(settings, "PUBLISHING_PRECOMPRESS_CACHE")
    if not folder:
        return None
    content = os.environ.get("SITE_CONTENT") or settings.get("PATH") or "content"
    base = Path(content).resolve().parent
    return Path(folder) if Path(folder).is_absolute() else base / folder


def prepare(output: Path, settings: dict) -> dict[str, int]:
    """Precompress and write the host files as ``settings`` ask; return counts."""
    output = Path(output)
    done = {"precompressed": 0, "host_files": 0}
    if setting(settings, "PUBLISHING_HOST_FILES"):
        (output / "_headers").write_text(headers_file(output), encoding="utf-8")
        (output / "_redirects").write_text(redirects_file(), encoding="utf-8")
        (output / ".htaccess").write_text(htaccess_file(), encoding="utf-8")
        done["host_files"] = 3
    if setting(settings, "PUBLISHING_PRECOMPRESS"):
        done["precompressed"] = precompress(
            output,
            setting(settings, "PUBLISHING_PRECOMPRESS_MIN_BYTES"),
            setting(settings, "PUBLISHING_BROTLI_QUALITY"),
            _cache_folder(settings),
        )
    return done
