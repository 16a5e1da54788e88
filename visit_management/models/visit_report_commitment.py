# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# What the rep writes on a commitment while the report is open.
COMMITMENT_FIELDS = ("name", "deadline", "user_id")


class VisitReportCommitment(models.Model):
    _name = "visit.report.commitment"
    _inherit = ["visit.write.guard", "visit.follow.up.mixin"]
    _description = "Commitment Made During a Visit"
    _guard_parent = "report_id"
    _follow_up_document = "report_id"
    _follow_up_activity_type = "visit_management.mail_activity_visit_commitment"
    _visit_dates = ("deadline",)
    _user_fields = {
        "draft": COMMITMENT_FIELDS,
        "returned": COMMITMENT_FIELDS,
    }
    _order = "deadline, id"

    report_id = fields.Many2one(
        "visit.report", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="report_id.company_id", store=True)
    name = fields.Char(string="Commitment", required=True)
    deadline = fields.Date(required=True)
    user_id = fields.Many2one(
        "res.users",
        string="Follow-up By",
        help="Who follows the commitment up; the rep of the report by default.",
    )
