"""Feed Pagefind its documents in a fixed order through its service mode.

Pagefind numbers pages in the order it receives them, and that number is
written into every index chunk, filter and sort. Run as ``pagefind --site``,
it receives them in the order the file system lists the folder, which differs
between file systems and between runs on some (tmpfs: creation order). In
``--service`` mode it handles one message at a time, in the order sent
(Pagefind's ``service/mod.rs``), so sending the documents sorted by path gives
every build the same page numbers.

The protocol is the one of the ``pagefind`` Python package (base64 JSON
messages ended by a comma, on stdin and stdout). That package's client waits
0.1 s before reading each response, which would cost 100 s per 1,000 posts,
so this module speaks the protocol itself: every message is sent at once
from a thread while the responses are read as they come. The bundle comes
back in the last response (``GetFiles``) rather than written by Pagefind
(``WriteFiles`` answers before its last file is on disk).
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import subprocess
import tempfile
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

#: The only index this process creates: Pagefind numbers indexes from 0.
INDEX_ID = 0


class ServiceError(RuntimeError):
    """Pagefind's service answered with an error or stopped early."""


def _encode(message_id: int, payload: dict) -> bytes:
    message = {"message_id": message_id, "payload": payload}
    return base64.b64encode(json.dumps(message).encode("utf-8")) + b","


def _messages(pages: Iterable[tuple[str, str]]) -> Iterator[dict]:
    yield {"type": "NewIndex", "config": None}
    for url, html in pages:
        yield {
            "type": "AddFile",
            "index_id": INDEX_ID,
            "url": url,
            "file_path": None,
            "file_contents": html,
        }
    yield {"type": "GetFiles", "index_id": INDEX_ID}


def _responses(stream) -> Iterator[dict]:
    """Yield each decoded response of the service's stdout."""
    buffer = bytearray()
    while chunk := stream.read1(1 << 16):
        start = len(buffer)
        buffer += chunk
        while (comma := buffer.find(b",", start)) != -1:
            raw = bytes(buffer[:comma])
            del buffer[: comma + 1]
            start = 0
            try:
                yield json.loads(base64.b64decode(raw.strip(), validate=True))
            except ValueError as error:  # not a message: report what was printed
                text = raw.decode("utf-8", "replace").strip()[:200]
                raise ServiceError(f"unexpected output {text!r}") from error


def _send_all(process: subprocess.Popen, messages: Iterator[dict]) -> None:
    """Write every message to the service (in a thread: the pipe may fill)."""
    with contextlib.suppress(BrokenPipeError, ValueError):  # stopped: reader says
        for number, payload in enumerate(messages, 1):
            process.stdin.write(_encode(number, payload))
        process.stdin.flush()


def _read_files(process: subprocess.Popen) -> dict[str, bytes] | None:
    """Read the responses up to the bundle's files; None if Pagefind stopped first."""
    for response in _responses(process.stdout):
        payload = response.get("payload") or {}
        kind = payload.get("type")
        if kind == "Error":
            raise ServiceError(payload.get("message") or "unknown error")
        if kind == "NewIndex" and payload.get("index_id") != INDEX_ID:
            raise ServiceError(f"unexpected index {payload!r}")
        if kind == "GetFiles":
            return {
                file["path"].replace("\\", "/"): base64.b64decode(file["content"])
                for file in payload["files"]
            }
    return None


def run_service(
    executable: Path, pages: Iterable[tuple[str, str]], chunk_size: int = 0
) -> dict[str, bytes]:
    """Index ``pages`` ((URL, HTML) in the order given); return the bundle's files.

    ``chunk_size`` (if not 0) is Pagefind's target index chunk size
    (``PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE``): Pagefind
    counts only the positions of the base word, so Vietnamese chunks, where
    most positions are accented variants, come out several times the size.

    The files are keyed by their path in the bundle. Raise ServiceError when
    Pagefind fails. It runs in an empty temporary folder, so no
    ``pagefind.yml`` of ours applies.
    """
    with (
        tempfile.TemporaryDirectory(prefix="search-index-") as cwd,
        tempfile.TemporaryFile() as errors,
    ):
        env = dict(os.environ)
        if chunk_size:
            env["PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE"] = str(chunk_size)
        process = subprocess.Popen(
            [str(executable), "--service"],
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        writer = threading.Thread(
            target=_send_all, args=(process, _messages(pages)), daemon=True
        )
        writer.start()
        files = None
        try:
            files = _read_files(process)
        finally:
            process.kill()  # everything it had to say is read
            writer.join()
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()
            process.wait()
        if files is None:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise ServiceError(
                "Pagefind stopped before sending its files: "
                + (" | ".join(detail[-5:]) or f"exit code {process.returncode}")
            )
    return files
