# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL, float_round

from ..tools import client_action, follow, run_in_batches, single_run
from .visit_frequency_rule import DONE_STATES, modes_done
from .visit_penalty_rule import CONSEQUENCES

# Reps whose month one transaction of the scheduled assessment computes.
ASSESSMENT_BATCH = 200

BANDS = [
    ("excellent", "Excellent"),
    ("good", "Good"),
    ("fair", "Fair"),
    ("poor", "Poor"),
    ("below_standard", "Below Standard"),
]
# The lowest final score of each band, best first; below the last: below standard.
BAND_FLOORS = (("excellent", 90), ("good", 80), ("fair", 70), ("poor", 60))
# Each weighted indicator: (rate, numerator, denominator, company weight).
INDICATORS = (
    (
        "coverage_rate",
        "coverage_done",
        "coverage_required",
        "visit_assessment_weight_coverage",
    ),
    (
        "plan_completion_rate",
        "plan_line_done_count",
        "plan_line_count",
        "visit_assessment_weight_plan",
    ),
    (
        "timeliness_rate",
        "report_on_time_count",
        "report_count",
        "visit_assessment_weight_timeliness",
    ),
    (
        "validity_rate",
        "report_valid_count",
        "report_count",
        "visit_assessment_weight_validity",
    ),
    (
        "in_place_rate",
        "onsite_in_place_count",
        "onsite_report_count",
        "visit_assessment_weight_in_place",
    ),
    (
        "key_contact_rate",
        "key_contact_ok_count",
        "key_customer_count",
        "visit_assessment_weight_key_contact",
    ),
    (
        "callback_rate",
        "callback_done_count",
        "callback_due_count",
        "visit_assessment_weight_callback",
    ),
)
# What the monthly computation writes; nobody else does.
# The counts the monthly computation stores, behind the rates.
COUNT_FIELDS = (
    "onsite_required",
    "onsite_done",
    "phone_required",
    "phone_done",
    "plan_line_count",
    "plan_line_done_count",
    "report_count",
    "report_on_time_count",
    "report_valid_count",
    "onsite_report_count",
    "onsite_in_place_count",
    "checkin_correction_count",
    "key_customer_count",
    "key_contact_ok_count",
    "urgent_report_count",
    "new_customer_count",
    "callback_due_count",
    "callback_done_count",
)
# What the rep's team leader (or an administrator) writes.
MANAGER_FIELDS = ("comment", "adjustment", "adjustment_reason")
RATE_HELP = " When nothing was required (0), the rate is 100 %."


def _rate(done, required):
    """Percent of the requirement met; 100 when nothing was required."""
    return 100.0 * done / required if required else 100.0


