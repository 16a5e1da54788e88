# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from .property_callback_assessment import GRADES


class PropertyCallbackAssessmentLine(models.Model):
    """One caller's callbacks in a monthly callback assessment."""

    _name = "property.callback.assessment.line"
    _description = "Callback Assessment of a Caller"
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
    due_count = fields.Integer(string="Due")
    done_count = fields.Integer(string="Done")
    on_time_count = fields.Integer(string="On Time")
    unreachable_count = fields.Integer(string="Unreachable")
    rated_count = fields.Integer(string="Rated")
    satisfaction_sum = fields.Integer()
    callback_rate = fields.Float(
        string="Callback Rate (%)",
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    timeliness = fields.Float(
        string="Timeliness (%)",
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    satisfaction = fields.Float(
        string="Average Satisfaction",
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    score = fields.Float(
        compute="_compute_score",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    grade = fields.Selection(
        selection=GRADES, compute="_compute_score", store=True, precompute=True
    )

    @api.depends(
        "due_count", "done_count", "on_time_count", "rated_count", "satisfaction_sum"
    )
    def _compute_score(self):
        for line in self:
            line.update(
                line.assessment_id._score_figures(
                    line.due_count,
                    line.done_count,
                    line.on_time_count,
                    line.rated_count,
                    line.satisfaction_sum,
                )
            )
