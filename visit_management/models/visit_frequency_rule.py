# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.tools import SQL

from .selections import TIERS, VISIT_MODES

REGIONS = [
    ("same_city", "Same City"),
    ("same_province", "Same Province"),
    ("elsewhere", "Elsewhere"),
]
# Visit report states that count as a visit done.
DONE_STATES = ("submitted", "approved")


def modes_done(visit_modes):
    """The visit modes a customer has had, from the modes of its visits: an
    on-site visit also counts as the phone call (as in _visit_dates_query)."""
    done = set(visit_modes)
    if "onsite" in done:
        done.add("phone")
    return done


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
        aggregator=None,
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
    # Due dates, computed in SQL for many customers at once
    # ------------------------------------------------------------------
    @api.model
    def _visit_dates_query(self, partner_ids=(), before=None, id_range=None):
        """One row per customer and visit mode its rules require (one row with a
        NULL mode when none applies): the last on-site and phone visits done before
        `before` (all of them without it), and the date a visit of that mode is due.

        A mode is due the last visit of that mode plus the rule's interval (the
        earliest when several rules share a mode), or the day the customer was
        created when it was never visited that way. An on-site visit also counts
        as contact for the phone rules (modes_done, in SQL). Region rules bind
        only when the customer's company switched them on; the company is the
        customer's, else its salesperson's, else the main company. The cron, the
        partner fields and the assessment all read their dates from here.

        The customers are those of `partner_ids`, or the tiered ones whose id is in
        `id_range` (lowest excluded, highest included), which lets PostgreSQL
        read the visits of a batch of customers by an index range."""
        Partner, Report = self.env["res.partner"], self.env["visit.report"]
        Partner.flush_model(["visit_tier", "company_id", "user_id", "city", "state_id"])
        Report.flush_model(
            ["partner_id", "state", "active", "visit_date", "visit_mode"]
        )
        self.flush_model()
        self.env["res.company"].flush_model(["visit_region_rules", "partner_id"])
        self.env["res.users"].flush_model(["company_id"])
        before_filter = SQL("AND r.visit_date < %s", before) if before else SQL()
        if id_range:
            lowest, highest = id_range
            customer_filter = SQL(
                "p.visit_tier IS NOT NULL AND p.id > %s AND p.id <= %s",
                lowest,
                highest,
            )
            visit_filter = SQL(
                "r.partner_id > %s AND r.partner_id <= %s", lowest, highest
            )
        else:
            customer_filter = SQL("p.id = ANY(%s)", list(partner_ids))
            visit_filter = SQL("r.partner_id = ANY(%s)", list(partner_ids))
        return SQL(
            """
            WITH customer AS (
                SELECT p.id, p.visit_tier, p.create_date::date AS created,
                       p.city, p.state_id,
                       COALESCE(p.company_id, u.company_id, %(main_company)s)
                           AS company_id
                  FROM res_partner p
             LEFT JOIN res_users u ON u.id = p.user_id
                 WHERE %(customer_filter)s
            ), located AS (
                SELECT customer.*,
                       CASE WHEN company.visit_region_rules IS NOT TRUE
                                 OR customer.state_id IS NULL
                                 OR company_address.state_id IS NULL THEN NULL
                            WHEN customer.state_id != company_address.state_id
                                THEN 'elsewhere'
                            WHEN COALESCE(btrim(customer.city), '') != ''
                             AND lower(btrim(customer.city))
                                 = lower(btrim(COALESCE(company_address.city, '')))
                                THEN 'same_city'
                            ELSE 'same_province'
                       END AS region
                  FROM customer
                  JOIN res_company company ON company.id = customer.company_id
                  JOIN res_partner company_address
                    ON company_address.id = company.partner_id
            ), last_visit AS (
                SELECT r.partner_id,
                       MAX(r.visit_date) FILTER (WHERE r.visit_mode = 'onsite')
                           AS onsite,
                       MAX(r.visit_date) FILTER (WHERE r.visit_mode = 'phone')
                           AS phone
                  FROM visit_report r
                 WHERE %(visit_filter)s
                   AND r.state IN %(done_states)s
                   AND r.active
                   %(before_filter)s
              GROUP BY r.partner_id
            )
            SELECT located.id AS partner_id,
                   last_visit.onsite AS last_onsite,
                   last_visit.phone AS last_phone,
                   rule.visit_mode,
                   MIN(COALESCE(
                       (CASE rule.visit_mode
                            WHEN 'phone'
                                THEN GREATEST(last_visit.phone, last_visit.onsite)
                            ELSE last_visit.onsite
                        END + make_interval(months => rule.interval_months))::date,
                       located.created
                   )) FILTER (WHERE rule.id IS NOT NULL) AS due_date
              FROM located
         LEFT JOIN last_visit ON last_visit.partner_id = located.id
         LEFT JOIN visit_frequency_rule rule
                ON located.visit_tier IS NOT NULL
               AND rule.active
               AND (rule.company_id IS NULL OR rule.company_id = located.company_id)
               AND ((rule.kind = 'tier' AND rule.tier = located.visit_tier)
                    OR (rule.kind = 'region' AND rule.region = located.region))
          GROUP BY located.id, last_visit.onsite, last_visit.phone, rule.visit_mode
            """,
            customer_filter=customer_filter,
            visit_filter=visit_filter,
            main_company=self.env.ref("base.main_company").id,
            done_states=DONE_STATES,
            before_filter=before_filter,
        )

    @api.model
    def _due_dates(self, partners, before=None):
        """{partner id: {mode: due date}} for tiered customers, counting the visits
        done before `before` (all of them without it)."""
        due = defaultdict(dict)
        rows = self.env.execute_query(self._visit_dates_query(partners.ids, before))
        for partner_id, _onsite, _phone, mode, due_date in rows:
            if mode:
                due[partner_id][mode] = due_date
        return due

    @api.model
    def _visit_dates_by_partner(self, partner_ids):
        """{partner id: (last on-site visit, last phone visit, next due date)}."""
        rows = self.env.execute_query(
            SQL(
                "SELECT partner_id, last_onsite, last_phone, MIN(due_date)"
                "  FROM (%s) dates GROUP BY partner_id, last_onsite, last_phone",
                self._visit_dates_query(partner_ids),
            )
        )
        return {partner_id: tuple(dates) for partner_id, *dates in rows}
