# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo.tests import tagged

from .test_journey_tours import JourneyCase


@tagged("post_install", "-at_install")
class TestAfterSaleTour(JourneyCase):
    """The rep calls a key customer back after a delivery, in the browser."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # delivered two days ago: the thank-you call is overdue
        cls.env["visit.customer.callback"]._start_ladder(
            [
                {
                    "partner": cls.customer,
                    "user": cls.rep,
                    "company": cls.env.company,
                    "date": cls.today - timedelta(days=2),
                    "kinds": ("thank_you", "usage_check"),
                    "origin": "WH/OUT/00042",
                }
            ]
        )

    def test_the_rep_records_a_call(self):
        self._tour(
            self.rep, "/odoo/visit-callbacks", "visit_management_after_sale_tour"
        )
        thank_you = self.env["visit.customer.callback"].search(
            [("user_id", "=", self.rep.id), ("kind", "=", "thank_you")]
        )
        self.assertEqual(thank_you.state, "done")
        self.assertEqual(thank_you.satisfaction, "satisfied")
        self.assertIn("pumps are installed", thank_you.outcome)
        self.assertFalse(thank_you.done_on_time, "a day late")
        self.assertScreenshots("after_sale_list", "after_sale_form")


@tagged("post_install", "-at_install")
class TestAfterSaleTourPhoneChinese(TestAfterSaleTour):
    """The same call on a phone, in Chinese."""

    browser_size = "375x667"
    touch_enabled = True
    lang = "zh_CN"
