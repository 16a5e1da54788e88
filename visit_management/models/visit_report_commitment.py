# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class VisitReportCommitment(models.Model):
    _name = "visit.report.commitment"
    _description = "Commitment Made During a Visit"
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

    @api.model_create_multi
    def create(self, vals_list):
        report_ids = [vals["report_id"] for vals in vals_list if vals.get("report_id")]
        self.env["visit.report"].browse(report_ids)._check_unlocked(["commitment_ids"])
        return super().create(vals_list)

    def write(self, vals):
        if set(vals) - {"activity_id"}:
            reports = self.report_id | self.report_id.browse(vals.get("report_id"))
            reports._check_unlocked(["commitment_ids"])
        return super().write(vals)

    def unlink(self):
        self.report_id._check_unlocked(["commitment_ids"])
        return super().unlink()

    def _schedule_follow_up(self):
        """One follow-up activity per commitment, on the report, never twice."""
        for commitment in self.filtered(lambda c: not c.activity_id):
            report = commitment.report_id
            commitment.activity_id = report.activity_schedule(
                "visit_management.mail_activity_visit_commitment",
                date_deadline=commitment.deadline,
                summary=commitment.name,
                user_id=(commitment.user_id or report.user_id).id,
            )
