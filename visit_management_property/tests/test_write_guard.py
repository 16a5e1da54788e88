# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from odoo.tests import new_test_user

from odoo.addons.visit_management.tests.write_matrix import WriteMatrix

from .common import OFFICE_GROUPS, PropertyCommon


class TestPropertyWriteGuard(WriteMatrix, PropertyCommon):
    """Every stored field of the property office's records, written over RPC by
    the estate's office user and manager and by a visit user of no estate, in
    every state: only the fields the models allow pass."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        outsider = new_test_user(cls.env, "prop_outsider", groups=OFFICE_GROUPS)
        # the estate's manager decides how an unreachable complaint closes
        cls.roles = {
            "office user": (cls.office_user, False),
            "office manager": (cls.office_manager, True),
            "visit user of no estate": (outsider, False),
        }

    def _matrix(self, record, lines, states):
        cases = [(line, self.roles) for line in (record, *lines)]
        return self._check_matrix(
            cases, lambda state: record.sudo().write({"state": state}), states
        )

    def test_complaint(self):
        tried = self._matrix(
            self._create_complaint(), (), ("new", "in_progress", "resolved", "closed")
        )
        self.assertGreater(tried, 200)

    def test_repair_and_incident(self):
        tried = self._matrix(self._create_repair(), (), ("new", "assigned", "done"))
        tried += self._matrix(self._create_incident(), (), ("open", "closed"))
        self.assertGreater(tried, 300)

    def test_callback_and_its_attempts(self):
        callback = self._create_callback()
        attempt = (
            self.env["property.resident.callback.attempt"]
            .sudo()
            .create({"callback_id": callback.id, "method": "phone"})
        )
        tried = self._matrix(
            callback, (attempt,), ("todo", "done", "unreachable", "cancelled")
        )
        self.assertGreater(tried, 400)

    def test_callback_assessment_and_resident(self):
        assessment = (
            self.env["property.callback.assessment"]
            .sudo()
            .create({"estate_id": self.estate.id, "month": date(2026, 11, 1)})
        )
        tried = self._matrix(assessment, (), ("draft", "confirmed"))
        tried += self._check_matrix(
            [(self.owner, self.roles)], lambda state: None, ("open",)
        )
        self.assertGreater(tried, 100)
