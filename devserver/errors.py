"""Content errors in the browser while ``make devserver`` runs, never in an output.

A refused rebuild leaves the site as the last good build wrote it. The build
process writes what went wrong to a report file outside the output folder
(``DEVSERVER_ERRORS_FILE``, a temporary file the server makes when it starts
with ``-r``); the server reads it when it answers:

- every HTML page gets a banner listing the errors, file and line, in the
  writer's language (``newsroom.messages``);
- a broken post's URL answers with its errors instead of its last good page;
- links to a broken post (lists, home page, unit pages) keep its last good
  version, marked "đang có lỗi" (has errors);
- the next good build empties the report: banner and marks are gone.

The files in ``output/`` are never changed: ``make html`` and ``make publish``
never show any of this.
"""

from __future__ import annotations

import html
import json
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from pelican import signals

from newsroom.messages import Message, language, render

ENVIRONMENT = "DEVSERVER_ERRORS_FILE"
BANNER_ID = "devserver-errors"
MARK_CLASS = "devserver-broken"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)

# Source label -> URL of every post and page of the builds so far (build process).
_urls: dict[str, str] = {}


def start() -> Path:
    """Make the report file for the build processes of this server; return it."""
    handle, name = tempfile.mkstemp(prefix="devserver-errors-", suffix=".json")
    os.close(handle)
    os.environ[ENVIRONMENT] = name  # the build processes inherit it
    return Path(name)


def stop(path: Path) -> None:
    """Remove the report file."""
    path.unlink(missing_ok=True)
    os.environ.pop(ENVIRONMENT, None)


def _report_path() -> Path | None:
    name = os.environ.get(ENVIRONMENT)
    return Path(name) if name else None


# ---- the build process --------------------------------------------------------


def watch_urls() -> None:
    """Remember the URL of every post and page each build reads (build process)."""
    signals.article_generator_finalized.connect(_remember_articles)
    signals.page_generator_finalized.connect(_remember_pages)


def _remember(contents: list[Any], root: str) -> None:
    for content in contents:
        label = content.metadata.get("source_label") or os.path.relpath(
            content.source_path, root
        )
        _urls[label.replace(os.sep, "/")] = "/" + content.url.lstrip("/")


def _remember_articles(generator: Any) -> None:
    _remember(
        generator.articles
        + generator.translations
        + generator.drafts
        + generator.drafts_translations,
        generator.path,
    )


def _remember_pages(generator: Any) -> None:
    _remember(
        generator.pages
        + generator.translations
        + generator.draft_pages
        + generator.draft_translations,
        generator.path,
    )


def build_refused(problems: list[Any]) -> None:
    """Write the problems of a refused build, each with its post's last good URL."""
    path = _report_path()
    if path is None:
        return
    report = {
        "problems": [
            {
                "path": problem.path,
                "line": problem.line,
                "field": problem.field,
                "level": problem.level,
                "message": render(problem.message),
                "url": _urls.get(problem.path),
            }
            for problem in problems
        ],
        "texts": {name: render(text) for name, text in _texts().items()},
        "lang": language(),
    }
    _write(path, report)


def build_succeeded() -> None:
    """Empty the report: the site is current again."""
    path = _report_path()
    if path is not None:
        _write(path, {})


def _write(path: Path, report: dict) -> None:
    """Replace the report at once (the server may read it meanwhile)."""
    scratch = path.with_name(path.name + ".tmp")
    scratch.write_text(json.dumps(report, ensure_ascii=False), encoding="utf-8")
    os.replace(scratch, path)


def _texts() -> dict[str, Message]:
    """The banner's own texts, in the writer's language."""
    return {
        "title": Message("The site was not rebuilt: fix these errors and save"),
        "stale": Message(
            "Pages show the last good version of each post; a post with errors is "
            "marked in lists."
        ),
        "mark": Message("has errors"),
        "page": Message("This post has errors"),
        "page_hint": Message(
            "The published site keeps its last good version until they are fixed. "
            "Fix them in the file named below, save, and this page updates."
        ),
    }


