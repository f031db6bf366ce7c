"""Open photos safely: known formats only, pixel limit before decoding, clear errors."""

from __future__ import annotations

import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageFile, UnidentifiedImageError

from newsroom.messages import Message

from .errors import PhotoError
from .settings import DEFAULTS

#: Formats Pillow reports that we accept; MPO is the multi-picture JPEG of phones.
ACCEPTED_FORMATS = frozenset({"JPEG", "MPO", "PNG", "WEBP", "TIFF"})
ACCEPTED_NAMES = "JPEG, PNG, WebP or TIFF"
_ACCEPTED_SUFFIXES = {
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".png": "PNG",
    ".webp": "WebP",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
_HEIF_BRANDS = frozenset(
    {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}
)
_EXIF_ORIENTATION = 0x0112

#: What Pillow raises on damaged or odd files. Pillow documents no single base
#: class, so this list is what keeps its tracebacks from reaching the author.
PILLOW_ERRORS: tuple[type[BaseException], ...] = (
    OSError,
    SyntaxError,
    ValueError,
    EOFError,
    TypeError,
    KeyError,
    IndexError,
    ZeroDivisionError,
    struct.error,
    Image.DecompressionBombError,
)

# Image.MAX_IMAGE_PIXELS is process-wide; the lock keeps our temporary change
# from leaking into another thread that opens an image at the same moment.
_LIMIT_LOCK = threading.Lock()


@dataclass(frozen=True)
class PhotoInfo:
    """What a cheap check learns about a photo; sizes are as displayed (rotated)."""

    path: str
    format: str
    width: int
    height: int
    mode: str
    has_icc_profile: bool


def megapixels(pixels: int) -> str:
    """Return a pixel count as megapixels for messages: ``600 MP``, ``8.3 MP``."""
    mp = pixels / 1_000_000
    if mp >= 10:
        text = f"{mp:.0f}"
    elif mp >= 0.1:
        text = f"{mp:.1f}".removesuffix(".0")
    else:
        text = f"{mp:.2g}"
    return f"{text} MP"


def read_error(label: str, exc: BaseException) -> PhotoError:
    """Turn an exception raised while reading an image into a PhotoError."""
    if isinstance(exc, PhotoError):
        return exc
    text = str(exc)
    if isinstance(exc, PermissionError):
        reason = Message("permission denied")
    elif isinstance(exc, FileNotFoundError):
        reason = Message("the file does not exist")
    elif isinstance(exc, IsADirectoryError):
        reason = Message("it is a folder")
    elif "truncated" in text.lower():
        reason = Message("the file is truncated (cut off before its end)")
    elif isinstance(exc, MemoryError):
        reason = Message("there is not enough memory to decode it")
    else:
        reason = Message(
            "the file is damaged (%(error)s)", error=text or type(exc).__name__
        )
    return PhotoError(
        label,
        Message("cannot read image %(photo)s: %(reason)s", photo=label, reason=reason),
    )


def _unidentified_reason(path: Path) -> Message:
    """Explain why Pillow could not recognise a file."""
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        head = b""
    suffix = path.suffix.lower()
    is_heif = head[4:8] == b"ftyp" and head[8:12] in _HEIF_BRANDS
    if is_heif or suffix in (".heic", ".heif"):
        return Message(
            "HEIC/HEIF photos are not supported: export it as JPEG (on an iPhone: "
            "Settings > Camera > Formats > Most Compatible)"
        )
    if not head:
        return Message("the file is empty")
    if suffix in _ACCEPTED_SUFFIXES:
        return Message(
            "the file is damaged or is not really a %(kind)s image",
            kind=_ACCEPTED_SUFFIXES[suffix],
        )
    if suffix:
        return Message(
            "'%(suffix)s' files are not supported images: use %(accepted)s",
            suffix=suffix,
            accepted=ACCEPTED_NAMES,
        )
    return Message(
        "files without an extension are not supported images: use %(accepted)s",
        accepted=ACCEPTED_NAMES,
    )


@contextmanager
def _own_pixel_limit() -> Iterator[None]:
    """Switch off Pillow's bomb check while opening; check_pixels replaces it."""
    with _LIMIT_LOCK:
        saved = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = None
        try:
            yield
        finally:
            Image.MAX_IMAGE_PIXELS = saved


def check_pixels(label: str, width: int, height: int, max_pixels: int) -> None:
    """Refuse an image over the pixel limit, from its header size alone."""
    if width * height > max_pixels:
        raise PhotoError(
            label,
            Message(
                "image %(photo)s is %(size)s pixels (%(pixels)s), over the "
                "%(limit)s limit: resize it before adding it",
                photo=label,
                size=f"{width}×{height}",
                pixels=megapixels(width * height),
                limit=megapixels(max_pixels),
            ),
        )


def open_photo(
    path: str | Path,
    *,
    name: str | None = None,
    max_pixels: int = DEFAULTS["PHOTOS_MAX_PIXELS"],
) -> ImageFile.ImageFile:
    """Open a photo without decoding it, refusing bad formats and oversized images."""
    path = Path(path)
    label = name or str(path)
    if not path.exists():
        raise PhotoError(
            label,
            Message(
                "cannot read image %(photo)s: %(reason)s",
                photo=label,
                reason=Message("the file does not exist"),
            ),
        )
    if path.is_dir():
        raise PhotoError(
            label,
            Message(
                "cannot read image %(photo)s: %(reason)s",
                photo=label,
                reason=Message("it is a folder"),
            ),
        )
    try:
        with _own_pixel_limit():
            image = Image.open(path)
    except UnidentifiedImageError as exc:
        raise PhotoError(
            label,
            Message(
                "cannot use image %(photo)s: %(reason)s",
                photo=label,
                reason=_unidentified_reason(path),
            ),
        ) from exc
    except (*PILLOW_ERRORS, MemoryError) as exc:
        raise read_error(label, exc) from exc
    try:
        if image.format not in ACCEPTED_FORMATS:
            raise PhotoError(
                label,
                Message(
                    "cannot use image %(photo)s: %(format)s is not a supported format "
                    "(use %(accepted)s)",
                    photo=label,
                    format=image.format,
                    accepted=ACCEPTED_NAMES,
                ),
            )
        check_pixels(label, image.width, image.height, max_pixels)
    except PhotoError:
        image.close()
        raise
    return image


def orientation(image: Image.Image) -> int:
    """Return the EXIF orientation (1-8) of an opened image; 1 when unknown."""
    try:
        value = image.getexif().get(_EXIF_ORIENTATION, 1)
    except PILLOW_ERRORS:
        return 1
    return value if isinstance(value, int) and 1 <= value <= 8 else 1


def displayed_size(image: Image.Image) -> tuple[int, int]:
    """Return the size of an opened image once turned upright by its EXIF."""
    width, height = image.size
    return (height, width) if orientation(image) in (5, 6, 7, 8) else (width, height)


def check_photo(
    path: str | Path,
    *,
    name: str | None = None,
    max_pixels: int = DEFAULTS["PHOTOS_MAX_PIXELS"],
) -> PhotoInfo:
    """Check a photo can be used, decoding it at reduced size; raise PhotoError."""
    label = name or str(path)
    # verify() must come straight after opening (PNG refuses otherwise), and
    # leaves the image unusable: the size and a decode use a fresh one.
    with open_photo(path, name=label, max_pixels=max_pixels) as image:
        try:
            image.verify()
        except (*PILLOW_ERRORS, MemoryError) as exc:
            raise read_error(label, exc) from exc
    with open_photo(path, name=label, max_pixels=max_pixels) as image:
        width, height = displayed_size(image)
        info = PhotoInfo(
            path=label,
            format="JPEG" if image.format == "MPO" else str(image.format),
            width=width,
            height=height,
            mode=image.mode,
            has_icc_profile=bool(image.info.get("icc_profile")),
        )
        try:
            # A JPEG decodes at 1/8 scale, which still reads every byte.
            image.draft(None, (max(1, image.width // 8), max(1, image.height // 8)))
            image.load()
        except (*PILLOW_ERRORS, MemoryError) as exc:
            raise read_error(label, exc) from exc
    return info
