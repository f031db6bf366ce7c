"""CDN-ready output: precompressed siblings, _headers, _redirects, .htaccess."""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import sys
from pathlib import Path

import brotli
import pytest

from publishing.cdn import precompress
from publishing.files import IMMUTABLE, TEXT_SUFFIXES, cache_control
from tests.deploy_sites import made_deploy
from tests.sitebuild import ROOT


def cdn(output: Path, settings: str = "publishconf.py") -> str:
    """Run the step `make publish` runs after Pelican; return its output.

    The site's content is beside ``output`` (its cache goes there too).
    """
    command = ["-m", "publishing", "cdn", "-s", settings, "--output", str(output)]
    result = subprocess.run(
        [sys.executable, *command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        env={
            **os.environ,
            "PYTHONPATH": "plugins",
            "SITE_CONTENT": str(output.parent / "content"),
        },
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The output of `make publish` (Pelican with publishconf.py, then the CDN
    step), from the session's `make deploy` (tests/deploy_sites.py): read-only."""
    return made_deploy(tmp_path_factory).output


def text_files(output: Path) -> list[Path]:
    return [
        p for p in output.rglob("*") if p.is_file() and p.name.endswith(TEXT_SUFFIXES)
    ]


def test_text_files_get_br_and_gz_siblings_with_the_same_bytes(published):
    checked = 0
    for path in text_files(published):
        data = path.read_bytes()
        br, gz = Path(f"{path}.br"), Path(f"{path}.gz")
        if len(data) < 1024:
            assert not br.exists() and not gz.exists(), path
            continue
        assert brotli.decompress(br.read_bytes()) == data, path
        assert gzip.decompress(gz.read_bytes()) == data, path
        assert br.stat().st_size < len(data) and gz.stat().st_size < len(data)
        checked += 1
    assert checked > 50
    assert not list(published.rglob("*.pf_fragment.gz"))  # Pagefind's are gzip already


def test_precompressed_files_are_the_same_bytes_every_build(published, tmp_path):
    """Compressing again gives the same bytes: one file of every text kind
    (each goes through the same code, which keeps no timestamp or state)."""
    kinds: dict[str, Path] = {}
    for path in sorted(text_files(published), key=lambda p: p.stat().st_size):
        if path.stat().st_size >= 1024:
            kinds[path.suffix] = path  # the largest of its kind
    assert {".html", ".css", ".js", ".json", ".xml"} <= kinds.keys(), kinds
    again = tmp_path / "again"
    for path in kinds.values():
        copy = again / path.relative_to(published)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(path.read_bytes())
    precompress(again)
    for path in kinds.values():
        for suffix in (".br", ".gz"):
            sibling = Path(f"{path}{suffix}")
            twin = again / sibling.relative_to(published)
            assert twin.read_bytes() == sibling.read_bytes(), sibling


def test_a_development_build_is_not_precompressed(tmp_path):
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("x" * 5000)
    assert "0 precompressed files" in cdn(output, "pelicanconf.py")
    assert not (output / "index.html.gz").exists()
    assert not (output / "_headers").exists()


def headers_rules(output: Path) -> list[tuple[re.Pattern, dict[str, str]]]:
    """Read ``_headers`` as Netlify and Cloudflare Pages do: path, then headers."""
    rules: list[tuple[re.Pattern, dict[str, str]]] = []
    for line in (output / "_headers").read_text().splitlines():
        if not line or line.startswith("#"):
            continue
        if not line.startswith(" "):
            pattern = re.escape(line).replace(r"\*", ".*")
            rules.append((re.compile(pattern + "$"), {}))
        else:
            name, value = line.strip().split(": ", 1)
            rules[-1][1][name] = value
    return rules


def test_headers_make_exactly_the_hashed_assets_immutable(published):
    rules = headers_rules(published)
    immutable = 0
    for path in published.rglob("*"):
        if not path.is_file() or path.suffix in (".br", ".gz"):
            continue  # Netlify and Cloudflare compress themselves
        url = "/" + path.relative_to(published).as_posix()
        cache = [
            h["Cache-Control"]
            for p, h in rules
            if p.match(url) and "Cache-Control" in h
        ]
        if cache_control(url[1:]) == IMMUTABLE:
            assert cache == [IMMUTABLE], url
            immutable += 1
        else:
            assert cache == [], url  # pages keep the host's revalidation
    assert immutable > 5  # the stylesheet, the scripts, the photos' variants
    css = next(published.glob("theme/css/site.*.css"))
    assert any(p.match("/" + css.relative_to(published).as_posix()) for p, _ in rules)


def test_redirects_and_htaccess_wire_both_404_pages(published):
    assert "/en/*  /en/404.html  404" in (published / "_redirects").read_text()
    htaccess = (published / ".htaccess").read_text()
    assert "ErrorDocument 404 /404.html" in htaccess
    assert "ErrorDocument 404 /en/404.html" in htaccess
    for kind in ("AddType image/webp .webp", "AddType application/wasm .wasm"):
        assert kind in htaccess
    assert (published / "404.html").is_file() and (published / "en/404.html").is_file()
    pattern = re.search(r'<FilesMatch "([^"]*0-9a-f[^"]*)">', htaccess).group(1)
    assert re.search(pattern, "site.f7c9a6de0b.css")  # the same rule as the deploy
    assert not re.search(pattern, "index.html")


def test_a_rebuild_reuses_the_compressed_files_of_unchanged_content(tmp_path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    site.mkdir()
    (site / "a.html").write_text("<p>Tin tức Đoàn</p>" * 200)
    (site / "b.html").write_text("<p>Đoàn phường</p>" * 200)
    assert precompress(site, cache=cache) == 4
    kept = {path.name: path for path in cache.glob("*/*")}
    assert len(kept) == 4
    # Mark one kept result: a second run must copy it rather than compress again.
    marked = next(p for p in kept.values() if p.suffix == ".gz")
    marked.write_bytes(gzip.compress(b"marked", mtime=0))
    stale = cache / "00" / "stale.br"
    stale.parent.mkdir(exist_ok=True)
    stale.write_bytes(b"x")
    os.utime(stale, (0, 0))
    precompress(site, cache=cache)
    assert b"marked" in [gzip.decompress(p.read_bytes()) for p in site.glob("*.gz")]
    assert not stale.exists()  # entries no build uses are pruned


def test_the_cache_belongs_to_the_site_built(published):
    """`make publish` built the tests' content: its cache is beside that content."""
    assert list((published.parent / "cache" / "precompressed").glob("*/*"))
