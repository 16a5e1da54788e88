# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.service.model import call_kw
from odoo.tests import new_test_user
from odoo.tools import SQL, sql

from odoo.addons.visit_management.tests.common import run_migration

from .common import MANAGER_GROUPS, PropertyCommon

# A harmless change per model, to prove write access.
WRITE_VALUES = {
    "property.unit": {"note": "Keys at the office"},
    "property.complaint": {"description": "Lift out of order again"},
    "property.repair.request": {"description": "Tap drips"},
    "property.incident": {"cause": "Old pipe"},
    "property.resident.callback": {"opinions": "Happy with the guards"},
}


class TestPropertySecurity(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.internal_user = new_test_user(
            cls.env, "prop_internal", groups="base.group_user"
        )
        cls.records = {estate: cls._records_in(estate) for estate in cls._estates()}

    @classmethod
    def _estates(cls):
        return (cls.estate, cls.estate_b)

    @classmethod
    def _records_in(cls, estate):
        """{model: record} of one estate."""
        unit = estate.unit_ids[0]
        resident = unit.owner_id
        callback = cls._create_callback(resident=resident)
        callback.action_no_answer()
        return {
            "property.estate": estate,
            "property.building": estate.building_ids,
            "property.unit": unit,
            "res.partner": resident,
            "property.complaint": cls._create_complaint(resident=resident),
            "property.repair.request": cls._create_repair(resident=resident),
            "property.incident": cls._create_incident(unit=unit),
            "property.resident.callback": callback,
            "property.resident.callback.attempt": callback.attempt_ids,
        }

    def _visible(self, user, model):
        records = self.env[model].union(
            *(recs[model] for recs in self.records.values())
        )
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def _check_sees_only(self, user, estates):
        for model in self.records[self.estate]:
            with self.subTest(user=user.login, model=model):
                expected = self.env[model].union(
                    *(self.records[estate][model] for estate in estates)
                )
                self.assertEqual(self._visible(user, model), expected)
        for estate in estates:
            for model, values in WRITE_VALUES.items():
                self.records[estate][model].with_user(user).write(values)
        with self.assertRaises(AccessError, msg="buildings are configuration"):
            self.records[estates[0]]["property.building"].with_user(
                self.office_user
            ).write({"floor_count": 18})

    def test_office_users_see_their_estates_only(self):
        for user in (self.office_manager, self.office_user, self.supervisor):
            self._check_sees_only(user, [self.estate])
        self._check_sees_only(self.office_manager_b, [self.estate_b])

    def test_office_users_cannot_touch_other_estates(self):
        other = self.records[self.estate_b]
        for model, values in WRITE_VALUES.items():
            record = other[model].with_user(self.office_user)
            with self.subTest(model=model):
                with self.assertRaises(AccessError):
                    record.read(["create_date"])
                with self.assertRaises(AccessError):
                    record.write(values)
        with self.assertRaises(AccessError):
            other["res.partner"].with_user(self.office_user).read(["name"])
        with self.assertRaises(AccessError):
            other["property.resident.callback"].with_user(
                self.office_user
            ).action_done()
        with self.assertRaises(AccessError):
            self._create_complaint(user=self.office_user, resident=self.owner_b)

    def test_partners_who_are_not_residents_stay_visible(self):
        customer = self.env["res.partner"].create({"name": "Some Supplier"})
        self.assertEqual(
            self.env["res.partner"]
            .with_user(self.office_user)
            .search([("id", "in", (customer | self.owner | self.owner_b).ids)]),
            customer | self.owner,
        )

    def test_managers_see_every_estate_of_their_company(self):
        self._check_sees_only(self.manager, self._estates())
        self._check_sees_only(self.visit_admin, self._estates())

    def test_office_users_do_not_configure(self):
        Estate = self.env["property.estate"].with_user(self.office_manager)
        with self.assertRaises(AccessError):
            Estate.create({"name": "My Own Estate"})
        with self.assertRaises(AccessError):
            self.estate.with_user(self.office_manager).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["property.festival"].with_user(self.office_manager).create(
                {"name": "Lantern Festival", "date": date(2027, 2, 20)}
            )
        with self.assertRaises(AccessError):
            self.env["property.estate"].with_user(self.internal_user).search([])
        # managers create estates, only administrators delete them
        estate = (
            self.env["property.estate"]
            .with_user(self.manager)
            .create({"name": "New Estate"})
        )
        with self.assertRaises(AccessError):
            estate.with_user(self.manager).unlink()
        estate.with_user(self.visit_admin).unlink()

    def test_companies(self):
        north = self.env["res.company"].create({"name": "Property North"})
        north_estate = self.env["property.estate"].create(
            {"name": "North Estate", "company_id": north.id}
        )
        north_unit = self.env["property.unit"].create(
            {"estate_id": north_estate.id, "name": "1"}
        )
        manager_both = new_test_user(
            self.env,
            "prop_manager_both",
            groups=MANAGER_GROUPS,
            company_ids=[(6, 0, (self.company | north).ids)],
        )
        Estate = self.env["property.estate"]
        self.assertNotIn(north_estate, Estate.with_user(self.manager).search([]))
        self.assertNotIn(
            north_unit, self.env["property.unit"].with_user(self.manager).search([])
        )
        main_only = Estate.with_user(manager_both).with_context(
            allowed_company_ids=self.company.ids
        )
        self.assertNotIn(north_estate, main_only.search([]))
        both = Estate.with_user(manager_both).with_context(
            allowed_company_ids=(self.company | north).ids
        )
        self.assertIn(north_estate, both.search([]))
        self.assertIn(self.estate, both.search([]))
        with self.assertRaises(AccessError):
            north_estate.with_user(self.manager).read(["name"])


class TestResidentPersonalData(PropertyCommon):
    """Residents and their personal data, read over RPC as each kind of user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.owner.sudo().write(
            {"resident_birth_date": date(1950, 5, 1), "resident_disabled": True}
        )
        cls.residents = cls.owner | cls.family | cls.owner_b
        other_company = cls.env["res.company"].create({"name": "Other Property Co."})
        cls.other_manager = new_test_user(
            cls.env,
            "prop_other_manager",
            groups=MANAGER_GROUPS,
            company_id=other_company.id,
            company_ids=[Command.set(other_company.ids)],
        )
        cls.employee = new_test_user(cls.env, "prop_employee", groups="base.group_user")
        cls.sales_rep = new_test_user(
            cls.env,
            "prop_sales_rep",
            groups="base.group_user,sales_team.group_sale_salesman,"
            "visit_management.group_visit_user",
        )

    def _visible_residents(self, user):
        Partner = self.env["res.partner"].with_user(user)
        rows = call_kw(
            Partner,
            "search_read",
            [[("id", "in", self.residents.ids)], ["name"]],
            {},
        )
        return self.env["res.partner"].browse(row["id"] for row in rows)

    def test_who_sees_which_resident(self):
        expected = {
            self.employee: self.env["res.partner"],
            self.sales_rep: self.env["res.partner"],
            self.other_manager: self.env["res.partner"],
            self.office_user: self.owner | self.family,
            self.office_manager_b: self.owner_b,
            self.manager: self.residents,
        }
        for user, residents in expected.items():
            with self.subTest(user=user.login):
                self.assertEqual(self._visible_residents(user), residents)

    def test_personal_data_is_refused_outside_the_office(self):
        for user in (self.employee, self.sales_rep, self.other_manager):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                call_kw(
                    self.env["res.partner"].with_user(user),
                    "read",
                    [self.owner.ids, ["name"]],
                    {},
                )
        with self.assertRaises(AccessError):
            call_kw(
                self.env["res.partner"].with_user(self.employee),
                "read",
                [self.employee.partner_id.ids, ["resident_birth_date"]],
                {},
            )
        rows = call_kw(
            self.env["res.partner"].with_user(self.office_user),
            "read",
            [self.owner.ids, ["resident_birth_date", "resident_disabled"]],
            {},
        )
        self.assertEqual(rows[0]["resident_birth_date"], date(1950, 5, 1))
        self.assertTrue(rows[0]["resident_disabled"])


class TestResidentRulesMigration(PropertyCommon):
    def test_update_drops_the_former_analysis_view(self):
        Analysis = self.env["property.callback.analysis"]
        self.env.cr.execute(
            SQL("CREATE VIEW %s AS SELECT 1 AS id", SQL.identifier(Analysis._table))
        )
        run_migration(
            self.env,
            "visit_management_property/migrations/19.0.1.2.0/post-migrate.py",
            "19.0.1.1.0",
        )
        self.assertIsNone(sql.table_kind(self.env.cr, Analysis._table))
        Analysis.with_user(self.office_manager).search_read([], limit=1)

    def test_update_replaces_the_old_resident_rules(self):
        """A database of 19.0.1.0.0 let every employee see residents and visit
        managers see all of them; its update to 19.0.1.1.0 rewrites the rules,
        although their file is noupdate."""
        office_rule = self.env.ref(
            "visit_management_property.res_partner_rule_resident_user"
        )
        manager_rule = self.env.ref(
            "visit_management_property.res_partner_rule_resident_manager"
        )
        office_rule.groups = self.env.ref("visit_management.group_visit_user")
        manager_rule.domain_force = "[(1, '=', 1)]"
        run_migration(
            self.env,
            "visit_management_property/migrations/19.0.1.1.0/post-migrate.py",
            "19.0.1.0.0",
        )
        self.assertEqual(office_rule.groups, self.env.ref("base.group_user"))
        self.assertIn("company_ids", manager_rule.domain_force)
