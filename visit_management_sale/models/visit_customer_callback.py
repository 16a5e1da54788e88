# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VisitCustomerCallback(models.Model):
    _inherit = "visit.customer.callback"

    sale_order_id = fields.Many2one(
        "sale.order",
        readonly=True,
        index="btree_not_null",
        check_company=True,
        help="The order whose delivery started the callback.",
    )