class VisitAssessment(models.Model):
    _name = "visit.assessment"
    _description = "Monthly Visit Assessment"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.write.guard"]
    # Everything else is the monthly computation's (action_recompute).
    _reviewer_fields = {"open": MANAGER_FIELDS}
    _order = "month desc, team_id, user_id"
    _check_company_auto = True

    name = fields.Char(compute="_compute_name", store=True)
    user_id = fields.Many2one(
        "res.users", string="Sales Rep", required=True, readonly=True, index=True
    )
    team_id = fields.Many2one(
        "crm.team",
        string="Sales Team",
        readonly=True,
        index=True,
        help="The rep's sales team when the assessment was computed.",
    )
    manager_id = fields.Many2one(
        "res.users",
        readonly=True,
        index=True,
        help="The leader of the rep's sales team when the assessment was computed.",
    )
    company_id = fields.Many2one(
        "res.company", required=True, readonly=True, index=True
    )
    month = fields.Date(
        required=True,
        readonly=True,
        index=True,
        help="The first day of the month assessed.",
    )
    computed_date = fields.Datetime(string="Computed On", readonly=True)
    # Coverage of the visits the rep's customers require
    onsite_required = fields.Integer(
        string="On-site Visits Required",
        readonly=True,
        help="Customers of the rep due for an on-site visit by the end of the month.",
    )
    onsite_done = fields.Integer(
        string="On-site Visits Done",
        readonly=True,
        help="Of them, the customers the rep visited on site in the month.",
    )
    phone_required = fields.Integer(
        string="Phone Visits Required",
        readonly=True,
        help="Customers of the rep due for a phone visit by the end of the month.",
    )
    phone_done = fields.Integer(
        string="Phone Visits Done",
        readonly=True,
        help="Of them, the customers the rep called or visited on site in the month.",
    )
    coverage_required = fields.Integer(
        string="Visits Required", compute="_compute_coverage_totals", store=True
    )
    coverage_done = fields.Integer(
        string="Visits Done", compute="_compute_coverage_totals", store=True
    )
    coverage_rate = fields.Float(
        string="Coverage (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Required visits (on-site and phone, by the customers' frequency "
        "rules) done in the month." + RATE_HELP,
    )
    coverage_summary = fields.Char(
        string="Done / Required", compute="_compute_coverage_summary"
    )
    coverage_baseline = fields.Float(
        string="Coverage Baseline (%)",
        readonly=True,
        digits=(5, 2),
        help="The company's baseline when the assessment was computed.",
    )
    below_baseline = fields.Boolean(
        string="Coverage Below Baseline",
        readonly=True,
        help="The coverage fell below the company's baseline: the computed score "
        "of the month is 0.",
    )
    # Plan completion
    plan_line_count = fields.Integer(
        string="Planned Visits",
        readonly=True,
        help="Visits planned in the month in approved plans.",
    )
    plan_line_done_count = fields.Integer(
        string="Planned Visits Reported",
        readonly=True,
        help="Of them, the visits with a submitted or approved report.",
    )
    plan_completion_rate = fields.Float(
        string="Plan Completion (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Planned visits of the month (approved plans) that were reported."
        + RATE_HELP,
    )
    # Reports of the month
    report_count = fields.Integer(
        string="Reports",
        readonly=True,
        help="Visits of the month with a submitted or approved report.",
    )
    report_on_time_count = fields.Integer(
        string="Reports on Time",
        readonly=True,
        help="Of them, the reports submitted before their deadline.",
    )
    timeliness_rate = fields.Float(
        string="Timeliness (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Reports of the month submitted before their deadline." + RATE_HELP,
    )
    report_valid_count = fields.Integer(
        string="Valid Visits",
        readonly=True,
        help="Reports of the month that are valid visits.",
    )
    validity_rate = fields.Float(
        string="Valid Visits (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="Visits of the month that are valid (not the same contact only two "
        "months in a row, unless a verification call passed)." + RATE_HELP,
    )
    onsite_report_count = fields.Integer(
        string="On-site Reports",
        readonly=True,
        help="On-site visits of the month with a submitted or approved report.",
    )
    onsite_in_place_count = fields.Integer(
        string="Visits in Place",
        readonly=True,
        help="Of them, the visits checked in at the customer.",
    )
    in_place_rate = fields.Float(
        string="In Place (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="On-site visits of the month checked in at the customer." + RATE_HELP,
    )
    checkin_correction_count = fields.Integer(
        string="Check-ins Needing Correction",
        readonly=True,
        help="On-site visits of the month checked in outside the zone whose "
        "reason the manager did not accept. Check-ins accepted count as in place.",
    )
    urgent_report_count = fields.Integer(
        string="Urgent Reports",
        readonly=True,
        help="Urgent reports among the visits of the month.",
    )
    new_customer_count = fields.Integer(
        string="New Customers Developed",
        readonly=True,
        help="The rep's new-customer applications confirmed in the month. Not part "
        "of the score.",
    )
    # Key contacts of A and B customers
    key_customer_count = fields.Integer(
        string="A/B Customers",
        readonly=True,
        help="The rep's customers of tiers A and B.",
    )
    key_contact_ok_count = fields.Integer(
        string="A/B Customers with Key Contacts",
        readonly=True,
        help="Of them, the customers with at least the company's minimum of key "
        "contacts on file.",
    )
    key_contact_rate = fields.Float(
        string="Key Contacts (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="A and B customers with enough key contacts on file." + RATE_HELP,
    )
    # After-sale callbacks of key customers
    callback_due_count = fields.Integer(
        string="Callbacks Due",
        readonly=True,
        help="After-sale callbacks due in the month (not cancelled).",
    )
    callback_done_count = fields.Integer(
        string="Callbacks Done on Time",
        readonly=True,
        help="Of them, the callbacks done by their due day.",
    )
    callback_rate = fields.Float(
        string="Callback Rate (%)",
        compute="_compute_rates",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="After-sale callbacks of the month done by their due day; the "
        "regulation asks for 100 %." + RATE_HELP,
    )
    # Score
    computed_score = fields.Float(
        readonly=True,
        aggregator="avg",
        digits=(5, 2),
        help="The rates weighted by the company's assessment weights when the "
        "assessment was computed; 0 when the coverage is below the baseline.",
    )
    penalty_ids = fields.One2many(
        "visit.assessment.penalty", "assessment_id", string="Penalties", readonly=True
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    penalty_points = fields.Float(
        compute="_compute_penalty_totals",
        store=True,
        digits=(5, 2),
        help="The points the penalty table deducts from the computed score.",
    )
    penalty_amount = fields.Monetary(
        compute="_compute_penalty_totals",
        store=True,
        help="The amounts of the penalty table, in the company's currency.",
    )
    consequence = fields.Selection(
        selection=CONSEQUENCES,
        compute="_compute_penalty_totals",
        store=True,
        help="The gravest consequence the penalty table names.",
    )
    adjustment = fields.Float(
        string="Manager Adjustment",
        tracking=True,
        digits=(5, 2),
        help="Points the rep's manager adds (or takes off, when negative).",
    )
    adjustment_reason = fields.Text(tracking=True)
    comment = fields.Html(string="Manager's Comment")
    final_score = fields.Float(
        compute="_compute_final_score",
        store=True,
        aggregator="avg",
        digits=(5, 2),
        help="The computed score, less the penalty points, plus the manager's "
        "adjustment, between 0 and 100.",
    )
    band = fields.Selection(
        selection=BANDS,
        compute="_compute_band",
        store=True,
        index=True,
        help="Excellent from 90, good from 80, fair from 70, poor from 60, below "
        "standard under 60 (final score).",
    )
    can_adjust = fields.Boolean(compute="_compute_can_adjust")

    _user_month_uniq = models.Constraint(
        "UNIQUE(user_id, month, company_id)",
        "A rep has one assessment per month and company.",
    )

    @api.depends("month", "user_id.name")
    def _compute_name(self):
        for assessment in self:
            month = assessment.month.strftime("%Y-%m") if assessment.month else ""
            assessment.name = f"{month} / {assessment.user_id.name or ''}"

    @api.depends("onsite_required", "onsite_done", "phone_required", "phone_done")
    def _compute_coverage_totals(self):
        for assessment in self:
            assessment.coverage_required = (
                assessment.onsite_required + assessment.phone_required
            )
            assessment.coverage_done = assessment.onsite_done + assessment.phone_done

    @api.depends(
        *(name for _rate_field, *counts, _weight in INDICATORS for name in counts)
    )
    def _compute_rates(self):
        for assessment in self:
            for rate, done, required, _weight in INDICATORS:
                assessment[rate] = _rate(assessment[done], assessment[required])

    @api.depends("coverage_done", "coverage_required")
    def _compute_coverage_summary(self):
        for assessment in self:
            assessment.coverage_summary = (
                f"{assessment.coverage_done} / {assessment.coverage_required}"
            )

    @api.depends("penalty_ids.points", "penalty_ids.amount", "penalty_ids.consequence")
    def _compute_penalty_totals(self):
        gravity = [key for key, _label in CONSEQUENCES]
        for assessment in self:
            penalties = assessment.penalty_ids
            assessment.penalty_points = sum(penalties.mapped("points"))
            assessment.penalty_amount = sum(penalties.mapped("amount"))
            assessment.consequence = max(
                penalties.mapped("consequence") or ["none"], key=gravity.index
            )

    @api.depends("computed_score", "penalty_points", "adjustment")
    def _compute_final_score(self):
        for assessment in self:
            score = (
                assessment.computed_score
                - assessment.penalty_points
                + assessment.adjustment
            )
            assessment.final_score = min(100.0, max(0.0, score))

    @api.depends("final_score")
    def _compute_band(self):
        for assessment in self:
            score = float_round(assessment.final_score, precision_digits=2)
            assessment.band = next(
                (band for band, floor in BAND_FLOORS if score >= floor),
                "below_standard",
            )

    @api.depends("user_id", "team_id.user_id")
    @api.depends_context("uid")
    def _compute_can_adjust(self):
        for assessment in self:
            assessment.can_adjust = assessment._can_adjust()

    @api.constrains("month")
    def _check_month(self):
        for assessment in self:
            if assessment.month.day != 1:
                raise ValidationError(
                    self.env._("An assessment's month starts on the 1st.")
                )

    @api.constrains("adjustment", "adjustment_reason")
    def _check_adjustment_reason(self):
        for assessment in self:
            if (
                assessment.adjustment
                and not (assessment.adjustment_reason or "").strip()
            ):
                raise ValidationError(
                    self.env._(
                        "Say why the score of %(assessment)s is adjusted.",
                        assessment=assessment.name,
                    )
                )

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    def write(self, vals):
        if set(MANAGER_FIELDS) & set(vals) and not self.env.su:
            # the rep hears of the manager's comment and adjustment
            for assessment in self:
                follow(assessment, assessment.user_id.partner_id)
        return super().write(vals)

    def _can_adjust(self):
        """Administrators, and the leader of the rep's team; never the rep."""
        self.ensure_one()
        return self.env.user._visit_reviews(self.user_id, self.team_id.user_id)

    def _guard_reviews(self):
        return self._can_adjust()

    # ------------------------------------------------------------------
    # Actions
    # ------------------------------------------------------------------
    @client_action()
    def action_recompute(self):
        """Recomputes these assessments from the visits as they are now."""
        self.check_access("write")
        by_month = defaultdict(set)
        for assessment in self:
            by_month[assessment.month].add(
                (assessment.user_id.id, assessment.company_id.id)
            )
        for month, pairs in by_month.items():
            self._compute_assessments(month, pairs)
        return True

    @client_action(single=True)
    def action_view_uncovered_partners(self):
        partners = self._uncovered_partners()[self]
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Customers Not Covered: %(assessment)s", assessment=self.name
            ),
            "res_model": "res.partner",
            "view_mode": "list,form",
            "views": [
                (
                    self.env.ref("visit_management.res_partner_view_list_visits").id,
                    "list",
                ),
                (False, "form"),
            ],
            "domain": [("id", "in", partners.ids)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_monthly_assessment(self):
        """Daily: on each company's assessment day, assesses the month before, by
        batches of reps; the reps assessed today already are not assessed again
        (a run cut short goes on with the others)."""
        today = fields.Date.context_today(self)
        self.env["visit.monthly.summary"]._cron_monthly_summaries(today)
        companies = (
            self.env["res.company"]
            .sudo()
            .search([("visit_assessment_day", "=", today.day)])
        )
        if not companies:
            return
        last_month = today.replace(day=1) - relativedelta(months=1)
        assessed_today = self.sudo().search_fetch(
            [
                ("month", "=", last_month),
                ("computed_date", ">=", fields.Datetime.to_datetime(today)),
            ],
            ["user_id", "company_id"],
        )
        pairs = self._assessed_pairs(last_month, companies) - {
            (assessment.user_id.id, assessment.company_id.id)
            for assessment in assessed_today
        }
        run_in_batches(
            self.env["res.users"],
            [("id", "in", list({user_id for user_id, _company in pairs}))],
            lambda reps: self._compute_assessments(
                last_month, {pair for pair in pairs if pair[0] in reps.ids}
            ),
            ASSESSMENT_BATCH,
        )

    @api.model
    def _assess_month(self, month_start, companies=None):
        """Computes and stores the month's assessment of every rep, in a fixed
        number of queries whatever the number of reps and customers. Running it
        again updates the assessments (the manager's comment and adjustment
        stay)."""
        month_start = fields.Date.to_date(month_start).replace(day=1)
        return self._compute_assessments(
            month_start, self._assessed_pairs(month_start, companies)
        )

    @api.model
    def _assessed_pairs(self, month_start, companies=None):
        """The (rep id, company id) pairs assessed for the month: the active
        internal visit users whose sales team is led by someone else, and whoever
        filed a visit report of the month; each is assessed in their team's
        company (else their own), and in each company they reported in."""
        month_end = month_start + relativedelta(months=1, days=-1)
        pairs = {
            (rep.id, rep._visit_company().id)
            for rep in self.env["res.users"].sudo()._visit_reps()
        }
        reporters = (
            self.env["visit.report"]
            .sudo()
            .with_context(active_test=True)
            ._read_group(
                [
                    ("state", "in", DONE_STATES),
                    ("visit_date", ">=", month_start),
                    ("visit_date", "<=", month_end),
                ],
                ["user_id", "company_id"],
            )
        )
        pairs |= {(user.id, company.id) for user, company in reporters}
        if companies is not None:
            pairs = {pair for pair in pairs if pair[1] in companies.ids}
        return pairs

    @api.model
    def _compute_assessments(self, month_start, pairs):
        """Creates or updates the assessments of a month for the (rep id, company
        id) pairs given; one query per indicator for all of them."""
        Assessment = self.sudo().with_context(tracking_disable=True)
        if not pairs:
            return Assessment
        month_end = month_start + relativedelta(months=1, days=-1)
        counts = defaultdict(lambda: defaultdict(int))
        Assessment._count_reports(month_start, month_end, pairs, counts)
        Assessment._count_plan_lines(month_start, month_end, pairs, counts)
        Assessment._count_new_customers(month_start, month_end, pairs, counts)
        Assessment._count_callbacks(month_start, month_end, pairs, counts)
        for pair, coverage in Assessment._coverage(month_start, pairs).items():
            counts[pair].update(coverage["counts"])
        users = self.env["res.users"].sudo().browse({user for user, _c in pairs})
        users.fetch(["sale_team_id"])
        users.sale_team_id.fetch(["user_id"])
        companies = self.env["res.company"].sudo().browse({c for _u, c in pairs})
        companies.fetch(
            [weight for *_numbers, weight in INDICATORS]
            + ["visit_assessment_coverage_baseline"]
        )
        existing = {
            (assessment.user_id.id, assessment.company_id.id): assessment
            for assessment in Assessment.search_fetch(
                [
                    ("month", "=", month_start),
                    ("user_id", "in", users.ids),
                    ("company_id", "in", companies.ids),
                ],
                ["user_id", "company_id"],
            )
        }
        rules = (
            self.env["visit.penalty.rule"]
            .sudo()
            .search([("company_id", "in", companies.ids)])
        )
        past = Assessment._past_counts(month_start, users, companies, rules)
        penalties = {}
        now = fields.Datetime.now()
        to_create = []
        assessments = Assessment.browse()
        for user_id, company_id in sorted(pairs):
            user = users.browse(user_id)
            company = companies.browse(company_id)
            values = {
                "team_id": user.sale_team_id.id,
                "manager_id": user.sale_team_id.user_id.id,
                "computed_date": now,
                **Assessment._score_values(counts[user_id, company_id], company),
            }
            penalties[user_id, company_id] = rules._penalties(
                rules.filtered(lambda rule, c=company: rule.company_id == c),
                month_start,
                values,
                past[user_id, company_id],
            )
            assessment = existing.get((user_id, company_id))
            if assessment:
                assessment.write(values)
                assessments |= assessment
            else:
                to_create.append(
                    {
                        "user_id": user_id,
                        "company_id": company_id,
                        "month": month_start,
                        **values,
                    }
                )
        assessments |= Assessment.create(to_create)
        Assessment._replace_penalties(assessments, penalties)
        return assessments

    @api.model
    def _replace_penalties(self, assessments, penalties):
        """The assessments' penalty lines, {(rep id, company id): lines}, in
        place of those of an earlier computation, in one batch."""
        self.env["visit.assessment.penalty"].sudo().search(
            [("assessment_id", "in", assessments.ids)]
        ).unlink()
        self.env["visit.assessment.penalty"].sudo().create(
            [
                {**line, "assessment_id": assessment.id}
                for assessment in assessments
                for line in penalties[assessment.user_id.id, assessment.company_id.id]
            ]
        )

    @api.model
    def _past_counts(self, month_start, users, companies, rules):
        """{(rep id, company id): {month: counts}} of the months before within
        the penalty rules' longest window, in one query."""
        past = defaultdict(dict)
        longest = max(rules.mapped("window_months") or [1])
        if longest > 1:
            for assessment in self.search_fetch(
                [
                    ("user_id", "in", users.ids),
                    ("company_id", "in", companies.ids),
                    ("month", "<", month_start),
                    ("month", ">=", month_start - relativedelta(months=longest - 1)),
                ],
                ["user_id", "company_id", "month", "below_baseline", *COUNT_FIELDS],
            ):
                key = (assessment.user_id.id, assessment.company_id.id)
                past[key][assessment.month] = assessment
        return past

    @api.model
    def _score_values(self, counts, company):
        """The stored indicator counts and the weighted score of one assessment."""
        values = {name: counts.get(name, 0) for name in COUNT_FIELDS}
        numbers = dict(
            values,
            coverage_required=values["onsite_required"] + values["phone_required"],
            coverage_done=values["onsite_done"] + values["phone_done"],
        )
        rates = {
            rate: _rate(numbers[done], numbers[required])
            for rate, done, required, _weight in INDICATORS
        }
        total_weight = sum(company[weight] for *_numbers, weight in INDICATORS)
        weighted = sum(
            company[weight] * rates[rate] for rate, _d, _r, weight in INDICATORS
        )
        baseline = company.visit_assessment_coverage_baseline
        below = float_round(rates["coverage_rate"], precision_digits=2) < baseline
        score = weighted / total_weight if total_weight else 0.0
        values.update(
            coverage_baseline=baseline,
            below_baseline=below,
            computed_score=0.0 if below else float_round(score, precision_digits=2),
        )
        return values

    @api.model
    def _count_reports(self, month_start, month_end, pairs, counts):
        """Reports of the month by rep and company, in one grouped query."""
        groups = (
            self.env["visit.report"]
            .sudo()
            .with_context(active_test=True)
            ._read_group(
                [
                    ("user_id", "in", list({user for user, _c in pairs})),
                    ("state", "in", DONE_STATES),
                    ("visit_date", ">=", month_start),
                    ("visit_date", "<=", month_end),
                    # how reports are filed: imported history was not filed here
                    ("imported", "=", False),
                ],
                [
                    "user_id",
                    "company_id",
                    "visit_mode",
                    "submitted_late",
                    "is_valid",
                    "in_place",
                    "is_urgent",
                    "geofence_decision",
                ],
                ["__count"],
            )
        )
        for (
            user,
            company,
            mode,
            late,
            valid,
            in_place,
            urgent,
            decision,
            count,
        ) in groups:
            pair = (user.id, company.id)
            if pair not in pairs:
                continue
            counts[pair]["report_count"] += count
            counts[pair]["report_on_time_count"] += 0 if late else count
            counts[pair]["report_valid_count"] += count if valid else 0
            counts[pair]["urgent_report_count"] += count if urgent else 0
            if mode == "onsite":
                counts[pair]["onsite_report_count"] += count
                counts[pair]["onsite_in_place_count"] += count if in_place else 0
                counts[pair]["checkin_correction_count"] += (
                    count if decision == "needs_correction" else 0
                )

    @api.model
    def _count_plan_lines(self, month_start, month_end, pairs, counts):
        """Visits planned in the month in approved plans, and those reported, by
        rep and company, in one query. The month is the rep's: a visit planned
        at 01:00 on the 1st in Shanghai belongs to that month."""
        self.env["visit.plan.line"].flush_model(
            ["plan_id", "user_id", "company_id", "planned_datetime", "is_done"]
        )
        self.env["visit.plan"].flush_model(["state"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT line.user_id, line.company_id, COUNT(*),
                       COUNT(*) FILTER (WHERE line.is_done)
                  FROM visit_plan_line line
                  JOIN visit_plan plan ON plan.id = line.plan_id
                  JOIN res_users rep ON rep.id = line.user_id
                  JOIN res_partner rep_partner ON rep_partner.id = rep.partner_id
                 WHERE plan.state = 'approved'
                   AND line.user_id = ANY(%(user_ids)s)
                   AND line.planned_datetime >= %(first)s - INTERVAL '1 day'
                   AND line.planned_datetime < %(last)s + INTERVAL '2 days'
                   AND (line.planned_datetime AT TIME ZONE 'UTC' AT TIME ZONE
                        COALESCE(NULLIF(rep_partner.tz, ''), 'UTC'))::date
                       BETWEEN %(first)s AND %(last)s
              GROUP BY line.user_id, line.company_id
                """,
                user_ids=list({user for user, _c in pairs}),
                first=month_start,
                last=month_end,
            )
        )
        for user_id, company_id, planned, done in rows:
            if (user_id, company_id) in pairs:
                counts[user_id, company_id]["plan_line_count"] += planned
                counts[user_id, company_id]["plan_line_done_count"] += done

    @api.model
    def _count_new_customers(self, month_start, month_end, pairs, counts):
        """New-customer applications confirmed in the month."""
        for pair, count in self._count_by_pair(
            "visit.new.customer.application",
            [
                ("state", "=", "confirmed"),
                ("confirm_date", ">=", month_start),
                ("confirm_date", "<=", month_end),
            ],
            pairs,
        ):
            counts[pair]["new_customer_count"] += count

    @api.model
    def _count_callbacks(self, month_start, month_end, pairs, counts):
        """After-sale callbacks due in the month and those done on time."""
        for pair, on_time, count in self._count_by_pair(
            "visit.customer.callback",
            [
                ("state", "!=", "cancelled"),
                ("due_date", ">=", month_start),
                ("due_date", "<=", month_end),
            ],
            pairs,
            ["done_on_time"],
        ):
            counts[pair]["callback_due_count"] += count
            counts[pair]["callback_done_count"] += count if on_time else 0

    @api.model
    def _count_by_pair(self, model, domain, pairs, groupby=()):
        """[((rep id, company id), *groups, count)]: the records of `model`
        matching `domain` of the reps of `pairs`, counted by rep, company and
        `groupby` in one grouped query."""
        groups = (
            self.env[model]
            .sudo()
            ._read_group(
                [("user_id", "in", list({user for user, _c in pairs})), *domain],
                ["user_id", "company_id", *groupby],
                ["__count"],
            )
        )
        return [
            ((user.id, company.id), *rest)
            for user, company, *rest in groups
            if (user.id, company.id) in pairs
        ]

    @api.model
    def _coverage(self, month_start, pairs):
        """{(rep id, company id): {"counts": {indicator: n}, "uncovered": partner
        ids}} for the rep's customers (tiered companies whose salesperson they
        are, of that company or of none, created by the end of the month).

        A mode is required when the customer's frequency rules make it due by
        the end of the month, counting the visits done before it; it is done when
        the rep made a visit of that mode in the month (an on-site visit also
        counts as the call). Four queries for all the reps."""
        month_end = month_start + relativedelta(months=1, days=-1)
        next_month = month_end + relativedelta(days=1)
        user_ids = list({user for user, _c in pairs})
        Partner = self.env["res.partner"].sudo().with_context(active_test=True)
        partners = Partner.search_fetch(
            Partner._visit_customers_domain(
                self.env["res.users"].browse(user_ids), created_before=next_month
            ),
            ["user_id", "company_id", "visit_tier", "visit_key_contact_count"],
        )
        due_dates = self.env["visit.frequency.rule"]._due_dates(
            partners, before=month_start
        )
        visited = defaultdict(set)  # (rep id, partner id): modes
        groups = (
            self.env["visit.report"]
            .sudo()
            .with_context(active_test=True)
            ._read_group(
                [
                    ("partner_id", "in", partners.ids),
                    ("user_id", "in", user_ids),
                    ("state", "in", DONE_STATES),
                    ("visit_date", ">=", month_start),
                    ("visit_date", "<=", month_end),
                ],
                ["user_id", "partner_id", "visit_mode"],
                ["__count"],
            )
        )
        for user, partner, mode, _count in groups:
            visited[user.id, partner.id] |= modes_done({mode})
        companies = self.env["res.company"].sudo().browse({c for _u, c in pairs})
        companies.fetch(["visit_key_contact_minimum"])
        minimum = {
            company.id: company.visit_key_contact_minimum for company in companies
        }
        rep_companies = defaultdict(list)
        for user_id, company_id in pairs:
            rep_companies[user_id].append(company_id)
        result = {pair: {"counts": defaultdict(int), "uncovered": []} for pair in pairs}
        for partner in partners:
            rep_id = partner.user_id.id
            for company_id in partner._visit_counts_in(rep_companies[rep_id]):
                coverage = result.get((rep_id, company_id))
                if coverage is None:
                    continue
                counts = coverage["counts"]
                done_modes = visited[rep_id, partner.id]
                missing = False
                for mode, due in due_dates.get(partner.id, {}).items():
                    if due <= month_end:
                        counts[f"{mode}_required"] += 1
                        if mode in done_modes:
                            counts[f"{mode}_done"] += 1
                        else:
                            missing = True
                if missing:
                    coverage["uncovered"].append(partner.id)
                if partner.visit_tier in ("a", "b"):
                    counts["key_customer_count"] += 1
                    if partner.visit_key_contact_count >= minimum[company_id]:
                        counts["key_contact_ok_count"] += 1
        return result

    def _uncovered_partners(self):
        """{assessment: customers with a visit required in the month and not
        done}, computed now from the visits (not stored)."""
        by_month = defaultdict(lambda: self.browse())
        for assessment in self:
            by_month[assessment.month] |= assessment
        result = {}
        Partner = self.env["res.partner"]
        for month, assessments in by_month.items():
            pairs = {(a.user_id.id, a.company_id.id) for a in assessments}
            coverage = self._coverage(month, pairs)
            for assessment in assessments:
                pair = (assessment.user_id.id, assessment.company_id.id)
                result[assessment] = Partner.browse(coverage[pair]["uncovered"])
        return result

    # ------------------------------------------------------------------
    # Monthly visit report (PDF)
    # ------------------------------------------------------------------
    def _monthly_report_groups(self):
        """The assessments by month and team, each group with its urgent reports of
        the month and each rep's uncovered customers, for the printed report."""
        uncovered = self._uncovered_partners()
        groups = defaultdict(lambda: self.browse())
        for assessment in self.sorted(
            lambda a: (a.month, a.team_id.name or "", a.user_id.name or "")
        ):
            groups[assessment.month, assessment.team_id] |= assessment
        urgent = (
            self.env["visit.report"]
            .sudo()
            .with_context(active_test=True)
            .search(
                [
                    ("is_urgent", "=", True),
                    ("state", "in", DONE_STATES),
                    ("user_id", "in", self.user_id.ids),
                    ("visit_date", ">=", min(self.mapped("month"), default=False)),
                    (
                        "visit_date",
                        "<",
                        max(self.mapped("month"), default=False)
                        + relativedelta(months=1),
                    ),
                ],
                order="visit_date, id",
            )
            if self
            else self.env["visit.report"]
        )
        result = []
        for (month, team), assessments in groups.items():
            next_month = month + relativedelta(months=1)
            keys = {(a.user_id, a.company_id) for a in assessments}
            result.append(
                {
                    "month": month,
                    "team": team,
                    "assessments": assessments,
                    "urgent_reports": urgent.filtered(
                        lambda r, keys=keys, month=month, next_month=next_month: (
                            (r.user_id, r.company_id) in keys
                            and month <= r.visit_date < next_month
                        )
                    ),
                    "uncovered": {a.id: uncovered[a] for a in assessments},
                }
            )
        return result

    def _indicator_text(self, done, required, rate):
        """'12 / 15 (80 %)' for the printed report."""
        self.ensure_one()
        return f"{self[done]} / {self[required]} ({self[rate]:.0f} %)"
