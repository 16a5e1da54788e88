# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .visit_reception import OPEN_STATES

NEXT_STEP_ACTIVITY = "visit_management.mail_activity_visit_reception_next_step"


class VisitReceptionNextStep(models.Model):
    """What was agreed with the visitors and who follows it up: an activity
    once the visit is closed."""

    _name = "visit.reception.next.step"
    _inherit = ["visit.write.guard"]
    _description = "Reception Next Step"
    _guard_parent = "reception_id"
    _visit_dates = ("deadline",)
    _user_fields = {state: ("name", "deadline", "user_id") for state in OPEN_STATES}
    _order = "deadline, id"

    reception_id = fields.Many2one(
        "visit.reception", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reception_id.company_id", store=True)
    name = fields.Char(string="Next Step", required=True)
    deadline = fields.Date(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Follow-up By",
        domain="[('share', '=', False)]",
        help="Who follows the step up; the host by default.",
    )
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        steps.filtered(lambda step: step.reception_id.state == "done")._schedule()
        return steps

    def _schedule(self):
        """One activity per step, on the booking, never twice."""
        for step in self.filtered(lambda step: not step.activity_id):
            reception = step.reception_id
            step.sudo().activity_id = reception.activity_schedule(
                NEXT_STEP_ACTIVITY,
                date_deadline=step.deadline,
                summary=step.name,
                user_id=(step.user_id or reception.user_id).id,
            )
