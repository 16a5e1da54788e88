# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL, format_time

from ..tools import client_action
from .map_urls import position_map_url

# A rep's marker: where they last checked in, green when in place.
IN_PLACE_COLORS = {True: "#16a34a", False: "#dc2626"}


class VisitTodayRep(models.Model):
    """The team's day, for its leader: one row per member of a sales team (its
    leader aside) with where they last checked in today and how many of today's
    visits are done, pending, and past without a report. A PostgreSQL view over
    the route sheet's query (visit.today), not over its view: each view stands
    alone, and one can be rebuilt without the other."""

    _name = "visit.today.rep"
    _inherit = ["visit.map.mixin"]
    _description = "Rep's Day"
    _auto = False
    _order = "team_id, user_id"
    # What the view reads, flushed before it is queried (the route sheet's too).
    _depends = {
        "visit.plan.line": [
            "plan_id",
            "user_id",
            "company_id",
            "partner_id",
            "planned_datetime",
            "duration",
        ],
        "visit.plan": ["state", "team_id", "manager_id"],
        "visit.report": [
            "active",
            "plan_line_id",
            "user_id",
            "company_id",
            "partner_id",
            "start_datetime",
            "end_datetime",
            "visit_date",
            "state",
            "checkin_time",
            "checkin_method",
            "checkin_latitude",
            "checkin_longitude",
            "in_place",
        ],
        "crm.team.member": ["active", "crm_team_id", "user_id"],
        "crm.team": ["active", "company_id", "user_id"],
        "res.partner": ["tz"],
        "res.users": ["active", "company_id", "partner_id"],
    }

    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    manager_id = fields.Many2one("res.users", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    visit_count = fields.Integer(string="Visits Today", readonly=True)
    reported_count = fields.Integer(string="Reported", readonly=True)
    checked_in_count = fields.Integer(
        string="Checked In", readonly=True, help="Checked in, report not filed yet."
    )
    pending_count = fields.Integer(
        string="Pending", readonly=True, help="Visits of today not reported yet."
    )
    missing_count = fields.Integer(
        string="Reports Missing",
        readonly=True,
        help="Visits of today whose time is over, without a filed report.",
    )
    last_checkin_time = fields.Datetime(string="Last Check-in", readonly=True)
    last_checkin_partner_id = fields.Many2one(
        "res.partner", string="Last Checked In At", readonly=True
    )
    last_checkin_method = fields.Selection(
        selection=[("gps", "GPS"), ("qr", "QR Code"), ("manual", "Manual")],
        string="Last Check-in Method",
        readonly=True,
    )
    last_checkin_in_place = fields.Boolean(
        string="Last Check-in in Place", readonly=True
    )
    last_checkin_latitude = fields.Float(digits=(10, 7), readonly=True, aggregator=None)
    last_checkin_longitude = fields.Float(
        digits=(10, 7), readonly=True, aggregator=None
    )
    last_checkin_map_url = fields.Char(
        string="Where", compute="_compute_last_checkin_map_url"
    )

    def _compute_last_checkin_map_url(self):
        for day in self:
            latitude, longitude = day.last_checkin_latitude, day.last_checkin_longitude
            day.last_checkin_map_url = (
                position_map_url(
                    latitude,
                    longitude,
                    day.user_id.name,
                    day.company_id.visit_map_provider,
                )
                if day.last_checkin_method == "gps" and (latitude or longitude)
                else False
            )

    @property
    def _table_query(self):
        local_now = SQL(
            "(NOW() AT TIME ZONE COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))::date"
        )
        return SQL(
            """
            SELECT member.id AS id,
                   member.user_id AS user_id,
                   member.crm_team_id AS team_id,
                   team.user_id AS manager_id,
                   COALESCE(team.company_id, rep.company_id) AS company_id,
                   COALESCE(day.visit_count, 0) AS visit_count,
                   COALESCE(day.reported_count, 0) AS reported_count,
                   COALESCE(day.checked_in_count, 0) AS checked_in_count,
                   COALESCE(day.visit_count - day.reported_count, 0) AS pending_count,
                   COALESCE(day.missing_count, 0) AS missing_count,
                   last.checkin_time AS last_checkin_time,
                   last.partner_id AS last_checkin_partner_id,
                   last.checkin_method AS last_checkin_method,
                   COALESCE(last.in_place, FALSE) AS last_checkin_in_place,
                   last.checkin_latitude AS last_checkin_latitude,
                   last.checkin_longitude AS last_checkin_longitude
              FROM crm_team_member member
              JOIN crm_team team ON team.id = member.crm_team_id
              JOIN res_users rep ON rep.id = member.user_id
              JOIN res_partner rep_partner ON rep_partner.id = rep.partner_id
         LEFT JOIN (SELECT user_id,
                           COUNT(*) AS visit_count,
                           COUNT(*) FILTER (WHERE status = 'reported')
                               AS reported_count,
                           COUNT(*) FILTER (WHERE status = 'checked_in')
                               AS checked_in_count,
                           COUNT(*) FILTER (WHERE report_missing) AS missing_count
                      FROM (%(today)s) today
                  GROUP BY user_id) day ON day.user_id = member.user_id
         LEFT JOIN LATERAL (
                    SELECT report.checkin_time, report.partner_id,
                           report.checkin_method, report.in_place,
                           report.checkin_latitude, report.checkin_longitude
                      FROM visit_report report
                     WHERE report.user_id = member.user_id
                       AND report.active
                       AND report.checkin_time IS NOT NULL
                       AND report.visit_date
                           BETWEEN CURRENT_DATE - 1 AND CURRENT_DATE + 1
                       AND (report.checkin_time AT TIME ZONE 'UTC' AT TIME ZONE
                            COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))::date
                           = %(local_now)s
                  ORDER BY report.checkin_time DESC, report.id DESC
                     LIMIT 1) last ON TRUE
             WHERE member.active
               AND team.active
               AND rep.active
               AND member.user_id IS DISTINCT FROM team.user_id
            """,
            local_now=local_now,
            today=self.env["visit.today"]._table_query,
        )

    # ------------------------------------------------------------------
    # The team on the map: where each rep last checked in today
    # ------------------------------------------------------------------
    @api.model
    def _visit_map_located_domain(self):
        return Domain("last_checkin_latitude", "!=", 0) | Domain(
            "last_checkin_longitude", "!=", 0
        )

    def _visit_map_points(self):
        points = []
        for day in self:
            position = (day.last_checkin_latitude, day.last_checkin_longitude)
            checked_in = format_time(
                self.env, day.last_checkin_time, tz=day.user_id.tz, time_format="short"
            )
            points.append(
                {
                    "id": day.id,
                    "position": position,
                    "title": day.user_id.name,
                    "lines": [
                        self.env._(
                            "Checked in at %(time)s: %(partner)s",
                            time=checked_in,
                            partner=day.last_checkin_partner_id.display_name,
                        ),
                        self.env._("In place")
                        if day.last_checkin_in_place
                        else self.env._("Not in place"),
                        self.env._(
                            "%(reported)s of %(visits)s visits reported",
                            reported=day.reported_count,
                            visits=day.visit_count,
                        ),
                    ],
                    "color": IN_PLACE_COLORS[day.last_checkin_in_place],
                    "ring": False,
                    "label": day.user_id.name[:1],
                    "approximate": False,
                    "links": [
                        {
                            "label": self.env._("Open Map"),
                            "url": day.last_checkin_map_url,
                        }
                    ],
                    "actions": [
                        {
                            "label": self.env._("Today's Visits"),
                            "method": "action_view_visits",
                        }
                    ],
                }
            )
        return points

    def _visit_map_legend(self):
        return [
            {"label": self.env._("In place"), "color": IN_PLACE_COLORS[True]},
            {"label": self.env._("Not in place"), "color": IN_PLACE_COLORS[False]},
        ]

    @client_action(single=True)
    def action_view_visits(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Today: %(rep)s", rep=self.user_id.name),
            "res_model": "visit.today",
            "view_mode": "kanban,list,visit_map",
            "domain": [("user_id", "=", self.user_id.id)],
            "context": {"create": False},
        }
