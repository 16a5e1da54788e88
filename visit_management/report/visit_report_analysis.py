# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models
from odoo.tools import SQL

from ..models.selections import REPORT_STATES, TIERS, VISIT_MODES, VISIT_PURPOSES


class VisitReportAnalysis(models.Model):
    """One row per active visit report, with its customer and its planned visit,
    for the pivot and graph views (a PostgreSQL view, never written)."""

    _name = "visit.report.analysis"
    _description = "Visit Analysis"
    _inherit = "visit.rep.grouping"
    _auto = False
    _order = "visit_date desc, id desc"
    # What the view reads, flushed before it is queried.
    _depends = {
        "visit.report": [
            "active",
            "checkin_distance",
            "checkin_method",
            "company_id",
            "duration",
            "in_place",
            "is_unplanned",
            "is_urgent",
            "is_valid",
            "manager_id",
            "name",
            "partner_id",
            "plan_line_id",
            "purpose",
            "report_deadline",
            "state",
            "submitted_date",
            "submitted_late",
            "team_id",
            "user_id",
            "visit_date",
            "visit_mode",
            "visit_tier",
        ],
        "visit.plan.line": ["plan_id", "planned_datetime"],
        "visit.plan": ["date_start"],
        "res.partner": [
            "city",
            "country_id",
            "partner_latitude",
            "partner_longitude",
            "visit_position_approximate",
            "state_id",
            "tz",
        ],
        "res.users": ["partner_id"],
    }

    name = fields.Char(string="Reference", readonly=True)
    report_id = fields.Many2one("visit.report", string="Visit Report", readonly=True)
    state = fields.Selection(
        selection=REPORT_STATES,
        readonly=True,
    )
    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    manager_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    partner_country_id = fields.Many2one(
        "res.country", string="Customer Country", readonly=True
    )
    partner_state_id = fields.Many2one(
        "res.country.state", string="Customer Province", readonly=True
    )
    partner_city = fields.Char(string="Customer City", readonly=True)
    visit_tier = fields.Selection(selection=TIERS, string="Tier", readonly=True)
    visit_mode = fields.Selection(selection=VISIT_MODES, string="Mode", readonly=True)
    purpose = fields.Selection(selection=VISIT_PURPOSES, readonly=True)
    in_place = fields.Boolean(readonly=True)
    is_valid = fields.Boolean(string="Valid", readonly=True)
    submitted_late = fields.Boolean(string="Late", readonly=True)
    is_urgent = fields.Boolean(string="Urgent", readonly=True)
    is_unplanned = fields.Boolean(string="Unplanned", readonly=True)
    visit_date = fields.Date(readonly=True)
    plan_line_id = fields.Many2one(
        "visit.plan.line", string="Planned Visit", readonly=True
    )
    plan_id = fields.Many2one("visit.plan", readonly=True)
    plan_period = fields.Date(readonly=True)
    planned_date = fields.Date(readonly=True)
    nbr = fields.Integer(string="# Visits", readonly=True)
    duration = fields.Float(string="Duration (hours)", readonly=True)
    checkin_distance = fields.Float(
        string="Distance to Customer (m)",
        readonly=True,
        aggregator="avg",
        help="Average distance of the GPS check-ins to the customer's position; "
        "visits without a GPS check-in or at a customer without coordinates are "
        "left out.",
    )
    planned_delay_days = fields.Float(
        string="Days from Plan to Visit",
        readonly=True,
        aggregator="avg",
        help="Days between the planned date and the visit (negative: early); "
        "unplanned visits are left out.",
    )
    submission_delay_hours = fields.Float(
        string="Submission Delay (hours)",
        readonly=True,
        aggregator="avg",
        help="Hours between the report's deadline and its submission (negative: "
        "submitted before the deadline); reports never submitted are left out.",
    )

    def _select(self):
        return SQL(
            """
            SELECT
                report.id AS id,
                report.id AS report_id,
                report.name AS name,
                report.state AS state,
                report.user_id AS user_id,
                report.team_id AS team_id,
                report.manager_id AS manager_id,
                report.company_id AS company_id,
                report.partner_id AS partner_id,
                partner.country_id AS partner_country_id,
                partner.state_id AS partner_state_id,
                partner.city AS partner_city,
                report.visit_tier AS visit_tier,
                report.visit_mode AS visit_mode,
                report.purpose AS purpose,
                COALESCE(report.in_place, FALSE) AS in_place,
                COALESCE(report.is_valid, FALSE) AS is_valid,
                COALESCE(report.submitted_late, FALSE) AS submitted_late,
                COALESCE(report.is_urgent, FALSE) AS is_urgent,
                COALESCE(report.is_unplanned, FALSE) AS is_unplanned,
                report.visit_date AS visit_date,
                report.plan_line_id AS plan_line_id,
                line.plan_id AS plan_id,
                plan.date_start AS plan_period,
                %(planned_date)s AS planned_date,
                1 AS nbr,
                report.duration AS duration,
                CASE
                    WHEN report.checkin_method = 'gps'
                        AND (partner.partner_latitude != 0
                            OR partner.partner_longitude != 0)
                        AND partner.visit_position_approximate IS NOT TRUE
                    THEN report.checkin_distance
                END AS checkin_distance,
                report.visit_date - %(planned_date)s AS planned_delay_days,
                EXTRACT(EPOCH FROM report.submitted_date - report.report_deadline)
                    / 3600.0 AS submission_delay_hours
            """,
            planned_date=self._planned_date(),
        )

    def _planned_date(self):
        """The planned visit's day in the rep's timezone, as the visit's own day
        is (the datetimes are stored in UTC)."""
        return SQL(
            "(line.planned_datetime AT TIME ZONE 'UTC' "
            "AT TIME ZONE COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))::date"
        )

    def _from(self):
        return SQL("FROM visit_report AS report")

    def _join(self):
        # Outer joins on primary keys: PostgreSQL drops those a query does not use.
        return SQL(
            """
            LEFT JOIN res_partner AS partner ON partner.id = report.partner_id
            LEFT JOIN visit_plan_line AS line ON line.id = report.plan_line_id
            LEFT JOIN visit_plan AS plan ON plan.id = line.plan_id
            LEFT JOIN res_users AS rep ON rep.id = report.user_id
            LEFT JOIN res_partner AS rep_partner ON rep_partner.id = rep.partner_id
            """
        )

    def _where(self):
        return SQL("WHERE report.active")

    @property
    def _table_query(self):
        return SQL(
            "%s %s %s %s", self._select(), self._from(), self._join(), self._where()
        )