# ---- the server ---------------------------------------------------------------


def current_report() -> dict:
    """Return the report the last build left (empty when it succeeded)."""
    path = _report_path()
    if path is None:
        return {}
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return report if isinstance(report, dict) and report.get("problems") else {}


def page_for(url_path: str, page: bytes | None) -> bytes | None:
    """Return what the server answers for an HTML page, or None to serve ``page``.

    ``page`` is the file in ``output/`` (None for a 404).
    """
    report = current_report()
    if not report:
        return None
    broken = {p["url"] for p in report["problems"] if p.get("url")}
    if _canonical(url_path) in broken:
        return _error_page(report, _canonical(url_path))
    if page is None:
        return None
    return _with_banner(_marked(page, report, broken), report)


def _canonical(url_path: str) -> str:
    """Return a URL path as the report keeps it (folder URLs end in '/')."""
    if url_path.endswith("/index.html"):
        url_path = url_path[: -len("index.html")]
    return url_path


def _marked(page: bytes, report: dict, broken: set[str]) -> bytes:
    """Mark every link to a broken post with "has errors"."""
    mark = (
        f'<mark class="{MARK_CLASS}" style="background:#fde68a;color:#7c2d12;'
        f'padding:0 .3em;border-radius:.2em;font-size:.85em">'
        f"{html.escape(report['texts']['mark'])}</mark> "
    ).encode()
    for url in broken:
        link = re.compile(rb'<a\b[^>]*\bhref="' + re.escape(url.encode()) + rb'"[^>]*>')
        page = link.sub(lambda match: match.group() + mark, page)
    return page


def _problem_items(report: dict, only: str | None = None) -> str:
    """Return the problems as list items: file:line, field, message."""
    items = []
    for problem in report["problems"]:
        if only is not None and problem.get("url") != only:
            continue
        where = problem["path"] + (f":{problem['line']}" if problem["line"] else "")
        what = f"{problem['field']}: " if problem["field"] else ""
        link = problem.get("url")
        where_html = f"<code>{html.escape(where)}</code>"
        if link:
            where_html = f"<a href='{html.escape(link)}'>{where_html}</a>"
        items.append(
            f"<li>{where_html}: [{html.escape(problem['level'])}] "
            f"{html.escape(what + problem['message'])}</li>"
        )
    return "".join(items)


def _banner(report: dict) -> str:
    texts = report["texts"]
    return (
        f'<div id="{BANNER_ID}" role="alert" style="background:#fef2f2;'
        "color:#7f1d1d;border-bottom:3px solid #b91c1c;padding:.75em 1em;"
        'font:15px/1.5 system-ui,sans-serif;overflow-wrap:anywhere">'
        f"<strong>{html.escape(texts['title'])}</strong>"
        f"<ul style='margin:.4em 0;padding-left:1.2em'>{_problem_items(report)}</ul>"
        f"<small>{html.escape(texts['stale'])}</small></div>"
    )


def _with_banner(page: bytes, report: dict) -> bytes:
    """Insert the banner at the top of the page's body."""
    banner = _banner(report).encode()
    match = _BODY.search(page)
    if match is None:
        return banner + page
    return page[: match.end()] + banner + page[match.end() :]


def _error_page(report: dict, url: str) -> bytes:
    """Return the page answered at a broken post's URL: its errors, then all."""
    texts = report["texts"]
    return (
        f'<!doctype html><html lang="{html.escape(report.get("lang", "vi"))}">'
        '<head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{html.escape(texts['page'])}</title></head><body>"
        f"{_banner(report)}"
        '<main style="font:16px/1.6 system-ui,sans-serif;max-width:50em;'
        'margin:2em auto;padding:0 1em;overflow-wrap:anywhere">'
        f"<h1>{html.escape(texts['page'])}</h1>"
        f"<ul>{_problem_items(report, only=url)}</ul>"
        f"<p>{html.escape(texts['page_hint'])}</p></main></body></html>"
    ).encode()
