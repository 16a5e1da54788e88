# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Draws the icons of the bridge and property addons (static/description/
icon.png, as Odoo's Apps screen shows them): the core's teal tile with a white
sign of what the addon adds. Drawn large, then scaled down for smooth edges.

    python scripts/addon_icons.py
"""

from pathlib import Path

from PIL import Image, ImageDraw

REPO_ROOT = Path(__file__).resolve().parent.parent
SIZE, SCALE = 128, 4
TEAL, WHITE = (23, 120, 140, 255), (255, 255, 255, 255)


def house(draw):
    draw.polygon([(256, 96), (416, 240), (96, 240)], fill=WHITE)
    draw.rectangle([140, 232, 372, 416], fill=WHITE)
    draw.rectangle([226, 306, 286, 416], fill=TEAL)


def bag(draw):
    draw.rounded_rectangle([120, 200, 392, 420], radius=24, fill=WHITE)
    draw.arc([180, 100, 332, 280], start=180, end=360, fill=WHITE, width=28)


def box(draw):
    draw.polygon([(256, 100), (416, 170), (256, 240), (96, 170)], fill=WHITE)
    draw.polygon([(96, 190), (246, 256), (246, 420), (96, 350)], fill=WHITE)
    draw.polygon([(266, 256), (416, 190), (416, 350), (266, 420)], fill=WHITE)


def wrench(draw):
    draw.line([(160, 360), (340, 170)], fill=WHITE, width=60)
    draw.ellipse([100, 300, 220, 420], fill=WHITE)
    draw.ellipse([140, 340, 180, 380], fill=TEAL)
    draw.ellipse([262, 82, 418, 238], fill=WHITE)
    # the open jaw, cut along the handle's line
    draw.polygon([(360, 180), (320, 140), (398, 62), (438, 102)], fill=TEAL)


def bars(draw):
    for left, top in ((110, 280), (210, 180), (310, 110)):
        draw.rounded_rectangle([left, top, left + 80, 410], radius=12, fill=WHITE)


ICONS = {
    "visit_management_property": house,
    "visit_management_sale": bag,
    "visit_management_sale_stock": box,
    "visit_management_repair": wrench,
    "visit_management_dashboard": bars,
}


def icon(sign):
    big = SIZE * SCALE
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle([0, 0, big - 1, big - 1], radius=96, fill=TEAL)
    sign(draw)
    return image.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    for addon, sign in ICONS.items():
        path = REPO_ROOT / addon / "static" / "description" / "icon.png"
        path.parent.mkdir(parents=True, exist_ok=True)
        icon(sign).save(path, optimize=True)
        print(path)
