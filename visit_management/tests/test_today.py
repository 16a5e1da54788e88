# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from contextlib import contextmanager
from datetime import datetime, time, timedelta

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user
from odoo.tools import SQL

from .common import REP_GROUPS, VisitCommon


def local_noon_timezone(env):
    """A timezone where it is now between noon and 1 pm, and that day: the route
    sheet holds the visits of the rep's today (the database's clock), so the
    tests place their visits around a known local time."""
    env.cr.execute("SELECT NOW() AT TIME ZONE 'UTC'")
    now = env.cr.fetchone()[0]
    offset = 12 - now.hour
    tz = f"Etc/GMT{-offset:+d}" if offset else "UTC"
    return tz, offset, (now + timedelta(hours=offset)).date()


class TodayCommon(VisitCommon):
    # The route sheet is a view on the database's clock (NOW()): these tests are
    # built around that clock, so Python's runs with it instead of being frozen.
    freeze_time = None

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.tz, cls.offset, cls.today = local_noon_timezone(cls.env)
        (cls.rep | cls.rep2 | cls.rep_b | cls.manager | cls.manager_b).write(
            {"tz": cls.tz}
        )
        cls.workshop = cls.env["res.partner"].create(
            {
                "name": "Minhang Hardware",
                "is_company": True,
                "street": "8 Jianchuan Road",
                "city": "Shanghai",
                "partner_latitude": 31.0252,
                "partner_longitude": 121.4337,
            }
        )

    @classmethod
    def _at(cls, hour, minute=0, day=None):
        """A local time of the reps' today (or of that day), in UTC."""
        local = datetime.combine(day or cls.today, time(hour, minute))
        return local - timedelta(hours=cls.offset)

    @classmethod
    def _approved_plan_today(cls, user, visits, state="approved"):
        """A plan of the month of today with visits (partner, local hour[, day])."""
        plan = (
            cls.env["visit.plan"]
            .with_user(user)
            .create(
                {
                    "user_id": user.id,
                    "date_start": cls.today.replace(day=1),
                    "line_ids": [
                        Command.create(
                            {
                                "partner_id": partner.id,
                                "contact_id": partner.child_ids[:1].id,
                                "planned_datetime": cls._at(hour, minute, day),
                                "visit_mode": "onsite",
                            }
                        )
                        for partner, hour, minute, day in visits
                    ],
                }
            )
        )
        if state != "draft":
            plan.action_submit()
            plan.with_user(user.sale_team_id.user_id).action_approve()
        return plan

    @classmethod
    def _another_day(cls):
        """A day of the same month as today that is not today."""
        tomorrow = cls.today + timedelta(days=1)
        return (
            tomorrow
            if tomorrow.month == cls.today.month
            else cls.today - timedelta(days=1)
        )


