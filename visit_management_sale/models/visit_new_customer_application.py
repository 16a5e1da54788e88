# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.tools import format_amount

from odoo.addons.visit_management.models.visit_new_customer_application import (
    APPLICATION_FIELDS,
)

SALE_APPLICATION_FIELDS = (*APPLICATION_FIELDS, "first_deal_order_id")


class VisitNewCustomerApplication(models.Model):
    _inherit = "visit.new.customer.application"
    _user_fields = {"create": SALE_APPLICATION_FIELDS, "draft": SALE_APPLICATION_FIELDS}

    first_deal_order_id = fields.Many2one(
        "sale.order",
        string="First Order",
        check_company=True,
        tracking=True,
        domain="[('partner_id', 'child_of', partner_id), ('state', '=', 'sale'), "
        "('visit_is_sample', '=', False)]",
        help="The confirmed sale order of the first deal with the customer.",
    )

    @api.depends("first_deal_order_id.date_order")
    def _compute_first_deal_date(self):
        return super()._compute_first_deal_date()

    @api.depends("first_deal_order_id")
    def _compute_history(self):
        return super()._compute_history()

    @api.depends("first_deal_order_id.visit_is_sample", "first_deal_order_id.state")
    def _compute_eligibility_message(self):
        return super()._compute_eligibility_message()

    def _first_deal_dates(self):
        dates = super()._first_deal_dates()
        order = self.first_deal_order_id
        if order.date_order:
            dates.append(self._rep_day(order.date_order))
        return dates

    def _history_sections(self):
        sections = super()._history_sections()
        start, end = self._history_window()
        orders = self._history_orders(start, end)
        sections.append(
            {
                "title": self.env._("Confirmed sale orders"),
                "rows": [
                    {
                        "date": self._rep_day(order.date_order),
                        "name": order.name,
                        "user": order.user_id.name or "",
                        "detail": format_amount(
                            self.env, order.amount_total, order.currency_id
                        ),
                    }
                    for order in orders
                ],
            }
        )
        return sections

    def _history_orders(self, start, end):
        """Confirmed sale orders of the customer (or its contacts) in the window,
        samples-only orders and the first order itself excluded."""
        self.ensure_one()
        return (
            self.env["sale.order"]
            .sudo()
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.id),
                    ("state", "=", "sale"),
                    ("visit_is_sample", "=", False),
                    ("id", "!=", self.first_deal_order_id.id),
                    ("company_id", "=", self.company_id.id),
                    (
                        "date_order",
                        ">=",
                        self._rep_day_start(start + relativedelta(days=1)),
                    ),
                    ("date_order", "<", self._rep_day_start(end)),
                ],
                order="date_order, id",
            )
        )

    def _eligibility_problem(self):
        order = self.first_deal_order_id
        if order and order.visit_is_sample:
            return self.env._(
                "The first order %(order)s only sends samples: it is no deal.",
                order=order.name,
            )
        if order and order.state != "sale":
            return self.env._(
                "The first order %(order)s is not confirmed.", order=order.name
            )
        return super()._eligibility_problem()
