# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from dateutil.relativedelta import relativedelta
from psycopg2 import IntegrityError

from odoo import fields
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from .common import PropertyCommon

IMPORT_OPTIONS = {
    "quoting": '"',
    "separator": ",",
    "has_headers": True,
    "date_format": "%Y-%m-%d",
    "float_decimal_separator": ".",
    "float_thousand_separator": ",",
}


class TestResidents(PropertyCommon):
    def _import(self, model, csv_text):
        """Imports a CSV as a user does in Odoo's Import screen: the columns are
        mapped to fields of the same name; returns the import's result."""
        header = csv_text.splitlines()[0].split(",")
        wizard = self.env["base_import.import"].create(
            {
                "res_model": model,
                "file": csv_text.encode(),
                "file_name": "import.csv",
                "file_type": "text/csv",
            }
        )
        return wizard.execute_import(header, header, IMPORT_OPTIONS)

    def test_names_read_estate_building_number(self):
        self.assertEqual(self.building.display_name, "Sunshine Garden / Building 1")
        self.assertEqual(self.unit.display_name, "Sunshine Garden / Building 1 / 301")
        self.assertEqual(self.unit.estate_id, self.estate)
        villa = self.env["property.unit"].create(
            {"estate_id": self.estate_b.id, "name": "Villa 8"}
        )
        self.assertEqual(villa.display_name, "Riverside Court / Villa 8")
        self.estate.name = "Sunshine Garden Phase I"
        self.assertEqual(
            self.unit.display_name, "Sunshine Garden Phase I / Building 1 / 301"
        )

    def test_unit_numbers_are_unique_per_building(self):
        # the same number in another building or estate is another unit
        self._create_unit(self.building_b, "301")
        self.env["property.unit"].create({"estate_id": self.estate.id, "name": "301"})
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_unit(self.building, "301")
            self.env.flush_all()

    def test_unit_building_belongs_to_its_estate(self):
        with self.assertRaises(ValidationError):
            self.env["property.unit"].create(
                {
                    "estate_id": self.estate.id,
                    "building_id": self.building_b.id,
                    "name": "999",
                }
            )

    def test_resident_role_and_household_contact(self):
        self.assertEqual(self.owner.resident_estate_id, self.estate)
        self.assertEqual(self.unit.owner_id, self.owner)
        self.assertEqual(self.unit.resident_count, 2)
        self.assertEqual(self.estate.resident_count, 3 - 1)
        tenant_unit = self._create_unit(self.building, "302")
        self._create_resident(tenant_unit, "Child", role="family")
        tenant = self._create_resident(tenant_unit, "Tenant", role="tenant")
        self.assertEqual(tenant_unit.owner_id, tenant, "tenants before family")
        with self.assertRaises(ValidationError):
            self.env["res.partner"].create(
                {"name": "No Role", "resident_unit_id": tenant_unit.id}
            )

    def test_care_flags(self):
        today = fields.Date.context_today(self.owner)
        aged_alone = self._create_resident(
            self.unit,
            "Elder Alone",
            role="family",
            resident_birth_date=today - relativedelta(years=60),
            resident_without_children=True,
        )
        aged_with_family = self._create_resident(
            self.unit,
            "Elder With Family",
            role="family",
            resident_birth_date=today - relativedelta(years=75),
        )
        young_alone = self._create_resident(
            self.unit,
            "Young Alone",
            role="family",
            resident_birth_date=today - relativedelta(years=60, days=-1),
            resident_without_children=True,
        )
        disabled = self._create_resident(self.unit, "Disabled", resident_disabled=True)
        key = self._create_resident(
            self.unit, "Key", resident_key=True, resident_key_note="Retired hero"
        )
        self.assertTrue(aged_alone.resident_aged)
        self.assertEqual(aged_alone.resident_age, 60)
        self.assertFalse(young_alone.resident_aged, "60 tomorrow")
        expected = aged_alone | disabled | key
        residents = self.unit.resident_ids
        for partner in residents:
            with self.subTest(resident=partner.name):
                self.assertEqual(partner.resident_care, partner in expected)
        Partner = self.env["res.partner"]
        in_unit = [("resident_unit_id", "=", self.unit.id)]
        self.assertEqual(
            Partner.search(in_unit + [("resident_care", "=", True)]), expected
        )
        self.assertEqual(
            Partner.search(in_unit + [("resident_care", "=", False)]),
            residents - expected,
        )
        self.assertEqual(
            Partner.search(in_unit + [("resident_aged", "=", True)]),
            aged_alone | aged_with_family,
        )
        # a partner outside any unit is nobody's festival visit
        outsider = Partner.create({"name": "Visitor", "resident_disabled": True})
        self.assertFalse(outsider.resident_care)
        with self.assertRaises(ValidationError):
            disabled.resident_birth_date = today + relativedelta(days=1)

    def test_import_units_and_residents_from_csv(self):
        result = self._import(
            "property.unit",
            "building_id,name,floor,area\n"
            "Riverside Court / Building 1,201,2,89.5\n"
            "Riverside Court / Building 1,202,2,120\n"
            "Sunshine Garden / Building 1,1201,12,76.25\n",
        )
        self.assertFalse(result["messages"], result["messages"])
        units = self.env["property.unit"].browse(result["ids"])
        self.assertEqual(
            units.mapped("display_name"),
            [
                "Riverside Court / Building 1 / 201",
                "Riverside Court / Building 1 / 202",
                "Sunshine Garden / Building 1 / 1201",
            ],
        )
        self.assertEqual(units.mapped("estate_id"), self.estate_b | self.estate)
        self.assertEqual(units.mapped("area"), [89.5, 120.0, 76.25])
        self.assertEqual(units.mapped("floor"), [2, 2, 12])

        result = self._import(
            "res.partner",
            "name,phone,resident_unit_id,resident_role,resident_move_in_date,"
            "resident_birth_date,resident_without_children,resident_disabled\n"
            "Chen Jie,13800000001,Riverside Court / Building 1 / 201,owner,"
            "2026-03-01,1950-05-04,1,0\n"
            "Chen Xiao,,Riverside Court / Building 1 / 201,family,2026-03-01,"
            "2001-01-01,0,0\n"
            "Wu Fang,13800000003,Sunshine Garden / Building 1 / 1201,tenant,"
            "2026-04-15,,0,1\n",
        )
        self.assertFalse(result["messages"], result["messages"])
        chen, xiao, wu = self.env["res.partner"].browse(result["ids"])
        self.assertEqual(chen.resident_unit_id, units[0])
        self.assertEqual(chen.resident_estate_id, self.estate_b)
        self.assertEqual(chen.resident_role, "owner")
        self.assertEqual(chen.resident_move_in_date, date(2026, 3, 1))
        self.assertTrue(chen.resident_care, "aged 60+ and children elsewhere")
        self.assertEqual(xiao.resident_role, "family")
        self.assertFalse(xiao.resident_care)
        self.assertEqual(wu.resident_unit_id, units[2])
        self.assertTrue(wu.resident_care)
        self.assertEqual(units[0].owner_id, chen)

    def test_import_reports_unknown_units(self):
        result = self._import(
            "res.partner",
            "name,resident_unit_id,resident_role\n"
            "Ghost,Nowhere Estate / Building 9 / 999,owner\n",
        )
        self.assertFalse(result["ids"])
        self.assertIn(
            "Nowhere Estate / Building 9 / 999", result["messages"][0]["message"]
        )
