"""The site's settings file (content/data/site.yml) and the placeholder-URL refusal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from content_model.problems import ContentError
from publishing.site import PLACEHOLDER_URL, load_site
from tests.deploy_sites import made_deploy
from tests.sitebuild import ROOT, build, copy_content

SITE_YML = """\
url: https://tintuc.doanphuong.example.vn/
name:
  vi: Tin tức Đoàn phường Bến Thành
  en: Ben Thanh Ward Youth Union News
owner: quan-doan-tan-binh
contact:
  email: doan@benthanh.example.vn
social:
  facebook: https://facebook.com/doanbenthanh
admin: true
deploy:
  target: sftp
  host: web.example.vn
  port: 2222
"""


def write_site(content: Path, text: str) -> Path:
    """Write ``data/site.yml`` of the site in ``content``."""
    path = content / "data" / "site.yml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_file_decides_names_url_owner_contact_social_admin_and_target(tmp_path):
    site = load_site(write_site(copy_content(tmp_path / "c"), SITE_YML), environ={})
    assert site.url == "https://tintuc.doanphuong.example.vn"
    settings = site.pelican_settings()
    assert settings["SITENAME"] == "Tin tức Đoàn phường Bến Thành"
    assert settings["SITENAME_EN"] == "Ben Thanh Ward Youth Union News"
    assert settings["SITE_OWNER_UNIT"] == "quan-doan-tan-binh"
    assert settings["SITE_CONTACT"] == {"email": "doan@benthanh.example.vn"}
    assert settings["SOCIAL"] == (("facebook", "https://facebook.com/doanbenthanh"),)
    assert settings["SITE_ADMIN"] is True
    assert site.deploy == {"target": "sftp", "host": "web.example.vn", "port": 2222}
    assert not site.is_placeholder


def test_environment_variables_override_the_file(tmp_path):
    path = write_site(copy_content(tmp_path / "c"), SITE_YML)
    site = load_site(
        path,
        environ={
            "SITEURL": "https://ci.example.vn",
            "DEPLOY_TARGET": "s3",
            "DEPLOY_BUCKET": "tin",
            "DEPLOY_PORT": "22",
            "SITE_ADMIN": "false",
        },
    )
    assert site.url == "https://ci.example.vn"
    assert site.deploy["target"] == "s3" and site.deploy["bucket"] == "tin"
    assert site.deploy["port"] == 22 and site.admin is False


def test_a_missing_file_keeps_the_defaults_and_the_placeholder(tmp_path):
    site = load_site(tmp_path / "none.yml", environ={})
    assert site.url == PLACEHOLDER_URL and site.is_placeholder
    assert site.pelican_settings()["SITENAME"] == "Tin tức Đoàn TNCS Hồ Chí Minh"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "url: tintuc.example.vn\n",
            'site.yml:1: [error] url: "tintuc.example.vn" is not a web address; '
            "write it as https://…",
        ),
        ("name:\n  vi: A\n  fr: B\n", "site.yml:3: [error] name.fr: unknown language"),
        ("admin: sometimes\n", "site.yml:1: [error] admin: expected true or false"),
        ("titel: x\n", "site.yml:1: [error] titel: unknown key; known keys: url,"),
        (
            "deploy:\n  target: ftp\n  password: hunter2\n",
            "site.yml:3: [error] deploy.password: never write a password in the "
            "repository; set DEPLOY_PASSWORD",
        ),
        (
            "deploy:\n  target: dropbox\n",
            'site.yml:2: [error] deploy.target: unknown target "dropbox"',
        ),
        (
            "deploy:\n  port: 99999\n",
            "site.yml:2: [error] deploy.port: expected a port",
        ),
        ("name:\n  vi: <b>Tin</b>\n", "site.yml:2: [error] name.vi: plain text only"),
        ("url: &a https://x.vn\n", "site.yml:1: [error]"),
    ],
)
def test_every_mistake_is_named_at_its_line(tmp_path, text, expected):
    path = tmp_path / "site.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        load_site(path, environ={}, shown="site.yml")
    assert str(raised.value).startswith(expected), str(raised.value)


def test_the_build_uses_the_names_of_the_file(tmp_path):
    content = copy_content(tmp_path / "content")
    write_site(content, SITE_YML)
    result = build(content, tmp_path / "output")
    assert result.returncode == 0, result.log
    assert "Tin tức Đoàn phường Bến Thành" in result.page("/").title.string
    assert "Ben Thanh Ward Youth Union News" in result.page("/en/").title.string


def test_a_mistake_in_the_file_stops_make_check_at_its_line(tmp_path):
    content = copy_content(tmp_path / "content")
    write_site(content, "url: https://x.vn\ncontact:\n  fax: 123\n")
    result = make("check", content, tmp_path / "output")
    assert result.returncode != 0
    shown = f"{content.name}/data/site.yml"  # the file as writers know it
    assert f"{shown}:3: [error] contact.fax: unknown key" in result.stderr


def make(target: str, content: Path, output: Path, **environ: str):
    """Run a make target of the project on ``content`` (the shared venv)."""
    venv = Path(sys.executable).parent.parent
    return subprocess.run(
        [
            "make",
            "--no-print-directory",
            "-C",
            str(ROOT),
            target,
            f"VENV={venv}",
            f"INPUTDIR={content}",
            f"OUTPUTDIR={output}",
        ],
        capture_output=True,
        text=True,
        env={**{k: v for k, v in os.environ.items() if k != "SITEURL"}, **environ},
        check=False,
    )


def test_make_publish_refuses_the_placeholder_url_in_vietnamese(tmp_path):
    content = copy_content(tmp_path / "content")
    result = make("publish", content, tmp_path / "output", LANGUAGE="vi")
    assert result.returncode != 0
    assert f"{content.name}/data/site.yml" in result.stderr
    assert "khóa url" in result.stderr and "chưa có địa chỉ thật" in result.stderr
    assert not (tmp_path / "output").exists()


def test_make_publish_builds_with_the_url_of_the_file(tmp_path_factory):
    """What `make publish` writes, read from the session's `make deploy` (its
    publish step, then the upload; tests/deploy_sites.py): site.yml gives the
    URL. The Makefile's own `publish` target runs above (the placeholder) and
    in tests/test_publishing_ci.py."""
    output = made_deploy(tmp_path_factory).output
    robots = (output / "robots.txt").read_text()
    assert "https://tintuc.doanphuong.example.vn/sitemap" in robots
    assert (
        json.dumps("https://tintuc.doanphuong.example.vn")[1:-1]
        in (output / "index.html").read_text()
    )
    for name in (
        "index.html.br",
        "index.html.gz",
        "_headers",
        "_redirects",
        ".htaccess",
    ):
        assert (output / name).is_file(), name


def test_publishing_refuses_an_owner_unit_the_registry_does_not_know(
    tmp_path, capsys, monkeypatch
):
    from publishing.__main__ import preflight

    monkeypatch.setenv("LANGUAGE", "vi")
    content = copy_content(tmp_path / "content")
    write_site(content, "url: https://x.vn\nowner: Quan Doan Tan Bnh\n")
    assert preflight(content) == 1
    error = capsys.readouterr().err
    assert error.startswith(f"{content.name}/data/site.yml:2: [error] owner: đơn vị")
    assert 'có phải là "Quận Đoàn Tân Bình" (quan-doan-tan-binh)?' in error
    write_site(content, "url: https://x.vn\nowner: Quận Đoàn Tân Bình\n")
    assert preflight(content) == 0
