# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .visit_reception import OPEN_STATES


class VisitReceptionMaterial(models.Model):
    """Material prepared for a visit: company profile, product data, cases,
    proposals. Confidential items are seen only by the host, the companions and
    the managers (record rules)."""

    _name = "visit.reception.material"
    _inherit = ["visit.write.guard"]
    _description = "Reception Material"
    _guard_parent = "reception_id"
    _user_fields = {
        state: (
            "sequence",
            "name",
            "quantity",
            "confidential",
            "prepared",
            "note",
        )
        for state in OPEN_STATES
    }
    _order = "reception_id, sequence, id"

    reception_id = fields.Many2one(
        "visit.reception", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reception_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(string="Material", required=True)
    quantity = fields.Integer(default=1)
    confidential = fields.Boolean(
        help="Company secrets or sensitive data: only the host, the companions "
        "and the managers see this item.",
    )
    prepared = fields.Boolean(string="Ready")
    note = fields.Char()

    _quantity_positive = models.Constraint(
        "CHECK(quantity >= 0)", "A quantity of material cannot be negative."
    )
