# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import client_action

REVIEWED_MODELS = ("visit.plan", "visit.report", "visit.new.customer.application")


class VisitReasonWizard(models.TransientModel):
    _name = "visit.reason.wizard"
    _inherit = ["visit.typed.values"]
    _description = "Reason for Rejecting or Returning"

    reason = fields.Text(required=True)

    @api.constrains("reason")
    def _check_reason(self):
        if any(not (wizard.reason or "").strip() for wizard in self):
            raise ValidationError(self.env._("Give the reason."))

    @client_action(single=True)
    def action_confirm(self):
        context = self.env.context
        if context.get("active_model") not in REVIEWED_MODELS or not context.get(
            "active_ids"
        ):
            raise UserError(self.env._("Open this from a visit plan or report."))
        records = self.env[context["active_model"]].browse(context["active_ids"])
        records._action_refuse(self.reason.strip())
        return {"type": "ir.actions.act_window_close"}
