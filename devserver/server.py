"""Serve ``output/`` as a static host does: no folder listings, the site's 404 pages.

Pelican's own server lists folders and answers a missing path with an empty
reply. This one serves a folder only through its ``index.html``, answers any
other miss with the site's 404 page (``/en/404.html`` under ``/en/``) and the
status 404, and names the types of the files the site writes (WebP, Atom,
Pagefind's bundle).
"""

from __future__ import annotations

import io
import logging
import os
import posixpath
import urllib.parse
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

from devserver import errors
from devserver.cms_backend import API_PATH, CmsBackend, serve_api

logger = logging.getLogger(__name__)

# The 404 page of a path, first match wins: (URL prefix, page in output/).
NOT_FOUND_PAGES = (("/en/", "en/404.html"), ("/", "404.html"))
NOT_FOUND_FALLBACK = b"<!doctype html><title>404</title><h1>404 Not Found</h1>\n"

# Types by the end of the file name, longest first where they overlap.
CONTENT_TYPES = (
    (".atom.xml", "application/atom+xml"),
    (".rss.xml", "application/rss+xml"),
    (".xml", "application/xml"),
    (".json", "application/json"),
    (".js", "text/javascript"),
    (".mjs", "text/javascript"),
    (".wasm", "application/wasm"),
    (".webp", "image/webp"),
    (".avif", "image/avif"),
    (".svg", "image/svg+xml"),
    (".woff2", "font/woff2"),
    (".woff", "font/woff"),
    (".txt", "text/plain; charset=utf-8"),
    (".html", "text/html; charset=utf-8"),
    (".css", "text/css; charset=utf-8"),
    # Pagefind's bundle: gzipped index chunks and WebAssembly, read by its script.
    (".pagefind", "application/octet-stream"),
    (".pf_meta", "application/octet-stream"),
    (".pf_index", "application/octet-stream"),
    (".pf_fragment", "application/octet-stream"),
    (".pf_filter", "application/octet-stream"),
)


class SiteRequestHandler(SimpleHTTPRequestHandler):
    """Answer GET and HEAD from the output folder, as the published site would."""

    cms: CmsBackend | None = None  # the web editor's backend (make devserver)

    def do_POST(self):
        """Answer the web editor's saves at /api/v1 (devserver/cms_backend.py)."""
        if self.cms is None or urllib.parse.urlsplit(self.path).path != API_PATH:
            self.send_error(HTTPStatus.METHOD_NOT_ALLOWED)
            return
        serve_api(self, self.cms)

    def send_head(self):
        """Open the file a URL names, or answer 301 or 404; return the body."""
        url_path = urllib.parse.urlsplit(self.path).path
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            index = os.path.join(path, "index.html")
            if not os.path.isfile(index):
                return self._not_found(url_path)
            if not url_path.endswith("/"):  # relative links need the slash
                self.send_response(HTTPStatus.MOVED_PERMANENTLY)
                self.send_header("Location", self._with_slash())
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
            path = index
        elif not os.path.isfile(path) or url_path.endswith("/"):
            return self._not_found(url_path)
        if path.endswith(".html") and (shown := self._with_errors(url_path, path)):
            return self._answer(HTTPStatus.OK, shown)
        try:
            body = open(path, "rb")  # noqa: SIM115 - the base class closes it
        except OSError:
            return self._not_found(url_path)
        size = os.fstat(body.fileno()).st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", self.guess_type(path))
        self.send_header("Content-Length", str(size))
        self.send_header("Cache-Control", "no-cache")  # a rebuild changes anything
        self.end_headers()
        return body

    def guess_type(self, path) -> str:
        """Return the type of ``path``, known for every kind of file the site has."""
        name = os.path.basename(str(path)).lower()
        for suffix, content_type in CONTENT_TYPES:
            if name.endswith(suffix):
                return content_type
        return super().guess_type(path)

    def _with_errors(self, url_path: str, path: str) -> bytes | None:
        """Return the page with the last rebuild's errors (devserver), or None."""
        if not errors.current_report():
            return None  # make serve, or a good build: the file as it is
        try:
            with open(path, "rb") as file:
                page = file.read()
        except OSError:
            return None
        return errors.page_for(url_path, page)

    def _answer(self, status: HTTPStatus, body: bytes) -> io.BytesIO:
        """Answer ``status`` with an HTML ``body`` made here."""
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def _with_slash(self) -> str:
        parts = urllib.parse.urlsplit(self.path)
        return urllib.parse.urlunsplit(parts._replace(path=parts.path + "/"))

    def _not_found(self, url_path: str) -> io.BytesIO:
        """Answer with the site's 404 page for ``url_path`` and the status 404."""
        body = NOT_FOUND_FALLBACK
        folder = posixpath.normpath(urllib.parse.unquote(url_path)) + "/"
        for prefix, page in NOT_FOUND_PAGES:
            if folder.startswith(prefix):
                candidate = os.path.join(self.directory, page)
                if os.path.isfile(candidate):
                    with open(candidate, "rb") as file:
                        body = file.read()
                    break
        body = errors.page_for(url_path, body) or body
        self.send_response(HTTPStatus.NOT_FOUND)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        return io.BytesIO(body)

    def list_directory(self, path):
        """Never list a folder (the base class would, without an index.html)."""
        return self._not_found(urllib.parse.urlsplit(self.path).path)

    def log_message(self, format, *args):
        """Log requests through logging, as Pelican's server does."""
        logger.info(format, *args)


def make_server(
    output: str,
    bind: str = "127.0.0.1",
    port: int = 8000,
    content: str | None = None,
    settings: str | None = None,
):
    """Return a threading HTTP server for the folder ``output`` (not yet serving).

    With ``content``, the web editor at /admin/ saves into that folder (and
    shows what `make check` with ``settings`` says of a post).
    """
    ThreadingHTTPServer.allow_reuse_address = True
    served = SiteRequestHandler
    if content is not None:
        served = type(
            "EditorRequestHandler", (served,), {"cms": CmsBackend(content, settings)}
        )
    handler = partial(served, directory=os.path.abspath(output))
    return ThreadingHTTPServer((bind, port), handler)
