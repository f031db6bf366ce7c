"""Decap CMS's local backend (``POST /api/v1``), so writers edit with no Node.js.

Decap CMS talks to a "proxy server" (decap-server) when its page is served
from this machine; this module answers the same protocol (its ``local_fs``
mode: info, entriesByFolder, entriesByFiles, getEntry, persistEntry,
getMedia, getMediaFile, persistMedia, deleteFile, deleteFiles) on the
content folder, with what the CMS cannot do itself:

- **File names as today.** Decap names a post's sides ``{slug}.vi.md`` and
  ``{slug}.en.md``; on disk the original stays ``{slug}.md``.
- **Registries as lists.** ``data/*.yml`` are lists; Decap edits a mapping,
  so the CMS sees ``units: [...]`` and the file keeps its list (and comments).
- **English roles, captions, groups and tags** keyed on disk by what they
  translate, a list in the form in the original's order (``newsroom.keyed``).
- **Saving changes only what was edited.** The saved values are merged into
  the file as it is (``ruamel.yaml`` round trip): key order, comments, quoting
  and the body's bytes are kept wherever the value did not change; empty
  values the form adds are not written.

Only posts, registries and photos under the content folder can be read or
written; any other path is refused.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import io
import json
import logging
import os
import subprocess
import sys
import tempfile
import unicodedata
from pathlib import Path, PurePosixPath
from typing import Any

import yaml
from PIL import Image
from ruamel.yaml.comments import CommentedBase, CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import DoubleQuotedScalarString
from ruamel.yaml.tokens import CommentToken

from cms_admin.config import LOCAL_LABEL_FIELD, LOCAL_SEARCH_FIELD
from cms_admin.labels import CHOICES
from content_model.schema import ORIGINAL_ONLY, Key, keys_for
from newsroom.keyed import KEYED, lists_to_maps, maps_to_lists, original_items
from newsroom.messages import Message
from newsroom.round_trip import round_trip, split_post

logger = logging.getLogger(__name__)

API_PATH = "/api/v1"
# The content folder's name in the CMS configuration (cms_admin.config.CONTENT).
PREFIX = "content/"
POSTS = "posts/"
REGISTRIES = {"data/units.yml": "units", "data/people.yml": "people"}
REGISTRIES["data/glossary.yml"] = "glossary"
WRITABLE = (POSTS, "photos/", "data/")
MEDIA_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp", ".gif", ".avif")
MAX_REQUEST_BYTES = 64 * 1024 * 1024
# The media library shows the newest photos, as small previews.
MEDIA_LIBRARY_SIZE = 200
THUMBNAIL_PIXELS = 320
CHECK_SECONDS = 120
# What the pickers search and show of a registry entry (admin/setup.js).
SEARCH = LOCAL_SEARCH_FIELD
LABEL = LOCAL_LABEL_FIELD


class BackendError(Exception):
    """A request the backend refuses: its HTTP status and message."""

    def __init__(self, status: int, message: Message):
        super().__init__(message)
        self.status = status


# --- paths ---------------------------------------------------------------------


def _relative(cms_path: str) -> str:
    """Return a CMS path (``content/posts/2020/x.vi.md``) relative to content/."""
    path = PurePosixPath(cms_path.replace("\\", "/"))
    text = str(path)
    if path.is_absolute() or ".." in path.parts or not text.startswith(PREFIX):
        raise BackendError(
            403, Message("%(path)s: outside the content folder", path=cms_path)
        )
    relative = text[len(PREFIX) :]
    if not (relative + "/").startswith(WRITABLE) or (
        relative.startswith("data/") and relative not in REGISTRIES
    ):
        raise BackendError(
            403, Message("%(path)s: not a post, registry or photo", path=cms_path)
        )
    if relative.startswith(POSTS) and relative.endswith(".vi.md"):
        relative = relative[: -len(".vi.md")] + ".md"
    return relative


def _cms_path(relative: str) -> str:
    """Return the CMS's name of a file under content/ (an original is ``.vi.md``)."""
    if (
        relative.startswith(POSTS)
        and relative.endswith(".md")
        and not relative.endswith((".en.md", ".vi.md"))
    ):
        relative = relative[: -len(".md")] + ".vi.md"
    return PREFIX + relative


