# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

# What the rep writes on a commitment while the report is open.
COMMITMENT_FIELDS = ("name", "deadline", "user_id")


class VisitReportCommitment(models.Model):
    _name = "visit.report.commitment"
    _inherit = ["visit.write.guard"]
    _description = "Commitment Made During a Visit"
    _guard_parent = "report_id"
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
    activity_id = fields.Many2one("mail.activity", readonly=True, copy=False)

    def _schedule_follow_up(self):
        """One follow-up activity per commitment, on the report, never twice."""
        for commitment in self.filtered(lambda c: not c.activity_id):
            report = commitment.report_id
            commitment.sudo().activity_id = report.activity_schedule(
                "visit_management.mail_activity_visit_commitment",
                date_deadline=commitment.deadline,
                summary=commitment.name,
                user_id=(commitment.user_id or report.user_id).id,
            )
