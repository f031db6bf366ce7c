"""Turn one photo into upright, sRGB, metadata-free WebP and JPEG variants."""

from __future__ import annotations

import functools
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageCms, ImageOps

from newsroom.messages import Message

from .errors import PhotoError
from .reading import PILLOW_ERRORS, displayed_size, open_photo, read_error
from .settings import CARD_ASPECT, DEFAULTS, SHARING_SIZE

SHARING_FILENAME = "og.jpg"
WHITE = (255, 255, 255)
_LANCZOS = Image.Resampling.LANCZOS
_JPEG_FORMATS = ("JPEG", "MPO")
_SIXTEEN_BIT_MODES = ("I", "I;16", "I;16B", "I;16L", "I;16N")


@dataclass(frozen=True)
class RenderedPhoto:
    """What render_photo wrote: the upright original size and each variant size."""

    width: int
    height: int
    variants: tuple[tuple[int, int], ...]
    notices: tuple[Message, ...] = ()
    cards: tuple[tuple[int, int], ...] = ()


def variant_filename(width: int, extension: str) -> str:
    """Return the file name of a variant inside a render folder."""
    return f"{width}.{extension}"


def card_filename(width: int, extension: str) -> str:
    """Return the file name of a card crop inside a render folder."""
    return f"card-{width}.{extension}"


