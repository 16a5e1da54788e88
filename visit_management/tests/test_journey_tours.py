# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command, fields
from odoo.tests import new_test_user, tagged

from .common import MANAGER_GROUPS, REP_GROUPS
from .screenshots import ScreenshotTourCase
from .test_today import local_noon_timezone


class JourneyCase(ScreenshotTourCase):
    """A rep of the East China team led by a manager, in a timezone where it
    is just past noon; a customer of the rep (tier A) and its buyer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tz, cls.offset, cls.today = local_noon_timezone(cls.env)
        # A journey lasts seconds: no minimum time on site between check-in and
        # check-out here (test_visit_geofence tests it).
        cls.env.company.visit_min_dwell_minutes = 0
        cls.rep = new_test_user(
            cls.env,
            "visit_rep",
            name="Li Ming",
            groups=REP_GROUPS,
            tz=tz,
            lang=cls.lang,
        )
        cls.manager = new_test_user(
            cls.env,
            "visit_manager",
            name="Zhao Qiang",
            groups=MANAGER_GROUPS,
            tz=tz,
            lang=cls.lang,
        )
        cls.team = cls.env["crm.team"].create(
            {
                "name": "East China Sales",
                "user_id": cls.manager.id,
                "member_ids": [Command.set(cls.rep.ids)],
            }
        )
        # Shanghai People's Square; the tours check in 300 m north of it
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Huadong Trading Co.",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep.id,
                "city": "Shanghai",
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )
        cls.contact = cls.env["res.partner"].create(
            {"name": "Wang Wei", "parent_id": cls.customer.id, "function": "Buyer"}
        )

    @classmethod
    def _at(cls, hour):
        """That hour of the rep's today, in UTC."""
        return datetime.combine(cls.today, time(hour)) - timedelta(hours=cls.offset)

    @classmethod
    def _approved_plan(cls, lines):
        """The rep's plan of this month with these planned visits, approved."""
        plan = (
            cls.env["visit.plan"]
            .with_user(cls.rep)
            .create(
                {
                    "date_start": cls.today.replace(day=1),
                    "line_ids": [Command.create(values) for values in lines],
                }
            )
        )
        plan.action_submit()
        plan.with_user(cls.manager).action_approve()
        return plan

    def _tour(self, user, url, tour):
        self.start_tour(url, tour, login=user.login)
        self.env.invalidate_all()


@tagged("post_install", "-at_install")
class TestRepJourneys(JourneyCase):
    """A rep's month in the browser, each step by the user who takes it: the
    plan submitted, rejected, revised and approved; today's visit checked in,
    reported with a commitment, returned, completed and approved."""

    def test_plan_journey(self):
        next_month = self.today.replace(day=1) + relativedelta(months=1)
        # two customers of the rep whose names start alike; one is planned
        precision, logistics = self.env["res.partner"].create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "visit_tier": "a",
                    "user_id": self.rep.id,
                    "city": "Shanghai",
                }
                for name in ("上海中宇精密机械制造有限公司", "上海中宇国际物流有限公司")
            ]
        )
        # the plan reminder made next month's draft ready
        draft = self.env["visit.plan"]._missing_plans(self.rep, next_month)
        self._tour(self.rep, "/odoo/visit-plans", "visit_management_plan_submit_tour")
        plan = self.env["visit.plan"].search([("user_id", "=", self.rep.id)])
        self.assertEqual(plan, draft, "New opened the draft, not a second plan")
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(plan.date_start, next_month)
        self.assertEqual(plan.line_ids.partner_id, self.customer | precision)
        self.assertEqual(plan.uncovered_partner_ids, logistics)

        self._tour(
            self.manager,
            "/odoo/visit-plans-to-approve",
            "visit_management_plan_reject_tour",
        )
        self.assertEqual(plan.state, "rejected")
        self.assertIn("Plan a second visit", plan.reject_reason)

        self._tour(self.rep, "/odoo/visit-plans", "visit_management_plan_revise_tour")
        self.assertEqual(plan.state, "submitted")
        self.assertEqual(len(plan.line_ids), 3)

        self._tour(
            self.manager,
            "/odoo/visit-plans-to-approve",
            "visit_management_plan_approve_tour",
        )
        self.assertEqual(plan.state, "approved")
        # submitted once more after the rejection, whose reason stays in the chatter
        self.assertEqual(plan.submission_count, 2)
        self.assertTrue(
            plan.message_ids.filtered(lambda m: "Plan a second visit" in (m.body or ""))
        )
        self._tour(
            self.manager, "/odoo/visit-team-today", "visit_management_team_today_tour"
        )
        self.assertScreenshots(
            "plan_new",
            "plan_form",
            "plan_lines",
            "plan_review",
            "plan_uncovered",
            "team_today",
        )

    def test_report_journey(self):
        later = self.env["res.partner"].create(
            {"name": "Minhang Hardware", "is_company": True, "city": "Shanghai"}
        )
        plan = self._approved_plan(
            [
                {
                    "partner_id": self.customer.id,
                    "contact_id": self.contact.id,
                    # planned this morning; the rep arrives past noon
                    "planned_datetime": self._at(10),
                    "place": "Huadong's office, 5F",
                },
                {
                    "partner_id": later.id,
                    "planned_datetime": self._at(16),
                    "visit_mode": "phone",
                    "purpose": "payment_collection",
                },
            ]
        )
        root = self.env.ref("visit_management.visit_management_menu_root")

        self._tour(
            self.rep, f"/odoo?menu_id={root.id}", "visit_management_report_write_tour"
        )
        report = plan.line_ids.report_ids
        self.assertEqual(report.partner_id, self.customer)
        self.assertEqual(report.state, "submitted")
        self.assertEqual(report.checkin_method, "gps")
        self.assertEqual(report.checkout_method, "gps")
        self.assertEqual(report.in_place_reason, "inside")
        self.assertTrue(report.in_place)
        # the check-in 2 km away is kept; the last one counts
        self.assertEqual(
            [(row.kind, row.verdict, row.counts) for row in report.check_in_ids],
            [
                ("check_out", "inside", True),
                ("check_in", "inside", True),
                ("check_in", "outside", False),
            ],
        )
        # the visit's times are those of the check-in and check-out
        self.assertEqual(report.start_datetime, report.checkin_time)
        self.assertEqual(report.end_datetime, report.checkout_time)
        self.assertFalse(report.times_mismatch)
        self.assertEqual(
            report.commitment_ids.name, "Send the price list of the new model"
        )
        activity = report.commitment_ids.activity_id
        self.assertEqual(activity.user_id, self.rep)
        self.assertEqual(activity.date_deadline, self.today + timedelta(days=7))

        self._tour(
            self.manager,
            "/odoo/visit-reports-to-approve",
            "visit_management_report_return_tour",
        )
        self.assertEqual(report.state, "returned")
        self.assertIn("prices", report.return_reason)

        self._tour(self.rep, "/odoo/visit-reports", "visit_management_report_fix_tour")
        self.assertEqual(report.state, "submitted")
        self.assertIn("5% above", report.opinions)

        self._tour(
            self.manager,
            "/odoo/visit-reports-to-approve",
            "visit_management_report_approve_tour",
        )
        self.assertEqual(report.state, "approved")
        # resubmitting kept the one follow-up activity of the commitment
        self.assertEqual(report.commitment_ids.activity_id, activity)
        self.assertScreenshots(
            "today",
            "check_in_verdict",
            "report_commitments",
            "report_form",
            "reports_to_review",
            "check_in_history",
        )


