# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user, tagged

from odoo.addons.visit_management.tests.screenshots import ScreenshotTourCase

from .common import OFFICE_GROUPS


@tagged("post_install", "-at_install")
class TestPropertyLandingTour(ScreenshotTourCase):
    """The office manager of an estate logs in and lands on the callbacks due
    and the open complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.office = new_test_user(
            cls.env,
            "prop_office_manager",
            name="Sun Li",
            groups=OFFICE_GROUPS,
            tz="UTC",
            lang=cls.lang,
        )
        estate = cls.env["property.estate"].create(
            {"name": "Sunshine Garden", "manager_id": cls.office.id}
        )
        building = cls.env["property.building"].create(
            {"name": "Building 1", "estate_id": estate.id}
        )
        unit = cls.env["property.unit"].create(
            {"building_id": building.id, "name": "301", "floor": 3}
        )
        resident = cls.env["res.partner"].create(
            {"name": "Zhang Wei", "resident_unit_id": unit.id, "resident_role": "owner"}
        )
        cls.env["property.complaint"].with_user(cls.office).create(
            {
                "resident_id": resident.id,
                "category": "service",
                "description": "Nobody answered the service phone at night.",
            }
        )
        today = fields.Date.today()
        cls.env["property.resident.callback"].create(
            [
                {"resident_id": resident.id, "due_date": today},
                {"resident_id": resident.id, "due_date": today - timedelta(days=2)},
                {"resident_id": resident.id, "due_date": today + timedelta(days=5)},
            ]
        )

    def test_landing(self):
        self.start_tour(
            "/odoo", "visit_management_property_landing_tour", login=self.office.login
        )
        self.assertScreenshots("landing_property_office")


@tagged("post_install", "-at_install")
class TestPropertyLandingTourPhone(TestPropertyLandingTour):
    """The same landing on a phone-sized touch screen."""

    browser_size = "375x667"
    touch_enabled = True


@tagged("post_install", "-at_install")
class TestPropertyLandingTourChinese(TestPropertyLandingTour):
    """The same landing in Chinese."""

    lang = "zh_CN"


@tagged("post_install", "-at_install")
class TestPropertyLandingTourPhoneChinese(TestPropertyLandingTourPhone):
    """The same landing in Chinese on a phone."""

    lang = "zh_CN"