def _fold(text: str) -> str:
    """Return ``text`` without diacritics, lower case ("Quận Đoàn" -> "quan doan")."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def search_text(entry: dict) -> str:
    """Return what a picker searches in a registry entry: names, aliases, key."""
    names = [entry.get(name) for name in ("name", "short", "vi", "en", "key")]
    aliases = entry.get("aliases")
    names += aliases if isinstance(aliases, list) else [aliases]
    text = " · ".join(str(name) for name in names if name)
    return f"{text} · {_fold(text)}"


def picker_label(entry: dict, names: dict) -> str:
    """Return a picker's line: "Quận Đoàn Tân Bình · Quận, huyện · thuộc …"."""
    parts = [str(entry.get("name") or entry.get("vi") or entry.get("key") or "")]
    if kind := entry.get("kind"):
        parts.append(CHOICES.get(str(kind), str(kind)))
    if parent := entry.get("parent"):
        parts.append(f"thuộc {names.get(parent) or parent}")
    if "kind" not in entry and entry.get("key"):  # a person: the key tells namesakes
        parts.append(str(entry["key"]))
    return " · ".join(parts)


# --- YAML ------------------------------------------------------------------------


_round_trip = round_trip
_split = split_post


def _empty(value: Any) -> bool:
    return value is None or value == "" or value == [] or value == {}


def _same(old: Any, new: Any) -> bool:
    """Tell whether a value read from the file and one saved by the form are equal."""
    if isinstance(old, (dict, list)) or isinstance(new, (dict, list)):
        return False
    if isinstance(old, bool) or isinstance(new, bool):
        return old is new
    if isinstance(old, datetime.datetime):
        old = old.isoformat(sep=" ")
    elif isinstance(old, datetime.date):
        old = old.isoformat()
    return str(old) == str(new)


def _scalar(value: Any) -> Any:
    """Quote a new text the build (PyYAML) would read as something else ("14:30")."""
    if not isinstance(value, str):
        return value
    try:
        loaded = yaml.safe_load(value)
    except yaml.YAMLError:
        return DoubleQuotedScalarString(value)
    if isinstance(loaded, datetime.date) and str(loaded) == value:
        return value  # 2020-12-18: a date either way
    if loaded != value or "\n" in value or value != value.strip():
        return DoubleQuotedScalarString(value)
    return value


def _fresh(value: Any) -> Any:
    """Return a new value as ruamel nodes, empty entries left out."""
    if isinstance(value, dict):
        out = CommentedMap()
        for key, item in value.items():
            if not _empty(item):
                out[key] = _fresh(item)
        return out
    if isinstance(value, list):
        return CommentedSeq(_fresh(item) for item in value if not _empty(item))
    return _scalar(value)


def in_schema_order(data: Any, keys: tuple[Key, ...]) -> Any:
    """Return a post's front matter with its keys in the content model's order."""
    if not isinstance(data, dict):
        return data
    order = {key.name: index for index, key in enumerate(keys)}
    out = {}
    for name in sorted(data, key=lambda name: order.get(name, len(order))):
        value, key = data[name], next((k for k in keys if k.name == name), None)
        if key is not None and key.keys:
            if isinstance(value, list):
                value = [in_schema_order(item, key.keys) for item in value]
            else:
                value = in_schema_order(value, key.keys)
        out[name] = value
    return out


def merge(old: Any, new: Any) -> Any:
    """Return ``new`` written over the node ``old``, keeping what did not change."""
    if isinstance(old, dict) and isinstance(new, dict):
        for key in list(old):
            if key not in new or _empty(new[key]):
                del old[key]
        for key, value in new.items():
            if _empty(value):
                continue
            if key in old:
                old[key] = merge(old[key], value)
            elif value is not False:  # a switch the form added, never set
                old[key] = _fresh(value)
        return old
    if isinstance(old, list) and isinstance(new, list):
        items = [item for item in new if not _empty(item)]
        for index, value in enumerate(items):
            if index < len(old):
                old[index] = merge(old[index], value)
            else:
                old.append(_fresh(value))
        del old[len(items) :]
        return old
    if not isinstance(old, (dict, list)) and _same(old, new):
        return old
    return _fresh(new)


