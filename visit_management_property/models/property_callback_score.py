# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

# Score bands (客户回访考核): 90-100 excellent, 80-90 good, 70-80 fair,
# 60-70 poor, below 60 seriously below standard.
GRADES = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
    ("below", "Below Standard"),
]
GRADE_FLOORS = [(90, "excellent"), (80, "good"), (70, "fair"), (60, "poor")]
# The counts the figures are computed from, in the order of _score_figures.
SCORE_COUNTS = (
    "due_count",
    "done_count",
    "on_time_count",
    "rated_count",
    "satisfaction_sum",
)
# The company's weights _score_figures reads.
SCORE_WEIGHTS = (
    "property_assessment_weight_rate",
    "property_assessment_weight_timeliness",
    "property_assessment_weight_satisfaction",
)


def grade_of(score):
    return next((grade for floor, grade in GRADE_FLOORS if score >= floor), "below")


class PropertyCallbackScore(models.AbstractModel):
    """The figures of a set of callbacks (an estate's month, one caller's): the
    callback rate (done / due), the timeliness (done by the due date) and the
    average satisfaction, weighted with the company's weights into a 0-100
    score and a grade (`_score_figures`), from the counts the assessment
    writes (`property.callback.assessment._assess`). The model has a
    company_id, related to the record it belongs to."""

    _name = "property.callback.score"
    _description = "Callback Figures"

    due_count = fields.Integer(string="Due", readonly=True)
    done_count = fields.Integer(string="Done", readonly=True)
    on_time_count = fields.Integer(string="On Time", readonly=True)
    unreachable_count = fields.Integer(string="Unreachable", readonly=True)
    rated_count = fields.Integer(string="Rated", readonly=True)
    satisfaction_sum = fields.Integer(readonly=True)

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
        compute="_compute_score", store=True, precompute=True, aggregator="avg"
    )
    grade = fields.Selection(
        selection=GRADES, compute="_compute_score", store=True, precompute=True
    )

    @api.depends(*SCORE_COUNTS)
    def _compute_score(self):
        for record in self:
            record.update(
                record._score_figures(
                    record.company_id or record.env.company,
                    *(record[name] for name in SCORE_COUNTS),
                )
            )

    def _add_precomputed_values(self, vals_list):
        """New records given all their counts (the assessment's and its
        lines) get their related fields and their figures here, for the whole
        batch: the ORM would make a new record of each (and of an assessment's
        lines with it) to compute them, four times the work of the whole
        assessment."""
        related = [
            field
            for field in self._fields.values()
            if field.precompute and field.related
        ]
        # one step each: the record's own assessment or estate
        sources = [(field, *field.related.split(".")) for field in related]
        counted = [
            vals for vals in vals_list if all(name in vals for name in SCORE_COUNTS)
        ]
        # {field: {source id: its value}}, read once for the batch
        values_of = {}
        for field, source, name in sources:
            records = self[source].browse({vals[source] for vals in counted})
            records.fetch([name])
            values_of[field] = {
                record.id: field.convert_to_write(record[name], self)
                for record in records
            }
        # their weights only: a company read whole is all of its many columns
        self.env["res.company"].browse(
            values_of[self._fields["company_id"]].values()
        ).fetch(SCORE_WEIGHTS)
        for vals in counted:
            precomputed = {
                field.name: values_of[field][vals[source]]
                for field, source, _name in sources
            }
            company = self.env["res.company"].browse(precomputed["company_id"])
            precomputed.update(
                self._score_figures(company, *(vals[name] for name in SCORE_COUNTS))
            )
            vals["__precomputed__"] = {
                self._fields[name] for name in precomputed if name not in vals
            }
            for name, value in precomputed.items():
                vals.setdefault(name, value)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _score_figures(self, company, due, done, on_time, rated, satisfaction_sum):
        """Rate, timeliness, satisfaction, score and grade of a set of callbacks,
        with the company's weights (the satisfaction weighs only when some
        callback was rated). Nothing due: nothing was missed."""
        rate = 100.0 * done / due if due else 100.0
        timeliness = 100.0 * on_time / due if due else 100.0
        satisfaction = satisfaction_sum / rated if rated else 0.0
        parts = [
            (company.property_assessment_weight_rate, rate),
            (company.property_assessment_weight_timeliness, timeliness),
        ]
        if rated:
            parts.append(
                (company.property_assessment_weight_satisfaction, satisfaction * 20)
            )
        weights = sum(weight for weight, _value in parts)
        score = (
            sum(weight * value for weight, value in parts) / weights if weights else 0
        )
        return {
            "callback_rate": rate,
            "timeliness": timeliness,
            "satisfaction": satisfaction,
            "score": round(score, 2),
            "grade": grade_of(round(score, 2)),
        }
