# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .selections import PHOTO_KINDS

# Longest side, in pixels, a visit photo is stored with.
PHOTO_MAX_SIZE = 1600


class VisitReportPhoto(models.Model):
    _name = "visit.report.photo"
    _description = "Visit Photo"
    _order = "capture_datetime, id"

    report_id = fields.Many2one(
        "visit.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    kind = fields.Selection(selection=PHOTO_KINDS, required=True, default="other")
    # Scaled down by the server on create and write: the phone's originals would
    # swell the database.
    image = fields.Image(
        string="Photo",
        required=True,
        max_width=PHOTO_MAX_SIZE,
        max_height=PHOTO_MAX_SIZE,
    )
    image_128 = fields.Image(
        string="Thumbnail", related="image", max_width=128, max_height=128, store=True
    )
    capture_datetime = fields.Datetime(
        string="Taken At", required=True, default=fields.Datetime.now
    )
    latitude = fields.Float(digits=(10, 7), aggregator=None)
    longitude = fields.Float(digits=(10, 7), aggregator=None)
    note = fields.Char()

    @api.constrains("latitude", "longitude")
    def _check_position(self):
        for photo in self:
            photo.report_id._check_coordinate_range(photo.latitude, photo.longitude)

    @api.model_create_multi
    def create(self, vals_list):
        report_ids = [vals["report_id"] for vals in vals_list if vals.get("report_id")]
        self._check_report_open(self.env["visit.report"].browse(report_ids))
        return super().create(vals_list)

    def write(self, vals):
        reports = self.report_id | self.report_id.browse(vals.get("report_id"))
        self._check_report_open(reports)
        return super().write(vals)

    def unlink(self):
        self._check_report_open(self.report_id)
        return super().unlink()

    def _check_report_open(self, reports):
        """The photos are evidence: once the report is submitted nobody adds,
        changes or removes them, until it is returned to the rep."""
        for report in reports.sudo():
            if report.state not in ("draft", "returned"):
                raise UserError(
                    self.env._(
                        "The photos of %(report)s cannot change: it is submitted.",
                        report=report.name,
                    )
                )
