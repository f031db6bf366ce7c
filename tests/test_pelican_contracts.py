"""Pelican's contracts hold with fast_build, and the site is the same without it.

Every comparison is with a build WITHOUT fast_build (stock Pelican's writer),
never with fast_build's own serial mode.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from tests.archive_sites import (
    NO_SEARCH,
    PARALLEL,
    PROBE,
    archive,
    parallel_build,
    plugins,
)
from tests.sitebuild import ROOT, build, copy_content


def _without_fast_build(folder: Path) -> Path:
    """Return settings whose ``plugins/`` has no fast_build: nothing may import it.

    ``pelicanconf.py`` puts its own folder's ``plugins/`` on the import path,
    so the copy gets a folder of its own, with the theme beside it.
    """
    folder.mkdir(parents=True)
    ignore = shutil.ignore_patterns("fast_build", "__pycache__")
    shutil.copytree(ROOT / "plugins", folder / "plugins", ignore=ignore)
    (folder / "theme").symlink_to(ROOT / "theme")
    return shutil.copy(ROOT / "pelicanconf.py", folder / "pelicanconf.py")


def _build(content: Path, output: Path, fast: bool, probe: bool = False, **extra):
    """Build as ``make html`` does; without ``fast``, fast_build is not there at all."""
    settings = {**NO_SEARCH, **extra, "PLUGINS": json.dumps(plugins(fast, probe))}
    conf = ROOT / "pelicanconf.py"
    if fast:
        settings.update(PARALLEL)
    else:
        conf = _without_fast_build(output.parent / f"{output.name}-settings")
    settings["PLUGIN_PATHS"] = json.dumps([str(conf.parent / "plugins"), str(PROBE)])
    result = build(content, output, settings=str(conf), extra=settings)
    assert result.returncode == 0, result.log
    return result


def _files(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _assert_same_tree(one: Path, other: Path) -> None:
    first, second = _files(one), _files(other)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory) -> Path:
    """The tests' site, its English posts linking with ``{filename}``."""
    content = copy_content(tmp_path_factory.mktemp("linked") / "content")
    link = (
        "\n\nSee also [the 2020 meeting]"
        "({filename}/posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.en.md).\n"
    )
    for post in sorted((content / "posts").rglob("*.en.md")):
        if "2020-lan-2" not in post.name:
            post.write_text(post.read_text(encoding="utf-8") + link, encoding="utf-8")
    return content


@pytest.fixture(scope="module")
def archive_builds(tmp_path_factory) -> dict:
    """The archive built with fast_build on and off, ``content_written`` noted.

    The fast build is the session's parallel build of the archive, which
    tests/test_fast_build.py compares with fast_build's serial mode.
    """
    root = tmp_path_factory.mktemp("archive-builds")
    fast, fast_notes = parallel_build(tmp_path_factory)
    assert fast.returncode == 0, fast.log
    log = root / "notes-stock.jsonl"
    stock = _build(
        archive(tmp_path_factory), root / "stock", fast=False, probe=True,
        CONTRACT_PROBE_LOG=json.dumps(str(log)),
    )  # fmt: skip
    return {"fast": (fast, fast_notes), "stock": (stock, log)}


def test_the_fixture_site_is_byte_identical_without_fast_build(tmp_path):
    content = copy_content(tmp_path / "content")
    fast = _build(content, tmp_path / "fast", fast=True)
    stock = _build(content, tmp_path / "stock", fast=False)
    assert len(_files(fast.output)) > 100
    _assert_same_tree(fast.output, stock.output)


def test_the_archive_is_byte_identical_without_fast_build(archive_builds):
    fast, stock = archive_builds["fast"][0], archive_builds["stock"][0]
    assert len(_files(fast.output)) > 100
    _assert_same_tree(fast.output, stock.output)


def test_content_written_fires_once_the_file_is_written(archive_builds):
    notes = {}
    for name, (result, log) in archive_builds.items():
        lines = [json.loads(line) for line in log.read_text("utf-8").splitlines()]
        assert len(lines) > 100
        missing = [path for path, size in lines if size < 0]
        assert missing == [], f"{len(missing)} of {len(lines)} files missing"
        # The file is complete at the signal (image-process rewrites it then).
        partial = [path for path, size in lines if size != os.path.getsize(path)]
        assert partial == []
        notes[name] = [os.path.relpath(path, result.output) for path, _ in lines]
    assert notes["fast"] == notes["stock"]  # the same pages, in the same order


@pytest.fixture(scope="module")
def relative_builds(linked_site, tmp_path_factory) -> dict:
    """The linked site built with ``RELATIVE_URLS=True``, fast_build on and off."""
    root = tmp_path_factory.mktemp("relative")
    return {
        "fast": _build(linked_site, root / "fast", fast=True, RELATIVE_URLS="true"),
        "stock": _build(linked_site, root / "stock", fast=False, RELATIVE_URLS="true"),
    }


def test_relative_urls_give_stock_pelicans_links(relative_builds):
    english = "en/2021/04/doi-thoai-bi-thu-chi-doan-khu-pho-tan-binh-2021/"
    hrefs = {}
    for name, result in relative_builds.items():
        link = result.page(english).find("a", string="the 2020 meeting")
        assert link is not None
        hrefs[name] = link["href"]
    # Four folders deep (en/2021/04/slug/): four steps up to the site's root.
    expected = "../../../../en/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"
    assert hrefs["stock"] == expected
    assert hrefs["fast"] == hrefs["stock"]
    _assert_same_tree(relative_builds["fast"].output, relative_builds["stock"].output)


def test_relative_urls_hold_on_every_generated_page(relative_builds):
    """Units, people, archives, topics, search, 404: no link from the site's root."""
    output = relative_builds["stock"].output
    rooted = {}
    for path in sorted(output.rglob("*.html")):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        links = [
            tag.get(attribute)
            for tag, attribute in [
                *((a, "href") for a in soup.find_all("a")),
                *((link, "href") for link in soup.find_all("link")),
                *((img, "src") for img in soup.find_all("img")),
                *((script, "src") for script in soup.find_all("script")),
            ]
        ]
        found = [
            link for link in links if link and link.startswith("/") and link[1:2] != "/"
        ]
        if found:
            rooted[path.relative_to(output).as_posix()] = found[:2]
    assert rooted == {}
