# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, time, timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import freeze_time

from odoo.addons.visit_management.tests.test_new_customer import (
    NOW,
    TODAY,
    NewCustomerCommon,
)
from odoo.addons.visit_management.tests.write_matrix import WriteMatrix


@freeze_time(NOW)
class TestNewCustomerSale(WriteMatrix, NewCustomerCommon):
    """With Sales: confirmed sale orders are first deals and business."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.product = cls.env["product.product"].create(
            {"name": "Porcelain Tea Set", "list_price": 800.0}
        )

    def _order(self, day, partner=None, confirm=True, **values):
        """A sale order to the prospect, confirmed on that day (noon in Shanghai)."""
        order = self.env["sale.order"].create(
            {
                "partner_id": (partner or self.prospect).id,
                "user_id": self.rep.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 3}
                    )
                ],
                **values,
            }
        )
        if confirm:
            order.action_confirm()
        order.date_order = datetime.combine(day, time(4, 0))
        return order

    def test_bridge_installed_by_itself(self):
        module = self.env["ir.module.module"].search(
            [("name", "=", "visit_management_sale")]
        )
        self.assertEqual(module.state, "installed")
        self.assertTrue(module.auto_install)
        self.assertEqual(
            set(module.dependencies_id.mapped("name")), {"visit_management", "sale"}
        )

    def test_first_order_is_the_first_deal(self):
        order = self._order(TODAY - timedelta(days=12))
        application = self._application(
            first_deal_days_ago=None, first_deal_order_id=order.id
        )
        self.assertEqual(application.first_deal_date, date(2026, 6, 3))
        self.assertEqual(application.apply_deadline, date(2026, 7, 3))
        self.assertTrue(application.is_eligible)
        html = str(application.history_html)
        self.assertIn("Confirmed sale orders", html)
        self.assertEqual(html.count("o_visit_history_none"), 3)
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_earliest_of_lead_and_order(self):
        order = self._order(TODAY - timedelta(days=3))
        application = self._application(first_deal_order_id=order.id)
        # the won opportunity, 10 days ago, came first
        self.assertEqual(application.first_deal_date, TODAY - timedelta(days=10))

    def test_late_by_the_first_order(self):
        order = self._order(TODAY - timedelta(days=31))
        application = self._application(
            first_deal_days_ago=None, first_deal_order_id=order.id
        )
        self.assertTrue(application.is_late)
        with self.assertRaisesRegex(UserError, "Too late"):
            application.action_submit()
        order.date_order = datetime.combine(TODAY - timedelta(days=29), time(4, 0))
        application.invalidate_recordset()
        self.assertFalse(application.is_late)
        application.action_submit()
        self.assertEqual(application.state, "submitted")

    def test_confirmed_order_inside_three_years_is_business(self):
        old = self._order(date(2023, 6, 6), partner=self.prospect_contact)
        application = self._application()
        self.assertEqual(application.history_count, 1)
        self.assertFalse(application.is_new_customer)
        self.assertIn(old.name, str(application.history_html))
        with self.assertRaisesRegex(UserError, "Not a new customer"):
            application.action_submit()

    def test_what_is_not_business(self):
        self._order(date(2023, 6, 5))  # exactly three years before
        self._order(date(2025, 3, 1), visit_is_sample=True)
        self._order(date(2025, 3, 2), confirm=False)
        self._order(date(2025, 3, 3)).action_cancel()
        self._order(date(2026, 6, 8))  # after the first deal
        self._order(date(2025, 3, 4), partner=self.customer)
        application = self._application()
        self.assertEqual(application.history_count, 0)
        self.assertTrue(application.is_eligible)

    def test_samples_are_no_first_deal(self):
        order = self._order(TODAY - timedelta(days=5), visit_is_sample=True)
        application = self._application(
            first_deal_days_ago=None, first_deal_order_id=order.id
        )
        self.assertFalse(application.is_eligible)
        with self.assertRaisesRegex(UserError, "only sends samples"):
            application.action_submit()

    def test_the_rep_sees_orders_they_cannot_open(self):
        self._order(date(2025, 1, 1), user_id=self.rep_b.id)
        application = self._application()
        self.assertEqual(application.with_user(self.rep).history_count, 1)
        self.assertIn(
            self.rep_b.name, str(application.with_user(self.rep).history_html)
        )

    def test_views(self):
        order_form = self.env["sale.order"].get_view(view_type="form")["arch"]
        self.assertIn('name="visit_is_sample"', order_form)
        for search_view in (
            "sale.view_sales_order_filter",
            "sale.sale_order_view_search_inherit_quotation",
        ):
            arch = self.env["sale.order"].get_views(
                [(self.env.ref(search_view).id, "search")]
            )["views"]["search"]["arch"]
            self.assertIn('name="visit_is_sample"', arch)
        form = (
            self.env["visit.new.customer.application"]
            .with_user(self.rep)
            .get_view(view_type="form")["arch"]
        )
        self.assertIn('name="first_deal_order_id"', form)

    def test_sample_flag_in_every_state(self):
        """Whether an order only sends samples is the rep's word on a quotation,
        a fact once confirmed: written over RPC in every state of the order."""
        order = self._order(TODAY, confirm=False)
        roles = {"rep": (self.rep, False), "team leader": (self.manager, True)}
        tried = self._check_matrix(
            [(order, roles)],
            lambda state: order.sudo().write({"state": state}),
            ("draft", "sent", "sale", "cancel"),
        )
        # the flag and the after-sale callbacks (the server's), 2 roles, 4 states
        self.assertEqual(tried, 16)
        order.sudo().state = "sale"
        with self.assertRaisesRegex(UserError, "you cannot change Samples Only"):
            order.with_user(self.rep).visit_is_sample = True
