"""The plugins' bytecode is kept, as pip keeps an installed package's (issue #22)."""

from __future__ import annotations

import importlib.util
import os
import sys
from pathlib import Path

from newsroom.bytecode import compile_plugins
from newsroom.cli import Project


def _tree(root: Path) -> Path:
    module = root / "plugins" / "sample" / "words.py"
    module.parent.mkdir(parents=True)
    (module.parent / "__init__.py").write_text("", "utf-8")
    module.write_text("WORD = 'Đoàn'\n", "utf-8")
    (root / "pelicanconf.py").write_text("SITENAME = 'Tin tức Đoàn'\n", "utf-8")
    return module


def _cached(source: Path) -> Path:
    return Path(importlib.util.cache_from_source(str(source)))


def test_the_plugins_and_the_settings_are_compiled_even_when_python_writes_none(
    tmp_path, monkeypatch
):
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    module = _tree(tmp_path)
    assert compile_plugins(tmp_path)
    assert _cached(module).is_file()
    assert _cached(module.parent / "__init__.py").is_file()
    assert _cached(tmp_path / "pelicanconf.py").is_file()


def test_an_edited_module_is_compiled_again_and_a_current_one_is_left_alone(tmp_path):
    module = _tree(tmp_path)
    compile_plugins(tmp_path)
    untouched = _cached(tmp_path / "pelicanconf.py").stat().st_mtime_ns
    first = _cached(module).read_bytes()
    module.write_text("WORD = 'Hội'\n", "utf-8")
    later = module.stat().st_mtime + 5
    os.utime(module, (later, later))
    compile_plugins(tmp_path)
    assert _cached(module).read_bytes() != first
    assert _cached(tmp_path / "pelicanconf.py").stat().st_mtime_ns == untouched


def test_a_module_that_does_not_compile_is_left_to_the_build(tmp_path):
    module = _tree(tmp_path)
    (module.parent / "broken.py").write_text("def (:\n", "utf-8")
    assert not compile_plugins(tmp_path)
    assert _cached(module).is_file()
    assert not _cached(module.parent / "broken.py").exists()


def test_every_command_that_runs_python_brings_the_bytecode_up_to_date(tmp_path):
    module = _tree(tmp_path)
    project = Project(tmp_path, tmp_path / "content", tmp_path / "output")
    assert project.python("-c", "pass") == 0
    assert _cached(module).is_file()
