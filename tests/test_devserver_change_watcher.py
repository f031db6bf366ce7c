"""The build process's watcher keeps every change, even one made while no
build waits for it (between two builds, or during one)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from devserver.rebuild import ChangeWatcher


def _settings(tmp_path: Path) -> tuple[str, dict]:
    content = tmp_path / "content"
    (content / "images").mkdir(parents=True)
    theme = tmp_path / "theme"
    theme.mkdir()
    settings_file = tmp_path / "pelicanconf.py"
    settings_file.write_text("SITENAME = 'x'\n")
    settings = {
        "PATH": str(content),
        "THEME": str(theme),
        "STATIC_PATHS": ["images", "extra"],  # extra/ does not exist
        "IGNORE_FILES": [".#*"],
    }
    return str(settings_file), settings


def _next_changes(watcher: ChangeWatcher, seconds: float = 20) -> set[str]:
    taken: list[set[str]] = []
    thread = threading.Thread(target=lambda: taken.append(watcher.next_changes()))
    thread.daemon = True
    thread.start()
    thread.join(seconds)
    assert taken, "no change reported"
    return taken[0]


@pytest.fixture
def watched(tmp_path):
    settings_file, settings = _settings(tmp_path)
    watcher = ChangeWatcher(settings_file, settings)
    yield watcher, Path(settings["PATH"]), Path(settings["THEME"])
    watcher.close()


def test_a_change_made_while_nobody_waits_is_kept(watched):
    watcher, content, _ = watched
    post = content / "tin.md"
    post.write_text("một", "utf-8")
    deadline = time.monotonic() + 20
    while not watcher.has_changes() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert watcher.has_changes()
    assert str(post) in _next_changes(watcher)
    assert not watcher.has_changes()


def test_changes_queued_before_a_wait_are_taken_together(watched):
    watcher, content, theme = watched
    post, template = content / "tin.md", theme / "base.html"
    post.write_text("một", "utf-8")
    time.sleep(2)  # past watchfiles' grouping of changes
    template.write_text("<p>", "utf-8")
    time.sleep(2)
    changed = _next_changes(watcher)
    assert {str(post), str(template)} <= changed


def test_ignored_files_are_not_changes(watched):
    watcher, content, _ = watched
    (content / ".#tin.md").write_text("lock", "utf-8")  # an editor's lock file
    time.sleep(1)
    assert not watcher.has_changes()
    (content / "tin.md").write_text("một", "utf-8")
    assert _next_changes(watcher) == {str(content / "tin.md")}


def test_it_watches_only_the_folders_that_exist(watched, tmp_path):
    watcher, _, _ = watched
    assert watcher.paths == [
        str(tmp_path / "pelicanconf.py"),
        str(tmp_path / "theme"),
        str(tmp_path / "content"),
        str(tmp_path / "content" / "images"),
    ]
