# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import freeze_time

from odoo.addons.visit_management.tests.common import VisitCommon

# 00:30 in Shanghai on 15 December 2026, still the 14th in UTC.
NOW = datetime(2026, 12, 14, 16, 30)


@freeze_time(NOW)
class TestAfterSaleOnConfirmation(VisitCommon):
    """Without a delivery to wait for (no Inventory, or services only), the
    confirmation of a key customer's order starts its after-sale ladder."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = "Asia/Shanghai"
        cls.service = cls.env["product.product"].create(
            {"name": "Installation", "type": "service", "list_price": 300.0}
        )

    def _confirmed_order(self, partner=None, **values):
        order = (
            self.env["sale.order"]
            .with_user(self.rep)
            .create(
                {
                    "partner_id": (partner or self.contact).id,
                    "user_id": self.rep.id,
                    "order_line": [Command.create({"product_id": self.service.id})],
                    **values,
                }
            )
        )
        order.action_confirm()
        return order

    def test_confirming_starts_the_ladder_once(self):
        order = self._confirmed_order()
        callbacks = order.visit_callback_ids
        self.assertEqual(
            [(c.kind, c.due_date) for c in callbacks],
            [("thank_you", date(2026, 12, 16)), ("usage_check", date(2027, 1, 15))],
            "from the confirmation day in the rep's timezone (the 15th)",
        )
        self.assertEqual(callbacks.partner_id, self.customer, "the company called")
        self.assertEqual(callbacks.user_id, self.rep)
        self.assertEqual(set(callbacks.mapped("origin")), {order.name})
        order._action_cancel()
        order.action_draft()
        order.action_confirm()
        self.assertEqual(order.visit_callback_ids, callbacks, "one ladder per order")

    def test_no_ladder_for_other_customers_or_samples(self):
        self.assertFalse(self._confirmed_order(self.customer_b).visit_callback_ids)
        self.assertFalse(self._confirmed_order(visit_is_sample=True).visit_callback_ids)
