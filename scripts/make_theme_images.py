"""Draw the theme's images with Pillow: the default sharing card and the logo.

Run once after changing the design (`.venv/bin/python scripts/make_theme_images.py`);
the PNGs are committed under theme/static/images/.
"""

from __future__ import annotations

import argparse
import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BLUE = "#0054a6"
WHITE = "#ffffff"
LIGHT = "#cfe3ff"
FONTS = Path("/usr/share/fonts/truetype/dejavu")
OUTPUT = Path(__file__).resolve().parent.parent / "theme" / "static" / "images"

TITLE = "Tin tức Đoàn TNCS Hồ Chí Minh"
TAGLINE = "Tin hoạt động của các cơ sở Đoàn · News from Youth Union units"


def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    """Return DejaVu Sans (it covers Vietnamese) at ``size`` pixels."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(FONTS / name), size)


def fitted(
    draw: ImageDraw.ImageDraw, text: str, width: int, size: int
) -> ImageFont.FreeTypeFont:
    """Return the largest bold font up to ``size`` in which ``text`` fits ``width``."""
    while size > 10 and draw.textlength(text, font=font(size)) > width:
        size -= 2
    return font(size)


def star(draw: ImageDraw.ImageDraw, cx: float, cy: float, r: float, fill: str) -> None:
    """Draw a five-pointed star centred on (cx, cy)."""
    points = []
    for i in range(10):
        radius = r if i % 2 == 0 else r * 0.4
        angle = math.pi / 2 + i * math.pi / 5
        points.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    draw.polygon(points, fill=fill)


def sharing_card() -> Image.Image:
    """Return the 1200x630 card shown when a post without photos is shared."""
    card = Image.new("RGB", (1200, 630), BLUE)
    draw = ImageDraw.Draw(card)
    star(draw, 150, 170, 70, WHITE)
    draw.text((90, 300), TITLE, font=fitted(draw, TITLE, 1020, 64), fill=WHITE)
    draw.text((90, 400), TAGLINE, font=font(30, bold=False), fill=LIGHT)
    draw.rectangle((90, 480, 330, 488), fill=WHITE)
    return card


def logo() -> Image.Image:
    """Return the 600x60 publisher logo for NewsArticle structured data."""
    image = Image.new("RGB", (600, 60), WHITE)
    draw = ImageDraw.Draw(image)
    star(draw, 30, 31, 24, BLUE)
    draw.text((66, 12), TITLE, font=fitted(draw, TITLE, 520, 30), fill=BLUE)
    return image


def main() -> None:
    """Write the images into the theme."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args()
    args.output.mkdir(parents=True, exist_ok=True)
    sharing_card().save(args.output / "og-default.png", optimize=True)
    logo().save(args.output / "logo.png", optimize=True)


if __name__ == "__main__":
    main()
