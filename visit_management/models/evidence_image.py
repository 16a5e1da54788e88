# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii
import io

from PIL import Image, ImageDraw, ImageFont

from odoo import fields
from odoo.exceptions import UserError

# What a phone's camera or the signature pad gives; no SVG, HTML or other file
# that a browser would run when the evidence is opened.
EVIDENCE_FORMATS = ("JPEG", "PNG")
# Twice a 24-megapixel phone camera; beyond, decoding the file costs the server
# more memory than any photo is worth.
EVIDENCE_MAX_PIXELS = 50_000_000
EVIDENCE_MAX_BYTES = 20 * 1024 * 1024
# A font with Chinese glyphs (Debian's fonts-wqy-microhei), for the watermark.
WATERMARK_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"


def watermark(data, lines):
    """The base64 JPEG of the picture with the lines stamped at its bottom, in
    white on a dark band, as field-sales apps stamp their photos (水印)."""
    with Image.open(io.BytesIO(base64.b64decode(data))) as source:
        image = source.convert("RGB")
    size = max(14, image.width // 40)
    try:
        font = ImageFont.truetype(WATERMARK_FONT, size)
    except OSError:
        font = ImageFont.load_default(size)
    band = (size + size // 3) * len(lines) + size // 2
    draw = ImageDraw.Draw(image, "RGBA")
    draw.rectangle((0, image.height - band, image.width, image.height), (0, 0, 0, 150))
    top = image.height - band + size // 4
    for number, line in enumerate(lines):
        draw.text((size // 2, top + number * (size + size // 3)), line, "white", font)
    stream = io.BytesIO()
    image.save(stream, format="JPEG", quality=90)
    return base64.b64encode(stream.getvalue())


class EvidenceImage(fields.Image):
    """An image kept as evidence (a visit photo, the customer's signature):
    decoded and checked by the server before it is stored, with a clear
    message in the user's language when it is no photo."""

    def _image_process(self, value, env):
        if value:
            self._check_evidence(value, env)
        return super()._image_process(value, env)

    def _check_evidence(self, value, env):
        label = self._description_string(env)
        try:
            raw = base64.b64decode(value, validate=True)
        except (binascii.Error, ValueError) as error:
            raise UserError(
                env._("%(field)s is not a picture file.", field=label)
            ) from error
        if len(raw) > EVIDENCE_MAX_BYTES:
            raise UserError(
                env._(
                    "%(field)s is too large (%(size)s MB): at most %(max)s MB.",
                    field=label,
                    size=len(raw) // (1024 * 1024),
                    max=EVIDENCE_MAX_BYTES // (1024 * 1024),
                )
            )
        too_large = UserError(
            env._(
                "%(field)s is too large a picture: at most %(max)s million pixels.",
                field=label,
                max=EVIDENCE_MAX_PIXELS // 1_000_000,
            )
        )
        try:
            with Image.open(io.BytesIO(raw)) as image:
                image_format, (width, height) = image.format, image.size
        except Image.DecompressionBombError as error:
            raise too_large from error
        except OSError:
            image_format, width, height = None, 0, 0
        if image_format not in EVIDENCE_FORMATS:
            raise UserError(
                env._(
                    "%(field)s must be a JPEG or PNG picture taken with the phone.",
                    field=label,
                )
            )
        if width * height > EVIDENCE_MAX_PIXELS:
            raise too_large
