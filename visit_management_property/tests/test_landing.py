# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import TransactionCase, freeze_time, new_test_user

from odoo.addons.visit_management.tests.test_demo import load_demo
from odoo.addons.visit_management.tests.test_landing import visible_menus

from .common import PropertyCommon

PROPERTY_MENUS = {
    "visit_management_property.property_menu_root",
    "visit_management_property.property_complaint_menu",
    "visit_management_property.property_resident_callback_menu",
}
SALES_MENUS = {
    "visit_management.visit_management_menu_visits",
    "visit_management.visit_today_menu",
    "visit_management.res_partner_menu_visit_customers",
    "visit_management.visit_management_menu_reception",
    "visit_management.visit_management_menu_reporting",
}


@freeze_time("2026-11-23 04:00:00")
class TestPropertyLanding(PropertyCommon):
    """The property office lands on its complaints and callbacks due, and
    sees the Property menus only; reps and managers do not see them."""

    def test_office_lands_on_its_overview(self):
        action = (
            self.env.ref("visit_management.visit_landing_action")
            .with_user(self.office_user)
            .run()
        )
        self.assertEqual(action["res_model"], "property.office.overview")

    def test_overview_counts_and_lists(self):
        self._create_complaint()
        self._create_complaint(resident=self.owner_b)  # not the office's estate
        self._create_complaint().state = "closed"
        due = self._create_callback(due_date=date(2026, 11, 23))
        overdue = self._create_callback(due_date=date(2026, 11, 20))
        self._create_callback(due_date=date(2026, 11, 30))
        self._create_callback(due_date=date(2026, 11, 20)).state = "cancelled"
        overview = self.env["property.office.overview"].with_user(self.office_user)
        overview = overview.browse(self.office_user.id)
        self.assertEqual(overview.complaint_count, 1)
        self.assertEqual(overview.callback_due_count, 2)
        self.assertEqual(overview.callback_overdue_count, 1)
        Callback = self.env["property.resident.callback"].with_user(self.office_user)
        self.assertEqual(
            Callback.search(overview.action_open_callbacks_due()["domain"]),
            due | overdue,
        )
        self.assertEqual(
            Callback.search(overview.action_open_callbacks_overdue()["domain"]),
            overdue,
        )
        complaints = overview.action_open_complaints()
        self.assertEqual(complaints["context"], {})
        self.assertEqual(
            self.env["property.complaint"]
            .with_user(self.office_user)
            .search_count(complaints["domain"]),
            1,
        )

    def test_menus_of_the_office(self):
        office = visible_menus(self.office_user)
        self.assertLessEqual(PROPERTY_MENUS, office)
        self.assertFalse(office & SALES_MENUS)
        rep = new_test_user(
            self.env,
            "prop_rep",
            groups="base.group_user,sales_team.group_sale_salesman,"
            "visit_management.group_visit_user",
        )
        for user in (rep, self.manager):
            with self.subTest(user=user.login):
                self.assertFalse(visible_menus(user) & PROPERTY_MENUS)
        self.assertLessEqual(PROPERTY_MENUS, visible_menus(self.visit_admin))


class TestPropertyDemoLanding(TransactionCase):
    """The demo's property office logs in on its overview."""

    def test_demo_office_lands_on_its_overview(self):
        load_demo(self.env, "visit_management_property")
        landing = self.env.ref("visit_management.visit_landing_action")
        office = self.env.ref("visit_management_property.user_office_jinxiu_demo")
        self.assertEqual(office.action_id.id, landing.id)
        action = landing.with_user(office).run()
        self.assertEqual(action["res_model"], "property.office.overview")
        self.assertFalse(visible_menus(office) & SALES_MENUS)
        overview = self.env["property.office.overview"].with_user(office)
        self.assertTrue(overview.browse(office.id).callback_due_count)
