# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import new_test_user, tagged

from odoo.addons.visit_management.tests.screenshots import ScreenshotTourCase

from .common import OFFICE_GROUPS


@tagged("post_install", "-at_install")
class TestComplaintJourney(ScreenshotTourCase):
    """The office manager of an estate resolves a complaint caused by the
    management and makes the callback that resolving it created."""

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
        self.assertScreenshots("complaint_form", "callback_form")


@tagged("post_install", "-at_install")
class TestComplaintJourneyChinese(TestComplaintJourney):
    """The same journey in Chinese."""

    lang = "zh_CN"
