"""Cache processed variants by content hash, and place them into the output."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from newsroom.incremental import keep
from newsroom.messages import Message, from_data, to_data

from .processing import (
    SHARING_FILENAME,
    card_filename,
    render_photo,
    variant_filename,
)
from .settings import PhotoSettings

logger = logging.getLogger(__name__)

_META = "meta.json"
_DIGESTS = "sources.json"
_CHUNK = 1 << 20


def file_digest(path: Path) -> str:
    """Return the sha256 of a file's bytes, in hex."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def cache_key(source_digest: str, settings: PhotoSettings) -> str:
    """Return the key of a photo's variants: its bytes plus processing settings."""
    text = f"{source_digest}\n{settings.fingerprint}"
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass(frozen=True)
class CacheEntry:
    """The processed files of one photo, in its cache folder."""

    key: str
    folder: Path
    width: int
    height: int
    variants: tuple[tuple[int, int], ...]
    notices: tuple[Message, ...] = ()
    cards: tuple[tuple[int, int], ...] = ()

    def variant_file(self, width: int, extension: str) -> Path:
        """Return the cached file of one variant (extension ``webp`` or ``jpg``)."""
        return self.folder / variant_filename(width, extension)

    def card_file(self, width: int, extension: str) -> Path:
        """Return the cached file of one card crop (``webp`` or ``jpg``)."""
        return self.folder / card_filename(width, extension)

    @property
    def sharing_file(self) -> Path:
        """Return the cached 1200x630 sharing image."""
        return self.folder / SHARING_FILENAME

    def files(self) -> list[Path]:
        """Return every file the entry holds."""
        files = [self.sharing_file]
        for width, _height in self.variants:
            files += [self.variant_file(width, "webp"), self.variant_file(width, "jpg")]
        for width, _height in self.cards:
            files += [self.card_file(width, "webp"), self.card_file(width, "jpg")]
        return files


class PhotoCache:
    """A folder of processed photos, one sub-folder per cache key."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def folder(self, key: str) -> Path:
        """Return the folder of a key (spread over 256 parents)."""
        return self.root / key[:2] / key

    def load(self, key: str) -> CacheEntry | None:
        """Return the complete entry of a key, or None when it must be built."""
        folder = self.folder(key)
        try:
            meta = json.loads((folder / _META).read_text(encoding="utf-8"))
            entry = CacheEntry(
                key=key,
                folder=folder,
                width=int(meta["width"]),
                height=int(meta["height"]),
                variants=tuple((int(w), int(h)) for w, h in meta["variants"]),
                cards=tuple((int(w), int(h)) for w, h in meta.get("cards", ())),
                # Entries written before notices were messages are rebuilt.
                notices=tuple(from_data(n) for n in meta["notices"]),
            )
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError) as exc:
            logger.info("Rebuilding damaged photo cache entry %s: %s", folder, exc)
            return None
        if not all(path.is_file() for path in entry.files()):
            logger.info("Rebuilding incomplete photo cache entry %s", folder)
            return None
        return entry

    def build(
        self, key: str, source: Path, label: str, settings: PhotoSettings
    ) -> CacheEntry:
        """Process a photo into the cache folder of its key; raise PhotoError."""
        scratch_root = self.root / "tmp"
        scratch_root.mkdir(parents=True, exist_ok=True)
        scratch = Path(tempfile.mkdtemp(prefix=key[:8] + "-", dir=scratch_root))
        try:
            rendered = render_photo(
                source,
                scratch,
                name=label,
                widths=settings.widths,
                quality=settings.quality,
                max_pixels=settings.max_pixels,
                card_widths=settings.card_widths,
            )
            meta = {
                "source": label,
                "width": rendered.width,
                "height": rendered.height,
                "variants": rendered.variants,
                "cards": rendered.cards,
                "notices": [to_data(n) for n in rendered.notices],
            }
            (scratch / _META).write_text(json.dumps(meta), encoding="utf-8")
            folder = self.folder(key)
            folder.parent.mkdir(parents=True, exist_ok=True)
            if folder.exists():
                shutil.rmtree(folder)  # an incomplete or damaged earlier entry
            try:
                # One rename publishes the whole entry, so no reader sees half.
                scratch.rename(folder)
            except OSError:
                if self.load(key) is None:  # not just another build that won
                    raise
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
        entry = self.load(key)
        if entry is None:
            raise OSError(f"photo cache entry {folder} vanished after being written")
        return entry


class SourceDigests:
    """Remember source digests by path, size and mtime, to skip re-reading files."""

    def __init__(self, cache_root: str | Path) -> None:
        self.path = Path(cache_root) / _DIGESTS
        self._known: dict[str, list] = {}
        self._changed = False
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(data, dict):
                self._known = data
        except (OSError, ValueError):
            pass

    def digest(self, source: Path) -> str:
        """Return the sha256 of a source file, reading it only when it changed."""
        stat = source.stat()
        name = str(source.resolve())
        known = self._known.get(name)
        if (
            isinstance(known, list)
            and len(known) == 3
            and known[:2] == [stat.st_size, stat.st_mtime_ns]
        ):
            return str(known[2])
        digest = file_digest(source)
        self._known[name] = [stat.st_size, stat.st_mtime_ns, digest]
        self._changed = True
        return digest

    def save(self) -> None:
        """Write the digests back if any changed."""
        if not self._changed:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        scratch = self.path.with_name(f"{_DIGESTS}.{os.getpid()}.tmp")
        scratch.write_text(json.dumps(self._known), encoding="utf-8")
        os.replace(scratch, self.path)
        self._changed = False


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a cached file into the output, copying when linking fails."""
    try:
        have, want = target.stat(), source.stat()
    except FileNotFoundError:
        pass
    else:
        # Names are content-addressed: a same-size, same-time file is this one.
        same_inode = (have.st_dev, have.st_ino) == (want.st_dev, want.st_ino)
        if same_inode or (
            have.st_size == want.st_size and have.st_mtime_ns == want.st_mtime_ns
        ):
            keep(target)  # still this build's file (output_manifest)
            return
        target.unlink()
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target)
    except OSError:
        # Another file system, or one without hard links: copy (keeping mtime).
        scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        shutil.copy2(source, scratch)
        os.replace(scratch, target)
