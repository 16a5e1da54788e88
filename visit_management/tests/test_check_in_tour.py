# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import new_test_user, tagged

from .common import REP_GROUPS
from .screenshots import ScreenshotTourCase


@tagged("post_install", "-at_install")
class TestCheckInTour(ScreenshotTourCase):
    """The rep checks in from the report form, on a desktop and on a phone."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep = new_test_user(cls.env, "tour_rep", groups=REP_GROUPS, lang=cls.lang)
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Tour Customer",
                "is_company": True,
                "visit_tier": "a",
                "partner_latitude": 31.2304,
                "partner_longitude": 121.4737,
            }
        )

    def _draft_report(self):
        return (
            self.env["visit.report"]
            .with_user(self.rep)
            .create({"partner_id": self.customer.id, "purpose": "relationship"})
        )

    def _run(self, tour, report):
        self.start_tour(f"/odoo/visit-reports/{report.id}", tour, login="tour_rep")

    def test_check_in_with_position(self):
        report = self._draft_report()
        self._run("visit_management_check_in_tour", report)
        self.assertEqual(report.checkin_method, "gps")
        self.assertAlmostEqual(report.checkin_latitude, 31.2331, places=4)
        self.assertAlmostEqual(report.checkin_accuracy, 12)
        self.assertAlmostEqual(report.checkin_distance, 300, delta=5)
        self.assertEqual(report.checkin_client_time, datetime(2026, 12, 10, 2, 0))
        # the request's facts are stored by the server, not sent by the page
        self.assertEqual(report.checkin_ip, "127.0.0.1")
        self.assertIn("Chrome", report.checkin_user_agent)
        self.assertEqual(report.checkout_method, "gps")
        self.assertEqual(report.checkout_ip, "127.0.0.1")
        # checked out at once: inside the zone, but not long enough on site
        self.assertEqual(report.in_place_reason, "too_short")
        self.assertFalse(report.in_place)
        self.assertEqual(
            report.check_in_ids.mapped("verdict"), ["too_short", "no_check_out"]
        )
        self.assertScreenshots("check_in_waiting", "photo_capture")

    def test_check_in_refused_falls_back_to_manual(self):
        report = self._draft_report()
        self._run("visit_management_check_in_refused_tour", report)
        self.assertEqual(report.checkin_method, "manual")
        self.assertFalse(report.in_place)


@tagged("post_install", "-at_install")
class TestCheckInTourPhone(TestCheckInTour):
    """The same journeys on a phone-sized touch screen."""

    browser_size = "375x667"
    touch_enabled = True


@tagged("post_install", "-at_install")
class TestCheckInTourChinese(TestCheckInTour):
    """The same journeys in Chinese."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestCheckInTourPhoneChinese(TestCheckInTourPhone):
    """The same journeys in Chinese on a phone."""

    lang = "zh_CN"
