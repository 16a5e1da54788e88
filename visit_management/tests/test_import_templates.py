# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from .common import VisitCommon
from .import_templates import ImportTemplateChecks


class TestImportTemplates(ImportTemplateChecks, VisitCommon):
    """A company leaving its spreadsheets brings its customers with Odoo's
    Import screen and the template it offers."""

    def test_customers_with_tier_position_and_key_contacts(self):
        customers = self._import_template(
            self.manager, "res.partner", "visit_customers.xlsx"
        )
        huadong = customers.filtered(lambda partner: partner.name == "华东贸易有限公司")
        self.assertEqual(len(customers.filtered("is_company")), 2)
        self.assertEqual(huadong.visit_tier, "a")
        self.assertEqual(
            (huadong.partner_latitude, huadong.partner_longitude), (31.2304, 121.4737)
        )
        self.assertEqual(huadong.country_id, self.env.ref("base.cn"))
        self.assertEqual(
            sorted(huadong.child_ids.mapped("name")), sorted(["王伟", "李娜"])
        )
        self.assertEqual(huadong.visit_key_contact_count, 2)
        self.assertTrue(huadong.next_visit_date, "its visits are due at once")
