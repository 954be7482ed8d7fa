#!/usr/bin/env python3
"""Makes the example site's camera photos (make site and make test run it when they are missing).

Three 4000 x 3000 JPEGs of about 3-4 MB, as a phone would save them, drawn from a fixed seed:
- main-building.jpg: a plain landscape photo with camera EXIF;
- ice-sculptures.jpg: stored sideways with EXIF orientation 6 (rotate 90 degrees clockwise to
  view) and the GPS position of the phone, as phones save portrait photos: Newsdesk must publish
  it upright and without the position;
- library-lights.jpg: a landscape evening photo with an ICC-less sRGB EXIF block.

With --corpus SITE COUNT it writes the photo benchmark instead (Benchmarks/photos.sh): COUNT
page bundles under SITE/content/news, each with one distinct 4000 x 3000 JPEG of about 4 MB.

Needs Pillow (pip install pillow). Usage: Scripts/example-photos.py [folder] | --corpus SITE COUNT
"""
import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

FOLDER = Path(sys.argv[1] if len(sys.argv) > 1 and sys.argv[1] != "--corpus" else "content/news/2023-11-10-first-snow-on-campus")
WIDTH, HEIGHT = 4000, 3000


def scene(size, seed, sky, ground, shapes):
    """A sky gradient over the ground, blocks for buildings or sculptures, and sensor noise."""
    rng = random.Random(seed)
    width, height = size
    image = Image.new("RGB", size)
    draw = ImageDraw.Draw(image)
    horizon = int(height * 0.62)
    for y in range(height):
        top, bottom = (sky, ground) if y < horizon else (ground, tuple(c // 2 for c in ground))
        t = (y if y < horizon else y - horizon) / (horizon if y < horizon else height - horizon)
        draw.line([(0, y), (width, y)], fill=tuple(int(a + (b - a) * t) for a, b in zip(top, bottom)))
    for _ in range(shapes):
        w, h = rng.randint(width // 20, width // 5), rng.randint(height // 8, height // 2)
        x, y = rng.randint(0, width - w), horizon - h + rng.randint(0, height // 10)
        colour = tuple(rng.randint(60, 230) for _ in range(3))
        draw.rectangle([x, y, x + w, y + h], fill=colour, outline=(30, 30, 30), width=8)
        for wx in range(x + 40, x + w - 40, 90):
            for wy in range(y + 40, y + h - 40, 120):
                draw.rectangle([wx, wy, wx + 40, wy + 60], fill=tuple(min(255, c + 60) for c in colour))
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).convert("RGB")
    return Image.blend(image.filter(ImageFilter.GaussianBlur(2)), noise, 0.10)


def camera_exif(orientation=1, gps=None):
    exif = Image.Exif()
    exif[0x010F] = "Newsdesk Example Camera"  # Make
    exif[0x0110] = "ND-4000"  # Model
    exif[0x0132] = "2023:11:10 09:30:00"  # DateTime
    exif[0x0112] = orientation
    if gps:
        latitude, longitude = gps
        ifd = exif.get_ifd(0x8825)
        ifd[1] = "N"
        ifd[2] = (float(int(latitude)), float(int(latitude * 60) % 60), round(latitude * 3600 % 60, 2))
        ifd[3] = "E"
        ifd[4] = (float(int(longitude)), float(int(longitude * 60) % 60), round(longitude * 3600 % 60, 2))
    return exif


def main():
    FOLDER.mkdir(parents=True, exist_ok=True)
    photos = {
        "main-building.jpg": (scene((WIDTH, HEIGHT), 1, (120, 170, 230), (235, 240, 245), 9), camera_exif()),
        # Drawn upright as a portrait, then stored turned left, as a phone held upright stores it.
        "ice-sculptures.jpg": (scene((HEIGHT, WIDTH), 2, (40, 60, 140), (200, 225, 250), 6).transpose(Image.Transpose.ROTATE_90),
                               camera_exif(orientation=6, gps=(45.7231, 126.6402))),
        "library-lights.jpg": (scene((WIDTH, HEIGHT), 3, (20, 25, 60), (90, 80, 70), 12), camera_exif()),
    }
    for name, (image, exif) in photos.items():
        image.save(FOLDER / name, "JPEG", quality=92, exif=exif)
        print(f"{FOLDER / name}: {(FOLDER / name).stat().st_size // 1024} KB")


def corpus(site, count):
    """`count` bundles, each with its own photo: three scenes, each copy marked differently."""
    scenes = [scene((WIDTH, HEIGHT), seed, sky, ground, shapes) for seed, sky, ground, shapes in
              [(11, (120, 170, 230), (235, 240, 245), 9), (12, (40, 60, 140), (200, 225, 250), 6), (13, (20, 25, 60), (90, 80, 70), 12)]]
    (site / "content").mkdir(parents=True, exist_ok=True)
    (site / "content/site.yml").write_text("title: Photo Benchmark\nbase_url: https://news.example.edu.cn/\n"
                                           "time_zone: Asia/Shanghai\npermalinks:\n  news: /:section/:year/:slug/\n")
    for number in range(count):
        bundle = site / f"content/news/2023-{1 + number // 28:02d}-{1 + number % 28:02d}-photo-{number:03d}"
        bundle.mkdir(parents=True, exist_ok=True)
        image = scenes[number % 3].copy()
        ImageDraw.Draw(image).rectangle([100 + number * 50, 100, 400 + number * 50, 400], fill=(number * 4 % 256, 200, 90))
        image.save(bundle / "photo.jpg", "JPEG", quality=92, exif=camera_exif(gps=(45.7231, 126.6402)))
        (bundle / "index.md").write_text(
            f"---\ntitle: Photo story {number}\ndate: 2023-{1 + number // 28:02d}-{1 + number % 28:02d}\n"
            f"image: photo.jpg\nimage_alt: Campus scene number {number}\n---\n"
            f"A short story about campus scene {number}.\n\n![Campus scene number {number}](photo.jpg)\n")


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--corpus":
        corpus(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        main()
