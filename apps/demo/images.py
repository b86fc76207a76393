"""Pictures for the demo, drawn with Pillow: no download, same picture for the same seed.

Each scene is a flat illustration in the agency's colours (a gradient, simple shapes) with a
caption band at the bottom, so a reader of the demo sees at a glance what a story is about
and that the picture is an illustration. One 1600x900 JPEG takes a few tens of milliseconds.
"""

import io
import math
import random
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1600, 900
BAND = 96  # height of the caption band
FONT_DIRS = [
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
]
FONT_FILES = {
    "bold": ["DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"],
    "regular": ["DejaVuSans.ttf", "LiberationSans-Regular.ttf"],
}


@dataclass(frozen=True)
class Palette:
    sky_top: str
    sky_bottom: str
    ground: str
    primary: str
    secondary: str
    accent: str
    dark: str
    light: str


@lru_cache(maxsize=32)
def font(weight, size):
    """A TrueType font when one is installed, else Pillow's own scalable default."""
    for directory in FONT_DIRS:
        for name in FONT_FILES[weight]:
            path = directory / name
            if path.exists():
                return ImageFont.truetype(str(path), size)
    return ImageFont.load_default(size=size)


def rgb(value):
    value = value.lstrip("#")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def mix(a, b, t):
    a, b = rgb(a) if isinstance(a, str) else a, rgb(b) if isinstance(b, str) else b
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b, strict=True))


def gradient(size, top, bottom):
    """A vertical gradient: a 1-pixel column, interpolated to the height, then repeated."""
    width, height = size
    column = Image.new("RGB", (1, 64))
    column.putdata([mix(top, bottom, i / 63) for i in range(64)])
    column = column.resize((1, height), Image.Resampling.BILINEAR)
    return column.resize((width, height), Image.Resampling.NEAREST)


def fit_text(draw, text, face, max_width):
    if draw.textlength(text, font=face) <= max_width:
        return text
    while text and draw.textlength(text + "…", font=face) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


# Scenes. Each draws into the area above the caption band: (0, 0) to (WIDTH, HEIGHT - BAND).


def _skyline(draw, rng, pal, base, count=22, max_height=320):
    x = -20
    while x < WIDTH:
        w = rng.randint(50, 120)
        h = rng.randint(max_height // 3, max_height)
        colour = mix(pal.dark, pal.primary, rng.uniform(0.1, 0.45))
        draw.rectangle([x, base - h, x + w, base], fill=colour)
        for wy in range(base - h + 14, base - 16, 26):
            for wx in range(x + 10, x + w - 12, 20):
                if rng.random() < 0.55:
                    draw.rectangle([wx, wy, wx + 8, wy + 12], fill=mix(pal.light, pal.accent, 0.3))
        x += w + rng.randint(4, 18)


def _person(draw, x, y, scale, colour, skin):
    head = 16 * scale
    draw.ellipse([x - head, y - 3 * head, x + head, y - head], fill=skin)
    draw.rounded_rectangle(
        [x - 1.8 * head, y - head + 4, x + 1.8 * head, y + 2.6 * head], 12, colour
    )


def _house(draw, rng, pal, x, base, w, h):
    wall = mix(pal.light, pal.secondary, rng.uniform(0.1, 0.5))
    roof = mix(pal.accent, pal.dark, rng.uniform(0.0, 0.4))
    draw.rectangle([x, base - h, x + w, base], fill=wall, outline=mix(pal.dark, wall, 0.5), width=3)
    draw.polygon(
        [(x - 16, base - h), (x + w / 2, base - h - h * 0.6), (x + w + 16, base - h)], roof
    )
    door_w = w * 0.2
    draw.rectangle(
        [x + w * 0.4, base - h * 0.55, x + w * 0.4 + door_w, base], fill=mix(pal.dark, roof, 0.3)
    )
    for wx in (x + w * 0.1, x + w * 0.7):
        draw.rectangle([wx, base - h * 0.7, wx + w * 0.2, base - h * 0.4], fill=pal.light)


def _tree(draw, rng, pal, x, base, size):
    draw.rectangle([x - size * 0.08, base - size * 0.6, x + size * 0.08, base], fill="#6b4f2a")
    leaf = mix(pal.ground, "#1d5e2f", rng.uniform(0.3, 0.8))
    draw.ellipse([x - size * 0.4, base - size * 1.3, x + size * 0.4, base - size * 0.45], leaf)


def scene_network(img, draw, rng, pal):
    """Public Wi-Fi, fibre: a skyline under signal arcs and linked nodes."""
    floor = HEIGHT - BAND
    _skyline(draw, rng, pal, floor)
    nodes = [(rng.randint(80, WIDTH - 80), rng.randint(60, 420)) for _ in range(14)]
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 : i + 3]:
            draw.line([a, b], fill=mix(pal.light, pal.secondary, 0.4), width=3)
    for x, y in nodes:
        draw.ellipse([x - 10, y - 10, x + 10, y + 10], fill=pal.accent, outline=pal.light, width=3)
    cx, cy = rng.randint(600, 1000), 360
    for r in (60, 120, 180, 240):
        draw.arc([cx - r, cy - r, cx + r, cy + r], 225, 315, fill=pal.light, width=22)
    draw.ellipse([cx - 24, cy - 24, cx + 24, cy + 24], fill=pal.light)


