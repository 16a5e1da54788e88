# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.visit_management.models.visit_customer_callback import (
    DELIVERY_LADDER,
)
from odoo.addons.visit_management.tools import client_action

# Whether an order only sends samples is said while it is a quotation: once
# confirmed it is a fact the new-customer check relies on.
QUOTATION_FIELDS = ("visit_is_sample",)


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "visit.write.guard"]
    _user_fields = dict.fromkeys(("create", "draft", "sent"), QUOTATION_FIELDS)

    visit_is_sample = fields.Boolean(
        string="Samples Only",
        tracking=True,
        help="The order only sends samples: it never counts as business when a "
        "new-customer application is checked, nor as a first deal.",
    )
    visit_callback_ids = fields.One2many(
        "visit.customer.callback",
        "sale_order_id",
        string="After-sale Callbacks",
        groups="visit_management.group_visit_user",
    )

    @client_action()
    def action_confirm(self):
        result = super().action_confirm()
        self._visit_delivered_on_confirmation()._visit_start_after_sale(
            lambda order: order.date_order
        )
        return result

    def _visit_delivered_on_confirmation(self):
        """The orders whose confirmation is their delivery: all of them without
        Inventory; with it, those with nothing to ship (see
        visit_management_sale_stock)."""
        return self

    def _visit_start_after_sale(self, delivered_on):
        """The after-sale ladder of these orders, once per order, from the day
        of `delivered_on(order)` in the salesperson's timezone; orders of
        samples only owe none."""
        Callback = self.env["visit.customer.callback"].sudo()
        started = Callback.search([("sale_order_id", "in", self.ids)]).sale_order_id
        Callback._start_ladder(
            [
                {
                    "partner": order.partner_id,
                    "user": order.user_id,
                    "company": order.company_id,
                    "date": fields.Date.context_today(
                        order.with_context(tz=order.user_id.tz), delivered_on(order)
                    ),
                    "kinds": DELIVERY_LADDER,
                    "origin": order.name,
                    "sale_order_id": order.id,
                }
                for order in self - started
                if not order.visit_is_sample
            ]
        )
