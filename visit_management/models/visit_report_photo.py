# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_datetime

from .evidence_image import EvidenceImage, watermark
from .selections import PHOTO_KINDS

# Longest side, in pixels, a visit photo is stored with.
PHOTO_MAX_SIZE = 1600
# What the rep writes on a photo while the report is open.
PHOTO_FIELDS = ("kind", "image", "note")


class VisitReportPhoto(models.Model):
    _name = "visit.report.photo"
    _inherit = ["visit.write.guard"]
    _description = "Visit Photo"
    # The photos are evidence: once the report is submitted nobody adds, changes
    # or removes them, until it is returned to the rep. When and where a photo
    # was taken is the server's, stamped on the picture.
    _guard_parent = "report_id"
    _user_fields = {"draft": PHOTO_FIELDS, "returned": PHOTO_FIELDS}
    _order = "capture_datetime, id"

    report_id = fields.Many2one(
        "visit.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    kind = fields.Selection(selection=PHOTO_KINDS, required=True, default="other")
    # Scaled down by the server on create and write: the phone's originals would
    # swell the database.
    image = EvidenceImage(
        string="Photo",
        required=True,
        max_width=PHOTO_MAX_SIZE,
        max_height=PHOTO_MAX_SIZE,
    )
    image_128 = fields.Image(
        string="Thumbnail", related="image", max_width=128, max_height=128, store=True
    )
    image_original = EvidenceImage(
        string="Original Photo",
        readonly=True,
        copy=False,
        max_width=PHOTO_MAX_SIZE,
        max_height=PHOTO_MAX_SIZE,
        groups="visit_management.group_visit_manager",
        help="The photo as the phone sent it, before the server stamped it.",
    )
    capture_datetime = fields.Datetime(
        string="Taken At",
        compute="_compute_taken",
        store=True,
        help="When the server received the photo.",
    )
    latitude = fields.Float(
        compute="_compute_taken", store=True, digits=(10, 7), aggregator=None
    )
    longitude = fields.Float(
        compute="_compute_taken", store=True, digits=(10, 7), aggregator=None
    )
    note = fields.Char()
    offline = fields.Boolean(
        string="Taken Offline",
        readonly=True,
        help="Taken without a network and synced later: Taken At is when it "
        "reached the server.",
    )
    phone_datetime = fields.Datetime(
        string="Phone Time", readonly=True, help="When the phone says it was taken."
    )

    @api.depends("report_id")
    def _compute_taken(self):
        """The server's time, and the position of the report's check-in."""
        now = fields.Datetime.now()
        for photo in self:
            photo.capture_datetime = now
            photo.latitude = photo.report_id.checkin_latitude
            photo.longitude = photo.report_id.checkin_longitude

    @api.model_create_multi
    def create(self, vals_list):
        photos = super().create(vals_list)
        photos._stamp()
        return photos

    def write(self, vals):
        result = super().write(vals)
        if "image" in vals and not self.env.su:
            self._stamp()
        return result

    def _stamp(self):
        """Keeps the picture as sent for the manager, and shows everyone the
        picture stamped with the server's time, the position, the rep and the
        customer."""
        for photo in self.sudo():
            photo.write(
                {
                    "image_original": photo.image,
                    "image": watermark(photo.image, photo._stamp_lines()),
                }
            )

    def _stamp_lines(self):
        report = self.report_id
        position = (
            f"{self.latitude:.5f}, {self.longitude:.5f}"
            if self.latitude or self.longitude
            else self.env._("no position")
        )
        tz = report.user_id.tz
        lines = [
            f"{format_datetime(self.env, self.capture_datetime, tz=tz)}  {position}",
            f"{report.user_id.name} · {report.partner_id.name}",
        ]
        if self.offline:
            lines.append(
                self.env._(
                    "Taken offline, at %(time)s by the phone",
                    time=format_datetime(self.env, self.phone_datetime, tz=tz),
                )
            )
        return lines

    def _record_offline(self, phone_time):
        """A photo taken without a network: its phone time is kept, and the
        stamp says so."""
        for photo in self.sudo():
            photo.write({"offline": True, "phone_datetime": phone_time})
            photo.image = watermark(photo.image_original, photo._stamp_lines())