def card_sizes(
    original_width: int, original_height: int, widths: Sequence[int]
) -> tuple[tuple[int, int], ...]:
    """Return the card crops to make (``CARD_ASPECT``), never upscaled, ascending."""
    aspect_w, aspect_h = CARD_ASPECT
    # The widest card the photo covers without enlarging it.
    widest = min(original_width, original_height * aspect_w // aspect_h)
    chosen = sorted({min(w, widest) for w in widths})
    return tuple((w, max(1, round(w * aspect_h / aspect_w))) for w in chosen)


def variant_widths(original_width: int, widths: Sequence[int]) -> tuple[int, ...]:
    """Return the widths to make, never wider than the original, ascending."""
    wanted = sorted(set(widths))
    chosen = [w for w in wanted if w < original_width]
    if not wanted or original_width <= wanted[-1]:
        # Narrower than the largest width: the original width is the largest.
        chosen.append(original_width)
    return tuple(chosen)


def scaled_height(width: int, original_width: int, original_height: int) -> int:
    """Return the height that keeps the original aspect ratio at ``width``."""
    return max(1, round(width * original_height / original_width))


def working_scale(width: int, height: int, targets: Sequence[int]) -> float:
    """Return the scale (at most 1) big enough for every variant and the og crop."""
    share_w, share_h = SHARING_SIZE
    needed = max(max(targets, default=0) / width, share_w / width, share_h / height)
    return min(1.0, needed)


@functools.cache
def _srgb_profile() -> ImageCms.ImageCmsProfile:
    """Return the sRGB profile, built once per process."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


def _upright(image: Image.Image, label: str, notices: list) -> Image.Image:
    """Decode the image and turn it upright following its EXIF orientation."""
    image.load()
    try:
        return ImageOps.exif_transpose(image)
    except PILLOW_ERRORS as exc:
        notices.append(
            photo_notice(
                label,
                Message(
                    "its EXIF data is damaged (%(error)s), so it was used as stored: "
                    "check that it is upright, or re-save it to fix this",
                    error=str(exc),
                ),
            )
        )
        return image


def _normalise_mode(image: Image.Image, label: str) -> Image.Image:
    """Convert unusual modes to one of L, LA, RGB, RGBA or CMYK."""
    mode = image.mode
    if mode in ("L", "LA", "RGB", "RGBA", "CMYK"):
        return image
    if mode in ("P", "PA"):
        has_alpha = mode == "PA" or "transparency" in image.info
        return image.convert("RGBA" if has_alpha else "RGB")
    if mode == "1":
        return image.convert("L")
    if mode in ("RGBX", "YCbCr"):
        return image.convert("RGB")
    if mode in ("RGBa", "La"):
        return image.convert(mode[:-1] + "A")
    if mode in _SIXTEEN_BIT_MODES:
        # 16-bit grey: map 0-65535 onto 0-255 instead of clipping to white.
        wide = image.convert("I") if mode != "I" else image
        if wide.getextrema()[1] > 255:
            wide = wide.point(lambda value: value / 257)
        return wide.convert("L")
    raise PhotoError(
        label,
        Message(
            "cannot use image %(photo)s: its colour mode %(mode)s is not supported "
            "(save it as an 8-bit RGB JPEG or PNG)",
            photo=label,
            mode=mode,
        ),
    )


def to_srgb(
    image: Image.Image, icc_profile: bytes | None, label: str, notices: list
) -> Image.Image:
    """Convert to sRGB (RGB, or RGBA when any pixel is see-through), no metadata.

    A profile Little CMS cannot use (damaged, or for another colour space) is
    not an error: the pixels are taken as sRGB and a notice says so (never a
    warning: ``make publish`` fails on any warning).
    """
    alpha = None
    if image.mode in ("RGBA", "LA"):
        alpha = image.getchannel("A")
        image = image.convert(image.mode[:-1])
    rgb = None
    if icc_profile and image.mode in ("RGB", "CMYK"):
        try:
            source_profile = ImageCms.ImageCmsProfile(io.BytesIO(icc_profile))
            rgb = ImageCms.profileToProfile(
                image,
                source_profile,
                _srgb_profile(),
                renderingIntent=ImageCms.Intent.PERCEPTUAL,
                outputMode="RGB",
            )
        except (ImageCms.PyCMSError, *PILLOW_ERRORS) as exc:
            notices.append(
                photo_notice(
                    label,
                    Message(
                        "its colour profile cannot be used (%(error)s), so its "
                        "colours were taken as sRGB: re-save it in sRGB if they look "
                        "wrong",
                        error=str(exc),
                    ),
                )
            )
    if rgb is None:
        rgb = image.convert("RGB")
    if alpha is not None and alpha.getextrema()[0] < 255:
        rgb.putalpha(alpha)
    # Nothing from the source (EXIF, XMP, IPTC, ICC, comments) may be saved.
    rgb.info = {}
    return rgb


def flatten(image: Image.Image) -> Image.Image:
    """Return an RGB image, see-through pixels laid onto white (for JPEG)."""
    if image.mode != "RGBA":
        return image
    background = Image.new("RGB", image.size, WHITE)
    background.paste(image, (0, 0), image)
    return background


def save_jpeg(image: Image.Image, path: Path, quality: int) -> None:
    """Save a progressive, optimised JPEG without any metadata."""
    flat = flatten(image)
    flat.info = {}
    flat.save(path, "JPEG", quality=quality, optimize=True, progressive=True)


def save_webp(image: Image.Image, path: Path, quality: int) -> None:
    """Save a WebP (keeping alpha) without any metadata."""
    image.info = {}
    image.save(path, "WEBP", quality=quality, method=4)


def cover_crop(image: Image.Image, size: tuple[int, int] = SHARING_SIZE) -> Image.Image:
    """Return the centre of the image scaled to cover ``size`` exactly."""
    return ImageOps.fit(image, size, method=_LANCZOS, centering=(0.5, 0.5))


def _prepare(
    source: Path, label: str, widths: Sequence[int], max_pixels: int
) -> tuple[Image.Image, int, int, tuple[int, ...], list[str]]:
    """Decode, orient, shrink and convert the photo to the working image."""
    notices: list[Message] = []
    with open_photo(source, name=label, max_pixels=max_pixels) as image:
        try:
            width, height = displayed_size(image)
            targets = variant_widths(width, widths)
            scale = working_scale(width, height, targets)
            if scale < 1 and image.format in _JPEG_FORMATS:
                # Let libjpeg decode at 1/2, 1/4 or 1/8 size: far less work.
                stored_w, stored_h = image.size
                image.draft(
                    None,
                    (math.ceil(stored_w * scale), math.ceil(stored_h * scale)),
                )
            icc_profile = image.info.get("icc_profile")
            working = _normalise_mode(_upright(image, label, notices), label)
            working_w = max(1, round(width * scale))
            working_size = (working_w, scaled_height(working_w, width, height))
            if working.size != working_size:
                working = working.resize(working_size, _LANCZOS, reducing_gap=3.0)
            working = to_srgb(working, icc_profile, label, notices)
        except PhotoError:
            raise
        except (*PILLOW_ERRORS, MemoryError) as exc:
            raise read_error(label, exc) from exc
    return working, width, height, targets, notices


def render_photo(
    source: str | Path,
    destination: str | Path,
    *,
    name: str | None = None,
    widths: Sequence[int] = DEFAULTS["PHOTOS_WIDTHS"],
    quality: int = DEFAULTS["PHOTOS_QUALITY"],
    max_pixels: int = DEFAULTS["PHOTOS_MAX_PIXELS"],
    card_widths: Sequence[int] = DEFAULTS["PHOTOS_CARD_WIDTHS"],
) -> RenderedPhoto:
    """Write ``{width}.webp|jpg``, ``card-{width}.webp|jpg`` and ``og.jpg``."""
    source, destination = Path(source), Path(destination)
    label = name or str(source)
    working, width, height, targets, notices = _prepare(
        source, label, widths, max_pixels
    )
    variants = []
    cards = card_sizes(working.width, working.height, card_widths)
    try:
        save_jpeg(cover_crop(working), destination / SHARING_FILENAME, quality)
        for size in cards:
            card = cover_crop(working, size)
            save_webp(card, destination / card_filename(size[0], "webp"), quality)
            save_jpeg(card, destination / card_filename(size[0], "jpg"), quality)
        current = working
        # Largest first, each made from the one before: less work, same quality.
        for target in sorted(targets, reverse=True):
            size = (target, scaled_height(target, width, height))
            if current.size != size:
                current = current.resize(size, _LANCZOS)
            save_webp(current, destination / variant_filename(target, "webp"), quality)
            save_jpeg(current, destination / variant_filename(target, "jpg"), quality)
            variants.append(size)
    except OSError as exc:
        raise PhotoError(
            label,
            Message(
                "cannot write the processed versions of %(photo)s: %(error)s",
                photo=label,
                error=str(exc),
            ),
        ) from exc
    return RenderedPhoto(
        width, height, tuple(reversed(variants)), tuple(notices), cards
    )


def photo_notice(label: str, reason: Message) -> Message:
    """Return a notice line: the photo is published, but worth a look."""
    return Message("%(photo)s: [notice] photo: %(reason)s", photo=label, reason=reason)
