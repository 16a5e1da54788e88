# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    visit_tier = fields.Selection(
        selection=[("a", "A"), ("b", "B"), ("c", "C"), ("d", "D")],
        string="Customer Tier",
        tracking=True,
        index=True,
        help="Customer grade by nature, size, sales volume and growth trend: "
        "it sets how often the customer must be visited.",
    )