class TestToday(TodayCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        plan = cls._approved_plan_today(
            cls.rep,
            [
                (cls.workshop, 15, 0, None),
                (cls.customer, 8, 0, None),
                (cls.customer, 9, 30, None),
                (cls.customer, 9, 0, cls._another_day()),
            ],
        )
        cls.line_15, cls.line_8, cls.line_9_30 = plan.line_ids.sorted("id")[:3]
        # 09:30: visited and reported
        report = cls.line_9_30.with_user(cls.rep)._visit_report()
        report.write(
            {"start_datetime": cls._at(9, 30), "end_datetime": cls._at(10, 15)}
        )
        report.action_submit()
        cls.reported = report
        # 10:00: an unplanned visit, checked in at the customer, not reported
        cls.unplanned = cls._create_report(
            partner_id=cls.workshop.id,
            contact_id=False,
            start_datetime=cls._at(10),
            end_datetime=False,
        )
        cls.unplanned.action_check_in(31.0253, 121.4338, 8)
        # neither a draft plan nor a visit of the other team is on the rep's sheet
        cls._approved_plan_today(cls.rep2, [(cls.customer, 11, 0, None)])
        cls.env["visit.plan"].with_user(cls.rep2).create(
            {
                "user_id": cls.rep2.id,
                "period_type": "week",
                "date_start": cls.today - timedelta(days=cls.today.weekday()),
                "line_ids": [
                    Command.create(
                        {"partner_id": cls.workshop.id, "planned_datetime": cls._at(13)}
                    )
                ],
            }
        )
        cls._approved_plan_today(cls.rep_b, [(cls.customer_b, 9, 0, None)])
        cls.Today = cls.env["visit.today"]

    def _sheet(self, user):
        """The route sheet as the Today action shows it to the user."""
        action = self.env.ref("visit_management.visit_today_action")
        self.assertIn("search_default_mine", action.context)
        return self.Today.with_user(user).search([("user_id", "=", user.id)])

    def test_rep_sees_the_day_in_time_order(self):
        sheet = self._sheet(self.rep)
        self.assertEqual(
            [(visit.visit_time, visit.partner_id) for visit in sheet],
            [
                ("08:00", self.customer),
                ("09:30", self.customer),
                ("10:00", self.workshop),
                ("15:00", self.workshop),
            ],
        )
        self.assertEqual(
            sheet.mapped("plan_line_id"), self.line_8 | self.line_9_30 | self.line_15
        )
        self.assertEqual(
            sheet.mapped("status"), ["todo", "reported", "checked_in", "todo"]
        )
        # 08:00 and the unplanned 10:00 visit are over without a filed report
        self.assertEqual(sheet.mapped("report_missing"), [True, False, True, False])
        self.assertEqual(sheet.mapped("is_unplanned"), [False, False, True, False])
        self.assertEqual(sheet[2].report_id, self.unplanned)
        self.assertTrue(sheet[2].in_place)
        self.assertEqual(sheet[0].contact_id, self.line_8.contact_id)
        self.assertTrue(sheet[0].contact_id)
        self.assertIn("8 Jianchuan Road", sheet[3].place)
        self.assertFalse(sheet[0].place)  # the customer has no address
        # the rep sees nobody else's visits, even without the filter
        self.assertEqual(self.Today.with_user(self.rep).search([]), sheet)

    def test_map_links_need_no_paid_api(self):
        visit = self._sheet(self.rep)[3]
        self.assertEqual(
            visit.map_url,
            "https://uri.amap.com/marker?position=121.4337%2C31.0252"
            "&name=Minhang+Hardware&coordinate=wgs84&callnative=1",
        )
        self.company.visit_map_provider = "osm"
        visit.invalidate_recordset()
        self.assertEqual(
            visit.map_url,
            "https://www.openstreetmap.org/?mlat=31.0252&mlon=121.4337"
            "#map=17/31.0252/121.4337",
        )
        # without coordinates, a search of the address; without either, nothing
        self.workshop.write({"partner_latitude": 0, "partner_longitude": 0})
        visit.invalidate_recordset()
        self.assertTrue(
            visit.map_url.startswith("https://www.openstreetmap.org/search")
        )
        self.assertIn("Jianchuan", visit.map_url)
        self.company.visit_map_provider = "amap"
        visit.invalidate_recordset()
        self.assertTrue(
            visit.map_url.startswith("https://uri.amap.com/search?keyword=")
        )
        first = self._sheet(self.rep)[0]
        self.assertFalse(self.customer.street)
        self.assertTrue(first.map_url.startswith("https://uri.amap.com/marker"))

    def test_one_tap_starts_the_report_and_check_in(self):
        visit = self._sheet(self.rep)[3]
        action = visit.action_open_report()
        report = self.env["visit.report"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "visit.report")
        self.assertEqual(report.plan_line_id, self.line_15)
        self.assertEqual(report.state, "draft")
        # the same report the second time
        self.assertEqual(visit.action_open_report()["res_id"], report.id)
        visit.invalidate_recordset()
        self.assertEqual(visit.report_id, report)
        self.assertEqual(visit.status, "todo")
        result = visit.action_check_in(31.0252, 121.4337, 5)
        self.assertTrue(result["in_place"])
        visit.invalidate_recordset()
        self.assertEqual(visit.status, "checked_in")
        self.assertEqual(report.checkin_method, "gps")
        # a manual check-in also starts the report of a visit not begun
        first = self._sheet(self.rep)[0]
        first.action_check_in_manual()
        first.invalidate_recordset()
        self.assertEqual(first.report_id.checkin_method, "manual")
        self.assertEqual(first.status, "checked_in")

    def test_check_in_inserts_the_new_rows_whole(self):
        """The first check-in of a visit creates its report and the check-in's
        row with every column they store (the rep's team and leader, the
        visit's day, the row's company): neither is updated for them after its
        insert, two statements less in the morning's busiest request."""
        visit = self._sheet(self.rep)[3]
        queries = []
        with contextmanager(self._patchExecute)(queries):
            visit.action_check_in(31.0252, 121.4337, 5)
        updated = {
            (match[1], column)
            for query in queries
            if (
                match := re.match(
                    r'\s*UPDATE "(\w+)"\s+SET (.*) FROM', query, re.DOTALL
                )
            )
            for column in re.findall(r'"(\w+)" = "__tmp"', match[2])
        }
        self.assertFalse(
            updated
            & {
                ("visit_report", "team_id"),
                ("visit_report", "manager_id"),
                ("visit_report", "visit_date"),
                ("visit_report_check_in", "company_id"),
            }
        )
        self.assertIn(("visit_report", "checkin_latitude"), updated)
        visit.invalidate_recordset()
        report = visit.report_id
        self.assertEqual(report.team_id, self.team)
        self.assertEqual(report.manager_id, self.manager)
        self.assertEqual(report.visit_date, self.today)
        self.assertEqual(report.check_in_ids.company_id, self.company)

    def test_new_visit_is_an_unplanned_report(self):
        action = self.env.ref("visit_management.visit_report_action_new_visit")
        self.assertEqual((action.res_model, action.view_mode), ("visit.report", "form"))
        report = (
            self.env["visit.report"]
            .with_user(self.rep)
            .create({"partner_id": self.customer_b.id, "start_datetime": self._at(16)})
        )
        sheet = self._sheet(self.rep)
        self.assertEqual(sheet[-1].report_id, report)
        self.assertEqual(sheet[-1].visit_time, "16:00")
        self.assertTrue(sheet[-1].is_unplanned)

    def test_the_day_runs_from_midnight_to_midnight(self):
        """The rep's today is from midnight to midnight in the rep's timezone,
        planned visits and unplanned reports alike: a visit at midnight opens
        it, the other day's next to it are not on the sheet."""
        rep = new_test_user(self.env, "visit_night_rep", groups=REP_GROUPS, tz=self.tz)
        self.team_b.member_ids |= rep
        other_day = self._another_day()
        # the minute past the end of today, or before its start
        beyond = (0, 0) if other_day > self.today else (23, 59)
        self._approved_plan_today(
            rep,
            [
                (self.customer_b, 0, 0, None),
                (self.customer_b, 23, 59, None),
                (self.customer_b, *beyond, other_day),
            ],
        )
        for hour, minute, day in ((0, 0, None), (23, 59, None), (*beyond, other_day)):
            self._create_report(
                rep,
                partner_id=self.customer_b.id,
                contact_id=False,
                start_datetime=self._at(hour, minute, day),
                end_datetime=False,
            )
        sheet = self._sheet(rep)
        self.assertEqual(
            sorted((visit.visit_time, visit.is_unplanned) for visit in sheet),
            [
                ("00:00", False),
                ("00:00", True),
                ("23:59", False),
                ("23:59", True),
            ],
        )
        self.assertEqual(set(sheet.mapped("visit_date")), {self.today})

    def test_manager_sees_the_team_day(self):
        team_visits = self.Today.with_user(self.manager).search(
            [("manager_id", "=", self.manager.id)]
        )
        self.assertEqual(
            [(visit.user_id, visit.visit_time) for visit in team_visits],
            [
                (self.rep, "08:00"),
                (self.rep, "09:30"),
                (self.rep, "10:00"),
                (self.rep2, "11:00"),
                (self.rep, "15:00"),
            ],
        )
        self.assertFalse(
            self.Today.with_user(self.manager).search([("user_id", "=", self.rep_b.id)])
        )
        # the manager opens a report, or the planned visit when none is started
        action = team_visits[0].action_open_report()
        self.assertEqual(
            (action["res_model"], action["res_id"]),
            ("visit.plan.line", self.line_8.id),
        )
        self.assertFalse(self.line_8.report_ids)
        # nor does a manager check in on a rep's visit
        with self.assertRaises(UserError) as caught:
            team_visits[0].action_check_in(31.2304, 121.4737)
        self.assertIn(f"Only {self.rep.name} starts the report", str(caught.exception))
        self.assertFalse(self.line_8.report_ids)
        action = team_visits[1].action_open_report()
        self.assertEqual(
            (action["res_model"], action["res_id"]), ("visit.report", self.reported.id)
        )

    def test_the_team_leaders_rule_applies_before_the_reports_are_read(self):
        """A team leader's rule is a condition on the view's columns, which
        PostgreSQL applies to each planned visit before it looks up its
        report: the report of every planned visit of the company's day was
        looked up (at a million reports, most of a team leader's map)."""
        query = self.Today.with_user(self.manager)._search([])
        self.env.cr.execute(SQL("EXPLAIN (ANALYZE, FORMAT JSON) %s", query.select()))
        [[plan]] = self.env.cr.fetchall()
        lookups = []
        nodes = [plan[0]["Plan"]]
        while nodes:
            node = nodes.pop()
            if node.get("Parent Relationship") == "SubPlan":
                lookups.append(node["Actual Loops"])
            nodes += node.get("Plans", [])
        # the team's four planned visits, not rep_b's of the other team
        self.assertEqual(lookups, [4])

    def test_team_today_per_rep(self):
        days = self.env["visit.today.rep"].with_user(self.manager).search([])
        self.assertEqual(days.mapped("user_id"), self.rep | self.rep2)
        rep_day = days.filtered(lambda day: day.user_id == self.rep)
        self.assertEqual(
            (
                rep_day.visit_count,
                rep_day.reported_count,
                rep_day.checked_in_count,
                rep_day.pending_count,
                rep_day.missing_count,
            ),
            (4, 1, 1, 3, 2),
        )
        self.assertEqual(rep_day.team_id, self.team)
        self.assertEqual(rep_day.last_checkin_partner_id, self.workshop)
        self.assertEqual(rep_day.last_checkin_time, self.unplanned.checkin_time)
        self.assertTrue(rep_day.last_checkin_in_place)
        self.assertIn("position=121.4338%2C31.0253", rep_day.last_checkin_map_url)
        self.company.visit_map_provider = "osm"
        rep_day.invalidate_recordset()
        self.assertIn("mlat=31.0253&mlon=121.4338", rep_day.last_checkin_map_url)
        rep2_day = days - rep_day
        self.assertEqual((rep2_day.visit_count, rep2_day.pending_count), (1, 1))
        self.assertFalse(rep2_day.last_checkin_time)
        self.assertFalse(rep2_day.last_checkin_map_url)
        action = rep_day.action_view_visits()
        self.assertEqual(action["res_model"], "visit.today")
        self.assertEqual(
            len(self.Today.with_user(self.manager).search(action["domain"])), 4
        )
        # the other team's leader sees theirs; reps do not see the team's day
        other = self.env["visit.today.rep"].with_user(self.manager_b).search([])
        self.assertEqual(other.user_id, self.rep_b)
        self.assertEqual(other.visit_count, 1)
        with self.assertRaises(AccessError):
            self.env["visit.today.rep"].with_user(self.rep).search([])

    def test_today_is_the_landing_screen(self):
        root = self.env.ref("visit_management.visit_management_menu_root")
        today = self.env.ref("visit_management.visit_today_action")
        # the app opens on the landing, the rep's is Today (test_landing)
        self.assertEqual(root.action.with_user(self.rep).run()["id"], today.id)
        self.assertEqual(today.view_mode.split(",")[0], "kanban")
        self.assertEqual(today.path, "visit-today")
        Menu = self.env["ir.ui.menu"]
        team_menu = self.env.ref("visit_management.visit_today_rep_menu").id
        self.assertNotIn(team_menu, Menu.with_user(self.rep)._visible_menu_ids())
        self.assertIn(team_menu, Menu.with_user(self.manager)._visible_menu_ids())
        for user in (self.rep, self.manager):
            for model in ("visit.today", "visit.today.rep"):
                if model == "visit.today.rep" and user == self.rep:
                    continue
                views = (
                    self.env[model]
                    .with_user(user)
                    .get_views([(False, "kanban"), (False, "list"), (False, "search")])
                )
                self.assertEqual(set(views["views"]), {"kanban", "list", "search"})
        kanban = self.Today.with_user(self.rep).get_views([(False, "kanban")])
        arch = kanban["views"]["kanban"]["arch"]
        self.assertIn('name="visit_check_in"', arch)
        self.assertIn("o_visit_today_map", arch)