def _shift_comments(node: Any, seen: set[int]) -> None:
    """Move the end-of-line comments of ``node`` two columns right.

    A registry's top-level list is dumped indented by two, then moved back
    (``_dump``): its comments must move with their lines, or ruamel brings an
    aligned comment (``value  # note``) one space nearer its value.
    """

    def shift(item: Any) -> None:
        if isinstance(item, CommentToken):
            if id(item) not in seen:
                seen.add(id(item))
                item.column += 2
        elif isinstance(item, (list, tuple)):
            for each in item:
                shift(each)
        elif isinstance(item, dict):
            for each in item.values():
                shift(each)

    if isinstance(node, CommentedBase):
        shift(node.ca.comment)
        shift(node.ca.items)
    for child in node.values() if isinstance(node, dict) else node:
        if isinstance(child, (dict, list)):
            _shift_comments(child, seen)


def _round_trip_list(node: list) -> str:
    """Return a top-level list as ruamel dumps it, its comments moved along."""
    seen: set[int] = set()
    for item in node:
        if isinstance(item, (dict, list)):
            _shift_comments(item, seen)
    stream = io.StringIO()
    _round_trip().dump(node, stream)
    return stream.getvalue()


def _dump(node: Any) -> str:
    """Return YAML as the site's files are written (a registry's list at column 0)."""
    stream = io.StringIO()
    _round_trip().dump(node, stream)
    text = stream.getvalue()
    if isinstance(node, list):  # ruamel indents a top-level list too
        lines = _round_trip_list(node).splitlines(keepends=True)
        flush = "".join(
            line[2:]
            if line.startswith("  ") and not line.lstrip().startswith("#")
            else line  # whole-line comments are written as they were read
            for line in lines
        )
        if yaml.safe_load(flush) == yaml.safe_load(text):
            return flush
    return text


# --- reading and writing files -------------------------------------------------


