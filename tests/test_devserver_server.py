"""``make serve`` and ``make devserver``: our server and the rebuild loop.

A real server on a free port of 127.0.0.1, asked with urllib.
"""

from __future__ import annotations

import http.client
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.sitebuild import ROOT, build, copy_content

POST = "posts/2020/giao-ban-quan-uy-quan-doan-2020-lan-2.md"
POST_URL = "/2020/12/giao-ban-quan-uy-quan-doan-2020-lan-2/"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``python -m devserver`` in a process of its own, logging to a file."""

    def __init__(
        self,
        tmp_path: Path,
        content: Path,
        output: Path,
        *options: str,
        writers_command: bool = False,
    ):
        """``writers_command``: start it as writers do, ``python -m newsroom
        devserver`` (``options`` after the command), not ``python -m devserver``."""
        self.port = free_port()
        self.log_path = tmp_path / "devserver.log"
        command = [
            sys.executable,
            "-m",
            "devserver",
            str(content),
            "-o",
            str(output),
            "-s",
            str(ROOT / "pelicanconf.py"),
            "-b",
            "127.0.0.1",
            "-p",
            str(self.port),
            *options,  # -e takes every KEY=VALUE after it: last
        ]
        if writers_command:
            command = [
                sys.executable, "-m", "newsroom", "--content", str(content),
                "--output", str(output), "devserver", "--port", str(self.port),
                *options,
            ]  # fmt: skip
        with open(self.log_path, "w") as log:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "COLUMNS": "300"},
                start_new_session=True,
            )
        self.wait_for(lambda: self._listening(), "the server to listen")

    def _listening(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for(self, condition, what: str, timeout: float = 90) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if condition():
                    return
            except http.client.IncompleteRead:
                # Read while a rebuild rewrote the page (files are rewritten in
                # place): not there yet, as a reader's reload would show.
                pass
            assert self.process.poll() is None, f"the server ended:\n{self.log()}"
            time.sleep(0.2)
        raise AssertionError(f"waited {timeout} s for {what}:\n{self.log()}")

    def get(self, path: str, method: str = "GET") -> tuple[int, dict, bytes]:
        url = f"http://127.0.0.1:{self.port}{path}"
        try:
            with urllib.request.urlopen(
                urllib.request.Request(url, method=method)
            ) as r:
                return r.status, dict(r.headers), r.read()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read()

    def stop(self) -> None:
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGINT)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(20)


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """Our server over a clean build of the tests' site."""
    tmp_path = tmp_path_factory.mktemp("serve")
    content = copy_content(tmp_path / "content")
    # With Pagefind's bundle too (SEARCH_INDEX_PAGEFIND), to serve its files.
    built = build(content, tmp_path / "output", extra={"SEARCH_INDEX_PAGEFIND": "true"})
    assert built.returncode == 0, built.log
    (built.output / "photos" / "x.webp").write_bytes(b"RIFF")
    (built.output / "x.wasm").write_bytes(b"\0asm")
    server = Server(tmp_path, content, built.output, "-l")
    yield server, built.output
    server.stop()


@pytest.mark.parametrize(
    "path", ["/photos/", "/theme/", "/2020/", "/pagefind/", "/2020"]
)
def test_a_folder_without_index_page_is_not_listed_but_not_found(served, path):
    server, output = served
    assert (output / path.strip("/")).is_dir()
    assert not (output / path.strip("/") / "index.html").exists()
    status, headers, body = server.get(path)
    assert status == 404
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert body == (output / "404.html").read_bytes()


@pytest.mark.parametrize(
    ("path", "page"),
    [
        ("/khong-co/", "404.html"),
        ("/khong-co.html", "404.html"),
        ("/2020/12/khong-co/", "404.html"),
        ("/english/", "404.html"),
        ("/en/khong-co/", "en/404.html"),
        ("/en/2020/12/khong-co/", "en/404.html"),
    ],
)
def test_a_missing_path_gets_the_site_404_page_of_its_language(served, path, page):
    server, output = served
    status, _, body = server.get(path)
    assert (status, body) == (404, (output / page).read_bytes())
    assert server.get(path, method="HEAD")[0] == 404


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("/", "text/html; charset=utf-8"),
        (POST_URL, "text/html; charset=utf-8"),
        ("/sitemap.xml", "application/xml"),
        ("/feeds/all.atom.xml", "application/atom+xml"),
        ("/pagefind/pagefind-entry.json", "application/json"),
        ("/pagefind/pagefind.js", "text/javascript"),
        ("/photos/x.webp", "image/webp"),
        ("/x.wasm", "application/wasm"),
    ],
)
def test_files_are_served_with_their_type(served, path, content_type):
    server, _ = served
    status, headers, _ = server.get(path)
    assert (status, headers["Content-Type"]) == (200, content_type)


def test_pagefind_index_chunks_are_served_as_binary(served):
    server, output = served
    chunks = sorted((output / "pagefind").rglob("*.pf_*"))
    assert chunks
    for chunk in chunks[:4]:
        status, headers, body = server.get("/" + str(chunk.relative_to(output)))
        assert (status, headers["Content-Type"]) == (200, "application/octet-stream")
        assert body == chunk.read_bytes()


def test_a_folder_url_without_its_slash_is_redirected(served):
    server, _ = served
    connection = http.client.HTTPConnection("127.0.0.1", server.port)
    connection.request("GET", "/en?x=1")
    response = connection.getresponse()
    assert (response.status, response.getheader("Location")) == (301, "/en/?x=1")
    connection.close()


