"""The CI templates: valid for GitHub Actions and GitLab CI, and their commands
run here as a CI runner runs them (check, publish, upload; a failing check
stops everything after it)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests import deploy_servers as servers
from tests.deploy_sites import made_deploy
from tests.sitebuild import ROOT, copy_content

BIN = Path(sys.executable).parent
GITHUB = ROOT / ".github" / "workflows" / "publish.yml"
GITLAB = ROOT / ".gitlab-ci.yml"
SITEURL = "https://tintuc.doanphuong.example.vn"


@pytest.mark.parametrize(
    ("path", "schema"),
    [(GITHUB, "vendor.github-workflows"), (GITLAB, "vendor.gitlab-ci")],
)
def test_the_ci_files_pass_their_schema(path, schema):
    """The schemas vendored in check-jsonschema: no network needed."""
    result = subprocess.run(
        [str(BIN / "check-jsonschema"), "--builtin-schema", schema, str(path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def github_commands(event: str) -> list[str]:
    """Return the ``run:`` commands of the workflow's job for ``event``, in order."""
    workflow = yaml.safe_load(GITHUB.read_text())
    steps = workflow["jobs"]["site"]["steps"]
    commands = []
    for step in steps:
        condition = step.get("if", "")
        if event == "pull_request" and "!= 'pull_request'" in condition:
            continue
        if "run" in step and step["run"].startswith("make "):
            commands.append(step["run"].strip())
    return commands


def gitlab_commands() -> list[str]:
    """Return the script lines of the default-branch pipeline with a target set."""
    pipeline = yaml.safe_load(GITLAB.read_text())
    jobs = [pipeline[name] for name in ("check", "build", "upload")]
    assert [job["stage"] for job in jobs] == pipeline["stages"]
    return [line for job in jobs for line in job["script"]]


def test_both_ci_files_run_the_same_make_targets():
    assert github_commands("push") == ["make check", "make publish", "make upload"]
    assert github_commands("pull_request") == ["make check", "make publish"]
    assert gitlab_commands() == ["make check", "make publish", "make upload"]
    workflow = yaml.safe_load(GITHUB.read_text())
    assert set(workflow[True]) >= {"push", "pull_request"}  # YAML reads "on" as True
    pipeline = yaml.safe_load(GITLAB.read_text())
    assert pipeline["build"]["artifacts"]["paths"] == ["output/"]


def run_like_ci(commands: list[str], content: Path, output: Path, environ: dict):
    """Run ``commands`` one by one as a runner does, stopping at the first failure."""
    log, code = "", 0
    flags = f"VENV={BIN.parent} INPUTDIR={content} OUTPUTDIR={output}"
    base = {
        k: v for k, v in os.environ.items() if not k.startswith(("SITEURL", "DEPLOY"))
    }
    for command in commands:
        result = subprocess.run(
            ["bash", "-e", "-c", command],
            cwd=ROOT,
            capture_output=True,
            text=True,
            # Variables in MAKEFLAGS act as command-line overrides of the Makefile.
            env={**base, **environ, "MAKEFLAGS": flags},
            check=False,
        )
        log += f"$ {command}\n{result.stdout}{result.stderr}"
        if result.returncode:
            code = result.returncode
            break
    return code, log


def test_the_ci_commands_publish_the_site_to_pages(tmp_path, tmp_path_factory):
    """GitHub's and GitLab's pipelines run the same commands (pinned above), so
    one run of them stands for both. Both restore ``cache/`` first: here the
    cache of the session's `make deploy` of the same site (a first publish,
    with nothing to restore, is that one: tests/deploy_sites.py)."""
    content = copy_content(tmp_path / "content")
    shutil.copytree(
        made_deploy(tmp_path_factory).output.parent / "cache", tmp_path / "cache"
    )
    bare = servers.bare_repository(tmp_path / "pages.git")
    commands = github_commands("push")
    assert commands == gitlab_commands()
    environ = {
        "SITEURL": SITEURL,
        "DEPLOY_TARGET": "github-pages",
        "DEPLOY_REPOSITORY": str(bare),
        "LANGUAGE": "vi",
    }
    code, log = run_like_ci(commands, content, tmp_path / "output", environ)
    assert code == 0, log
    assert "Đã xuất bản lên github-pages" in log
    page = subprocess.run(
        ["git", "--git-dir", str(bare), "show", "gh-pages:index.html"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert f'href="{SITEURL}/"' in page


def test_a_failing_check_blocks_the_build_and_the_deploy(tmp_path):
    content = copy_content(tmp_path / "content")
    post = content / "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"
    post.write_text(post.read_text().replace("\nspeakers:", "\nspeakrs:", 1))
    bare = servers.bare_repository(tmp_path / "pages.git")
    environ = {
        "SITEURL": SITEURL,
        "DEPLOY_TARGET": "github-pages",
        "DEPLOY_REPOSITORY": str(bare),
    }
    code, log = run_like_ci(
        github_commands("push"), content, tmp_path / "output", environ
    )
    assert code != 0
    assert "[error] speakrs: unknown key" in log  # the message is in the job log
    assert "$ make publish" not in log and "$ make upload" not in log
    assert not (tmp_path / "output").exists()
    branches = subprocess.run(
        ["git", "--git-dir", str(bare), "branch", "--list"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert branches == ""


def test_the_ssh_key_step_hands_rsync_and_sftp_their_key_and_host(tmp_path):
    workflow = yaml.safe_load(GITHUB.read_text())
    steps = workflow["jobs"]["site"]["steps"]
    step = next(s for s in steps if "SSH key" in s.get("name", ""))
    github_env = tmp_path / "github_env"
    environ = {
        "HOME": str(tmp_path),
        "GITHUB_ENV": str(github_env),
        "PATH": os.environ["PATH"],
        "DEPLOY_SSH_KEY": "-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n",
        "DEPLOY_KNOWN_HOSTS_LINES": "web.example.vn ssh-ed25519 AAAA",
    }
    subprocess.run(["bash", "-e", "-c", step["run"]], env=environ, check=True)
    key = tmp_path / ".ssh" / "deploy_key"
    assert key.read_text().startswith("-----BEGIN OPENSSH PRIVATE KEY-----")
    assert oct(key.stat().st_mode & 0o777) == "0o600"
    assert github_env.read_text().splitlines() == [
        f"DEPLOY_KEY_FILE={key}",
        f"DEPLOY_KNOWN_HOSTS={tmp_path / '.ssh' / 'deploy_known_hosts'}",
    ]
    github_env.unlink()
    del environ["DEPLOY_SSH_KEY"]  # no key: nothing to do (FTP, S3, Pages)
    subprocess.run(["bash", "-e", "-c", step["run"]], env=environ, check=True)
    assert not github_env.exists()
