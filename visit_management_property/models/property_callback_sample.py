# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import random

from odoo import api, fields, models


def draw(seed, population, size):
    """The households a seeded draw picks: the same seed and population always
    give the same choice, so an auditor can redo it."""
    population = sorted(population)
    size = max(0, min(size, len(population)))
    return random.Random(seed).sample(population, size)


class PropertyCallbackSample(models.Model):
    """One random draw of households to call back in an estate and month (a
    mass move-in sample, the routine callbacks): the households it drew from,
    those it picked, and the seed that redoes it, for audit."""

    _name = "property.callback.sample"
    _description = "Callback Sample"
    _order = "period_date desc, estate_id, sample_type, draw_number"
    _check_company_auto = True

    estate_id = fields.Many2one(
        "property.estate", required=True, readonly=True, index=True, ondelete="cascade"
    )
    # precomputed, as the counts: a draw's row is inserted whole, not updated after
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, precompute=True
    )
    sample_type = fields.Selection(
        selection=[("move_in", "Mass Move-in"), ("routine", "Routine Callbacks")],
        string="Type",
        required=True,
        readonly=True,
    )
    period_date = fields.Date(string="Month", required=True, readonly=True)
    draw_number = fields.Integer(
        string="Draw",
        default=1,
        aggregator=None,
        readonly=True,
        help="Households moving in later in a month are drawn again, among them.",
    )
    seed = fields.Char(
        required=True,
        readonly=True,
        help="random.Random(seed).sample(sorted(unit ids drawn from), size) in "
        "Python redoes the draw.",
    )
    household_count = fields.Integer(
        string="Households",
        readonly=True,
        help="Mass move-in: the households that moved in that month so far.",
    )
    percent = fields.Integer(string="Sample (%)", readonly=True)
    size = fields.Integer(
        readonly=True, help="How many households the draw was to pick."
    )
    candidate_unit_ids = fields.Many2many(
        "property.unit",
        "property_callback_sample_candidate_rel",
        "sample_id",
        "unit_id",
        string="Drawn From",
        readonly=True,
        context={"active_test": False},
    )
    selected_unit_ids = fields.Many2many(
        "property.unit",
        "property_callback_sample_selected_rel",
        "sample_id",
        "unit_id",
        string="Picked",
        readonly=True,
        context={"active_test": False},
    )
    candidate_count = fields.Integer(
        string="Eligible", compute="_compute_counts", store=True, precompute=True
    )
    selected_count = fields.Integer(
        string="Picked Count", compute="_compute_counts", store=True, precompute=True
    )

    _draw_uniq = models.UniqueIndex(
        "(estate_id, sample_type, period_date, draw_number)",
        "A draw is made once.",
    )

    @api.depends("candidate_unit_ids", "selected_unit_ids")
    def _compute_counts(self):
        for sample in self:
            sample.candidate_count = len(sample.candidate_unit_ids)
            sample.selected_count = len(sample.selected_unit_ids)

    @api.depends("estate_id", "sample_type", "period_date", "draw_number")
    def _compute_display_name(self):
        types = dict(self._fields["sample_type"]._description_selection(self.env))
        for sample in self:
            month = sample.period_date.strftime("%Y-%m") if sample.period_date else ""
            sample.display_name = (
                f"{sample.estate_id.name} {types.get(sample.sample_type, '')} "
                f"{month} #{sample.draw_number}"
            )

    def _redraw(self):
        """The units the recorded seed picks from the recorded candidates."""
        self.ensure_one()
        return draw(self.seed, self.candidate_unit_ids.ids, self.size)
