# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class PropertyCallbackAssessmentLine(models.Model):
    """One caller's callbacks in a monthly callback assessment."""

    _name = "property.callback.assessment.line"
    _description = "Callback Assessment of a Caller"
    _inherit = "property.callback.score"
    _order = "score desc, id"

    assessment_id = fields.Many2one(
        "property.callback.assessment", required=True, ondelete="cascade", index=True
    )
    estate_id = fields.Many2one(
        related="assessment_id.estate_id", store=True, precompute=True
    )
    company_id = fields.Many2one(
        related="assessment_id.company_id", store=True, precompute=True
    )
    month = fields.Date(related="assessment_id.month", store=True, precompute=True)
    user_id = fields.Many2one("res.users", string="Caller")
