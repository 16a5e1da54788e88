# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..tools import (
    PHONE_POSITION,
    client_action,
)
from .map_urls import map_url
from .selections import VISIT_MODES, VISIT_PURPOSES

VISIT_STATUSES = [
    ("todo", "To Visit"),
    ("checked_in", "Checked In"),
    ("reported", "Reported"),
]


class VisitToday(models.Model):
    """The daily route sheet (业务去向表): each rep's visits of their own day, the
    approved planned visits and the unplanned visits they reported, in time
    order. A PostgreSQL view that only ever holds today's visits."""

    _name = "visit.today"
    _description = "Today's Visit"
    _auto = False
    _order = "visit_datetime, id"
    # What the view reads, flushed before it is queried.
    _depends = {
        "visit.plan.line": [
            "plan_id",
            "user_id",
            "company_id",
            "partner_id",
            "contact_id",
            "planned_datetime",
            "duration",
            "visit_mode",
            "purpose",
        ],
        "visit.plan": ["state", "team_id", "manager_id"],
        "visit.report": [
            "active",
            "plan_line_id",
            "user_id",
            "team_id",
            "manager_id",
            "company_id",
            "partner_id",
            "contact_id",
            "start_datetime",
            "end_datetime",
            "visit_date",
            "visit_mode",
            "purpose",
            "state",
            "checkin_time",
            "in_place",
        ],
        "res.partner": ["tz"],
        "res.users": ["partner_id"],
    }

    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    manager_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    contact_id = fields.Many2one("res.partner", string="Contact Person", readonly=True)
    contact_phone = fields.Char(related="contact_id.phone", string="Contact Phone")
    plan_line_id = fields.Many2one(
        "visit.plan.line", string="Planned Visit", readonly=True
    )
    report_id = fields.Many2one("visit.report", string="Visit Report", readonly=True)
    is_unplanned = fields.Boolean(string="Unplanned", readonly=True)
    visit_datetime = fields.Datetime(string="Time", readonly=True)
    visit_end = fields.Datetime(string="Until", readonly=True)
    visit_date = fields.Date(string="Day", readonly=True)
    visit_mode = fields.Selection(selection=VISIT_MODES, string="Mode", readonly=True)
    purpose = fields.Selection(selection=VISIT_PURPOSES, readonly=True)
    report_state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("returned", "Returned"),
        ],
        string="Report Status",
        readonly=True,
    )
    checkin_time = fields.Datetime(string="Checked In At", readonly=True)
    in_place = fields.Boolean(readonly=True)
    status = fields.Selection(
        selection=VISIT_STATUSES,
        readonly=True,
        help="To visit: no check-in and no report filed yet; checked in: the "
        "report is not filed yet; reported: the report is submitted or approved.",
    )
    report_missing = fields.Boolean(
        readonly=True,
        help="The visit's time is over and its report is not filed.",
    )
    visit_time = fields.Char(string="At", compute="_compute_visit_time")
    place = fields.Char(compute="_compute_place")
    map_url = fields.Char(string="Map", compute="_compute_map_url")
    is_mine = fields.Boolean(compute="_compute_is_mine")

    @api.depends_context("tz")
    def _compute_visit_time(self):
        for visit in self:
            visit.visit_time = (
                fields.Datetime.context_timestamp(visit, visit.visit_datetime).strftime(
                    "%H:%M"
                )
                if visit.visit_datetime
                else False
            )

    def _compute_place(self):
        for visit in self:
            place = (
                visit.plan_line_id.place
                if visit.plan_line_id
                else visit.partner_id._display_address(without_company=True)
            )
            # an address without any line is only blanks
            visit.place = (place or "").strip() or False

    def _compute_map_url(self):
        for visit in self:
            visit.map_url = map_url(
                visit.partner_id, visit.company_id.visit_map_provider
            )

    @api.depends_context("uid")
    def _compute_is_mine(self):
        for visit in self:
            visit.is_mine = visit.user_id == self.env.user

    # ------------------------------------------------------------------
    # The view
    # ------------------------------------------------------------------
    @api.model
    def _local(self, column):
        """A UTC datetime column in the rep's timezone."""
        return SQL(
            "(%s AT TIME ZONE 'UTC' AT TIME ZONE "
            "COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))",
            SQL.identifier(*column.split(".")),
        )

    @property
    def _table_query(self):
        """Approved planned visits and unplanned visit reports of a day around
        now (the indexes narrow it), then exactly those of the rep's today."""
        return SQL(
            """
            WITH visit AS (
                SELECT line.id * 2 AS id,
                       line.id AS plan_line_id,
                       (SELECT report.id FROM visit_report report
                         WHERE report.plan_line_id = line.id AND report.active
                      ORDER BY report.start_datetime DESC, report.id DESC
                         LIMIT 1) AS report_id,
                       FALSE AS is_unplanned,
                       line.user_id, plan.team_id, plan.manager_id,
                       line.company_id, line.partner_id, line.contact_id,
                       line.planned_datetime AS visit_datetime,
                       line.planned_datetime
                           + make_interval(secs => COALESCE(line.duration, 0) * 3600)
                           AS visit_end,
                       line.visit_mode, line.purpose
                  FROM visit_plan_line line
                  JOIN visit_plan plan ON plan.id = line.plan_id
                 WHERE plan.state = 'approved'
                   AND line.planned_datetime
                       BETWEEN (NOW() AT TIME ZONE 'UTC') - INTERVAL '1 day'
                           AND (NOW() AT TIME ZONE 'UTC') + INTERVAL '1 day'
             UNION ALL
                SELECT report.id * 2 + 1,
                       NULL,
                       report.id,
                       TRUE,
                       report.user_id, report.team_id, report.manager_id,
                       report.company_id, report.partner_id, report.contact_id,
                       report.start_datetime,
                       COALESCE(report.end_datetime,
                                report.start_datetime + INTERVAL '1 hour'),
                       report.visit_mode, report.purpose
                  FROM visit_report report
                 WHERE report.plan_line_id IS NULL
                   AND report.active
                   AND report.visit_date
                       BETWEEN CURRENT_DATE - 1 AND CURRENT_DATE + 1
            )
            SELECT visit.*,
                   %(local_day)s::date AS visit_date,
                   report.state AS report_state,
                   report.checkin_time,
                   COALESCE(report.in_place, FALSE) AS in_place,
                   CASE
                       WHEN report.state IN ('submitted', 'approved') THEN 'reported'
                       WHEN report.checkin_time IS NOT NULL THEN 'checked_in'
                       ELSE 'todo'
                   END AS status,
                   COALESCE(report.state NOT IN ('submitted', 'approved'), TRUE)
                       AND visit.visit_end < (NOW() AT TIME ZONE 'UTC')
                       AS report_missing
              FROM visit
              JOIN res_users rep ON rep.id = visit.user_id
              JOIN res_partner rep_partner ON rep_partner.id = rep.partner_id
         LEFT JOIN visit_report report ON report.id = visit.report_id
             WHERE %(local_day)s::date = %(local_now)s::date
            """,
            local_day=self._local("visit.visit_datetime"),
            local_now=SQL(
                "(NOW() AT TIME ZONE COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))"
            ),
        )

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    def _visit_report(self):
        """The visit's report: the unplanned one, or the planned visit's (a
        draft is created the first time)."""
        self.ensure_one()
        if self.report_id:
            return self.report_id
        if self.user_id != self.env.user:
            raise UserError(
                self.env._(
                    "Only %(rep)s starts the report of their visit to %(partner)s.",
                    rep=self.user_id.name,
                    partner=self.partner_id.display_name,
                )
            )
        return self.plan_line_id._visit_report()

    @client_action(single=True)
    def action_open_report(self):
        """One tap: the visit's report, started if needed; a manager looking at
        a visit not started yet gets the planned visit."""
        if not self.report_id and self.user_id != self.env.user:
            return {
                "type": "ir.actions.act_window",
                "res_model": "visit.plan.line",
                "res_id": self.plan_line_id.id,
                "view_mode": "form",
            }
        return {
            "type": "ir.actions.act_window",
            "res_model": "visit.report",
            "res_id": self._visit_report().id,
            "view_mode": "form",
        }

    @client_action(single=True, **PHONE_POSITION)
    def action_check_in(self, latitude, longitude, accuracy=0.0, client_time=None):
        """The Check in button of the route sheet: checks in on the visit's
        report (started if needed)."""
        return self._visit_report().action_check_in(
            latitude, longitude, accuracy, client_time
        )

    @client_action(single=True)
    def action_check_in_manual(self):
        return self._visit_report().action_check_in_manual()
