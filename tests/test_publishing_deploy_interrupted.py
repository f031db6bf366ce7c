"""An interrupted deploy leaves every page a reader can reach linking only to
files that exist; the password from the OS keyring; the command line and
``make deploy`` (the targets' round trips: tests/test_publishing_deploy.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend

from publishing.engine import DeployError
from tests import deploy_servers as servers
from tests.deploy_sites import (
    SITEURL,
    made_deploy,
    published_sites,
    published_tree,
    reachable_pages_link_to_existing_files,
    run,
    served,
    target_for,
    tree,
)
from tests.sitebuild import ROOT, copy_content


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The published sites v1, edited and v2 (tests/deploy_sites.py)."""
    return published_sites(tmp_path_factory)


class Interrupted(RuntimeError):
    """Stands for a dropped connection or a killed deploy."""


@pytest.mark.parametrize("kind", ["sftp", "ftp"])
def test_an_interrupted_deploy_leaves_no_reachable_page_with_a_broken_link(
    kind, sites, tmp_path, monkeypatch
):
    """Stop the v1 → v2 deploy at five points; each time the served site must
    link only to files that exist and hold only old or new bytes, and the next
    deploy must finish the job.

    The stops are one chain: an interrupted deploy leaves the v1 manifest on
    the server (it is written last), so each following deploy plans the same
    uploads in the same order from the start, and stopping it later than the
    previous one leaves the files a fresh v1 site stopped there would hold.
    Each deploy of the chain starts on what an interrupted one left; the last
    one, uninterrupted, must leave exactly v2."""
    old, new = published_tree(sites["v1"]), published_tree(sites["v2"])
    changes = sum(1 for name, digest in new.items() if old.get(name) != digest)
    stops = sorted({1, changes // 4, changes // 2, (3 * changes) // 4, changes - 1})
    with target_for(kind, tmp_path / "server", monkeypatch) as (settings, read):
        root = (
            Path(settings["path"])
            if kind == "sftp"
            else next((tmp_path / "server").rglob("root"))
        )
        run(settings, sites["v1"])
        assert served(read()) == old
        for stop in stops:
            count = 0

            def interrupt(item, stop=stop):
                nonlocal count
                count += 1
                if count == stop:
                    raise Interrupted(f"connection lost after {stop} files")

            with pytest.raises(Interrupted):
                run(settings, sites["v2"], on_upload=interrupt)
            assert count == stop  # the deploy really stopped where we said
            served_now = served(read())
            assert reachable_pages_link_to_existing_files(root) == [], stop
            new_files = {n for n, d in served_now.items() if d != old.get(n)}
            assert len(new_files) == stop, (stop, len(new_files))
            for name, digest in served_now.items():  # old or new, never other
                assert digest in (old.get(name), new.get(name)), (stop, name)
        run(settings, sites["v2"])  # the next deploy finishes the job
        assert served(read()) == new
    assert len(stops) == 5


def test_make_deploy_takes_a_fresh_site_to_the_target_of_site_yml(tmp_path_factory):
    """The issue's "done": a site URL set, one target configured, `make deploy`
    (run once per session, tests/deploy_sites.py; test_publishing_site and
    test_publishing_cdn read the same published output)."""
    result = made_deploy(tmp_path_factory)
    files = len(served(tree(result.output)))
    assert f"Đã xuất bản lên github-pages: tải lên {files} tệp" in result.log
    page = subprocess.run(
        ["git", "--git-dir", str(result.output.parent / "pages.git"), "show",
         "gh-pages:index.html"],
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


def test_the_password_can_come_from_the_os_keyring(tmp_path, monkeypatch):
    monkeypatch.delenv("DEPLOY_PASSWORD", raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(MemoryKeyring())
    try:
        # A one-page site: what is proven is the login.
        site = tmp_path / "site"
        site.mkdir()
        (site / "index.html").write_text("<p>Tin tức</p>", encoding="utf-8")
        with servers.ftp_server(tmp_path / "ftp") as server:
            settings = server["settings"]
            with pytest.raises(DeployError, match="530"):  # no password anywhere
                run(settings, site)
            keyring.set_password(
                "tintuc-doan-deploy", "bientap@127.0.0.1", server["password"]
            )
            assert run(settings, site).uploaded == 1
            assert (server["root"] / "index.html").is_file()
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
    files = len(served(published_tree(sites["v1"])))
    shown = f"{files:,}".replace(",", ".")  # as Vietnamese group digits
    assert f"Tải lên: 1/{shown} tệp (" in out  # the writer's language, as below
    assert f"Tải lên: {shown}/{shown} tệp (100%)" in out
    assert f"Đã xuất bản lên folder: tải lên {files} tệp" in out
