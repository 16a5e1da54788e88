# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.tools import format_date

from ..tools import client_action

# What waits for the manager's decision: the filter of each list ("To Approve",
# "Check-ins to Judge", "To Confirm"), for the records the manager reviews.
REVIEWS = {
    "plan_count": ("visit.plan", [("state", "=", "submitted")]),
    "report_count": ("visit.report", [("state", "=", "submitted")]),
    "review_overdue_count": (
        "visit.report",
        [("state", "=", "submitted"), ("review_reminded", "=", True)],
    ),
    "judge_count": (
        "visit.report",
        [
            ("state", "in", ("submitted", "approved")),
            ("checkin_to_judge", "=", True),
            ("geofence_decision", "=", False),
        ],
    ),
    "application_count": (
        "visit.new.customer.application",
        [("state", "=", "submitted")],
    ),
}


class VisitTeamOverview(models.Model):
    """The manager's landing: counters of what to approve, the team's day, the
    team's overdue customers and its latest assessment, each opening its list.
    Nothing is stored: a row per user (the landing opens the user's own), whose
    counters are the current user's, computed when shown in a fixed number of
    queries."""

    _name = "visit.team.overview"
    _description = "Team Overview"
    _auto = False
    _table_query = "SELECT id FROM res_users"

    plan_count = fields.Integer(string="Plans", compute="_compute_counts")
    report_count = fields.Integer(string="Reports", compute="_compute_counts")
    review_overdue_count = fields.Integer(
        string="Reviews Overdue", compute="_compute_counts"
    )
    judge_count = fields.Integer(string="Check-ins to Judge", compute="_compute_counts")
    application_count = fields.Integer(
        string="New Customers", compute="_compute_counts"
    )
    visit_count = fields.Integer(string="Visits Today", compute="_compute_counts")
    reported_count = fields.Integer(string="Reported", compute="_compute_counts")
    missing_count = fields.Integer(string="Reports Missing", compute="_compute_counts")
    overdue_count = fields.Integer(
        string="Overdue Customers", compute="_compute_counts"
    )
    assessment_month = fields.Date(compute="_compute_counts")
    assessment_period = fields.Char(compute="_compute_counts")
    assessment_count = fields.Integer(string="Assessed", compute="_compute_counts")
    assessment_score = fields.Float(
        string="Average Score", digits=(5, 1), compute="_compute_counts"
    )
    below_baseline_count = fields.Integer(
        string="Below Baseline", compute="_compute_counts"
    )

    def _compute_display_name(self):
        self.display_name = self.env._("Team Overview")

    @api.depends_context("uid")
    def _compute_counts(self):
        mine = [("manager_id", "=", self.env.uid)]
        values = {
            field: self.env[model].search_count(domain + mine)
            for field, (model, domain) in REVIEWS.items()
        }
        [(visits, reported, missing)] = self.env["visit.today.rep"]._read_group(
            mine,
            aggregates=["visit_count:sum", "reported_count:sum", "missing_count:sum"],
        )
        values.update(
            visit_count=visits or 0,
            reported_count=reported or 0,
            missing_count=missing or 0,
            overdue_count=self.env["res.partner"].search_count(
                self._overdue_customers_domain()
            ),
        )
        month = self._assessment_month()
        assessed = {
            below: (count, score)
            for below, count, score in self.env["visit.assessment"]._read_group(
                self._assessment_domain(month),
                ["below_baseline"],
                ["__count", "final_score:sum"],
            )
        }
        count = sum(count for count, _score in assessed.values())
        values.update(
            assessment_month=month,
            assessment_period=month
            and format_date(self.env, month, date_format="MMMM y"),
            assessment_count=count,
            assessment_score=count
            and sum(score for _count, score in assessed.values()) / count,
            below_baseline_count=assessed.get(True, (0, 0))[0],
        )
        self.update(values)

    @api.model
    def _team_members(self):
        return self.env["crm.team"].search([("user_id", "=", self.env.uid)]).member_ids

    @api.model
    def _overdue_customers_domain(self):
        return [
            ("is_company", "=", True),
            ("visit_overdue", "=", True),
            ("user_id", "in", self._team_members().ids),
        ]

    @api.model
    def _assessment_month(self):
        latest = self.env["visit.assessment"].search(
            [("team_id.user_id", "=", self.env.uid)], order="month desc", limit=1
        )
        return latest.month

    @api.model
    def _assessment_domain(self, month):
        return [
            ("team_id.user_id", "=", self.env.uid),
            ("month", "=", fields.Date.to_string(month)),
        ]

    @client_action(single=True)
    def action_open_overdue_customers(self):
        return self.env["visit.landing"]._window_action(
            "visit_management.res_partner_action_visit_customers",
            domain=self._overdue_customers_domain(),
            name=self.env._("Overdue Customers of My Team"),
        )

    @client_action(single=True)
    def action_open_assessments(self):
        return self.env["visit.landing"]._window_action(
            "visit_management.visit_assessment_action",
            domain=self._assessment_domain(self.assessment_month),
            name=self.env._("Assessments of My Team"),
            context={},
        )
