# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from .common import MANAGER_GROUPS, REP_GROUPS
from .test_today import local_noon_timezone


@tagged("post_install", "-at_install")
class TestTodayTourPhone(HttpCase):
    """On a phone, the Visits app opens on the route sheet; the rep checks in
    from it and opens the report with one tap."""

    browser_size = "375x667"
    touch_enabled = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        tz, offset, today = local_noon_timezone(cls.env)
        cls.rep = new_test_user(cls.env, "today_rep", groups=REP_GROUPS, tz=tz)
        manager = new_test_user(cls.env, "today_manager", groups=MANAGER_GROUPS)
        cls.env["crm.team"].create(
            {
                "name": "Tour Team",
                "user_id": manager.id,
                "member_ids": [Command.set(cls.rep.ids)],
            }
        )
        Partner = cls.env["res.partner"]
        cls.customer = Partner.create(
            {
                "name": "Tour Customer",
                "is_company": True,
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )
        later = Partner.create({"name": "Tour Later Customer", "is_company": True})

        def at(hour):
            return datetime.combine(today, time(hour)) - timedelta(hours=offset)

        plan = (
            cls.env["visit.plan"]
            .with_user(cls.rep)
            .create(
                {
                    "date_start": today.replace(day=1),
                    "line_ids": [
                        Command.create(
                            {"partner_id": later.id, "planned_datetime": at(16)}
                        ),
                        Command.create(
                            {"partner_id": cls.customer.id, "planned_datetime": at(9)}
                        ),
                    ],
                }
            )
        )
        plan.action_submit()
        plan.with_user(manager).action_approve()
        cls.line = plan.line_ids.filtered(lambda line: line.partner_id == cls.customer)

    def test_check_in_and_report_from_today(self):
        root = self.env.ref("visit_management.visit_management_menu_root")
        self.start_tour(
            f"/odoo?menu_id={root.id}", "visit_management_today_tour", login="today_rep"
        )
        report = self.line.report_ids
        self.assertEqual(len(report), 1)
        self.assertEqual(report.checkin_method, "gps")
        self.assertAlmostEqual(report.checkin_distance, 300, delta=5)
        # in the zone; in place once checked out after the minimum time on site
        self.assertEqual(report.in_place_reason, "no_check_out")
