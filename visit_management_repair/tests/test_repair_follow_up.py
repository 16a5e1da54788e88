# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.tests import freeze_time

from odoo.addons.visit_management.tests.common import VisitCommon

# 10:00 in Shanghai on 14 December 2026.
NOW = datetime(2026, 12, 14, 2, 0)


@freeze_time(NOW)
class TestRepairFollowUp(VisitCommon):
    """A key customer's confirmed repair (返修) is followed up within a week by
    the customer's salesperson."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.pump = cls.env["product.product"].create(
            {"name": "Water Pump", "type": "consu"}
        )

    def _confirmed_repair(self, partner):
        repair = self.env["repair.order"].create(
            {"partner_id": partner.id, "product_id": self.pump.id}
        )
        repair.action_validate()
        return repair

    def test_a_repair_is_followed_within_a_week(self):
        repair = self._confirmed_repair(self.contact)
        self.assertEqual(repair.state, "confirmed")
        follow_up = repair.visit_callback_ids
        self.assertEqual(
            (
                follow_up.kind,
                follow_up.due_date,
                follow_up.user_id,
                follow_up.partner_id,
            ),
            ("repair", date(2026, 12, 21), self.rep, self.customer),
        )
        self.assertEqual(follow_up.origin, repair.name)
        self.assertEqual(follow_up.activity_ids.user_id, self.rep)
        self.customer_b.user_id = self.rep  # a C customer: not a key customer
        self.assertFalse(self._confirmed_repair(self.customer_b).visit_callback_ids)
