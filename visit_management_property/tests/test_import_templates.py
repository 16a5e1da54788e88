# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.addons.visit_management.tests.import_templates import ImportTemplateChecks

from .common import PropertyCommon


class TestImportTemplates(ImportTemplateChecks, PropertyCommon):
    """A property company brings its estates, units and residents from its
    spreadsheets with the templates of Odoo's Import screen, in that order."""

    def test_estates_units_and_residents(self):
        (estate,) = self._import_template(
            self.manager, "property.estate", "property_estates.xlsx"
        )
        self.assertEqual(estate.name, "阳光花园")
        self.assertEqual(estate.building_ids.mapped("name"), ["1 号楼", "2 号楼"])
        units = self._import_template(
            self.manager, "property.unit", "property_units.xlsx"
        )
        self.assertEqual(
            units.mapped("display_name"),
            [
                "阳光花园 / 1 号楼 / 301",
                "阳光花园 / 1 号楼 / 302",
                "阳光花园 / 2 号楼 / 1801",
            ],
        )
        self.assertEqual(units.estate_id, estate)
        # residents are contacts: whoever imports them may create contacts
        self.manager.group_ids += self.env.ref("base.group_partner_manager")
        residents = self._import_template(
            self.manager, "res.partner", "property_residents.xlsx"
        )
        owner = residents.filtered(lambda partner: partner.name == "陈明")
        self.assertEqual(owner.resident_unit_id, units[0])
        self.assertEqual(owner.resident_role, "owner")
        self.assertEqual(owner.resident_move_in_date, date(2026, 10, 5))
        self.assertEqual(units[0].owner_id, owner)
        self.assertEqual(units[0].resident_count, 2)
        self.assertTrue(
            residents.filtered(lambda partner: partner.name == "刘芳").resident_aged
        )

    def test_contacts_offer_both_templates(self):
        offered = [
            template["template"]
            for template in self.env["res.partner"].get_import_templates()
        ]
        self.assertIn("/visit_management/static/xls/visit_customers.xlsx", offered)
        self.assertIn(
            "/visit_management_property/static/xls/property_residents.xlsx", offered
        )
