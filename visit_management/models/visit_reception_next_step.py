# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .visit_reception import OPEN_STATES


class VisitReceptionNextStep(models.Model):
    """What was agreed with the visitors and who follows it up: an activity
    once the visit is closed."""

    _name = "visit.reception.next.step"
    _inherit = ["visit.write.guard", "visit.follow.up.mixin"]
    _description = "Reception Next Step"
    _guard_parent = "reception_id"
    _follow_up_document = "reception_id"
    _follow_up_activity_type = (
        "visit_management.mail_activity_visit_reception_next_step"
    )
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

    @api.model_create_multi
    def create(self, vals_list):
        steps = super().create(vals_list)
        done = steps.filtered(lambda step: step.reception_id.state == "done")
        done._schedule_follow_up()
        return steps
