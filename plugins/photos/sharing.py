"""Sharing images (og:image): the default site card for posts without photos."""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import unicodedata
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from newsroom.messages import Message

from .processing import cover_crop, save_jpeg
from .settings import SHARING_SIZE

logger = logging.getLogger(__name__)

#: Youth Union blue.
BRAND_BLUE = "#0054a6"
_FONT_DIRS = (
    "/usr/share/fonts/truetype/dejavu",
    "/usr/share/fonts/dejavu",
    "/usr/share/fonts/TTF",
    "/usr/local/share/fonts",
)
_MARGIN = 90
_MAX_LINES = 3

Font = ImageFont.FreeTypeFont | ImageFont.ImageFont

__all__ = ["BRAND_BLUE", "cover_crop", "draw_site_card", "load_font", "write_site_card"]


@functools.cache
def _font_file(bold: bool) -> str | None:
    """Return the path of DejaVu Sans (bold or regular), or None if missing."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in _FONT_DIRS:
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate):
            return candidate
    for folder in ("/usr/share/fonts", "/usr/local/share/fonts"):
        for found in sorted(Path(folder).rglob(name)) if os.path.isdir(folder) else ():
            return str(found)
    return None


def load_font(size: int, *, bold: bool = True) -> Font:
    """Return DejaVu Sans at ``size`` (it has Vietnamese), else Pillow's own font."""
    path = _font_file(bold)
    if path:
        try:
            return ImageFont.truetype(path, size)
        except OSError as exc:
            logger.warning(
                Message(
                    "Cannot load font %(file)s: %(error)s", file=path, error=str(exc)
                )
            )
    return ImageFont.load_default(size=size)


def _wrap(draw: ImageDraw.ImageDraw, text: str, font: Font, width: int) -> list[str]:
    """Break text into lines no wider than ``width``, at spaces."""
    lines: list[str] = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def _fit(
    draw: ImageDraw.ImageDraw, text: str, width: int, height: int
) -> tuple[Font, list[str], int]:
    """Return the largest font, its lines and line height that fit the box."""
    for size in range(96, 23, -4):
        font = load_font(size)
        lines = _wrap(draw, text, font, width)
        line_height = round(size * 1.25)
        if (
            len(lines) <= _MAX_LINES
            and len(lines) * line_height <= height
            and all(draw.textlength(line, font=font) <= width for line in lines)
        ):
            break
    return font, lines[:_MAX_LINES], line_height


def draw_site_card(
    site_name: str,
    *,
    tagline: str = "",
    size: tuple[int, int] = SHARING_SIZE,
    background: str = BRAND_BLUE,
    foreground: str = "#ffffff",
) -> Image.Image:
    """Draw the default sharing card: the site name in white on Youth Union blue."""
    site_name = unicodedata.normalize("NFC", " ".join(site_name.split()))
    tagline = unicodedata.normalize("NFC", " ".join(tagline.split()))
    card = Image.new("RGB", size, background)
    draw = ImageDraw.Draw(card)
    width, height = size
    box_width = width - 2 * _MARGIN
    small_size = max(16, height // 18)
    small = load_font(small_size, bold=False)
    small_height = round(small_size * 1.3)
    tagline_lines = _wrap(draw, tagline, small, box_width)[:2]
    gap = height // 16 if tagline_lines else 0
    room = height - 2 * _MARGIN - gap - small_height * len(tagline_lines)
    font, lines, line_height = _fit(draw, site_name, box_width, room)
    block = len(lines) * line_height + gap + small_height * len(tagline_lines)
    y = (height - block) / 2
    for line in lines:
        draw.text((width / 2, y), line, font=font, fill=foreground, anchor="mt")
        y += line_height
    if tagline_lines:
        rule_y = y + gap / 2 - 2
        draw.line([(width / 2 - 60, rule_y), (width / 2 + 60, rule_y)], foreground, 3)
        y += gap
        for line in tagline_lines:
            draw.text((width / 2, y), line, font=small, fill=foreground, anchor="mt")
            y += small_height
    return card


def write_site_card(
    site_name: str,
    output_path: str | Path,
    output_dir: str = "photos",
    *,
    tagline: str = "",
    quality: int = 85,
) -> str:
    """Write the site card as ``{output_dir}/site-card-{hash8}.jpg``; return its URL."""
    card = draw_site_card(site_name, tagline=tagline)
    tag = hashlib.sha256(card.tobytes()).hexdigest()[:8]
    url = f"{output_dir.strip('/')}/site-card-{tag}.jpg"
    target = Path(output_path) / url
    if not target.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        scratch = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        save_jpeg(card, scratch, quality)
        os.replace(scratch, target)
    return url