def scene_command(img, draw, rng, pal):
    """A command centre: a wall of screens and operators at their desks."""
    img.paste(gradient((WIDTH, HEIGHT - BAND), pal.dark, mix(pal.dark, pal.primary, 0.5)))
    cols, rows = 5, 3
    for row in range(rows):
        for col in range(cols):
            x0, y0 = 90 + col * 290, 50 + row * 170
            x1, y1 = x0 + 270, y0 + 150
            draw.rectangle([x0, y0, x1, y1], fill=mix(pal.primary, "#000000", 0.55))
            kind = rng.choice(("bars", "line", "map"))
            if kind == "bars":
                for i in range(8):
                    h = rng.randint(20, 120)
                    draw.rectangle(
                        [x0 + 16 + i * 31, y1 - 12 - h, x0 + 36 + i * 31, y1 - 12], pal.accent
                    )
            elif kind == "line":
                points = [(x0 + 12 + i * 28, y1 - rng.randint(20, 130)) for i in range(10)]
                draw.line(points, fill=pal.secondary, width=5)
            else:
                for _ in range(6):
                    px, py = rng.randint(x0 + 10, x1 - 50), rng.randint(y0 + 10, y1 - 40)
                    draw.rectangle(
                        [px, py, px + 40, py + 30], fill=mix(pal.secondary, pal.light, 0.3)
                    )
                draw.ellipse([x0 + 120, y0 + 60, x0 + 140, y0 + 80], fill="#e53935")
    desk_y = HEIGHT - BAND - 110
    draw.rectangle([0, desk_y, WIDTH, HEIGHT - BAND], fill=mix(pal.dark, "#000000", 0.4))
    for i in range(7):
        _person(draw, 150 + i * 220, desk_y + 20, 1.4, mix(pal.primary, pal.dark, 0.5), "#2b2b2b")


def scene_chart(img, draw, rng, pal):
    """Statistics: a bar chart with a trend line and a pie."""
    img.paste(gradient((WIDTH, HEIGHT - BAND), pal.light, mix(pal.light, pal.secondary, 0.35)))
    left, bottom, top = 140, HEIGHT - BAND - 90, 90
    draw.line([(left, top), (left, bottom), (1050, bottom)], fill=pal.dark, width=6)
    for y in range(bottom - 100, top, -100):
        draw.line([(left, y), (1050, y)], fill=mix(pal.light, pal.dark, 0.15), width=2)
    heights = [rng.randint(120, bottom - top - 40) for _ in range(8)]
    for i, h in enumerate(heights):
        x = left + 40 + i * 110
        draw.rectangle(
            [x, bottom - h, x + 70, bottom], fill=pal.primary if i % 2 else pal.secondary
        )
    points = [(left + 75 + i * 110, bottom - h - 40) for i, h in enumerate(heights)]
    draw.line(points, fill=pal.accent, width=8)
    for x, y in points:
        draw.ellipse([x - 12, y - 12, x + 12, y + 12], fill=pal.accent)
    cx, cy, r = 1320, 400, 190
    start = 0
    for share, colour in zip(
        (rng.uniform(0.3, 0.45), rng.uniform(0.2, 0.3), rng.uniform(0.1, 0.2)),
        (pal.primary, pal.secondary, pal.accent),
        strict=True,
    ):
        end = start + share * 360
        draw.pieslice([cx - r, cy - r, cx + r, cy + r], start, end, fill=colour)
        start = end
    draw.pieslice([cx - r, cy - r, cx + r, cy + r], start, 360, fill=pal.dark)


