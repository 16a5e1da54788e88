# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..tools import client_action


class VisitReceptionRescheduleWizard(models.TransientModel):
    _name = "visit.reception.reschedule.wizard"
    _inherit = ["visit.typed.values"]
    _description = "Reschedule a Reception Booking"
    _visit_dates = ("start_datetime", "stop_datetime")

    reception_id = fields.Many2one("visit.reception", required=True, readonly=True)
    start_datetime = fields.Datetime(
        string="New Start",
        required=True,
        compute="_compute_times",
        store=True,
        readonly=False,
        precompute=True,
    )
    stop_datetime = fields.Datetime(
        string="New End",
        required=True,
        compute="_compute_times",
        store=True,
        readonly=False,
        precompute=True,
    )
    reason = fields.Text(required=True)

    @api.depends("reception_id")
    def _compute_times(self):
        for wizard in self:
            wizard.start_datetime = wizard.reception_id.start_datetime
            wizard.stop_datetime = wizard.reception_id.stop_datetime

    @api.constrains("reason", "start_datetime", "stop_datetime")
    def _check_values(self):
        for wizard in self:
            if not (wizard.reason or "").strip():
                raise ValidationError(self.env._("Give the reason."))
            if wizard.stop_datetime <= wizard.start_datetime:
                raise ValidationError(self.env._("A visit must end after it starts."))

    @client_action(single=True)
    def action_reschedule(self):
        reception = self.reception_id
        if (self.start_datetime, self.stop_datetime) == (
            reception.start_datetime,
            reception.stop_datetime,
        ):
            raise ValidationError(self.env._("Choose new times for the visit."))
        reception._reschedule(
            self.start_datetime, self.stop_datetime, self.reason.strip()
        )
        return {"type": "ir.actions.act_window_close"}
