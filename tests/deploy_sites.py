"""The deploy tests' sites and targets (tests/test_publishing_deploy*.py).

Three published sites, built once per test session (``shared_build``) for
the deploy modules, which run on different workers: the site (v1), after a
one-post edit (edited), after a new and a removed post plus the edit (v2).
Each target is a real server on this machine with a way to read back what
it serves. And one ``make deploy`` of a fresh site (``made_deploy``), whose
published output the publish, CDN and deploy modules read.
"""

from __future__ import annotations

import functools
import hashlib
import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from selectolax.lexbor import LexborHTMLParser

from publishing.engine import deploy
from publishing.files import MANIFEST_NAME
from publishing.targets import make_target
from tests import deploy_servers as servers
from tests.sitebuild import ROOT, Build, build, copy_content, shared_build

if TYPE_CHECKING:
    import pytest

SITEURL = "https://tintuc.doanphuong.example.vn"
EDITED = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"
REMOVED = "posts/2020/kiem-tra-cong-tac-doan-quang-ninh-2020"
ADDED_FROM = "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"


def publish(content: Path, output: Path) -> Build:
    """Build ``content`` with the publish settings."""
    (content / "data" / "site.yml").write_text(f"url: {SITEURL}\n", encoding="utf-8")
    # With Pagefind's bundle too, whose hashed files are cached for good.
    extra = {"SEARCH_INDEX_PAGEFIND": "true"}
    return build(content, output, settings="publishconf.py", extra=extra)


def _edit(content: Path) -> Path:
    """Append a sentence to one post (the edited site)."""
    post = content / EDITED
    post.write_text(post.read_text() + "\nMột câu mới được thêm vào bài.\n")
    return content


def _edit_add_and_remove(content: Path) -> Path:
    """The edit, one post removed and one added (v2)."""
    _edit(content)
    for suffix in (".md", ".en.md"):
        (content / f"{REMOVED}{suffix}").unlink()
    new = (content / ADDED_FROM).read_text()
    new = new.replace(
        "slug: doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021", "slug: bai-moi-2021"
    )
    new = new.replace("title: ", "title: Bài mới — ", 1)
    (content / "posts/2021/bai-moi-2021.md").write_text(new)
    return content


CHANGES = {"v1": lambda content: content, "edited": _edit, "v2": _edit_add_and_remove}


def published_site(tmp_path_factory: pytest.TempPathFactory, name: str) -> Path:
    """Return the output of the published site ``name`` (v1, edited or v2),
    built once per session (read-only)."""

    def make(folder: Path) -> Build:
        content = CHANGES[name](copy_content(folder / "content"))
        return publish(content, folder / "output")

    result = shared_build(tmp_path_factory, f"deploy-{name}", make)
    assert result.returncode == 0, result.log
    return result.output


