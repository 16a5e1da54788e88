# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.visit_management.tests.screenshots import ScreenshotTourCase

from .common import OFFICE_GROUPS


class ComplaintJourneyCase(ScreenshotTourCase):
    """An estate's office manager, a complaint of one resident caused by the
    management, and a callback of another resident three days overdue."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.clerk = new_test_user(
            cls.env,
            "prop_office_manager",
            name="Sun Li",
            groups=OFFICE_GROUPS,
            lang=cls.lang,
        )
        estate = cls.env["property.estate"].create(
            {"name": "Sunshine Garden", "manager_id": cls.clerk.id}
        )
        building = cls.env["property.building"].create(
            {"name": "Building 1", "estate_id": estate.id}
        )
        unit = cls.env["property.unit"].create(
            {"building_id": building.id, "name": "301", "floor": 3}
        )
        resident = cls.env["res.partner"].create(
            {
                "name": "Zhang Wei",
                "resident_unit_id": unit.id,
                "resident_role": "owner",
                "phone": "+86 21 5555 0101",
            }
        )
        cls.complaint = (
            cls.env["property.complaint"]
            .with_user(cls.clerk)
            .create(
                {
                    "resident_id": resident.id,
                    "category": "service",
                    "caused_by_management": True,
                    "description": "Nobody answered the service phone at night.",
                }
            )
        )
        neighbour = cls.env["res.partner"].create(
            {"name": "Li Hua", "resident_unit_id": unit.id, "resident_role": "family"}
        )
        cls.overdue = cls.env["property.resident.callback"].create(
            {
                "resident_id": neighbour.id,
                "user_id": cls.clerk.id,
                "due_date": fields.Date.context_today(cls.clerk) - timedelta(days=3),
            }
        )


@tagged("post_install", "-at_install")
class TestComplaintJourney(ComplaintJourneyCase):
    """The office manager of an estate resolves a complaint caused by the
    management and makes the callback that resolving it created, after seeing
    the overdue one first."""

    def test_complaint_journey(self):
        self.start_tour(
            "/odoo/property-complaints",
            "visit_management_property_complaint_tour",
            login=self.clerk.login,
        )
        self.env.invalidate_all()
        complaint = self.complaint
        self.assertEqual(complaint.state, "resolved")
        self.assertIn("night guard", complaint.resolution)
        callback = complaint.callback_ids
        self.assertEqual(len(callback), 1)
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.user_id, self.clerk)
        self.assertEqual(callback.satisfaction, "4")
        self.assertEqual(callback.opinions, "Thanks for the quick answer.")
        # the callback done, the complaint can be closed
        complaint.with_user(self.clerk).action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertScreenshots("complaint_form", "callback_list", "callback_form")


@tagged("post_install", "-at_install")
class TestComplaintJourneyChinese(TestComplaintJourney):
    """The same journey in Chinese."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestCallbackPhone(ComplaintJourneyCase):
    """On a phone, the office manager makes the callback of the resolved
    complaint from the cards of his callbacks to do."""

    browser_size = "375x667"
    touch_enabled = True

    def test_callback_on_phone(self):
        complaint = self.complaint.with_user(self.clerk)
        complaint.resolution = "The night guard now answers the service phone."
        complaint.action_resolve()
        self.start_tour(
            "/odoo/property-callbacks",
            "visit_management_property_callback_phone_tour",
            login=self.clerk.login,
        )
        self.assertEqual(complaint.callback_ids.state, "done")
        self.assertEqual(self.overdue.state, "todo")
        self.assertScreenshots("callback_list", "callback_form")


@tagged("post_install", "-at_install")
class TestCallbackPhoneChinese(TestCallbackPhone):
    """The same on a phone in Chinese."""

    lang = "zh_CN"
