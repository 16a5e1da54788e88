# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..models.visit_report import CORRECTED_FIELDS
from ..tools import client_action, follow

# the history row a corrected fact belongs to (the others: the check-in's)
CORRECTED_KIND = {"checkout_time": "check_out"}


class VisitCheckInCorrection(models.TransientModel):
    _name = "visit.check.in.correction"
    _inherit = ["visit.typed.values"]
    _description = "Check-in Correction"
    _visit_dates = ("checkin_time", "checkout_time")

    report_id = fields.Many2one("visit.report", required=True, ondelete="cascade")
    reason = fields.Text(required=True)
    checkin_method = fields.Selection(
        selection=[("gps", "GPS"), ("qr", "QR Code"), ("manual", "Manual")],
        string="Check-in Method",
        compute="_compute_facts",
        store=True,
        readonly=False,
    )
    checkin_latitude = fields.Float(
        string="Check-in Latitude",
        digits=(10, 7),
        compute="_compute_facts",
        store=True,
        readonly=False,
    )
    checkin_longitude = fields.Float(
        string="Check-in Longitude",
        digits=(10, 7),
        compute="_compute_facts",
        store=True,
        readonly=False,
    )
    checkin_accuracy = fields.Float(
        string="Check-in Accuracy (m)",
        compute="_compute_facts",
        store=True,
        readonly=False,
    )
    checkin_time = fields.Datetime(
        string="Checked In At", compute="_compute_facts", store=True, readonly=False
    )
    checkout_time = fields.Datetime(
        string="Checked Out At", compute="_compute_facts", store=True, readonly=False
    )

    @api.depends("report_id")
    def _compute_facts(self):
        for wizard in self:
            for name in CORRECTED_FIELDS:
                wizard[name] = wizard.report_id[name]

    @api.constrains("reason")
    def _check_reason(self):
        if any(not (wizard.reason or "").strip() for wizard in self):
            raise ValidationError(self.env._("Give the reason for the correction."))

    @client_action(single=True)
    def action_confirm(self):
        """Writes the corrected facts and adds them to the check-in history; the
        chatter tracks each old and new value, with the reason."""
        report = self.report_id
        report._check_can_correct()
        changes = {
            name: self[name] for name in CORRECTED_FIELDS if self[name] != report[name]
        }
        if not changes:
            raise UserError(self.env._("Change at least one fact to correct."))
        if (
            self.checkin_time
            and self.checkout_time
            and (self.checkout_time < self.checkin_time)
        ):
            raise UserError(self.env._("A check-out cannot come before the check-in."))
        follow(report, report.user_id.partner_id)
        # the tracked facts' old and new values go out under the subtype of
        # corrections (visit.report._track_subtype), with this line above them
        report._track_set_log_message(
            self.env._(
                "Check-in corrected by %(manager)s: %(reason)s",
                manager=self.env.user.name,
                reason=self.reason.strip(),
            )
        )
        report.sudo().write(changes)
        report._record_correction(
            sorted({CORRECTED_KIND.get(name, "check_in") for name in changes}),
            self.reason.strip(),
        )
        return {"type": "ir.actions.act_window_close"}
