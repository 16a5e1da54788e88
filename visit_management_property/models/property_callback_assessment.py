# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from functools import partial

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.visit_management.tools import client_action, run_in_batches, single_run

from .property_callback_score import SCORE_COUNTS

# Estates one transaction of the assessment takes: an estate is a few counts
# and one assessment, unlike the rules creating its hundreds of callbacks
# (ESTATE_BATCH), and each transaction costs its commit.
ASSESSMENT_BATCH = 100
# The counts of a caller's line, summed into its estate's assessment.
COUNTS = (*SCORE_COUNTS, "unreachable_count")


class PropertyCallbackAssessment(models.Model):
    """The monthly callback assessment of an estate's office: the figures of
    the callbacks due in the month (property.callback.score), in all and per
    caller (its lines), with the unreachable count. Only `_assess` writes
    their counts, with their figures."""

    _name = "property.callback.assessment"
    _description = "Callback Assessment"
    _inherit = ["mail.thread", "visit.write.guard", "property.callback.score"]
    _order = "month desc, estate_id"
    _check_company_auto = True

    estate_id = fields.Many2one(
        "property.estate", required=True, readonly=True, index=True, ondelete="cascade"
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, precompute=True
    )
    month = fields.Date(required=True, readonly=True, index=True)
    state = fields.Selection(
        selection=[("draft", "Draft"), ("confirmed", "Confirmed")],
        string="Status",
        default="draft",
        required=True,
        readonly=True,
        tracking=True,
    )
    line_ids = fields.One2many(
        "property.callback.assessment.line",
        "assessment_id",
        string="Callers",
        readonly=True,
    )
    _month_uniq = models.Constraint(
        "UNIQUE(estate_id, month)", "An estate is assessed once a month."
    )

    @api.depends("estate_id", "month")
    def _compute_display_name(self):
        for assessment in self:
            month = assessment.month.strftime("%Y-%m") if assessment.month else ""
            assessment.display_name = f"{assessment.estate_id.name or ''} {month}"

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @client_action()
    def action_recompute(self):
        if any(assessment.state != "draft" for assessment in self):
            raise UserError(self.env._("A confirmed assessment is no longer computed."))
        self.check_access("write")
        for month, assessments in self.grouped("month").items():
            self.sudo()._assess(month, assessments.estate_id.sudo())
        return True

    @client_action()
    def action_confirm(self):
        self._check_manager()
        self.sudo().write({"state": "confirmed"})
        return True

    @client_action()
    def action_reset(self):
        self._check_manager()
        self.sudo().write({"state": "draft"})
        return True

    def _check_manager(self):
        if not self.env.user.has_group("visit_management.group_visit_manager"):
            raise UserError(
                self.env._("Only visit managers confirm callback assessments.")
            )
        self.check_access("write")

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_callback_assessments(self):
        """Assesses last month's callbacks of every estate: creates the missing
        assessments and recomputes the draft ones (confirmed ones stay)."""
        month = fields.Date.context_today(self).replace(day=1) - relativedelta(months=1)
        run_in_batches(
            self.env["property.estate"],
            [],
            partial(self._assess, month),
            ASSESSMENT_BATCH,
        )

    @api.model
    def _assess(self, month, estates):
        """Creates or recomputes the draft assessments of these estates for the
        month, from the callbacks due in it (cancelled ones do not count)."""
        # no chatter work for these records: nobody follows them at creation and
        # their state does not change here
        Assessment = self.sudo().with_context(tracking_disable=True)
        existing = {
            assessment.estate_id: assessment
            # their estate and state in the same query, in no order (the
            # model's orders by estate, a join)
            for assessment in Assessment.search_fetch(
                [("estate_id", "in", estates.ids), ("month", "=", month)],
                ["estate_id", "state"],
                order="id",
            )
        }
        estates = estates.filtered(
            lambda estate: existing.get(estate, Assessment).state != "confirmed"
        )
        # {estate: {caller: their counts}}
        counts = defaultdict(lambda: defaultdict(lambda: dict.fromkeys(COUNTS, 0)))
        groups = (
            self.env["property.resident.callback"]
            .sudo()
            ._read_group(
                [
                    ("estate_id", "in", estates.ids),
                    ("due_date", ">=", month),
                    ("due_date", "<", month + relativedelta(months=1)),
                    ("state", "!=", "cancelled"),
                ],
                ["estate_id", "user_id", "state", "on_time", "satisfaction"],
                ["__count"],
            )
        )
        for estate, user, state, on_time, satisfaction, count in groups:
            line = counts[estate][user]
            line["due_count"] += count
            line["done_count"] += count if state == "done" else 0
            line["on_time_count"] += count if state == "done" and on_time else 0
            line["unreachable_count"] += count if state == "unreachable" else 0
            if satisfaction:
                line["rated_count"] += count
                line["satisfaction_sum"] += count * int(satisfaction)
        to_create = []
        for estate in estates:
            lines = counts[estate]
            totals = {
                name: sum(values[name] for values in lines.values()) for name in COUNTS
            }
            line_commands = [
                (0, 0, {"user_id": user.id, **values}) for user, values in lines.items()
            ]
            if estate in existing:
                existing[estate].write(
                    {**totals, "line_ids": [(5, 0, 0), *line_commands]}
                )
            else:
                to_create.append(
                    {
                        "estate_id": estate.id,
                        "month": month,
                        **totals,
                        "line_ids": line_commands,
                    }
                )
        return Assessment.create(to_create)
