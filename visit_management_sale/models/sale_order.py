# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

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
