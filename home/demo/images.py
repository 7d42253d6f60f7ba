"""The demo's pictures, drawn with Pillow when the demo is loaded (never downloaded, never
committed): an abstract, map-like hero image for every brief and a portrait for every expert.

Everything is seeded by the record's id, so every load draws the same pixels and writes the
same bytes; the importer names images by content, so loading again adds no image.
``with_generated_images`` writes a copy of a demo JSON Lines file that names them (beside the
original, since the importer reads files only inside the JSONL file's folder; the copies and
``generated/`` are git-ignored).
"""

import hashlib
import math
import random
from pathlib import Path

import orjson
from PIL import Image, ImageDraw, ImageFilter

from importexport.records import iter_lines

HERO_SIZE = (1200, 675)
PORTRAIT_SIZE = (600, 600)
#: (background, land, accent, English colour words, Arabic colour words) of the hero images.
PALETTES = [
    ((16, 42, 67), (44, 92, 128), (242, 177, 52), "deep blue", "الأزرق الداكن"),
    ((22, 58, 52), (58, 112, 96), (236, 201, 120), "green", "الأخضر"),
    ((92, 64, 40), (170, 130, 86), (250, 236, 200), "sand", "الرملي"),
    ((40, 44, 56), (90, 98, 116), (120, 200, 230), "slate grey", "الرمادي"),
    ((18, 70, 82), (42, 130, 140), (255, 214, 140), "teal", "الفيروزي"),
]
HERO_ALT = {
    "en": "Illustration: an abstract map in {colour} tones, with routes drawn between points",
    "ar": "رسم توضيحي: خريطة تجريدية بدرجات اللون {colour}، تصل خطوطٌ بين نقاطها",
}
SKIN = [(241, 204, 170), (224, 172, 132), (198, 140, 100), (160, 108, 72), (112, 76, 52)]
HAIR = [(40, 30, 24), (70, 50, 36), (120, 90, 60), (150, 150, 150), (20, 20, 20)]
CLOTHES = [(30, 50, 90), (60, 60, 70), (90, 30, 40), (40, 80, 70), (100, 90, 80)]


def _rng(kind, key):
    seed = int.from_bytes(hashlib.sha256(f"{kind}:{key}".encode()).digest()[:8])
    return random.Random(seed)  # noqa: S311 - pictures, not secrets


def _palette(key):
    return PALETTES[_rng("palette", key).randrange(len(PALETTES))]


def hero_alt(key, language):
    """The alt text of brief ``key``'s hero image in ``language`` ("en" or "ar")."""
    palette = _palette(key)
    return HERO_ALT[language].format(colour=palette[3] if language == "en" else palette[4])


def draw_hero(key):
    """An abstract map: land masses of blurred random walks on a sea, a graticule, and a
    few places joined by routes, in one of PALETTES."""
    rng = _rng("hero", key)
    sea, land, accent, _en, _ar = _palette(key)
    width, height = HERO_SIZE
    image = Image.new("RGB", HERO_SIZE, sea)
    mask = Image.new("L", HERO_SIZE, 0)
    shapes = ImageDraw.Draw(mask)
    for _ in range(rng.randint(3, 5)):
        cx, cy = rng.uniform(0, width), rng.uniform(0, height)
        radius = rng.uniform(120, 300)
        points = []
        for step in range(48):
            angle = 2 * math.pi * step / 48
            r = radius * rng.uniform(0.65, 1.15)
            points.append((cx + r * math.cos(angle), cy + r * 0.8 * math.sin(angle)))
        shapes.polygon(points, fill=255)
    mask = mask.filter(ImageFilter.GaussianBlur(6)).point(lambda v: 255 if v > 128 else 0)
    image.paste(Image.new("RGB", HERO_SIZE, land), mask=mask)
    draw = ImageDraw.Draw(image)
    grid = tuple(min(255, c + 40) for c in sea)
    for x in range(0, width, 100):
        draw.line([(x, 0), (x, height)], fill=grid, width=1)
    for y in range(0, height, 100):
        draw.line([(0, y), (width, y)], fill=grid, width=1)
    places = [(rng.uniform(80, width - 80), rng.uniform(80, height - 80)) for _ in range(6)]
    for start, end in zip(places, places[1:], strict=False):
        draw.line([start, end], fill=accent, width=3)
    for x, y in places:
        draw.ellipse([x - 9, y - 9, x + 9, y + 9], fill=accent, outline=sea, width=3)
    return image


def draw_portrait(key):
    """A faceless portrait: a head and shoulders on a soft two-colour background (no real
    person's likeness)."""
    rng = _rng("portrait", key)
    width, height = PORTRAIT_SIZE
    top = (rng.randint(150, 220), rng.randint(160, 220), rng.randint(170, 230))
    bottom = tuple(max(0, c - 70) for c in top)
    image = Image.new("RGB", PORTRAIT_SIZE)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        t = y / (height - 1)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True)),
        )
    skin, hair, clothes = rng.choice(SKIN), rng.choice(HAIR), rng.choice(CLOTHES)
    draw.ellipse([110, 400, 490, 760], fill=clothes)  # shoulders
    draw.rectangle([262, 330, 338, 430], fill=skin)  # neck
    hair_bottom = rng.randint(240, 320)
    draw.ellipse([178, 96, 422, hair_bottom], fill=hair)  # hair, behind the face
    draw.ellipse([196, 140, 404, 372], fill=skin)  # face
    return image


def _write(image, path, fmt):
    if path.exists():
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "JPEG":
        image.save(path, fmt, quality=85, optimize=True)
    else:
        image.save(path, fmt)


def with_generated_images(directory, name, language):
    """Draw the pictures of the records in ``directory/name`` into ``directory/generated/``
    and write ``<stem>.with-images.jsonl`` beside ``name``, whose expert records name their
    portrait and whose analysis records their hero image and its alt text (an Arabic
    translation record only its alt text: the image follows the source). Returns its path."""
    directory = Path(directory)
    target = directory / f"{Path(name).stem}.with-images.jsonl"
    lines = []
    for _line_no, _offset, data in iter_lines(directory / name):
        kind, key = data.get("kind"), data.get("id")
        if kind == "expert" and not data.get("translation_of"):
            relative = f"generated/portraits/{key}.jpg"
            _write(draw_portrait(key), directory / relative, "JPEG")
            data["photo"] = relative
        elif kind == "analysis" and not data.get("image"):
            source = data.get("translation_of") or key
            if not data.get("translation_of"):
                relative = f"generated/heroes/{key}.jpg"
                _write(draw_hero(key), directory / relative, "JPEG")
                data["image"] = relative
            data["image_alt"] = hero_alt(source, language)
        lines.append(orjson.dumps(data))
    content = b"\n".join(lines) + b"\n"
    if not target.exists() or target.read_bytes() != content:
        target.write_bytes(content)
    return target