def scene_meeting(img, draw, rng, pal):
    """A meeting or training: a projected slide, a table, rows of participants."""
    img.paste(gradient((WIDTH, HEIGHT - BAND), mix(pal.light, pal.sky_top, 0.2), pal.light))
    draw.rectangle([460, 50, 1140, 420], fill="#ffffff", outline=pal.dark, width=6)
    draw.rectangle([500, 90, 1100, 150], fill=pal.primary)
    for i in range(5):
        w = rng.randint(260, 560)
        draw.rectangle(
            [500, 180 + i * 44, 500 + w, 200 + i * 44], fill=mix(pal.secondary, "#ffffff", 0.3)
        )
    floor = HEIGHT - BAND
    draw.rectangle([0, floor - 190, WIDTH, floor], fill=mix(pal.ground, pal.light, 0.4))
    draw.polygon(
        [(300, floor - 150), (1300, floor - 150), (1420, floor - 60), (180, floor - 60)], "#8d6e4a"
    )
    skins = ["#8d5524", "#c68642", "#e0ac69", "#a0522d"]
    for row, (y, scale) in enumerate(((floor - 170, 1.1), (floor - 30, 1.6))):
        count = 9 if row == 0 else 7
        for i in range(count):
            x = 150 + i * (1300 / (count - 1)) + rng.randint(-20, 20)
            colour = rng.choice((pal.primary, pal.secondary, pal.dark, "#546e7a", "#ffffff"))
            _person(draw, x, y, scale, colour, rng.choice(skins))


def scene_shield(img, draw, rng, pal):
    """Cryptography and information security: a shield and padlock over a field of digits."""
    img.paste(gradient((WIDTH, HEIGHT - BAND), pal.dark, mix(pal.dark, pal.primary, 0.6)))
    small = font("regular", 22)
    faint = mix(pal.dark, pal.secondary, 0.45)
    for y in range(20, HEIGHT - BAND - 20, 40):
        line = "".join(rng.choice("01") for _ in range(110))
        draw.text((20, y), line, fill=faint, font=small)
    cx, top = WIDTH // 2, 110
    shield = [
        (cx - 230, top),
        (cx + 230, top),
        (cx + 230, top + 300),
        (cx, top + 560),
        (cx - 230, top + 300),
    ]
    draw.polygon(shield, fill=pal.primary, outline=pal.light, width=10)
    draw.arc([cx - 80, top + 150, cx + 80, top + 330], 180, 360, fill=pal.light, width=26)
    draw.rounded_rectangle([cx - 120, top + 240, cx + 120, top + 420], 20, pal.accent)
    draw.ellipse([cx - 22, top + 300, cx + 22, top + 344], fill=pal.dark)
    draw.rectangle([cx - 8, top + 330, cx + 8, top + 380], fill=pal.dark)


def scene_houses(img, draw, rng, pal):
    """Housing: a row of houses, trees, the sun."""
    floor = HEIGHT - BAND - 110
    sx = rng.randint(1100, 1450)
    draw.ellipse([sx - 70, 60, sx + 70, 200], fill=mix(pal.accent, "#ffeb3b", 0.6))
    draw.rectangle([0, floor, WIDTH, HEIGHT - BAND], fill=pal.ground)
    x = rng.randint(20, 80)
    while x < WIDTH - 120:
        w, h = rng.randint(190, 260), rng.randint(170, 240)
        _house(draw, rng, pal, x, floor, w, h)
        x += w + rng.randint(70, 110)
        if rng.random() < 0.6 and x < WIDTH - 60:
            _tree(draw, rng, pal, x - 40, floor, rng.randint(120, 180))
    draw.rectangle([0, floor + 40, WIDTH, floor + 90], fill=mix(pal.ground, "#555555", 0.6))


