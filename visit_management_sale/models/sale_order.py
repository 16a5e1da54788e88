# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    visit_is_sample = fields.Boolean(
        string="Samples Only",
        tracking=True,
        help="The order only sends samples: it never counts as business when a "
        "new-customer application is checked, nor as a first deal.",
    )