class ContentFiles:
    """The posts, registries and photos of one content folder, as the CMS sees them."""

    def __init__(self, content: str | os.PathLike):
        self.root = Path(content).resolve()

    def path(self, relative: str) -> Path:
        """Return the file of a path relative to content/, inside it."""
        path = (self.root / relative).resolve()
        if self.root not in path.parents:
            raise BackendError(
                403, Message("%(path)s: outside the content folder", path=relative)
            )
        return path

    def replace(self, path: Path, data: bytes) -> None:
        """Write ``path`` whole at once: the rebuild never reads half a file.

        The temporary file is beside the content folder, not in it, where the
        build would read it as content.
        """
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".cms-", dir=self.root.parent)
        try:
            with os.fdopen(handle, "wb") as file:
                file.write(data)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise

    def read(self, relative: str) -> str:
        """Return a file's text as the CMS edits it."""
        path = self.path(relative)
        if not path.is_file():
            raise BackendError(
                404, Message("%(path)s: no such file", path=PREFIX + relative)
            )
        text = path.read_text("utf-8-sig")
        if relative in REGISTRIES:
            entries = yaml.safe_load(text) or []
            names = {
                e.get("key"): e.get("name") for e in entries if isinstance(e, dict)
            }
            for entry in entries:
                if isinstance(entry, dict):
                    entry[SEARCH] = search_text(entry)
                    entry[LABEL] = picker_label(entry, names)
            return yaml.safe_dump(
                {REGISTRIES[relative]: entries}, allow_unicode=True, sort_keys=False
            )
        if relative.endswith(".en.md") and (parts := _split(text)):
            data = yaml.safe_load(parts[0]) or {}
            if any(name in data for name in KEYED):
                items = self._original_items(relative)
                front = yaml.safe_dump(
                    maps_to_lists(data, items), allow_unicode=True, sort_keys=False
                )
                return f"---\n{front}---\n{parts[2]}"
        return text

    def _front_matter(self, relative: str) -> dict:
        """Return the front matter of a post file (empty when absent or unreadable)."""
        path = self.path(relative)
        if path.is_file() and (parts := _split(path.read_text("utf-8-sig"))):
            try:
                data = yaml.safe_load(parts[0])
            except yaml.YAMLError:
                return {}
            return data if isinstance(data, dict) else {}
        return {}

    def _original_items(self, relative: str) -> dict[str, list[list[str]]]:
        """Return what the English side's keyed maps may name in its original."""
        original = self._front_matter(relative[: -len(".en.md")] + ".md")
        people_file = self.path("data/people.yml")
        try:
            people = yaml.safe_load(people_file.read_text("utf-8-sig")) or []
        except (OSError, yaml.YAMLError):
            people = []
        return original_items(original, people if isinstance(people, list) else [])

    def write(self, relative: str, raw: str) -> None:
        """Save the CMS's text of a file, changing only what the form changed."""
        path = self.path(relative)
        old = path.read_bytes().decode("utf-8-sig") if path.is_file() else None
        if relative in REGISTRIES:
            text = self._registry(relative, raw, old)
        elif relative.startswith(POSTS):
            text = self._post(relative, raw, old)
            if text is None:
                return
        else:
            text = raw
        if old is not None and "\r\n" in old:
            text = text.replace("\r\n", "\n").replace("\n", "\r\n")
        self.replace(path, text.encode("utf-8"))
        logger.info("Editor saved %s%s", PREFIX, relative)

    def _translation(self, relative: str, data: dict) -> dict | None:
        """Return the English side as the model wants it, or None if untranslated.

        Decap writes an English file as soon as a duplicated field (the slug)
        is set; with no title, nothing was translated and no file is written.
        """
        if not str(data.get("title") or "").strip():
            return None
        original = self.path(relative[: -len(".en.md")] + ".md")
        if original.is_file() and (parts := _split(original.read_text("utf-8-sig"))):
            slug = (yaml.safe_load(parts[0]) or {}).get("slug")
            if slug:
                data["slug"] = slug
        for name in (*ORIGINAL_ONLY, "date"):
            data.pop(name, None)
        data["lang"] = "en"
        items = self._original_items(relative)
        return lists_to_maps(data, items, self._front_matter(relative))

    def _registry(self, relative: str, raw: str, old: str | None) -> str:
        new = (yaml.safe_load(raw) or {}).get(REGISTRIES[relative]) or []
        for entry in new:
            if isinstance(entry, dict):
                entry.pop(SEARCH, None)
                entry.pop(LABEL, None)
        if old is None:
            return _dump(_fresh(new))
        node = _round_trip().load(old) or CommentedSeq()
        return _dump(merge(node, new))

    def _post(self, relative: str, raw: str, old: str | None) -> str | None:
        parts = _split(raw.replace("\r\n", "\n"))
        if parts is None:
            raise BackendError(
                422,
                Message(
                    "%(path)s: the editor sent no front matter",
                    path=PREFIX + relative,
                ),
            )
        data = yaml.safe_load(parts[0]) or {}
        if relative.endswith(".en.md"):
            data = self._translation(relative, data)
            if data is None:
                return None
        data = in_schema_order(data, keys_for(str(data.get("lang") or "vi")))
        body = parts[2]
        old_parts = _split(old.replace("\r\n", "\n")) if old is not None else None
        if old_parts is None:
            front = _dump(_fresh(data))
            return f"---\n{front}---\n{body}"
        node = _round_trip().load(old_parts[0]) or CommentedMap()
        front = _dump(merge(node, data))
        if body.strip() == old_parts[2].strip():
            body = old_parts[2]
        return f"---\n{front}{old_parts[1]}{body}"


# --- the protocol ----------------------------------------------------------------


def _sha(data: bytes) -> str:
    return hashlib.sha1(data, usedforsecurity=False).hexdigest()


