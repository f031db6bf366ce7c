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
from a thread while the responses are read as they come.
"""

from __future__ import annotations

import base64
import contextlib
import json
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


def _messages(pages: Iterable[tuple[str, str]], bundle: Path) -> Iterator[dict]:
    yield {"type": "NewIndex", "config": None}
    for url, html in pages:
        yield {
            "type": "AddFile",
            "index_id": INDEX_ID,
            "url": url,
            "file_path": None,
            "file_contents": html,
        }
    yield {"type": "WriteFiles", "index_id": INDEX_ID, "output_path": str(bundle)}


def _responses(stream) -> Iterator[dict]:
    """Yield each decoded response of the service's stdout."""
    pending = b""
    while chunk := stream.read1(1 << 16):
        pending += chunk
        *complete, pending = pending.split(b",")
        for raw in complete:
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


def _read_until_written(process: subprocess.Popen) -> bool:
    """Read the responses until the files are written; False if it stopped first."""
    for response in _responses(process.stdout):
        payload = response.get("payload") or {}
        kind = payload.get("type")
        if kind == "Error":
            raise ServiceError(payload.get("message") or "unknown error")
        if kind == "NewIndex" and payload.get("index_id") != INDEX_ID:
            raise ServiceError(f"unexpected index {payload!r}")
        if kind == "WriteFiles":
            return True
    return False


def run_service(
    executable: Path, pages: Iterable[tuple[str, str]], bundle: Path
) -> None:
    """Index ``pages`` ((URL, HTML) in the order given) into the folder ``bundle``.

    Raise ServiceError when Pagefind fails. It runs in an empty temporary
    folder, so no ``pagefind.yml`` of ours applies.
    """
    with (
        tempfile.TemporaryDirectory(prefix="search-index-") as cwd,
        tempfile.TemporaryFile() as errors,
    ):
        process = subprocess.Popen(
            [str(executable), "--service"],
            cwd=cwd,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
        )
        writer = threading.Thread(
            target=_send_all, args=(process, _messages(pages, bundle)), daemon=True
        )
        writer.start()
        written = False
        try:
            written = _read_until_written(process)
        finally:
            if not written:
                process.kill()
            writer.join()
            with contextlib.suppress(BrokenPipeError):
                process.stdin.close()  # end of input: the service exits
            process.wait()
        if not written:
            errors.seek(0)
            detail = errors.read().decode("utf-8", "replace").strip().splitlines()
            raise ServiceError(
                "Pagefind stopped before writing its files: "
                + (" | ".join(detail[-5:]) or f"exit code {process.returncode}")
            )
