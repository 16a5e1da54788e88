# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PropertyRepairCategory(models.Model):
    _name = "property.repair.category"
    _description = "Repair Category"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    code = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    callback_required = fields.Boolean(
        string="Callback after Repair",
        help="The maintenance supervisor calls the resident back after each repair "
        "of this category to check its quality (请修回访).",
    )

    _code_uniq = models.Constraint("UNIQUE(code)", "A repair category code is unique.")
