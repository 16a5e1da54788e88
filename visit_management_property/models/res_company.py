# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    property_callback_max_attempts = fields.Integer(
        string="Unreachable after (attempts)",
        default=3,
        help="A resident not reached after so many attempts with the same method "
        "is unreachable; one unreachable by phone can then be visited on-site or "
        "written to.",
    )

    _property_callback_max_attempts_positive = models.Constraint(
        "CHECK(property_callback_max_attempts > 0)",
        "A resident is unreachable after one attempt at least.",
    )
