"""``make deploy`` against real servers on this machine: rsync and SFTP (OpenSSH),
FTP and FTPS (pyftpdlib), S3 (moto's server), GitHub Pages (a bare repository).

Each target gets the whole site, then nothing on a second run, then only the
files a one-post edit changed. An interrupted deploy, the keyring, the command
line and ``make deploy``: tests/test_publishing_deploy_interrupted.py (the two
modules run on two workers; the sites are in tests/deploy_sites.py).
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from publishing.engine import DeployError, Summary
from publishing.files import IMMUTABLE, REVALIDATE
from tests import deploy_servers as servers
from tests.deploy_sites import (
    TARGETS,
    expected,
    published_sites,
    published_tree,
    run,
    served,
    target_for,
)


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    """The published sites v1, edited and v2 (tests/deploy_sites.py)."""
    return published_sites(tmp_path_factory)


# Targets whose cost is per file (a request, a TLS handshake) round-trip a
# small copy of the site: SFTP and FTP deploy the whole published site in the
# interrupted deploys (tests/test_publishing_deploy_interrupted.py), FTPS is
# the FTP target's code over TLS; rsync, GitHub Pages and a folder take the
# whole site here. (S3's code has no path that depends on the site's size
# below a thousand files.)
SMALL = {"sftp", "ftp", "ftps", "s3"}
# Left out of the small copy: Pagefind's prefix lists, English and unit pages.
LEFT_OUT = re.compile(r"pagefind/lists/[a-z]+/prefix/|en/|don-vi/")


@pytest.fixture(scope="module")
def small_sites(sites, tmp_path_factory) -> dict[str, Path]:
    """v1 and edited less ``LEFT_OUT``: a third of their files, the same files
    of both (the edited post's page and its search files among them)."""
    root = tmp_path_factory.mktemp("small")
    for name in ("v1", "edited"):
        for path in sorted(sites[name].rglob("*")):
            relative = path.relative_to(sites[name]).as_posix()
            if path.is_file() and not LEFT_OUT.match(relative):
                copy = root / name / relative
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(path, copy)
    small = {name: root / name for name in ("v1", "edited")}
    assert len(published_tree(small["v1"])) < len(published_tree(sites["v1"])) / 2
    return small


@dataclass
class RoundTrip:
    """One target given v1, v1 again, then the edited site."""

    first: Summary
    first_served: dict[str, str]
    again: Summary
    edit: Summary
    edit_uploaded: list[str]
    edit_served: dict[str, str]


def round_trip(settings: dict, read, sites: dict[str, Path]) -> RoundTrip:
    """Deploy v1, v1 again, then the edited site; read back after each change."""
    first = run(settings, sites["v1"])
    first_served = served(read())
    again = run(settings, sites["v1"])
    uploaded: list[str] = []
    edit = run(
        settings, sites["edited"], on_upload=lambda item: uploaded.append(item.path)
    )
    return RoundTrip(first, first_served, again, edit, uploaded, served(read()))


@pytest.fixture(scope="module")
def pages_round_trip(sites, tmp_path_factory) -> tuple[RoundTrip, Path]:
    """GitHub Pages' round trip and its bare repository, read by the round-trip
    test and by the test of its commits (one round trip, not two)."""
    tmp = tmp_path_factory.mktemp("github-pages")
    with target_for("github-pages", tmp, None) as (settings, read):
        return round_trip(settings, read, sites), Path(settings["repository"])


@pytest.mark.parametrize("kind", TARGETS)
def test_a_deploy_sends_everything_then_nothing_then_only_what_an_edit_changed(
    kind, sites, tmp_path, monkeypatch, request
):
    if kind in SMALL:
        sites = request.getfixturevalue("small_sites")
    if kind == "github-pages":
        trip, _ = request.getfixturevalue("pages_round_trip")
    else:
        with target_for(kind, tmp_path, monkeypatch) as (settings, read):
            trip = round_trip(settings, read, sites)
    assert trip.first_served == expected(sites["v1"], kind)
    assert trip.first.uploaded == len(expected(sites["v1"], kind))
    assert trip.first.deleted == 0

    assert (trip.again.uploaded, trip.again.deleted, trip.again.bytes) == (0, 0, 0)
    assert trip.again.skipped == trip.first.uploaded

    assert trip.edit_served == expected(sites["edited"], kind)
    old, new = expected(sites["v1"], kind), expected(sites["edited"], kind)
    changed = {name for name, digest in new.items() if old.get(name) != digest}
    assert set(trip.edit_uploaded) == changed
    assert trip.edit.uploaded == len(changed)
    assert trip.edit.deleted == len(old.keys() - new.keys())
    assert "2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/index.html" in changed
    assert len(changed) < len(new) / 5  # a few pages and search files, not the site


def test_an_rsync_deploy_logs_in_once_and_leaves_no_connection_open(
    small_sites, tmp_path
):
    """Each phase is an rsync run; they share one SSH connection (a far
    server costs round trips per log-in), closed when the deploy ends."""
    with target_for("rsync", tmp_path, None) as (settings, _read):
        summary = run(settings, small_sites["v1"])
        assert summary.uploaded == len(expected(small_sites["v1"], "rsync"))
        run(settings, small_sites["edited"])  # uploads and deletes
        log = tmp_path / "sshd" / "sshd.log"
        assert log.read_text().count("Accepted publickey") == 2, log.read_text()
        # Each deploy ended its connection (sshd logs it as it sees it).
        deadline = time.monotonic() + 20
        while log.read_text().count("Disconnected from user") < 2:
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.05)


def test_s3_objects_carry_their_content_type_and_cache_headers(small_sites):
    sites = small_sites
    with servers.s3_server() as server:
        run(server["settings"], sites["v1"])

        import boto3

        client = boto3.client(
            "s3", endpoint_url=server["endpoint"], region_name="us-east-1"
        )

        def headers(name: str):
            head = client.head_object(Bucket="tintuc", Key=name)  # an HTTP HEAD
            return head["ContentType"], head["CacheControl"]

        files = published_tree(sites["v1"])
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
    pages_round_trip,
):
    """v1, v1 again (nothing changed: no new commit), then the edit."""
    _, bare = pages_round_trip
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
