"""A rebuild rewrites only the files whose bytes change (issue #22).

After a registry edit (a unit renamed) a ``make devserver`` rebuild renders
every page again, but writes only those that read differently: the pages and
feeds that show the unit. The others keep their files and times, and the
output is still exactly a clean build's.
"""

from __future__ import annotations

import time

import pytest

from tests.sitebuild import build, copy_content
from tests.warm_site import WarmSite, tree_differences

OLD_NAME = "Co To District Youth Union"
NEW_NAME = "Co To Island District Youth Union"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory):
    """Build the tests' site warm, rename a unit in English, rebuild it."""
    root = tmp_path_factory.mktemp("rename")
    site = WarmSite(copy_content(root / "content"), root / "warm")
    try:
        assert "failed" not in site.first, "".join(site.log)
        pages = [p for p in site.output.rglob("*") if p.suffix in (".html", ".xml")]
        before = {page: page.stat().st_mtime_ns for page in pages}
        time.sleep(0.05)  # file times must tell the rebuild's writes apart
        units = site.content / "data" / "units.yml"
        text = units.read_text(encoding="utf-8")
        assert text.count(OLD_NAME) == 1
        units.write_text(text.replace(OLD_NAME, NEW_NAME), encoding="utf-8")
        result = site.rebuild()
        assert "failed" not in result, result
    finally:
        site.close()
    return site, before


def test_a_renamed_unit_rewrites_only_the_pages_that_show_it(renamed):
    _site, before = renamed
    rewritten = {p for p, ns in before.items() if p.stat().st_mtime_ns != ns}
    showing = {p for p in before if NEW_NAME in p.read_text(encoding="utf-8")}
    html = {p for p in before if p.suffix == ".html"}
    assert len(showing & html) >= 5, "the renamed unit should show on several pages"
    assert showing <= rewritten, "a page showing the new name was not written"
    # Only the sitemaps may change besides (the pages' lastmod).
    others = {p.name for p in rewritten - showing}
    assert others <= {"sitemap.xml", "sitemap-1.xml"}, sorted(others)
    assert len(rewritten & html) < len(html) / 2


def test_the_output_is_still_a_clean_builds(renamed, tmp_path):
    site, _before = renamed
    clean = build(site.content, tmp_path / "clean")
    assert clean.returncode == 0, clean.log
    assert tree_differences(site.output, clean.output) == []
