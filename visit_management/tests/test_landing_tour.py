# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time, timedelta

from dateutil.relativedelta import relativedelta

from odoo import Command
from odoo.tests import new_test_user, tagged

from .test_journey_tours import JourneyCase
from .test_landing import FRONT_DESK_GROUPS


@tagged("post_install", "-at_install")
class TestLandingTours(JourneyCase):
    """Each role logs in and lands where it works: the rep on today's visits,
    the manager on the team overview, the front desk on today's receptions."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the rep visits Huadong at noon today, and plans next month
        noon = datetime.combine(cls.today, time(12)) - timedelta(hours=cls.offset)
        Plan = cls.env["visit.plan"].with_user(cls.rep)
        today_plan = Plan.create(
            {
                "date_start": cls.today.replace(day=1),
                "line_ids": [
                    Command.create(
                        {"partner_id": cls.customer.id, "planned_datetime": noon}
                    )
                ],
            }
        )
        today_plan.action_submit()
        today_plan.with_user(cls.manager).action_approve()
        next_month = cls.today.replace(day=1) + relativedelta(months=1)
        Plan.create(
            {
                "date_start": next_month,
                "line_ids": [
                    Command.create(
                        {
                            "partner_id": cls.customer.id,
                            "planned_datetime": noon + (next_month - cls.today),
                        }
                    )
                ],
            }
        ).action_submit()
        # Huadong is overdue
        cls.customer.next_visit_date = cls.today - timedelta(days=3)
        cls.front_desk = new_test_user(
            cls.env,
            "visit_front_desk",
            name="Chen Jing",
            groups=FRONT_DESK_GROUPS,
            tz=cls.rep.tz,
            lang=cls.lang,
        )
        cls.env["visit.reception"].with_user(cls.front_desk).create(
            {
                "partner_id": cls.customer.id,
                "start_datetime": noon + timedelta(hours=2),
                "stop_datetime": noon + timedelta(hours=4),
                "user_id": cls.rep.id,
                "team_id": cls.team.id,
                "visitor_ids": [Command.create({"name": "Wang Wei"})],
            }
        ).action_confirm()

    def test_landings(self):
        for user, tour in (
            (self.rep, "visit_management_landing_rep_tour"),
            (self.manager, "visit_management_landing_manager_tour"),
            (self.front_desk, "visit_management_landing_front_desk_tour"),
        ):
            with self.subTest(login=user.login):
                self._tour(user, "/odoo", tour)
        self.assertScreenshots("landing_rep", "landing_manager", "landing_front_desk")


@tagged("post_install", "-at_install")
class TestLandingToursPhone(TestLandingTours):
    """The same landings on a phone-sized touch screen."""

    browser_size = "375x667"
    touch_enabled = True


@tagged("post_install", "-at_install")
class TestLandingToursChinese(TestLandingTours):
    """The same landings in Chinese."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestLandingToursPhoneChinese(TestLandingToursPhone):
    """The same landings in Chinese on a phone."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestLandingToursTraditional(TestLandingTours):
    """The same landings in Traditional Chinese (zh_TW)."""

    lang = "zh_TW"