def published_sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Return the outputs of v1, edited and v2, built once per session (the
    deploys only read them)."""
    return {name: published_site(tmp_path_factory, name) for name in CHANGES}


def made_deploy(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """Return ``make deploy`` of a fresh copy of the tests' site, run once per
    session: ``site.yml`` sets the URL and a GitHub Pages target (a bare
    repository, ``output.parent / "pages.git"``), Vietnamese messages.

    ``make deploy`` is ``make publish`` (check, preflight, Pelican with
    publishconf.py, then the CDN step) followed by ``make upload``: its
    output is what ``make publish`` writes, its log both commands' messages
    (stdout, then stderr). The content is ``output.parent / "content"``, so
    the compression cache is ``output.parent / "cache"``. Read-only."""

    def make(folder: Path) -> Build:
        content = copy_content(folder / "content")
        bare = servers.bare_repository(folder / "pages.git")
        (content / "data" / "site.yml").write_text(
            f"url: {SITEURL}\ndeploy:\n  target: github-pages\n  repository: {bare}\n",
            encoding="utf-8",
        )
        environ = {
            k: v
            for k, v in os.environ.items()
            if not k.startswith(("SITEURL", "DEPLOY_"))
        }
        environ["LANGUAGE"] = "vi"  # the writers' language
        venv = Path(sys.executable).parent.parent
        result = subprocess.run(
            ["make", "--no-print-directory", "-C", str(ROOT), "deploy",
             f"VENV={venv}", f"INPUTDIR={content}", f"OUTPUTDIR={folder / 'output'}"],
            capture_output=True, text=True, env=environ, check=False,
        )  # fmt: skip
        return Build(
            result.returncode, result.stdout + result.stderr, folder / "output"
        )

    result = shared_build(tmp_path_factory, "make-deploy", make)
    assert result.returncode == 0, result.log
    return result


def tree(folder: Path, digest: Callable = hashlib.sha256) -> dict[str, str]:
    """Return every file under ``folder`` by path, with its SHA-256 (or
    ``digest``'s)."""
    return {
        path.relative_to(folder).as_posix(): digest(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


def published_tree(output: Path, digest: Callable = hashlib.sha256) -> dict[str, str]:
    """Return ``tree(output, digest)`` for a published site, hashed once per
    process: the sites are built once and only read, and every deploy test
    compares against them several times."""
    return dict(_published_tree(output, digest().name))


@functools.cache
def _published_tree(output: Path, digest_name: str) -> dict[str, str]:
    return tree(output, functools.partial(hashlib.new, digest_name))


def served(files: dict[str, str]) -> dict[str, str]:
    """Drop what the deploy keeps for itself (manifest, GitHub's marker files)."""
    return {
        k: v for k, v in files.items() if k not in (MANIFEST_NAME, ".nojekyll", "CNAME")
    }


# --- the targets, each with a way to read back what it serves -----------------


@contextmanager
def ssh_target(kind: str, tmp: Path) -> Iterator[tuple[dict, Callable[[], dict]]]:
    with servers.ssh_server(tmp / "sshd") as server:
        root = tmp / "www"
        root.mkdir()
        yield server.settings(kind, root), lambda: tree(root)


@contextmanager
def ftp_target(kind: str, tmp: Path, monkeypatch) -> Iterator[tuple[dict, Callable]]:
    with servers.ftp_server(tmp / "ftp", tls=kind == "ftps") as server:
        monkeypatch.setenv("DEPLOY_PASSWORD", server["password"])
        yield server["settings"], lambda: tree(server["root"])


@contextmanager
def s3_target(tmp: Path) -> Iterator[tuple[dict, Callable]]:
    with servers.s3_server() as server:

        def read() -> dict[str, str]:
            """Every object by key, with the MD5 of its bytes: the ETag the
            server computed from what it received (one put each, no multipart:
            the listing says it, no object needs reading back)."""
            import boto3

            client = boto3.client(
                "s3", endpoint_url=server["endpoint"], region_name="us-east-1"
            )
            files = {}
            for page in client.get_paginator("list_objects_v2").paginate(
                Bucket="tintuc"
            ):
                for item in page.get("Contents", []):
                    etag = item["ETag"].strip('"')
                    assert "-" not in etag, item  # a multipart ETag is no MD5
                    files[item["Key"]] = etag
            return files

        yield server["settings"], read


@contextmanager
def git_target(tmp: Path) -> Iterator[tuple[dict, Callable]]:
    bare = servers.bare_repository(tmp / "pages.git")

    def read() -> dict[str, str]:
        checkout = tmp / "checkout"
        shutil.rmtree(checkout, ignore_errors=True)
        subprocess.run(
            [
                "git",
                "clone",
                "--quiet",
                "--branch",
                "gh-pages",
                str(bare),
                str(checkout),
            ],
            check=True,
        )
        shutil.rmtree(checkout / ".git")
        return tree(checkout)

    yield {"target": "github-pages", "repository": str(bare)}, read


TARGETS = ["rsync", "sftp", "ftp", "ftps", "s3", "github-pages", "folder"]


@contextmanager
def target_for(kind: str, tmp: Path, monkeypatch):
    if kind in ("rsync", "sftp"):
        with ssh_target(kind, tmp) as pair:
            yield pair
    elif kind in ("ftp", "ftps"):
        with ftp_target(kind, tmp, monkeypatch) as pair:
            yield pair
    elif kind == "s3":
        with s3_target(tmp) as pair:
            yield pair
    elif kind == "folder":
        (tmp / "www").mkdir(parents=True)
        yield {"target": "folder", "path": str(tmp / "www")}, lambda: tree(tmp / "www")
    else:
        with git_target(tmp) as pair:
            yield pair


def run(settings: dict, output: Path, **options):
    target = make_target(settings, SITEURL)
    try:
        return deploy(output, target, **options)
    finally:
        target.close()


def expected(output: Path, kind: str) -> dict[str, str]:
    """What ``kind``'s read-back should give for ``output`` (S3 gives MD5s)."""
    if kind != "s3":
        return published_tree(output)
    files = published_tree(output, hashlib.md5)
    # A bucket cannot choose .br/.gz per request: not uploaded.
    return {k: v for k, v in files.items() if not k.endswith((".br", ".gz"))}


@functools.cache
def links_of(page: bytes) -> tuple[str, ...]:
    """Return the href and src values of an HTML page, parsed once per content
    (an interrupted deploy serves only old or new bytes: the crawls that follow
    meet the same pages again) with Lexbor, the HTML standard's parser in C."""
    document = LexborHTMLParser(page.decode("utf-8"))
    return tuple(
        value
        for name in ("href", "src")
        for element in document.css(f"[{name}]")
        if (value := element.attributes.get(name))
    )


def reachable_pages_link_to_existing_files(root: Path) -> list[str]:
    """Crawl from the home pages as a reader would; return every broken link."""
    broken, seen = [], set()
    queue = ["index.html", "en/index.html"]
    while queue:
        page = queue.pop()
        if page in seen or not (root / page).is_file():
            continue
        seen.add(page)
        for link in links_of((root / page).read_bytes()):
            parts = urlsplit(link)
            if parts.scheme and f"{parts.scheme}://{parts.netloc}" != SITEURL:
                continue  # another site
            if not parts.path.startswith("/") or parts.path.startswith("//"):
                continue
            path = parts.path.lstrip("/")
            path = path + "index.html" if path.endswith("/") or not path else path
            if not (root / path).is_file():
                broken.append(f"{page} → {link}")
            elif path.endswith(".html"):
                queue.append(path)
    assert len(seen) > 20  # the crawl really walked the site
    return broken
