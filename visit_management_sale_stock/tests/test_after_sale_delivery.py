# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import freeze_time

from odoo.addons.visit_management.tests.common import VisitCommon

# 10:00 in Shanghai on 14 December 2026.
NOW = datetime(2026, 12, 14, 2, 0)


@freeze_time(NOW)
class TestAfterSaleOnDelivery(VisitCommon):
    """With Inventory, a key customer's ladder starts when the order's first
    delivery is validated, not when the order is confirmed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = "Asia/Shanghai"
        cls.goods = cls.env["product.product"].create(
            {"name": "Water Pump", "type": "consu", "list_price": 900.0}
        )
        cls.service = cls.env["product.product"].create(
            {"name": "Installation", "type": "service", "list_price": 300.0}
        )

    def _confirmed_order(self, product):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "user_id": self.rep.id,
                "order_line": [
                    Command.create({"product_id": product.id, "product_uom_qty": 3})
                ],
            }
        )
        order.action_confirm()
        return order

    def _deliver(self, picking, quantity):
        picking.move_ids.write({"quantity": quantity, "picked": True})
        picking._action_done()

    def test_the_first_delivery_starts_the_ladder(self):
        order = self._confirmed_order(self.goods)
        self.assertTrue(order.picking_ids)
        self.assertFalse(order.visit_callback_ids, "nothing delivered yet")
        with freeze_time(datetime(2026, 12, 17, 17, 0)):  # the 18th in Shanghai
            self._deliver(order.picking_ids, 1)
        callbacks = order.visit_callback_ids
        self.assertEqual(
            [(c.kind, c.due_date) for c in callbacks],
            [("thank_you", date(2026, 12, 19)), ("usage_check", date(2027, 1, 18))],
        )
        backorder = order.picking_ids.filtered(lambda picking: picking.state != "done")
        self.assertTrue(backorder)
        with freeze_time(datetime(2026, 12, 22, 2, 0)):
            self._deliver(backorder, 2)
        self.assertEqual(order.visit_callback_ids, callbacks, "one ladder per order")

    def test_nothing_to_ship_starts_at_the_confirmation(self):
        order = self._confirmed_order(self.service)
        self.assertFalse(order.picking_ids)
        self.assertEqual(
            order.visit_callback_ids.mapped("due_date"),
            [date(2026, 12, 15), date(2027, 1, 14)],
        )
