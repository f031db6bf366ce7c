"""``make deploy`` against real servers on this machine: rsync and SFTP (OpenSSH),
FTP and FTPS (pyftpdlib), S3 (moto's server), GitHub Pages (a bare repository).

Each target gets the whole site, then nothing on a second run, then only the
files a one-post edit changed; an interrupted deploy leaves every page a
reader can reach linking only to files that exist.
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
from urllib.parse import urlsplit

import keyring
import pytest
from bs4 import BeautifulSoup
from keyring.backend import KeyringBackend

from publishing.engine import DeployError, deploy
from publishing.files import IMMUTABLE, MANIFEST_NAME, REVALIDATE
from publishing.targets import make_target
from tests import deploy_servers as servers
from tests.sitebuild import ROOT, build, copy_content

SITEURL = "https://tintuc.doanphuong.example.vn"
EDITED = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"
REMOVED = "posts/2020/kiem-tra-cong-tac-doan-quang-ninh-2020"
ADDED_FROM = "posts/2021/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021.md"


def publish(content: Path, output: Path) -> Path:
    """Build ``content`` with the publish settings; return the output."""
    (content / "data" / "site.yml").write_text(f"url: {SITEURL}\n", encoding="utf-8")
    # With Pagefind's bundle too, whose hashed files are cached for good.
    extra = {"SEARCH_INDEX_PAGEFIND": "true"}
    result = build(content, output, settings="publishconf.py", extra=extra)
    assert result.returncode == 0, result.log
    return output


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The site (v1), after a one-post edit (edited), after a new and a removed
    post plus the edit (v2)."""
    root = tmp_path_factory.mktemp("sites")
    v1 = copy_content(root / "v1-content")
    edited = copy_content(root / "edited-content")
    post = edited / EDITED
    post.write_text(post.read_text() + "\nMột câu mới được thêm vào bài.\n")
    v2 = copy_content(root / "v2-content")
    shutil.copy(edited / EDITED, v2 / EDITED)
    for suffix in (".md", ".en.md"):
        (v2 / f"{REMOVED}{suffix}").unlink()
    new = (v2 / ADDED_FROM).read_text()
    new = new.replace(
        "slug: doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021", "slug: bai-moi-2021"
    )
    new = new.replace("title: ", "title: Bài mới — ", 1)
    (v2 / "posts/2021/bai-moi-2021.md").write_text(new)
    return {
        name: publish(content, root / f"{name}-output")
        for name, content in (("v1", v1), ("edited", edited), ("v2", v2))
    }


def tree(folder: Path, digest: Callable = hashlib.sha256) -> dict[str, str]:
    """Return every file under ``folder`` by path, with its SHA-256 (or
    ``digest``'s)."""
    return {
        path.relative_to(folder).as_posix(): digest(path.read_bytes()).hexdigest()
        for path in folder.rglob("*")
        if path.is_file()
    }


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
        return tree(output)
    files = tree(output, hashlib.md5)
    # A bucket cannot choose .br/.gz per request: not uploaded.
    return {k: v for k, v in files.items() if not k.endswith((".br", ".gz"))}


@pytest.mark.parametrize("kind", TARGETS)
def test_a_deploy_sends_everything_then_nothing_then_only_what_an_edit_changed(
    kind, sites, tmp_path, monkeypatch
):
    with target_for(kind, tmp_path, monkeypatch) as (settings, read):
        first = run(settings, sites["v1"])
        assert served(read()) == expected(sites["v1"], kind)
        assert first.uploaded == len(expected(sites["v1"], kind)) and first.deleted == 0

        again = run(settings, sites["v1"])
        assert (again.uploaded, again.deleted, again.bytes) == (0, 0, 0)
        assert again.skipped == first.uploaded

        uploaded: list[str] = []
        edit = run(
            settings, sites["edited"], on_upload=lambda item: uploaded.append(item.path)
        )
        assert served(read()) == expected(sites["edited"], kind)
        old, new = expected(sites["v1"], kind), expected(sites["edited"], kind)
        changed = {name for name, digest in new.items() if old.get(name) != digest}
        assert set(uploaded) == changed
        assert edit.uploaded == len(changed) and edit.deleted == len(
            old.keys() - new.keys()
        )
        assert "2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/index.html" in changed
        assert len(changed) < len(new) / 5  # a few pages and search files, not the site


@functools.cache
def links_of(page: bytes) -> tuple[str, ...]:
    """Return the href and src values of an HTML page, parsed once per content
    (an interrupted deploy serves only old or new bytes: the crawls that follow
    meet the same pages again)."""
    soup = BeautifulSoup(page.decode("utf-8"), "html.parser")
    elements = soup.find_all(href=True) + soup.find_all(src=True)
    return tuple(element.get("href") or element.get("src") for element in elements)


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