def scene_map(img, draw, rng, pal):
    """Land and spatial planning: parcels, roads, boundary marks and a pin."""
    img.paste(gradient((WIDTH, HEIGHT - BAND), "#f3ead7", "#e8dcc0"))
    cell_w, cell_h = 200, 160
    for gy in range(0, HEIGHT - BAND, cell_h):
        for gx in range(0, WIDTH, cell_w):
            j = [rng.randint(-14, 14) for _ in range(8)]
            poly = [
                (gx + 14 + j[0], gy + 14 + j[1]),
                (gx + cell_w - 14 + j[2], gy + 14 + j[3]),
                (gx + cell_w - 14 + j[4], gy + cell_h - 14 + j[5]),
                (gx + 14 + j[6], gy + cell_h - 14 + j[7]),
            ]
            fill = mix(
                rng.choice((pal.ground, pal.secondary, pal.accent, "#d7ccc8")), "#ffffff", 0.45
            )
            draw.polygon(poly, fill=fill, outline=mix(pal.dark, "#ffffff", 0.3))
    for y in range(cell_h, HEIGHT - BAND, cell_h * 2):
        draw.line([(0, y), (WIDTH, y)], fill="#ffffff", width=18)
    for x in range(cell_w * 2, WIDTH, cell_w * 3):
        draw.line([(x, 0), (x, HEIGHT - BAND)], fill="#ffffff", width=18)
    gx, gy = rng.randint(2, 5) * cell_w, rng.randint(1, 3) * cell_h
    for i in range(0, cell_w * 2, 28):
        draw.line([(gx + i, gy), (gx + i + 14, gy)], fill="#d32f2f", width=6)
        draw.line([(gx + i, gy + cell_h), (gx + i + 14, gy + cell_h)], fill="#d32f2f", width=6)
    px, py = gx + cell_w, gy + cell_h // 2
    draw.polygon([(px - 40, py - 60), (px + 40, py - 60), (px, py + 20)], fill=pal.primary)
    draw.ellipse([px - 50, py - 130, px + 50, py - 30], fill=pal.primary)
    draw.ellipse([px - 20, py - 100, px + 20, py - 60], fill="#ffffff")


def scene_road(img, draw, rng, pal):
    """Neighbourhood infrastructure: a road in perspective between houses and street lights."""
    horizon = 360
    floor = HEIGHT - BAND
    draw.rectangle([0, horizon, WIDTH, floor], fill=pal.ground)
    draw.polygon([(740, horizon), (860, horizon), (1400, floor), (200, floor)], fill="#5f6368")
    for i in range(8):
        t0, t1 = i / 8, (i + 0.5) / 8
        y0, y1 = horizon + (floor - horizon) * t0**1.2, horizon + (floor - horizon) * t1**1.2
        w0, w1 = 4 + 14 * t0, 4 + 14 * t1
        draw.polygon([(800 - w0, y0), (800 + w0, y0), (800 + w1, y1), (800 - w1, y1)], "#f5f5f5")
    for side in (-1, 1):
        for i in range(3):
            scale = 0.5 + i * 0.35
            w, h = 160 * scale, 130 * scale
            x = 800 + side * (260 + i * 260) - (w if side < 0 else 0)
            _house(draw, rng, pal, x, horizon + 60 + i * 90, w, h)
        for i in range(4):
            t = 0.2 + i * 0.25
            x = 800 + side * (120 + 560 * t)
            y = horizon + (floor - horizon) * t
            draw.line([(x, y), (x, y - 260 * t - 40)], fill="#455a64", width=int(4 + 8 * t))
            draw.ellipse([x - 14, y - 260 * t - 56, x + 14, y - 260 * t - 28], fill=pal.accent)


def scene_building(img, draw, rng, pal):
    """Flats (rusun): twin blocks with a grid of windows, trees in front."""
    floor = HEIGHT - BAND - 60
    draw.rectangle([0, floor, WIDTH, HEIGHT - BAND], fill=pal.ground)
    for bx in (260, 860):
        top = rng.randint(90, 150)
        draw.rectangle([bx, top, bx + 480, floor], fill=mix(pal.light, pal.secondary, 0.35))
        draw.rectangle([bx, top, bx + 480, top + 30], fill=pal.primary)
        for fy in range(top + 60, floor - 60, 56):
            for fx in range(bx + 30, bx + 450, 70):
                lit = rng.random() < 0.5
                draw.rectangle(
                    [fx, fy, fx + 40, fy + 34],
                    fill=pal.accent if lit else mix(pal.dark, "#ffffff", 0.4),
                )
            draw.line(
                [(bx, fy + 44), (bx + 480, fy + 44)], fill=mix(pal.dark, "#ffffff", 0.6), width=4
            )
    for x in range(80, WIDTH, 190):
        _tree(draw, rng, pal, x + rng.randint(-30, 30), floor + 40, rng.randint(130, 190))


