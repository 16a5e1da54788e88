# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models

from .selections import TIERS, VISIT_MODES

REGIONS = [
    ("same_city", "Same City"),
    ("same_province", "Same Province"),
    ("elsewhere", "Elsewhere"),
]
# Visit report states that count as a visit done.
DONE_STATES = ("submitted", "approved")


class VisitFrequencyRule(models.Model):
    _name = "visit.frequency.rule"
    _description = "Visit Frequency Rule"
    _order = "kind, tier, region, visit_mode"
    _check_company_auto = True

    active = fields.Boolean(default=True)
    kind = fields.Selection(
        selection=[("tier", "By Tier"), ("region", "By Region")],
        required=True,
        default="tier",
        help="Region rules apply only when the company switches them on in Settings.",
    )
    tier = fields.Selection(selection=TIERS, string="Customer Tier")
    region = fields.Selection(selection=REGIONS)
    visit_mode = fields.Selection(
        selection=VISIT_MODES, required=True, default="onsite"
    )
    interval_months = fields.Integer(
        string="Every (months)",
        required=True,
        default=1,
        help="At least one visit of this mode is required every so many months.",
    )
    company_id = fields.Many2one(
        "res.company",
        help="Leave empty for a rule that applies to every company.",
    )

    _interval_positive = models.Constraint(
        "CHECK(interval_months > 0)",
        "A visit interval is at least one month.",
    )
    _tier_or_region = models.Constraint(
        "CHECK((kind = 'tier' AND tier IS NOT NULL) "
        "OR (kind = 'region' AND region IS NOT NULL))",
        "A tier rule needs a tier and a region rule needs a region.",
    )

    @api.depends("kind", "tier", "region", "visit_mode", "interval_months")
    def _compute_display_name(self):
        tiers = dict(self._fields["tier"]._description_selection(self.env))
        regions = dict(self._fields["region"]._description_selection(self.env))
        modes = dict(self._fields["visit_mode"]._description_selection(self.env))
        for rule in self:
            scope = (
                tiers.get(rule.tier)
                if rule.kind == "tier"
                else regions.get(rule.region)
            )
            rule.display_name = self.env._(
                "%(scope)s: %(mode)s every %(months)s month(s)",
                scope=scope or "",
                mode=modes.get(rule.visit_mode, ""),
                months=rule.interval_months,
            )

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._recompute_partner_due_dates()
        return rules

    def write(self, vals):
        result = super().write(vals)
        self._recompute_partner_due_dates()
        return result

    def unlink(self):
        result = super().unlink()
        # after the deletion: unlink flushes, which would recompute too early
        self.browse()._recompute_partner_due_dates()
        return result

    @api.model
    def _recompute_partner_due_dates(self):
        """Rules (or the company settings they use) changed: every tiered
        customer's next due date may move."""
        partners = (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("visit_tier", "!=", False)])
        )
        self.env.add_to_compute(
            self.env["res.partner"]._fields["next_visit_date"], partners
        )

    # ------------------------------------------------------------------
    # Due dates, computed set-based for many customers at once
    # ------------------------------------------------------------------
    @api.model
    def _last_visit_dates(self, partners):
        """{partner id: {mode: date of the last visit done}}, in one query."""
        last = defaultdict(dict)
        if not partners.ids:
            return last
        groups = (
            self.env["visit.report"]
            .sudo()
            ._read_group(
                [("partner_id", "in", partners.ids), ("state", "in", DONE_STATES)],
                ["partner_id", "visit_mode"],
                ["visit_date:max"],
            )
        )
        for partner, mode, visit_date in groups:
            last[partner.id][mode] = visit_date
        return last

    @api.model
    def _partner_region(self, partner, company):
        if not (partner.state_id and company.state_id):
            return False
        if partner.state_id != company.state_id:
            return "elsewhere"
        same_city = (partner.city or "").strip().lower() == (
            company.city or ""
        ).strip().lower()
        return "same_city" if same_city and partner.city else "same_province"

    @api.model
    def _applicable_rules(self, rules, partner, company):
        """The rules that bind one customer, among all active rules."""
        region = (
            self._partner_region(partner, company)
            if company.visit_region_rules
            else False
        )
        return rules.filtered(
            lambda rule: (
                rule.company_id in (company, self.env["res.company"])
                and (
                    (rule.kind == "tier" and rule.tier == partner.visit_tier)
                    or (rule.kind == "region" and region and rule.region == region)
                )
            )
        )

    @api.model
    def _due_dates(self, partners, last_dates=None):
        """{partner id: {mode: due date}} for tiered customers: the last visit of a
        mode plus the rule's interval (the earliest when several rules share a mode),
        or the date the customer was created when it was never visited that way.
        An on-site visit also counts as contact for the phone rules."""
        rules = self.sudo().search([("active", "=", True)])
        if last_dates is None:
            last_dates = self._last_visit_dates(partners)
        main_company = self.env.ref("base.main_company")
        due = {}
        for partner in partners.filtered("visit_tier"):
            company = partner.company_id or partner.user_id.company_id or main_company
            last = last_dates.get(partner.id, {})
            due_by_mode = {}
            for rule in self._applicable_rules(rules, partner, company):
                done = last.get(rule.visit_mode)
                if rule.visit_mode == "phone" and last.get("onsite"):
                    done = max(filter(None, [done, last["onsite"]]))
                if done:
                    rule_due = done + relativedelta(months=rule.interval_months)
                else:
                    rule_due = (partner.create_date or fields.Datetime.now()).date()
                mode_due = due_by_mode.get(rule.visit_mode)
                due_by_mode[rule.visit_mode] = min(filter(None, [mode_due, rule_due]))
            due[partner.id] = due_by_mode
        return due