class Interrupted(RuntimeError):
    """Stands for a dropped connection or a killed deploy."""


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_an_interrupted_deploy_leaves_no_reachable_page_with_a_broken_link(
    kind, sites, tmp_path, monkeypatch
):
    """Stop the v1 → v2 deploy at five points; each time the served site must
    link only to files that exist, hold only old or new bytes, and the next
    deploy must finish the job. One server per kind: between stops the served
    folder is put back to the v1 deploy (remote manifest included), which is
    what a fresh server given the v1 deploy would hold."""
    old, new = tree(sites["v1"]), tree(sites["v2"])
    changes = sum(1 for name, digest in new.items() if old.get(name) != digest)
    stops = sorted({1, changes // 4, changes // 2, (3 * changes) // 4, changes - 1})
    with target_for(kind, tmp_path / "server", monkeypatch) as (settings, read):
        root = (
            Path(settings["path"])
            if kind == "sftp"
            else next((tmp_path / "server").rglob("root"))
        )
        run(settings, sites["v1"])
        v1_served = tmp_path / "v1-served"
        shutil.copytree(root, v1_served)
        for stop in stops:
            shutil.rmtree(root)
            shutil.copytree(v1_served, root)
            assert served(read()) == old
            count = 0

            def interrupt(item, stop=stop):
                nonlocal count
                count += 1
                if count == stop:
                    raise Interrupted(f"connection lost after {stop} files")

            with pytest.raises(Interrupted):
                run(settings, sites["v2"], on_upload=interrupt)
            assert count == stop  # the deploy really stopped where we said
            served_now = read()
            assert reachable_pages_link_to_existing_files(root) == []
            for name, digest in served(served_now).items():  # old or new, never other
                assert digest in (old.get(name), new.get(name)), name
            run(settings, sites["v2"])  # the next deploy finishes the job
            assert served(read()) == new
    assert len(stops) == 5


def test_s3_objects_carry_their_content_type_and_cache_headers(sites, tmp_path):
    with servers.s3_server() as server:
        run(server["settings"], sites["v1"])

        import boto3

        client = boto3.client(
            "s3", endpoint_url=server["endpoint"], region_name="us-east-1"
        )

        def headers(name: str):
            head = client.head_object(Bucket="tintuc", Key=name)  # an HTTP HEAD
            return head["ContentType"], head["CacheControl"]

        files = tree(sites["v1"])
        css = next(
            n for n in files if n.startswith("theme/css/site.") and n.endswith(".css")
        )
        fragment = next(n for n in files if n.endswith(".pf_fragment"))
        feed = next(n for n in files if n.endswith(".atom.xml"))
        assert headers("index.html") == ("text/html; charset=utf-8", REVALIDATE)
        assert headers(css) == ("text/css; charset=utf-8", IMMUTABLE)
        assert headers(fragment) == ("application/octet-stream", IMMUTABLE)
        assert headers(feed) == ("application/atom+xml; charset=utf-8", REVALIDATE)
        assert headers("sitemap.xml")[0] == "application/xml; charset=utf-8"
        assert headers("pagefind/pagefind-entry.json") == (
            "application/json",
            REVALIDATE,
        )


def test_github_pages_gets_one_commit_with_nojekyll_and_the_custom_domain(
    sites, tmp_path
):
    bare = servers.bare_repository(tmp_path / "pages.git")
    settings = {"target": "github-pages", "repository": str(bare)}
    run(settings, sites["v1"])
    run(settings, sites["v1"])  # nothing changed: no new commit
    run(settings, sites["edited"])
    log = subprocess.run(
        ["git", "--git-dir", str(bare), "log", "--format=%s", "gh-pages"],
        capture_output=True, text=True, check=True,
    ).stdout.splitlines()  # fmt: skip
    assert len(log) == 2
    files = subprocess.run(
        ["git", "--git-dir", str(bare), "ls-tree", "-r", "--name-only", "gh-pages"],
        capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert ".nojekyll" in files and "CNAME" in files and "pagefind/pagefind.js" in files


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        (
            {
                "target": "sftp",
                "host": "127.0.0.1",
                "port": 1,
                "user": "x",
                "path": "/",
            },
            "sftp",
        ),
        (
            {"target": "s3", "bucket": "missing", "endpoint": "http://127.0.0.1:1"},
            "s3://",
        ),
        ({"target": "ftp"}, "deploy.host (DEPLOY_HOST)"),
        ({}, "deploy.target"),
    ],
)
def test_a_failure_is_loud_and_carries_the_targets_error(settings, message, sites):
    with pytest.raises(
        DeployError, match=message.replace("(", r"\(").replace(")", r"\)")
    ):
        run(settings, sites["v1"])


def test_a_wrong_ftp_password_fails_with_the_servers_reply(
    sites, tmp_path, monkeypatch
):
    with servers.ftp_server(tmp_path / "ftp") as server:
        monkeypatch.setenv("DEPLOY_PASSWORD", "sai-mat-khau")
        with pytest.raises(DeployError, match="530"):
            run(server["settings"], sites["v1"])


def test_make_deploy_takes_a_fresh_site_to_the_target_of_site_yml(tmp_path):
    """The issue's "done": a site URL set, one target configured, `make deploy`."""
    content = copy_content(tmp_path / "content")
    bare = servers.bare_repository(tmp_path / "pages.git")
    (content / "data" / "site.yml").write_text(
        f"url: {SITEURL}\ndeploy:\n  target: github-pages\n  repository: {bare}\n",
        encoding="utf-8",
    )
    venv = Path(sys.executable).parent.parent
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("SITEURL", "DEPLOY_"))
    }
    environ["LANGUAGE"] = "vi"  # the writers' language
    result = subprocess.run(
        ["make", "--no-print-directory", "-C", str(ROOT), "deploy", f"VENV={venv}",
         f"INPUTDIR={content}", f"OUTPUTDIR={tmp_path / 'output'}"],
        capture_output=True, text=True, env=environ, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    files = len(served(tree(tmp_path / "output")))
    assert f"Đã xuất bản lên github-pages: tải lên {files} tệp" in result.stdout
    page = subprocess.run(
        ["git", "--git-dir", str(bare), "show", "gh-pages:index.html"],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    assert f'<link rel="canonical" href="{SITEURL}/"' in page


class MemoryKeyring(KeyringBackend):
    """An OS keyring stand-in holding passwords in memory (keyring's own API)."""

    priority = 1

    def __init__(self):
        super().__init__()
        self.passwords: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.passwords.get((service, username))

    def set_password(self, service, username, password):
        self.passwords[(service, username)] = password

    def delete_password(self, service, username):
        self.passwords.pop((service, username), None)


def test_the_password_can_come_from_the_os_keyring(sites, tmp_path, monkeypatch):
    monkeypatch.delenv("DEPLOY_PASSWORD", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        with servers.ftp_server(tmp_path / "ftp") as server:
            settings = server["settings"]
            with pytest.raises(DeployError, match="530"):  # no password anywhere
                run(settings, sites["v1"])
            keyring.set_password(
                "tintuc-doan-deploy", "bientap@127.0.0.1", server["password"]
            )
            assert run(settings, sites["v1"]).uploaded > 100
    finally:
        keyring.set_keyring(previous)


def test_the_cli_fails_loudly_with_the_servers_error(sites, tmp_path):
    content = copy_content(tmp_path / "content")
    (content / "data" / "site.yml").write_text(
        f"url: {SITEURL}\ndeploy:\n  target: sftp\n  host: 127.0.0.1\n  port: 1\n"
        "  user: bientap\n  path: /srv/www\n",
        encoding="utf-8",
    )
    environ = {
        k: v for k, v in os.environ.items() if not k.startswith(("SITEURL", "DEPLOY"))
    }
    result = subprocess.run(
        [sys.executable, "-m", "publishing", "--content", str(content), "deploy",
         "--output", str(sites["v1"])],
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={**environ, "PYTHONPATH": "plugins", "LANGUAGE": "vi"},
    )  # fmt: skip
    assert result.returncode == 1
    assert result.stderr.startswith("Xuất bản thất bại: sftp → 127.0.0.1:")
    assert "Connection refused" in result.stderr or "Unable to connect" in result.stderr


def test_the_cli_shows_the_deploys_progress_with_counts(
    sites, tmp_path, monkeypatch, capsys
):
    """Long work shows progress (#23): plain lines with counts outside a terminal."""
    from progress.tracker import defaults
    from publishing.__main__ import run_deploy

    content = copy_content(tmp_path / "content")
    root = tmp_path / "www"
    root.mkdir()
    (content / "data" / "site.yml").write_text(
        f"url: {SITEURL}\ndeploy:\n  target: folder\n  path: {root}\n",
        encoding="utf-8",
    )
    for name in [n for n in os.environ if n.startswith(("SITEURL", "DEPLOY_"))]:
        monkeypatch.delenv(name)
    monkeypatch.setattr(defaults, "interval", 0.0)  # a line at every file
    monkeypatch.setenv("LANGUAGE", "vi")
    assert run_deploy(content, sites["v1"]) == 0
    out = capsys.readouterr().out
    files = len(served(tree(sites["v1"])))
    assert f"Deploying: 1/{files} files (" in out
    assert f"Deploying: {files}/{files} files (100%)" in out
    assert f"Đã xuất bản lên folder: tải lên {files} tệp" in out