class CmsBackend:
    """Answer Decap CMS's local backend requests on one content folder.

    With ``settings`` (the site's Pelican settings file), it also answers
    ``problems``: what ``make check`` says about one saved post, for the
    editor's preview (admin/setup.js).
    """

    def __init__(self, content: str | os.PathLike, settings: str | None = None):
        self.files = ContentFiles(content)
        self.settings = settings
        self._thumbnails: dict[tuple, bytes] = {}
        self._checked: dict[tuple, list[str]] = {}

    def handle(self, body: bytes) -> tuple[int, dict | list | None]:
        """Answer one request body; return the HTTP status and the JSON answer."""
        try:
            request = json.loads(body)
            action = request["action"]
            params = request.get("params") or {}
        except (ValueError, KeyError, TypeError):
            return 422, {"error": "expected JSON with an action"}
        method = getattr(self, f"_{action}", None)
        if method is None:
            return 422, {"error": f"unknown action {action!r}"}
        try:
            return 200, method(params)
        except BackendError as error:
            return error.status, {"error": str(error)}
        except (KeyError, TypeError, ValueError, yaml.YAMLError) as error:
            return 422, {"error": f"{action}: {error}"}

    def _info(self, params: dict) -> dict:
        return {
            "repo": self.files.root.parent.name,
            "publish_modes": ["simple"],
            "type": "local_fs",
        }

    def _entry(self, cms_path: str) -> dict:
        relative = _relative(cms_path)
        text = self.files.read(relative)
        return {"data": text, "file": {"path": cms_path, "id": _sha(text.encode())}}

    def _entriesByFolder(self, params: dict) -> list[dict]:
        folder = _relative(params["folder"])
        extension = "." + params.get("extension", "md").lstrip(".")
        depth = int(params.get("depth") or 1)
        top = self.files.path(folder)
        entries = []
        if not top.is_dir():
            return entries
        for path in sorted(top.rglob(f"*{extension}")):
            relative = path.relative_to(self.files.root).as_posix()
            if len(path.relative_to(top).parts) <= depth and path.is_file():
                entries.append(self._entry(_cms_path(relative)))
        return entries

    def _entriesByFiles(self, params: dict) -> list[dict]:
        entries = []
        for file in params["files"]:
            try:
                entries.append(self._entry(file["path"]))
            except BackendError:
                continue
        return entries

    def _getEntry(self, params: dict) -> dict:
        return self._entry(params["path"])

    def _problems(self, params: dict) -> dict:
        """Return make check's lines about one post (ours, not Decap's protocol)."""
        relative = _relative(params["path"])
        if self.settings is None or not self.files.path(relative).is_file():
            return {"problems": []}
        key = (relative, *(self._stamp(p) for p in (relative, "data")))
        if key not in self._checked:
            self._checked = {key: self._check(relative)}  # the last answer only
        return {"problems": self._checked[key]}

    def _stamp(self, relative: str) -> int:
        path = self.files.path(relative)
        if path.is_dir():
            return max((p.stat().st_mtime_ns for p in path.iterdir()), default=0)
        return path.stat().st_mtime_ns

    def _check(self, relative: str) -> list[str]:
        """Run `make check` on the content folder; keep the lines of ``relative``."""
        plugins = Path(__file__).resolve().parent.parent / "plugins"
        command = [sys.executable, "-m", "content_model.check", "-s", self.settings]
        result = subprocess.run(
            [*command, str(self.files.root)],
            capture_output=True,
            text=True,
            timeout=CHECK_SECONDS,
            cwd=plugins.parent,
            env={**os.environ, "PYTHONPATH": str(plugins), "COLUMNS": "300"},
        )
        names = {relative, relative[: -len(".md")] + ".en.md"}
        output = (result.stdout + result.stderr).splitlines()
        return [line for line in output if line.split(":", 1)[0] in names]

    def _unpublishedEntries(self, params: dict) -> list:
        return []

    def _getDeployPreview(self, params: dict) -> None:
        return None

    def _persistEntry(self, params: dict) -> dict:
        files = params.get("dataFiles") or [params["entry"]]
        for asset in params.get("assets") or []:
            self._save_media(asset)
        for file in files:
            relative = _relative(file["path"])
            self.files.write(relative, file["raw"])
            if file.get("newPath"):
                target = self.files.path(_relative(file["newPath"]))
                target.parent.mkdir(parents=True, exist_ok=True)
                self.files.path(relative).replace(target)
        return {"message": "entry persisted"}

    def _media(self, relative: str) -> dict:
        path = self.files.path(relative)
        data = path.read_bytes()
        return {
            "id": _sha(data),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": PREFIX + relative,
            "name": path.name,
        }

    def _thumbnail(self, path: Path) -> dict:
        """Return a library entry whose content is a small preview of the photo.

        The library only shows it: picking a photo writes its path, and only new
        uploads are ever sent back. A site's photos whole, base64 in one answer
        (decap-server's way), would be gigabytes for a real archive.
        """
        stat = path.stat()
        key = (str(path), stat.st_mtime_ns, stat.st_size)
        if key not in self._thumbnails:
            data = b""
            try:
                with Image.open(path) as image:
                    image.draft("RGB", (THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
                    image = image.convert("RGB")
                    image.thumbnail((THUMBNAIL_PIXELS, THUMBNAIL_PIXELS))
                    out = io.BytesIO()
                    image.save(out, "JPEG", quality=70)
                    data = out.getvalue()
            except (OSError, ValueError, Image.DecompressionBombError):
                pass  # shown without a preview; make check names the problem
            self._thumbnails[key] = data
        data = self._thumbnails[key]
        relative = path.relative_to(self.files.root).as_posix()
        return {
            "id": _sha(f"{key}".encode()),
            "content": base64.b64encode(data).decode("ascii"),
            "encoding": "base64",
            "path": PREFIX + relative,
            "name": path.name,
        }

    def _getMedia(self, params: dict) -> list[dict]:
        top = self.files.path(_relative(params["mediaFolder"]))
        if not top.is_dir():
            return []
        photos = [
            path
            for path in top.rglob("*")
            if path.is_file() and path.suffix.lower() in MEDIA_SUFFIXES
        ]
        photos.sort(key=lambda path: path.stat().st_mtime, reverse=True)
        return [self._thumbnail(path) for path in photos[:MEDIA_LIBRARY_SIZE]]

    def _getMediaFile(self, params: dict) -> dict:
        relative = _relative(params["path"])
        if not self.files.path(relative).is_file():
            raise BackendError(
                404, Message("%(path)s: no such file", path=params["path"])
            )
        return self._media(relative)

    def _save_media(self, asset: dict) -> str:
        relative = _relative(asset["path"])
        if not relative.startswith("photos/") or not relative.lower().endswith(
            MEDIA_SUFFIXES
        ):
            raise BackendError(
                403,
                Message("%(path)s: photos go to content/photos/", path=asset["path"]),
            )
        self.files.replace(
            self.files.path(relative), base64.b64decode(asset["content"])
        )
        return relative

    def _persistMedia(self, params: dict) -> dict:
        return self._media(self._save_media(params["asset"]))

    def _deleteFile(self, params: dict) -> dict:
        return self._deleteFiles({"paths": [params["path"]]})

    def _deleteFiles(self, params: dict) -> dict:
        for cms_path in params["paths"]:
            path = self.files.path(_relative(cms_path))
            if path.is_file():
                path.unlink()
        return {"message": "files deleted"}


def serve_api(handler, backend: CmsBackend) -> None:
    """Answer one POST of ``handler`` (an http.server request) with ``backend``.

    Only same-origin JSON requests from this machine are answered: a page of
    another site cannot send JSON here without a CORS preflight, which is
    never granted, and the devserver's address is not reachable from others.
    """
    origin = handler.headers.get("Origin")
    host = handler.headers.get("Host", "")
    content_type = handler.headers.get("Content-Type", "").split(";")[0].strip()
    length = int(handler.headers.get("Content-Length") or 0)
    if origin and origin.split("://", 1)[-1] != host:
        status, answer = 403, {"error": "cross-origin requests are refused"}
    elif content_type != "application/json":
        status, answer = 415, {"error": "expected application/json"}
    elif not 0 < length <= MAX_REQUEST_BYTES:
        status, answer = 413, {"error": "request too large or empty"}
    else:
        status, answer = backend.handle(handler.rfile.read(length))
    data = json.dumps(answer, ensure_ascii=False).encode("utf-8")
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json; charset=utf-8")
    handler.send_header("Content-Length", str(len(data)))
    handler.send_header("Cache-Control", "no-store")
    handler.end_headers()
    handler.wfile.write(data)