def test_a_crashed_or_failed_rebuild_is_reported_and_the_next_edit_rebuilds(tmp_path):
    content = copy_content(tmp_path / "content")
    theme = tmp_path / "theme"
    shutil.copytree(ROOT / "theme", theme)
    output = tmp_path / "output"
    server = Server(
        tmp_path,
        content,
        output,
        "-lr",
        "-e",
        "CONTENT_MODEL_EXIT_ON_ERROR=false",
        "FAST_BUILD_SKIP_UNCHANGED=true",
        f'THEME="{theme}"',
        f'CACHE_PATH="{tmp_path / "cache"}"',
    )
    try:
        _run(server, content, theme)
    finally:
        server.stop()


def test_the_writers_devserver_command_serves_and_rebuilds_with_their_settings(
    tmp_path,
):
    """``make devserver`` is ``python -m newsroom devserver``: it must start
    (Pelican's ``-e`` once took the content folder for a setting), with its
    own settings (the search index in the background) and the writer's."""
    content = copy_content(tmp_path / "content")
    server = Server(
        tmp_path,
        content,
        tmp_path / "output",
        "-e",
        f'CACHE_PATH="{tmp_path / "cache"}"',
        writers_command=True,
    )
    try:
        server.wait_for(lambda: server.get(POST_URL)[0] == 200, "the first build")
        # Said once the pages are written: the page may be served just before.
        server.wait_for(
            lambda: "Search index: updating in the background" in server.log(),
            "the devserver's own settings (the search index in the background)",
        )
        assert (tmp_path / "cache").is_dir()  # the writer's setting was used
        _edit_title(server, content / POST, "Tin sửa qua lệnh của người viết")
    finally:
        server.stop()


def test_the_command_s_settings_and_the_writer_s_go_in_one_last_e():
    from newsroom.cli import settings_last

    assert settings_last(["-v"], ["A=1"]) == ["-v", "-e", "A=1"]
    assert settings_last(
        ["-e", "B=2", "C=3", "--fatal", "warnings", "--extra-settings=D=4"], ["A=1"]
    ) == ["--fatal", "warnings", "-e", "A=1", "B=2", "C=3", "D=4"]
    assert settings_last(["--log-handler", "plain"]) == ["--log-handler", "plain"]


def _builders(server: Server) -> list[str]:
    return re.findall(r"Build process (\d+) watches", server.log())


def _edit_title(server: Server, post: Path, title: str) -> None:
    text = re.sub(
        r"^title: .*$", f"title: {title}", post.read_text("utf-8"), count=1, flags=re.M
    )
    post.write_text(text, "utf-8")
    server.wait_for(
        lambda: title.encode() in server.get(POST_URL)[2], f"a page titled {title}"
    )


def _run(server: Server, content: Path, theme: Path) -> None:
    post = content / POST
    server.wait_for(lambda: server.get(POST_URL)[0] == 200, "the first build")
    _edit_title(server, post, "Tin sửa lần một")
    # An exception in a rebuild: reported; the next edit rebuilds.
    template = theme / "templates" / "article.html"
    good = template.read_text("utf-8")
    template.write_text("{% if %}" + good, "utf-8")
    server.wait_for(
        lambda: "Rebuild failed: TemplateSyntaxError" in server.log(), "a failure"
    )
    template.write_text(good, "utf-8")
    _edit_title(server, post, "Tin sửa lần hai")
    # The build process dies (as on a C stack overflow): reported, replaced.
    first = _builders(server)
    assert len(first) == 1
    os.kill(int(first[0]), signal.SIGSEGV)
    server.wait_for(lambda: "died (signal SIGSEGV)" in server.log(), "the report")
    server.wait_for(lambda: len(_builders(server)) == 2, "a new build process")
    assert server.get("/")[0] == 200  # the server went on meanwhile
    _edit_title(server, post, "Tin sửa lần ba")
    # `kill` (SIGTERM) ends the server and its build process.
    server.process.terminate()
    assert server.process.wait(30) == 0
    builder = int(_builders(server)[-1])
    deadline = time.monotonic() + 10
    while _alive(builder) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(builder)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"


def test_a_reading_process_that_dies_ends_the_build_instead_of_hanging(tmp_path):
    content = copy_content(tmp_path / "content")
    depth = 100_000  # deep enough to overflow a YAML parser's C stack
    (content / "posts" / "2021" / "sau.md").write_text(
        "---\ntitle: Sâu\ndate: 2021-01-01 08:00\nslug: sau\nlang: vi\n"
        f"x: {'[' * depth}{']' * depth}\n---\nThân bài.\n",
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "pelican", str(content), "-o"]
    command += [str(tmp_path / "output"), "-s", str(ROOT / "pelicanconf.py")]
    command += ["-e", "FAST_BUILD_PARALLEL_MIN=1", "FAST_BUILD_WORKERS=2"]
    command += [f'CACHE_PATH="{tmp_path / "cache"}"']
    # Before: the pool waited for ever for the dead worker's posts.
    result = subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode != 0
    assert not (tmp_path / "output" / "index.html").exists()


def test_ctrl_c_stops_the_server_even_when_its_parent_ignored_sigint(tmp_path):
    """A shell script's background job (or a CI runner) starts us with SIGINT
    ignored; Python would keep ignoring it and Ctrl-C would never stop us."""
    output = tmp_path / "output"
    output.mkdir()
    (output / "index.html").write_text("<!doctype html><title>x</title>")
    port = free_port()
    command = [sys.executable, "-m", "devserver", str(tmp_path), "-o", str(output)]
    command += ["-s", str(ROOT / "pelicanconf.py"), "-b", "127.0.0.1", "-p", str(port)]
    process = subprocess.Popen(
        [*command, "-l"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_IGN),
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            assert process.poll() is None
            time.sleep(0.1)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
