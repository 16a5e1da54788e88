# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import client_action

# The facts of a submitted report that a manager may correct.
CORRECTED_FIELDS = (
    "checkin_method",
    "checkin_latitude",
    "checkin_longitude",
    "checkin_accuracy",
    "checkin_time",
    "checkout_time",
)
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
        """Writes the corrected facts, adds them to the check-in history, and
        posts, in the report's chatter, each old and new value with the reason."""
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
        lines = [
            Markup("<li>%s: %s → %s</li>")
            % (
                report._fields[name]._description_string(self.env),
                self._display_value(report, name),
                self._display_value(self, name),
            )
            for name in changes
        ]
        report.sudo().write(changes)
        report._record_correction(
            sorted({CORRECTED_KIND.get(name, "check_in") for name in changes}),
            self.reason.strip(),
        )
        report.message_post(
            body=Markup("<p>%s</p><ul>%s</ul>")
            % (
                self.env._(
                    "Check-in corrected by %(manager)s: %(reason)s",
                    manager=self.env.user.name,
                    reason=self.reason.strip(),
                ),
                Markup().join(lines),
            ),
            partner_ids=report.user_id.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {"type": "ir.actions.act_window_close"}

    def _display_value(self, record, name):
        value = record[name]
        field = record._fields[name]
        if field.type == "selection":
            return dict(field._description_selection(self.env)).get(value, "")
        if field.type == "datetime":
            return fields.Datetime.to_string(value) if value else ""
        return value
