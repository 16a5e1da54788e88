# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .visit_penalty_rule import CONSEQUENCES


class VisitAssessmentPenalty(models.Model):
    """A penalty of the table applied by a monthly assessment, as computed."""

    _name = "visit.assessment.penalty"
    _description = "Assessment Penalty"
    _order = "id"

    assessment_id = fields.Many2one(
        "visit.assessment", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="assessment_id.company_id")
    currency_id = fields.Many2one(related="company_id.currency_id")
    rule_id = fields.Many2one("visit.penalty.rule", required=True)
    failures = fields.Integer(help="The failures counted over the rule's months.")
    points = fields.Float(digits=(5, 2))
    amount = fields.Monetary()
    consequence = fields.Selection(selection=CONSEQUENCES)
