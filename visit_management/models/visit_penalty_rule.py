# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

# What a rule counts in a month's assessment (its stored counts).
PENALTY_CONDITIONS = [
    ("missing_reports", "Planned visits not reported"),
    ("late_reports", "Reports filed late"),
    ("not_in_place", "On-site visits not in place"),
    ("below_baseline", "Coverage below the baseline"),
    ("missed_callbacks", "After-sale callbacks not done on time"),
]
PENALTY_COUNTS = {
    "missing_reports": lambda counts: (
        counts["plan_line_count"] - counts["plan_line_done_count"]
    ),
    "late_reports": lambda counts: (
        counts["report_count"] - counts["report_on_time_count"]
    ),
    "not_in_place": lambda counts: (
        counts["onsite_report_count"] - counts["onsite_in_place_count"]
    ),
    "below_baseline": lambda counts: int(counts["below_baseline"]),
    "missed_callbacks": lambda counts: (
        counts["callback_due_count"] - counts["callback_done_count"]
    ),
}
CONSEQUENCES = [
    ("none", "None"),
    ("warning", "Warning"),
    ("post_review", "Review of the Post"),
]


class VisitPenaltyRule(models.Model):
    """A line of the penalty table (考核兑现): when a rep's failures of a kind,
    counted over the last months, reach the threshold, the monthly assessment
    deducts points, charges an amount (once, or per failure) and names the
    consequence."""

    _name = "visit.penalty.rule"
    _description = "Penalty Rule"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    condition = fields.Selection(selection=PENALTY_CONDITIONS, required=True)
    threshold = fields.Integer(
        string="From",
        default=1,
        required=True,
        help="The rule applies once the failures reach this number.",
    )
    window_months = fields.Integer(
        string="Counted Over (months)",
        default=1,
        required=True,
        help="The failures of the assessed month and of the months before it: 1 "
        "counts the month only, 12 a year.",
    )
    per_failure = fields.Boolean(
        help="The points and the amount are charged for each failure of the "
        "assessed month, not once."
    )
    points = fields.Float(string="Points Deducted", digits=(5, 2))
    amount = fields.Monetary()
    consequence = fields.Selection(
        selection=CONSEQUENCES, default="none", required=True
    )

    _threshold_positive = models.Constraint(
        "CHECK(threshold >= 1)", "A rule applies from one failure."
    )
    _window_range = models.Constraint(
        "CHECK(window_months BETWEEN 1 AND 12)",
        "Failures are counted over 1 to 12 months.",
    )
    _not_negative = models.Constraint(
        "CHECK(points >= 0 AND amount >= 0)",
        "Points and amounts are what is deducted: not negative.",
    )

    @api.model
    def _penalties(self, rules, month_start, counts, past):
        """The penalty lines of one assessment: each rule whose failures, the
        month's (`counts`) and those of the months before within its window
        (`past`: {month: counts}), reach the threshold; none without a failure
        this month."""
        lines = []
        for rule in rules:
            count = PENALTY_COUNTS[rule.condition]
            failures = count(counts)
            since = month_start - relativedelta(months=rule.window_months - 1)
            total = failures + sum(
                count(month_counts)
                for month, month_counts in past.items()
                if month >= since
            )
            if not failures or total < rule.threshold:
                continue
            times = failures if rule.per_failure else 1
            lines.append(
                {
                    "rule_id": rule.id,
                    "failures": total,
                    "points": rule.points * times,
                    "amount": rule.amount * times,
                    "consequence": rule.consequence,
                }
            )
        return lines
