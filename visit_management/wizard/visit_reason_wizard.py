# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.exceptions import UserError

REVIEWED_MODELS = ("visit.plan", "visit.report")


class VisitReasonWizard(models.TransientModel):
    _name = "visit.reason.wizard"
    _description = "Reason for Rejecting or Returning"

    reason = fields.Text(required=True)

    def action_confirm(self):
        self.ensure_one()
        context = self.env.context
        if context.get("active_model") not in REVIEWED_MODELS or not context.get(
            "active_ids"
        ):
            raise UserError(self.env._("Open this from a visit plan or report."))
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Give the reason."))
        records = self.env[context["active_model"]].browse(context["active_ids"])
        records._action_refuse(reason)
        return {"type": "ir.actions.act_window_close"}
