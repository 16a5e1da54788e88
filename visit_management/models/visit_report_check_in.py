# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .visit_report import IN_PLACE_REASONS


class VisitReportCheckIn(models.Model):
    """One check-in or check-out of a visit report, as the server recorded it.
    A new check-in does not erase the earlier ones: the last one counts, and
    the manager sees them all. Written only by the check-in and check-out
    actions and by a manager's correction; nobody changes or removes a row."""

    _name = "visit.report.check.in"
    _description = "Visit Check-in"
    _order = "time desc, id desc"

    report_id = fields.Many2one(
        "visit.report", required=True, readonly=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(
        related="report_id.company_id", store=True, precompute=True
    )
    kind = fields.Selection(
        selection=[("check_in", "Check-in"), ("check_out", "Check-out")],
        required=True,
        readonly=True,
    )
    time = fields.Datetime(required=True, readonly=True)
    method = fields.Selection(
        selection=[("gps", "GPS"), ("qr", "QR Code"), ("manual", "Manual")],
        readonly=True,
    )
    latitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    longitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    accuracy = fields.Float(
        string="Accuracy (m)", digits=(16, 0), readonly=True, aggregator=None
    )
    distance = fields.Float(
        string="Distance to Customer (m)",
        digits=(16, 0),
        readonly=True,
        aggregator=None,
    )
    offline = fields.Boolean(
        readonly=True, help="Recorded by the phone without a network, synced later."
    )
    received_time = fields.Datetime(
        string="Received At", readonly=True, help="When it reached the server."
    )
    verdict = fields.Selection(
        selection=IN_PLACE_REASONS,
        readonly=True,
        help="The report's in-place verdict right after this check-in or check-out.",
    )
    counts = fields.Boolean(
        readonly=True,
        help="The last check-in (or check-out) of the report: the one its verdict "
        "is judged on.",
    )
    corrected_by_id = fields.Many2one(
        "res.users",
        readonly=True,
        help="The manager who corrected the report's check-in or check-out.",
    )
    correction_reason = fields.Text(readonly=True)
