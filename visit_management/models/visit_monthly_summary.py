# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from ..tools import client_action


class VisitMonthlySummary(models.Model):
    """A team's monthly summary (月度总结): its leader reports on the month by
    the company's summary day of the next month (the 3rd, 003). Made by the
    server on the 1st for every team with a leader; a summary submitted after
    its deadline is late, and a leader still owing one is reminded once."""

    _name = "visit.monthly.summary"
    _description = "Monthly Summary"
    _inherit = ["mail.thread", "visit.write.guard"]
    _order = "month desc, team_id"
    _user_fields = {"draft": ("summary",)}

    name = fields.Char(compute="_compute_name", store=True)
    team_id = fields.Many2one("crm.team", required=True, readonly=True, index=True)
    manager_id = fields.Many2one(
        "res.users",
        string="Team Leader",
        readonly=True,
        index=True,
        help="The team's leader when the summary was made: they write it.",
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    month = fields.Date(required=True, readonly=True, help="The month's first day.")
    deadline = fields.Date(
        string="Due By",
        readonly=True,
        help="The company's summary day of the next month.",
    )
    state = fields.Selection(
        selection=[("draft", "To Submit"), ("submitted", "Submitted")],
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
        index=True,
    )
    summary = fields.Html(
        help="The month's visits, the problems met and what the team will do next."
    )
    submitted_date = fields.Datetime(string="Submitted On", readonly=True)
    submitted_late = fields.Boolean(
        readonly=True,
        help="Submitted after the day it was due by, in the leader's timezone.",
    )
    reminded = fields.Boolean(readonly=True)

    _team_month_unique = models.Constraint(
        "UNIQUE(team_id, month)", "A team has one summary a month."
    )

    @api.depends("month", "team_id.name")
    def _compute_name(self):
        for summary in self:
            month = summary.month.strftime("%Y-%m") if summary.month else ""
            summary.name = f"{month} / {summary.team_id.name or ''}"

    def _guard_reviews(self):
        return False

    @client_action()
    def action_submit(self):
        """The team leader (the record rules let no one else but the
        administrators) submits the summary; the server records when."""
        self.check_access("write")
        self._lock_for_step()
        for summary in self:
            if summary.state != "draft":
                raise UserError(
                    self.env._(
                        "The summary %(summary)s is submitted already.",
                        summary=summary.name,
                    )
                )
            if not summary.summary or not summary.summary.striptags().strip():
                raise UserError(
                    self.env._(
                        "Write the summary of %(summary)s before submitting it.",
                        summary=summary.name,
                    )
                )
        now = fields.Datetime.now()
        for summary in self.sudo():
            summary.write(
                {
                    "state": "submitted",
                    "submitted_date": now,
                    "submitted_late": fields.Date.context_today(
                        summary.with_context(tz=summary.manager_id.tz), now
                    )
                    > summary.deadline,
                }
            )
        return True

    @client_action(single=True)
    def action_print_assessments(self):
        """The team's monthly visit report of the month, from its assessments."""
        assessments = self.env["visit.assessment"].search(
            [("team_id", "=", self.team_id.id), ("month", "=", self.month)]
        )
        if not assessments:
            raise UserError(
                self.env._(
                    "The month of %(summary)s is not assessed yet.", summary=self.name
                )
            )
        return self.env.ref(
            "visit_management.visit_assessment_action_report"
        ).report_action(assessments)

    @api.model
    def _cron_monthly_summaries(self, today):
        """Daily: makes last month's summaries of the teams with a leader, in one
        batch, and reminds the leaders whose summary is past due, once each,
        in one list each."""
        month = today.replace(day=1) - relativedelta(months=1)
        Summary = self.sudo()
        teams = self.env["crm.team"].sudo().search([("user_id", "!=", False)])
        done = Summary.search([("month", "=", month)]).team_id
        Summary.create(
            [
                {
                    "team_id": team.id,
                    "manager_id": team.user_id.id,
                    "company_id": (team.company_id or team.user_id.company_id).id,
                    "month": month,
                    "deadline": today.replace(
                        day=(
                            team.company_id or team.user_id.company_id
                        ).visit_summary_deadline_day
                    ),
                }
                for team in teams - done
            ]
        )
        overdue = Summary.search(
            [
                ("state", "=", "draft"),
                ("deadline", "<", today),
                ("reminded", "=", False),
            ]
        )
        overdue.reminded = True
        self.env["mail.activity"]._visit_post_lists_by(
            "visit_management.mail_activity_visit_summary_late",
            overdue,
            lambda summary: summary.manager_id,
            lambda env: env._("Monthly summaries past their deadline"),
        )
