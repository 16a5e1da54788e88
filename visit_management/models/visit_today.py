# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, format_list
from odoo.tools.misc import formatLang

from ..tools import (
    PHONE_POSITION,
    client_action,
    to_position,
)
from ..tools.route_plan import Stop, plan_route
from .map_urls import map_url, navigation_url
from .selections import VISIT_MODES, VISIT_PURPOSES

VISIT_STATUSES = [
    ("todo", "To Visit"),
    ("checked_in", "Checked In"),
    ("reported", "Reported"),
]


# A stop's colour on the map, by status; a missing report rings it.
STATUS_COLORS = {"todo": "#2563eb", "checked_in": "#f59e0b", "reported": "#16a34a"}
REPORT_MISSING_RING = "#dc2626"
# The planned route (the day's order) and the actual one (the check-ins').
PLANNED_ROUTE_COLOR = "#2563eb"
ACTUAL_ROUTE_COLOR = "#16a34a"
# Optimise my day keeps a fixed appointment within so many minutes of its time.
APPOINTMENT_SLACK_MINUTES = 15
# Where Optimise my day starts the route from.
ROUTE_STARTS = ("home", "office", "current")


class VisitToday(models.Model):
    """The daily route sheet (业务去向表): each rep's visits of their own day, the
    approved planned visits and the unplanned visits they reported, in time
    order. A PostgreSQL view that only ever holds today's visits."""

    _name = "visit.today"
    _inherit = ["visit.map.mixin"]
    _description = "Today's Visit"
    _auto = False
    # the visits Optimise my day ordered follow its route, the others their time
    _order = "route_sequence, visit_datetime, id"
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
            "route_sequence",
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
            "checkin_latitude",
            "checkin_longitude",
            "in_place",
        ],
        "res.partner": ["tz", "partner_latitude", "partner_longitude"],
        "res.users": ["partner_id"],
        "crm.team": ["user_id"],
    }

    user_id = fields.Many2one("res.users", string="Sales Rep", readonly=True)
    team_id = fields.Many2one("crm.team", string="Sales Team", readonly=True)
    manager_id = fields.Many2one("res.users", readonly=True)
    # the team's leader now, whom the team leaders' record rule compares with
    # the user: a column of the view, the rule is a condition PostgreSQL
    # applies to each rep's visits before it reads their reports (compared
    # through team_id, it applied to the whole company's day, read first)
    team_leader_id = fields.Many2one("res.users", readonly=True)
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
    checkin_latitude = fields.Float(
        string="Check-in Latitude", digits=(10, 7), readonly=True, aggregator=None
    )
    checkin_longitude = fields.Float(
        string="Check-in Longitude", digits=(10, 7), readonly=True, aggregator=None
    )
    route_sequence = fields.Integer(string="Order in the Day", readonly=True)
    planned_place = fields.Char(readonly=True)
    in_place = fields.Boolean(readonly=True)
    partner_located = fields.Boolean(
        string="Customer Located",
        readonly=True,
        help="The customer has a position: the visit can be drawn on the map.",
    )
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
                visit.planned_place
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
    @property
    def _table_query(self):
        """Approved planned visits and unplanned visit reports of the rep's
        today, from midnight to midnight in the rep's timezone (`rep_day`).
        The reps' days are read first, on their own (MATERIALIZED): joined
        with the visits, PostgreSQL may compare every partner with every visit
        (seconds at a million reports). Each rep's planned visits are then read
        by the index of a rep's visits by time, that day's only: a day on
        either side of now, the same for everyone, read the company's visits
        of yesterday or tomorrow too, to drop them (0.3 s at a million
        reports). That day around now still bounds them, as a range PostgreSQL
        can estimate: without it, it reads every planned visit."""
        return SQL(
            """
            WITH rep_day AS MATERIALIZED (
                SELECT rep.id AS user_id, zone.tz,
                       (day.today::timestamp AT TIME ZONE zone.tz)
                           AT TIME ZONE 'UTC' AS day_start,
                       ((day.today + 1)::timestamp AT TIME ZONE zone.tz)
                           AT TIME ZONE 'UTC' AS day_end
                  FROM res_users rep
                  JOIN res_partner rep_partner ON rep_partner.id = rep.partner_id
                 CROSS JOIN LATERAL (
                       SELECT COALESCE(NULLIF(rep_partner.tz, ''), 'UTC') AS tz
                       ) zone
                 CROSS JOIN LATERAL (
                       SELECT (NOW() AT TIME ZONE zone.tz)::date AS today
                       ) day
            ), visit AS (
                SELECT line.id * 2 AS id,
                       line.id AS plan_line_id,
                       (SELECT report.id FROM visit_report report
                         WHERE report.plan_line_id = line.id AND report.active
                      ORDER BY report.start_datetime DESC, report.id DESC
                         LIMIT 1) AS report_id,
                       FALSE AS is_unplanned,
                       line.user_id, plan.team_id, plan.manager_id,
                       team.user_id AS team_leader_id,
                       line.company_id, line.partner_id, line.contact_id,
                       line.planned_datetime AS visit_datetime,
                       line.planned_datetime
                           + make_interval(secs => COALESCE(line.duration, 0) * 3600)
                           AS visit_end,
                       line.visit_mode, line.purpose,
                       COALESCE(line.route_sequence, 0) AS route_sequence,
                       line.place AS planned_place
                  FROM rep_day
                  JOIN visit_plan_line line
                    ON line.user_id = rep_day.user_id
                   AND line.planned_datetime >= rep_day.day_start
                   AND line.planned_datetime < rep_day.day_end
                  JOIN visit_plan plan ON plan.id = line.plan_id
             LEFT JOIN crm_team team ON team.id = plan.team_id
                 WHERE plan.state = 'approved'
                   -- what PostgreSQL can estimate before it knows the days
                   AND line.planned_datetime
                       BETWEEN (NOW() AT TIME ZONE 'UTC') - INTERVAL '1 day'
                           AND (NOW() AT TIME ZONE 'UTC') + INTERVAL '1 day'
             UNION ALL
                SELECT report.id * 2 + 1,
                       NULL,
                       report.id,
                       TRUE,
                       report.user_id, report.team_id, report.manager_id,
                       team.user_id,
                       report.company_id, report.partner_id, report.contact_id,
                       report.start_datetime,
                       COALESCE(report.end_datetime,
                                report.start_datetime + INTERVAL '1 hour'),
                       report.visit_mode, report.purpose,
                       0,
                       NULL
                  FROM visit_report report
                  JOIN rep_day ON rep_day.user_id = report.user_id
             LEFT JOIN crm_team team ON team.id = report.team_id
                 WHERE report.plan_line_id IS NULL
                   AND report.active
                   -- the index of the unplanned reports by date narrows them
                   AND report.visit_date
                       BETWEEN CURRENT_DATE - 1 AND CURRENT_DATE + 1
                   AND report.start_datetime >= rep_day.day_start
                   AND report.start_datetime < rep_day.day_end
            )
            SELECT visit.*,
                   (visit.visit_datetime AT TIME ZONE 'UTC'
                       AT TIME ZONE rep_day.tz)::date AS visit_date,
                   report.state AS report_state,
                   report.checkin_time,
                   report.checkin_latitude,
                   report.checkin_longitude,
                   COALESCE(report.in_place, FALSE) AS in_place,
                   COALESCE(customer.partner_latitude, 0) != 0
                       OR COALESCE(customer.partner_longitude, 0) != 0
                       AS partner_located,
                   CASE
                       WHEN report.state IN ('submitted', 'approved') THEN 'reported'
                       WHEN report.checkin_time IS NOT NULL THEN 'checked_in'
                       ELSE 'todo'
                   END AS status,
                   COALESCE(report.state NOT IN ('submitted', 'approved'), TRUE)
                       AND visit.visit_end < (NOW() AT TIME ZONE 'UTC')
                       AS report_missing
              FROM visit
              JOIN rep_day ON rep_day.user_id = visit.user_id
         LEFT JOIN visit_report report ON report.id = visit.report_id
         LEFT JOIN res_partner customer ON customer.id = visit.partner_id
            """
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

    # ------------------------------------------------------------------
    # The day on the map
    # ------------------------------------------------------------------
    @api.model
    def _visit_map_located_domain(self):
        # a column of the view: through partner_id, the count of the visits
        # without a position was a subquery over every partner, estimated so
        # costly that PostgreSQL compiled it (JIT) for over a second
        return Domain("partner_located", "=", True)

    def _visit_map_points(self):
        """Each rep's stops, numbered in the order of their day."""
        statuses = dict(self._fields["status"]._description_selection(self.env))
        # the texts repeat from point to point: each is translated once
        report_missing = self.env._("Report missing")
        navigate = self.env._("Navigate")
        report_actions = [
            {"label": self.env._("Report"), "method": "action_open_report"}
        ]
        points = []
        for visits in self._by_rep():
            for number, visit in enumerate(visits, start=1):
                partner = visit.partner_id
                position = (partner.partner_latitude, partner.partner_longitude)
                provider = visit.company_id.visit_map_provider
                lines = [
                    " · ".join(
                        filter(None, [visit.visit_time, statuses[visit.status]])
                    ),
                    visit.place or "",
                ]
                if visit.report_missing:
                    lines.append(report_missing)
                if not visit.is_mine:
                    lines.append(visit.user_id.name)
                points.append(
                    {
                        "id": visit.id,
                        "position": position,
                        # stored; display_name is computed one partner at a time
                        "title": partner.complete_name,
                        "lines": [line for line in lines if line],
                        "color": STATUS_COLORS[visit.status],
                        "ring": visit.report_missing and REPORT_MISSING_RING,
                        "label": str(number),
                        "approximate": partner.visit_position_approximate,
                        "links": [
                            {
                                "label": navigate,
                                "url": navigation_url(
                                    *position, partner.name, provider
                                ),
                            }
                        ],
                        "actions": report_actions if visit.is_mine else [],
                    }
                )
        return points

    def _by_rep(self):
        """These visits, rep by rep, each rep's in the order of their day; all
        in one prefetch set, so that a field is read for every rep's at once
        (a team leader's day of 1,200 visits took 44 queries, one set of reads
        per rep)."""
        return list(self.grouped("user_id").values())

    def _visit_map_routes(self):
        """Each rep's planned route (the stops in the day's order) and actual
        route (their GPS check-ins, in time order)."""
        routes = []
        for visits in self._by_rep():
            rep = visits.user_id
            planned = [
                (visit.partner_id.partner_latitude, visit.partner_id.partner_longitude)
                for visit in visits
            ]
            checked_in = visits.filtered(
                lambda visit: visit.checkin_latitude or visit.checkin_longitude
            ).sorted("checkin_time")
            actual = [
                (visit.checkin_latitude, visit.checkin_longitude)
                for visit in checked_in
            ]
            planned_name = self.env._("Planned route of %(rep)s", rep=rep.name)
            actual_name = self.env._("Check-in route of %(rep)s", rep=rep.name)
            routes += [
                {"name": name, "color": color, "dashed": dashed, "positions": positions}
                for positions, name, color, dashed in (
                    (planned, planned_name, PLANNED_ROUTE_COLOR, True),
                    (actual, actual_name, ACTUAL_ROUTE_COLOR, False),
                )
                if len(positions) > 1
            ]
        return routes

    def _visit_map_options(self):
        """Optimise my day, for a user with visits of their own still to make."""
        mine = self.filtered(lambda visit: visit.is_mine and visit.status == "todo")
        return {"optimise": bool(mine)}

    def _visit_map_legend(self):
        statuses = dict(self._fields["status"]._description_selection(self.env))
        return [
            {"label": statuses[status], "color": color}
            for status, color in STATUS_COLORS.items()
        ] + [
            {"label": self.env._("Report missing"), "ring": REPORT_MISSING_RING},
            {
                "label": self.env._("Planned route"),
                "color": PLANNED_ROUTE_COLOR,
                "dashed": True,
            },
            {
                "label": self.env._("Check-in route"),
                "color": ACTUAL_ROUTE_COLOR,
                "line": True,
            },
        ]

    # ------------------------------------------------------------------
    # Optimise my day
    # ------------------------------------------------------------------
    @api.model
    @client_action(position=to_position)
    def action_optimise_day(self, start, position=None):
        """Orders the user's visits still to make today to travel least from
        `start` (home, office or current: the phone's position), keeping the
        fixed appointments in their windows. Visits without a position follow
        the route in time order."""
        origin = self._route_start(start, position)
        visits = self.search(
            [
                ("user_id", "=", self.env.uid),
                ("status", "=", "todo"),
                ("plan_line_id", "!=", False),
                ("visit_mode", "=", "onsite"),
            ]
        ).sorted(lambda visit: (visit.visit_datetime, visit.id))
        located = visits.filtered_domain(self._visit_map_located_domain())
        if not located:
            raise UserError(
                self.env._("None of your visits still to make today is on the map.")
            )
        now = fields.Datetime.now()
        plan = plan_route(origin, [self._route_stop(visit, now) for visit in located])
        order = self.browse(plan.order) + (visits - located)
        # after today's other visits, which keep their place
        others = self.search([("user_id", "=", self.env.uid)]) - visits
        first = max(others.mapped("route_sequence"), default=0) + 1
        for sequence, visit in enumerate(order, start=first):
            # the route's order is the server's: no user writes it
            visit.plan_line_id.sudo().route_sequence = sequence
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if plan.time_order_feasible else "warning",
                "title": self.env._("Optimise my day"),
                "message": self._route_message(plan, located),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    @api.model
    def _route_start(self, start, position):
        """(latitude, longitude) the route starts from."""
        if start not in ROUTE_STARTS:
            raise UserError(
                self.env._(
                    "A route starts from home, the office or where you are, "
                    "not %(start)r.",
                    start=start,
                )
            )
        if start == "current":
            if not position:
                raise UserError(
                    self.env._(
                        "Your phone did not give its position: start from home or "
                        "the office."
                    )
                )
            return position
        place = (
            self.env.user.partner_id if start == "home" else self.env.company.partner_id
        )
        if not (place.partner_latitude or place.partner_longitude):
            raise UserError(
                self.env._(
                    "%(place)s has no position on the map: locate its address, "
                    "or start from somewhere else.",
                    place=place.display_name,
                )
            )
        return place.partner_latitude, place.partner_longitude

    def _route_stop(self, visit, now):
        """The visit as a stop of the route, departing now; a fixed
        appointment must be reached within its slack of its time."""
        line = visit.plan_line_id
        window = None
        if line.appointment_fixed:
            minutes = (line.planned_datetime - now).total_seconds() / 60
            window = (
                minutes - APPOINTMENT_SLACK_MINUTES,
                minutes + APPOINTMENT_SLACK_MINUTES,
            )
        return Stop(
            id=visit.id,
            latitude=visit.partner_id.partner_latitude,
            longitude=visit.partner_id.partner_longitude,
            service_minutes=line.duration * 60,
            window=window,
        )

    def _route_message(self, plan, located):
        def km(metres):
            return formatLang(self.env, metres / 1000, digits=1)

        if plan.late_ids:
            return self.env._(
                "%(visits)s can no longer be reached in time: your visits stay in "
                "time order (%(distance)s km). Ask your leader to move them.",
                visits=format_list(
                    self.env, self.browse(plan.late_ids).partner_id.mapped("name")
                ),
                distance=km(plan.distance_m),
            )
        if plan.saved_m <= 0:
            return self.env._(
                "Your %(count)s visits are already in the best order: %(distance)s km.",
                count=len(located),
                distance=km(plan.distance_m),
            )
        return self.env._(
            "Your %(count)s visits are in the best order: %(distance)s km, "
            "%(saved)s km less than in time order.",
            count=len(located),
            distance=km(plan.distance_m),
            saved=km(plan.saved_m),
        )
