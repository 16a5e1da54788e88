# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase

from odoo.addons.visit_management.tests.test_demo import load_demo


class TestPropertyDemo(TransactionCase):
    """The property demo that `make run` installs has the promised shape; it
    needs none of the sales demo."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        load_demo(cls.env, "visit_management_property")
        cls.estates = cls.env["property.estate"].browse(
            [
                cls.env.ref(f"visit_management_property.property_estate_{name}_demo").id
                for name in ("jinxiu", "cuihu")
            ]
        )
        cls.today = fields.Date.context_today(cls.env["property.estate"])

    def _of_estates(self, model):
        return self.env[model].search([("estate_id", "in", self.estates.ids)])

    def test_estates_units_residents(self):
        units = self._of_estates("property.unit")
        self.assertGreaterEqual(len(units), 200)
        self.assertEqual(units.estate_id, self.estates)
        self.assertTrue(all(unit.building_id for unit in units))
        residents = self.env["res.partner"].search(
            [("resident_estate_id", "in", self.estates.ids)]
        )
        self.assertGreater(len(residents), 200)
        self.assertTrue(residents.filtered("resident_disabled"))
        self.assertTrue(residents.filtered("resident_key"))
        care = residents.filtered("resident_care")
        self.assertTrue(
            care.filtered(lambda r: r.resident_aged and r.resident_without_children)
        )

    def test_office_records(self):
        complaints = self._of_estates("property.complaint")
        self.assertEqual(
            set(complaints.mapped("state")),
            {"new", "in_progress", "resolved", "closed"},
        )
        repairs = self._of_estates("property.repair.request")
        self.assertEqual(set(repairs.mapped("state")), {"new", "assigned", "done"})
        incidents = self._of_estates("property.incident")
        self.assertEqual(len(incidents), 1)
        self.assertEqual(incidents.state, "closed")
        self.assertEqual(incidents.callback_ids.callback_type, "incident")

    def test_callbacks(self):
        callbacks = self._of_estates("property.resident.callback")
        self.assertEqual(
            set(callbacks.mapped("state")), {"todo", "done", "unreachable", "cancelled"}
        )
        self.assertEqual(
            set(callbacks.mapped("callback_type")),
            {"move_in", "complaint", "repair", "incident", "festival", "routine"},
        )
        # the mass move-in of the new estate is visited by a sample
        sample = self.env["property.callback.sample"].search(
            [("estate_id", "in", self.estates.ids), ("sample_type", "=", "move_in")]
        )
        self.assertTrue(sample)
        unreachable = callbacks.filtered(lambda c: c.state == "unreachable")
        self.assertTrue(all(len(c.attempt_ids) == 3 for c in unreachable))
        done = callbacks.filtered(lambda c: c.state == "done")
        self.assertTrue(done.filtered("on_time"))
        self.assertTrue(done.filtered("follow_up_repair_id"))
        # callbacks to do have their caller's activity
        todo = callbacks.filtered(lambda c: c.state == "todo")
        self.assertEqual(set(todo.activity_ids.mapped("res_id")), set(todo.ids))

    def test_callback_assessment(self):
        last_month = self.today.replace(day=1) - relativedelta(months=1)
        assessments = self.env["property.callback.assessment"].search(
            [("estate_id", "in", self.estates.ids), ("month", "=", last_month)]
        )
        self.assertEqual(assessments.estate_id, self.estates)

    def test_generated_records_have_xml_ids(self):
        """Uninstalling the addon deletes the generated demo by its xml ids."""
        residents = self.env["res.partner"].search(
            [("resident_estate_id", "in", self.estates.ids)]
        )
        generated = [residents] + [
            self._of_estates(model)
            for model in (
                "property.complaint",
                "property.repair.request",
                "property.incident",
                "property.resident.callback",
            )
        ]
        for records in generated:
            xmlids = records.get_external_id()
            self.assertTrue(
                all(
                    xmlid.startswith("visit_management_property.")
                    for xmlid in xmlids.values()
                ),
                records._name,
            )