@tagged("post_install", "-at_install")
class TestRepJourneysPhone(TestRepJourneys):
    """The same journeys on a phone-sized touch screen."""

    browser_size = "375x667"
    touch_enabled = True


@tagged("post_install", "-at_install")
class TestOfficeJourneys(JourneyCase):
    """The front desk's reception of a visit, and the manager's assessments."""

    def test_reception_journey(self):
        receptionist = new_test_user(
            self.env,
            "visit_receptionist",
            name="Chen Jing",
            groups="base.group_user,visit_management.group_visit_front_desk",
            lang=self.lang,
        )
        Room = self.env["visit.meeting.room"]
        huangshan = Room.create({"name": "Huangshan", "capacity": 6})
        taishan = Room.create({"name": "Taishan", "capacity": 20})
        other = self.env["res.partner"].create(
            {"name": "Xibei Supplies", "is_company": True}
        )
        # the front desk booked another visit that holds Huangshan from 10:00
        # to 12:00 (UTC) today: the rooms' calendar opens on this week
        day = fields.Date.today()
        held = (
            self.env["visit.reception"]
            .with_user(receptionist)
            .create(
                {
                    "partner_id": other.id,
                    "start_datetime": datetime.combine(day, time(10)),
                    "stop_datetime": datetime.combine(day, time(12)),
                    "room_id": huangshan.id,
                    "user_id": self.rep.id,
                    "team_id": self.team.id,
                    "visitor_ids": [Command.create({"name": "Liu Yang"})],
                }
            )
        )
        held.action_confirm()

        self._tour(
            receptionist,
            "/odoo/visit-reception-rooms",
            "visit_management_reception_journey_tour",
        )
        reception = self.env["visit.reception"].search(
            [("partner_id", "=", self.customer.id)]
        )
        self.assertEqual(reception.state, "done")
        self.assertEqual(reception.room_id, taishan)
        self.assertEqual(reception.user_id, self.rep)
        self.assertEqual(reception.create_uid, receptionist)
        self.assertEqual(reception.visitor_ids.partner_id, self.contact)
        self.assertEqual(reception.satisfaction, "4")
        self.assertEqual(reception.feedback_by, "host")
        self.assertEqual(
            reception.feedback_comment, "The demonstration convinced them."
        )
        self.assertEqual(held.room_id, huangshan)
        self.assertEqual(held.state, "confirmed")
        self.assertScreenshots(
            "reception_board",
            "reception_form",
            "reception_rooms",
            "reception_rooms_list",
            "reception_feedback_link",
        )

    def test_assessment_pivot(self):
        last_month = self.today.replace(day=1) - relativedelta(months=1)
        Assessment = self.env["visit.assessment"]
        Assessment._assess_month(last_month - relativedelta(months=1))
        Assessment._assess_month(last_month)
        self.assertTrue(Assessment.search([("user_id", "=", self.rep.id)]))
        self._tour(
            self.manager,
            "/odoo/visit-assessments-by-team",
            "visit_management_assessment_pivot_tour",
        )
        self.assertScreenshots("assessment_pivot")


@tagged("post_install", "-at_install")
class TestRepJourneysChinese(TestRepJourneys):
    """The same journeys in Chinese."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestRepJourneysPhoneChinese(TestRepJourneysPhone):
    """The same journeys in Chinese on a phone."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestOfficeJourneysChinese(TestOfficeJourneys):
    """The same journeys in Chinese."""

    lang = "zh_CN"
