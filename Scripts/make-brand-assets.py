#!/usr/bin/env python3
"""Draws the default theme's raster icons and share picture (themes/default/static/brand/ and
favicon.ico) from the same shapes as brand/logo.svg. Run once after changing the logo (python3 Scripts/make-brand-assets.py); the
outputs are committed, so building a site never needs Python. Needs Pillow (pip install pillow)."""
from pathlib import Path
from PIL import Image, ImageDraw

STATIC = Path(__file__).resolve().parent.parent / "themes" / "default" / "static"
BLUE, PALE, WHITE = (11, 61, 145), (219, 230, 247), (255, 255, 255)


def logo(size: int) -> Image.Image:
    """The 64-unit logo drawn at `size` pixels, supersampled four times for smooth edges."""
    scale = size * 4 / 64
    image = Image.new("RGBA", (size * 4, size * 4), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    s = lambda *points: [(x * scale, y * scale) for x, y in points]
    draw.rounded_rectangle([0, 0, 64 * scale - 1, 64 * scale - 1], radius=12 * scale, fill=BLUE)
    draw.polygon(s((10, 18), (20, 16), (32, 20), (32, 50), (20, 46), (10, 48)), fill=WHITE)
    draw.polygon(s((54, 18), (44, 16), (32, 20), (32, 50), (44, 46), (54, 48)), fill=PALE)
    for x0, x1, y in [(15, 26, 26), (15, 26, 32), (15, 23, 38), (38, 49, 26), (38, 49, 32), (38, 46, 38)]:
        draw.line(s((x0, y), (x1, y)), fill=BLUE, width=max(1, round(2.5 * scale)))
    return image.resize((size, size), Image.LANCZOS)


def share_picture() -> Image.Image:
    """1200×630, the size link previews expect: the logo centred on the site's blue."""
    image = Image.new("RGB", (1200, 630), BLUE)
    mark = logo(320)
    image.paste(mark, ((1200 - 320) // 2, (630 - 320) // 2), mark)
    return image


def main() -> None:
    brand = STATIC / "brand"
    brand.mkdir(parents=True, exist_ok=True)
    for name, size in [("icon-192.png", 192), ("icon-512.png", 512), ("apple-touch-icon.png", 180)]:
        logo(size).save(brand / name, optimize=True)
    share_picture().save(brand / "share.png", optimize=True)
    logo(48).save(STATIC / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])


if __name__ == "__main__":
    main()
