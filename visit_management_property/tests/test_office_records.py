# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError, ValidationError

from .common import PropertyCommon


class TestOfficeRecords(PropertyCommon):
    def test_complaint_flow(self):
        complaint = self._create_complaint(user=self.office_user)
        self.assertRegex(complaint.name, r"^CP/\d{4}/\d{5}$")
        self.assertEqual(complaint.unit_id, self.unit, "the resident's unit")
        self.assertEqual(complaint.estate_id, self.estate)
        self.assertEqual(complaint.company_id, self.company)
        self.assertEqual(complaint.state, "new")
        with self.assertRaises(UserError):
            complaint.action_close()
        complaint.action_start()
        self.assertEqual(complaint.state, "in_progress")
        self.assertTrue(complaint.answered_datetime)
        self.assertEqual(complaint.handler_id, self.office_user)
        with self.assertRaises(UserError, msg="a resolution is required"):
            complaint.action_resolve()
        complaint.resolution = "The corridor light was replaced."
        complaint.action_resolve()
        self.assertEqual(complaint.state, "resolved")
        self.assertTrue(complaint.resolved_datetime)
        complaint.action_close()
        self.assertEqual(complaint.state, "closed")
        self.assertTrue(complaint.closed_datetime)
        complaint.action_reopen()
        self.assertEqual(complaint.state, "in_progress")
        self.assertFalse(complaint.closed_datetime)
        with self.assertRaises(UserError):
            complaint.action_start()

    def test_status_moves_only_with_buttons(self):
        complaint = self._create_complaint(user=self.office_user)
        with self.assertRaises(UserError):
            complaint.write({"state": "closed"})
        with self.assertRaises(UserError):
            complaint.write({"resolved_datetime": "2026-01-01 00:00:00"})
        with self.assertRaises(UserError):
            self.env["property.complaint"].with_user(self.office_user).create(
                {
                    "resident_id": self.owner.id,
                    "description": "Noise",
                    "state": "closed",
                }
            )
        self.assertEqual(complaint.state, "new")

    def test_unit_must_be_in_the_estate(self):
        with self.assertRaises(ValidationError):
            self.env["property.complaint"].create(
                {
                    "resident_id": self.owner.id,
                    "unit_id": self.unit.id,
                    "estate_id": self.estate_b.id,
                    "description": "Wrong estate",
                }
            )
        # a complaint about the common areas names the estate only
        common = self.env["property.complaint"].create(
            {
                "resident_id": self.owner.id,
                "unit_id": False,
                "estate_id": self.estate.id,
                "description": "The lawn is not mowed",
                "category": "greening",
            }
        )
        self.assertFalse(common.unit_id)

    def test_repair_flow(self):
        repair = self._create_repair(user=self.office_user)
        self.assertRegex(repair.name, r"^RR/\d{4}/\d{5}$")
        self.assertEqual(repair.estate_id, self.estate)
        with self.assertRaises(UserError, msg="no technician yet"):
            repair.action_assign()
        with self.assertRaises(UserError):
            repair.action_done()
        repair.technician_id = self.supervisor
        repair.action_assign()
        self.assertEqual(repair.state, "assigned")
        activity = repair.activity_ids
        self.assertEqual(activity.user_id, self.supervisor)
        self.assertIn("Leak or Seepage", activity.summary)
        repair.action_done()
        self.assertEqual(repair.state, "done")
        self.assertTrue(repair.done_datetime)
        self.assertFalse(repair.activity_ids, "the technician's activity is done")

    def test_repair_categories(self):
        listed = self.env["property.repair.category"].search(
            [("callback_required", "=", True)]
        )
        self.assertEqual(
            sorted(listed.mapped("code")), ["drain", "leak", "water_fitting"]
        )

    def test_incident_register(self):
        incident = self._create_incident(user=self.office_user)
        self.assertRegex(incident.name, r"^INC/\d{4}/\d{4}$")
        self.assertEqual(incident.manager_id, self.office_manager)
        self.assertEqual(incident.resident_id, self.owner)
        with self.assertRaises(UserError, msg="the register is incomplete"):
            incident.action_close()
        incident.write(
            {
                "emergency_actions": "Water shut off, floor dried.",
                "cause": "A cracked hose under the sink.",
                "preventive_measures": "Hoses checked in the whole building.",
            }
        )
        incident.action_close()
        self.assertEqual(incident.state, "closed")
        with self.assertRaises(UserError):
            incident.action_close()
        incident.action_reopen()
        self.assertEqual(incident.state, "open")