def scene_phone(img, draw, rng, pal):
    """A citizen app: a phone with service cards and a chat bubble."""
    cx = rng.randint(650, 950)
    draw.rounded_rectangle([cx - 190, 40, cx + 190, 780], 48, fill=pal.dark)
    draw.rounded_rectangle([cx - 170, 90, cx + 170, 730], 20, fill="#ffffff")
    draw.rectangle([cx - 170, 90, cx + 170, 170], fill=pal.primary)
    for i in range(3):
        for j in range(2):
            x0, y0 = cx - 150 + j * 160, 200 + i * 160
            draw.rounded_rectangle(
                [x0, y0, x0 + 140, y0 + 130], 18, fill=mix(pal.secondary, "#ffffff", 0.5)
            )
            draw.ellipse(
                [x0 + 45, y0 + 25, x0 + 95, y0 + 75], fill=rng.choice((pal.primary, pal.accent))
            )
    bx = cx + 260
    draw.rounded_rectangle([bx, 180, bx + 420, 330], 30, fill=pal.light)
    draw.polygon([(bx + 20, 330), (bx + 80, 330), (bx - 10, 380)], fill=pal.light)
    for i in range(3):
        draw.rectangle(
            [bx + 30, 210 + i * 36, bx + 30 + rng.randint(200, 360), 228 + i * 36], pal.secondary
        )
    for _ in range(10):
        x, y = rng.randint(60, cx - 260), rng.randint(60, 760)
        r = rng.randint(8, 22)
        draw.ellipse([x - r, y - r, x + r, y + r], fill=mix(pal.light, pal.accent, rng.random()))


SCENES = {
    "network": scene_network,
    "command": scene_command,
    "chart": scene_chart,
    "meeting": scene_meeting,
    "shield": scene_shield,
    "houses": scene_houses,
    "map": scene_map,
    "road": scene_road,
    "building": scene_building,
    "phone": scene_phone,
}


def render_scene(scene, *, seed, palette, caption, label, size=(WIDTH, HEIGHT), quality=84):
    """JPEG bytes of `scene` for this seed, with `caption` in the band and `label` above it."""
    rng = random.Random(seed)
    img = gradient((WIDTH, HEIGHT), palette.sky_top, palette.sky_bottom)
    draw = ImageDraw.Draw(img)
    SCENES[scene](img, draw, rng, palette)

    draw.rectangle([0, HEIGHT - BAND, WIDTH, HEIGHT], fill=palette.dark)
    draw.rectangle([0, HEIGHT - BAND, WIDTH, HEIGHT - BAND + 6], fill=palette.accent)
    note = "ILUSTRASI"
    note_face = font("regular", 22)
    note_width = draw.textlength(note, font=note_face)
    caption_face = font("bold", 34)
    text = fit_text(draw, caption, caption_face, WIDTH - 100 - note_width - 60)
    draw.text((48, HEIGHT - BAND / 2 + 3), text, fill="#ffffff", font=caption_face, anchor="lm")
    draw.text(
        (WIDTH - 48, HEIGHT - BAND / 2 + 3), note, fill=palette.light, font=note_face, anchor="rm"
    )

    label_face = font("bold", 26)
    label_width = draw.textlength(label, font=label_face)
    draw.rounded_rectangle([32, 28, 32 + label_width + 40, 80], 12, fill=palette.accent)
    draw.text((52, 54), label, fill=palette.dark, font=label_face, anchor="lm")

    if size != (WIDTH, HEIGHT):
        img = img.resize(size, Image.Resampling.LANCZOS)
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality, optimize=False, progressive=True)
    return out.getvalue()


def render_logo(*, initials, palette, size=512):
    """A round emblem with the agency's initials, as PNG bytes."""
    img = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)
    draw.ellipse([8, 8, size - 8, size - 8], fill=palette.primary, outline=palette.accent, width=22)
    for i in range(12):
        angle = math.radians(i * 30)
        r0, r1 = size * 0.34, size * 0.40
        c = size / 2
        draw.line(
            [
                (c + r0 * math.cos(angle), c + r0 * math.sin(angle)),
                (c + r1 * math.cos(angle), c + r1 * math.sin(angle)),
            ],
            fill=palette.light,
            width=10,
        )
    draw.text(
        (size / 2, size / 2), initials, fill="#ffffff", font=font("bold", size // 4), anchor="mm"
    )
    out = io.BytesIO()
    img.save(out, "PNG", optimize=False)
    return out.getvalue()
