# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta
from functools import partial

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from ..tools import (
    REMINDER_BATCH,
    client_action,
    run_in_batches,
    set_flags,
    single_run,
)
from .visit_frequency_rule import modes_done

# What the rep writes on a plan until it is submitted.
PLAN_FIELDS = (
    "user_id",
    "company_id",
    "team_id",
    "period_type",
    "date_start",
    "line_ids",
)


# In the context of the plans the reminders make for the reps: their computed
# fields are given by _precompute_reps_plans.
REPS_PLANS = "visit_management.reps_plans"


def _next_month_start(today):
    return today.replace(day=1) + relativedelta(months=1)


def _plan_name(period_type, date_start, rep_name):
    if period_type == "week":
        year, week, _day = date_start.isocalendar()
        period = f"{year}-W{week:02d}"
    else:
        period = date_start.strftime("%Y-%m")
    return f"{period} / {rep_name or ''}"


def _period_end(period_type, date_start):
    if period_type == "week":
        return date_start + timedelta(days=6)
    return date_start + relativedelta(months=1, days=-1)


def _submission_deadline(period_type, date_start):
    """Monthly plans are due by the last day of the month before; weekly plans
    by the Monday they start."""
    if period_type == "week":
        return date_start
    return date_start - timedelta(days=1)


class VisitPlan(models.Model):
    _name = "visit.plan"
    _description = "Visit Plan"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.approval.mixin"]
    _order = "date_start desc, user_id"
    _check_company_auto = True
    _review_activity = "visit_management.mail_activity_visit_plan_approval"
    _state_subtypes = {
        "submitted": "visit_management.mt_visit_plan_submitted",
        "approved": "visit_management.mt_visit_plan_approved",
        "rejected": "visit_management.mt_visit_plan_rejected",
    }
    _visit_dates = ("date_start",)
    _user_fields = {"create": PLAN_FIELDS, "draft": PLAN_FIELDS}
    # the team leader adjusts the planned visits of a plan he reviews
    _reviewer_fields = {"submitted": ("line_ids",), "approved": ("line_ids",)}

    name = fields.Char(compute="_compute_name", store=True, precompute=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    period_type = fields.Selection(
        selection=[("month", "Monthly"), ("week", "Weekly")],
        string="Periodicity",
        required=True,
        default="month",
    )
    date_start = fields.Date(
        string="Period Start",
        required=True,
        default=lambda self: self._default_date_start(),
        tracking=True,
    )
    date_end = fields.Date(
        string="Period End", compute="_compute_date_end", store=True, precompute=True
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("approved", "Approved"),
            ("rejected", "Rejected"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    submission_deadline = fields.Date(
        compute="_compute_submission_deadline",
        store=True,
        precompute=True,
        help="Monthly plans are due by the last day of the month before; weekly "
        "plans by the Monday they start.",
    )
    submitted_date = fields.Datetime(readonly=True, copy=False)
    submitted_late = fields.Boolean(readonly=True, copy=False, tracking=True)
    submission_count = fields.Integer(
        string="Submissions", readonly=True, copy=False, tracking=True
    )
    reject_reason = fields.Text(string="Rejection Reason", readonly=True, copy=False)
    rep_reminded = fields.Boolean(
        readonly=True, copy=False, help="The rep was reminded to submit the plan."
    )
    manager_reminded = fields.Boolean(
        readonly=True,
        copy=False,
        help="The manager was told the plan was missing on its deadline.",
    )
    line_ids = fields.One2many("visit.plan.line", "plan_id", string="Planned Visits")
    line_count = fields.Integer(
        compute="_compute_completion", store=True, precompute=True
    )
    done_line_count = fields.Integer(
        string="Visits Reported",
        compute="_compute_completion",
        store=True,
        precompute=True,
    )
    completion_rate = fields.Float(
        string="Completion (%)",
        compute="_compute_completion",
        store=True,
        precompute=True,
        aggregator="avg",
    )
    budget_total = fields.Monetary(
        string="Gift & Entertainment Budget", compute="_compute_budget_total"
    )
    uncovered_partner_ids = fields.Many2many(
        "res.partner",
        string="Customers Not Covered",
        compute="_compute_uncovered_partner_ids",
        help="Customers of the rep whose required visits in the period have no line.",
    )

    _user_period_uniq = models.Constraint(
        "UNIQUE(user_id, period_type, date_start, company_id)",
        "A rep has one plan per period and company.",
    )

    def _add_precomputed_values(self, vals_list):
        """The plans the reminders make for the reps get their computed
        fields here for the whole batch, by the rules of their computes: the
        ORM would make a new record of each to compute them, a quarter of the
        reminders' run."""
        if self.env.context.get(REPS_PLANS):
            self._precompute_reps_plans(vals_list)
        return super()._add_precomputed_values(vals_list)

    @api.model
    def _precompute_reps_plans(self, vals_list):
        reps = self.env["res.users"].browse({vals["user_id"] for vals in vals_list})
        # read in one go for all of them, as they are iterated together
        rep_of = {rep.id: (rep.name, rep.sale_team_id) for rep in reps}
        for vals in vals_list:
            rep_name, team = rep_of[vals["user_id"]]
            period = (vals["period_type"], vals["date_start"])
            precomputed = {
                "name": _plan_name(*period, rep_name),
                "date_end": _period_end(*period),
                "submission_deadline": _submission_deadline(*period),
                "team_id": team.id,
                "manager_id": team.user_id.id,
                # a new plan: no planned visit yet
                "line_count": 0,
                "done_line_count": 0,
                "completion_rate": 0.0,
            }
            vals["__precomputed__"] = {
                self._fields[name] for name in precomputed if name not in vals
            }
            for name, value in precomputed.items():
                vals.setdefault(name, value)

    def _default_date_start(self):
        """The first month from next month the user has no plan for: a new plan
        never starts on a month that has one."""
        return self._first_month_to_plan(self.env.user, self.env.company)

    @api.depends("user_id.name", "period_type", "date_start")
    def _compute_name(self):
        for plan in self:
            plan.name = plan.date_start and _plan_name(
                plan.period_type, plan.date_start, plan.user_id.name
            )

    @api.depends("period_type", "date_start")
    def _compute_date_end(self):
        for plan in self:
            plan.date_end = plan.date_start and _period_end(
                plan.period_type, plan.date_start
            )

    @api.depends("period_type", "date_start")
    def _compute_submission_deadline(self):
        for plan in self:
            plan.submission_deadline = plan.date_start and _submission_deadline(
                plan.period_type, plan.date_start
            )

    @api.depends("line_ids.is_done")
    def _compute_completion(self):
        for plan in self:
            plan.line_count = len(plan.line_ids)
            plan.done_line_count = len(plan.line_ids.filtered("is_done"))
            plan.completion_rate = (
                100.0 * plan.done_line_count / plan.line_count
                if plan.line_count
                else 0.0
            )

    @api.depends("line_ids.budget_amount")
    def _compute_budget_total(self):
        for plan in self:
            plan.budget_total = sum(plan.line_ids.mapped("budget_amount"))

    @api.depends(
        "user_id",
        "company_id",
        "date_end",
        "line_ids.partner_id",
        "line_ids.visit_mode",
    )
    def _compute_uncovered_partner_ids(self):
        Partner = self.env["res.partner"]
        claimed = Partner.search(Partner._visit_customers_domain(self.user_id))
        due_dates = self.env["visit.frequency.rule"]._due_dates(claimed)
        for plan in self:
            customers = claimed.filtered(
                lambda partner, plan=plan: (
                    partner.user_id == plan.user_id
                    and plan.company_id.id
                    in partner._visit_counts_in(plan.company_id.ids)
                )
            )
            plan.uncovered_partner_ids = customers.filtered(
                lambda partner, plan=plan: (
                    not plan._covers(partner, due_dates.get(partner.id, {}))
                )
            )

    def _covers(self, partner, due_by_mode):
        """Whether the plan has a visit of each mode the customer is due for by the
        end of the period. An on-site visit also counts as the phone call."""
        self.ensure_one()
        if not self.date_end:
            return True
        modes = modes_done(
            self.line_ids.filtered(lambda line: line.partner_id == partner).mapped(
                "visit_mode"
            )
        )
        return all(
            mode in modes for mode, due in due_by_mode.items() if due <= self.date_end
        )

    @api.constrains("date_start", "period_type")
    def _check_period_start(self):
        for plan in self:
            if plan.period_type == "month" and plan.date_start.day != 1:
                raise ValidationError(self.env._("A monthly plan starts on the 1st."))
            if plan.period_type == "week" and plan.date_start.weekday() != 0:
                raise ValidationError(self.env._("A weekly plan starts on a Monday."))
        # a moved period must still hold every planned visit
        self.line_ids._check_planned_in_period()

    @api.onchange("period_type")
    def _onchange_period_type(self):
        """Moves the start to the period's first day: the 1st, or the next Monday."""
        if not self.date_start:
            return
        if self.period_type == "week":
            self.date_start += timedelta(days=-self.date_start.weekday() % 7)
        else:
            self.date_start = self.date_start.replace(day=1)

    @api.onchange("user_id", "company_id", "period_type", "date_start")
    def _onchange_period_planned(self):
        """Warns as soon as the period is one the rep has a plan for, before a
        visit is typed into a plan that could not be saved."""
        if not (self.user_id and self.date_start):
            return None
        planned = (
            self._period_plans(
                self.user_id, self.company_id, self.period_type, [self.date_start]
            )
            - self._origin
        )
        if not planned:
            return None
        return {
            "warning": {
                "title": self.env._("This period has a plan"),
                "message": self.env._(
                    "%(plan)s already exists: open it from the visit plans instead "
                    "of planning the period again.",
                    plan=planned[0].name,
                ),
            }
        }

    @api.ondelete(at_uninstall=False)
    def _unlink_except_not_draft(self):
        if any(plan.state != "draft" for plan in self):
            raise UserError(self.env._("Only draft plans can be deleted."))

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._submission_subtype(init_values) or super()._track_subtype(
            init_values
        )

    @client_action()
    def action_submit(self):
        self.check_access("write")
        self._lock_for_step()
        for plan in self:
            if plan.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft plan can be submitted (%(plan)s).", plan=plan.name
                    )
                )
            if not plan.line_ids:
                raise UserError(
                    self.env._("Add at least one planned visit before submitting.")
                )
            plan._check_has_reviewer()
        now = fields.Datetime.now()
        for plan in self:
            plan.sudo().write(
                {
                    "state": "submitted",
                    "submitted_date": now,
                    "submitted_late": fields.Date.context_today(plan, now)
                    > plan.submission_deadline,
                    "submission_count": plan.submission_count + 1,
                    "reject_reason": False,
                }
            )
            plan._schedule_review_activity(
                self.env._("Approve the visit plan %(plan)s", plan=plan.name),
                plan.submission_deadline,
            )
        return True

    @client_action()
    def action_approve(self):
        self._review({"state": "approved"}, self.env._("Your visit plan was approved."))
        self.line_ids._sync_calendar_events()
        return True

    @client_action()
    def action_reject(self):
        """Opens the wizard that asks for the reason."""
        self._check_review("submitted")
        return self._open_reason_wizard(self.env._("Reject Visit Plan"))

    def _action_refuse(self, reason):
        return self._review(
            {"state": "rejected", "reject_reason": reason},
            self.env._("Your visit plan was rejected: %(reason)s", reason=reason),
        )

    @api.model
    def _action_new_plan(self):
        """What New opens on the visit plans (the kanban's on_create): the
        user's plan of the first month from next month not submitted or
        approved yet, the draft (or rejected) one when that month has it, so
        that no visit is typed into a second plan of a planned month; else a
        new plan, which starts on that month by default."""
        month = self._first_month_to_plan(
            self.env.user, self.env.company, skip_states=("submitted", "approved")
        )
        plan = self._period_plans(self.env.user, self.env.company, "month", [month])
        return {
            "type": "ir.actions.act_window",
            "name": plan.name or self.env._("New Visit Plan"),
            "res_model": self._name,
            "res_id": plan[:1].id,
            "views": [(False, "form")],
            "target": "current",
        }

    @api.model
    def _period_plans(self, user, company, period_type, starts):
        return self.search(
            [
                ("user_id", "=", user.id),
                ("company_id", "=", company.id),
                ("period_type", "=", period_type),
                ("date_start", "in", starts),
            ]
        )

    @api.model
    def _first_month_to_plan(self, user, company, skip_states=None):
        """The first month from next month the user has no monthly plan for,
        or only one in skip_states when given."""
        month = _next_month_start(fields.Date.context_today(self))
        plans = self.search(
            [
                ("user_id", "=", user.id),
                ("company_id", "=", company.id),
                ("period_type", "=", "month"),
                ("date_start", ">=", month),
            ]
        )
        if skip_states:
            plans = plans.filtered(lambda plan: plan.state in skip_states)
        planned = set(plans.mapped("date_start"))
        while month in planned:
            month += relativedelta(months=1)
        return month

    # ------------------------------------------------------------------
    # Scheduled action: plan reminders
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_plan_reminders(self):
        """Before the deadline of next month's plans, reminds each rep who has not
        submitted theirs (once, on a draft plan made ready for them); on the
        deadline, gives each manager one list of the plans still missing."""
        today = fields.Date.context_today(self)
        next_month = _next_month_start(today)
        deadline = next_month - timedelta(days=1)
        reps = self.env["res.users"]._visit_reps()
        reps = reps.filtered(
            lambda rep: (
                (deadline - today).days <= rep._visit_company().visit_plan_reminder_days
            )
        )
        missing = self._missing_plans(reps, next_month)
        finished = run_in_batches(
            self,
            [("id", "in", missing.ids), ("rep_reminded", "=", False)],
            partial(self._remind_reps, deadline),
            REMINDER_BATCH,
        )
        if finished and today == deadline:
            run_in_batches(
                self,
                [("id", "in", missing.ids), ("manager_reminded", "=", False)],
                partial(self._remind_managers, next_month),
                REMINDER_BATCH,
            )

    @api.model
    def _remind_reps(self, deadline, plans):
        self.env["mail.activity"]._visit_schedule(
            plans,
            "visit_management.mail_activity_visit_plan_reminder",
            lambda plan: plan.user_id,
            lambda plan, env: env._(
                "Submit your visit plan for %(month)s by %(deadline)s",
                month=plan.date_start.strftime("%Y-%m"),
                deadline=deadline,
            ),
        )
        set_flags(plans, "rep_reminded")

    @api.model
    def _remind_managers(self, month_start, plans):
        self.env["mail.activity"]._visit_post_lists_by(
            "visit_management.mail_activity_visit_plan_reminder",
            plans,
            lambda plan: plan.manager_id,
            lambda env: env._(
                "Visit plans for %(month)s not submitted by the deadline",
                month=month_start.strftime("%Y-%m"),
            ),
        )
        set_flags(plans, "manager_reminded")

    @api.model
    def _missing_plans(self, reps, month_start):
        """The monthly plans of these reps for that month that are not submitted
        (draft or rejected), creating a draft where a rep has none yet."""
        plans = self.sudo().search(
            [
                ("user_id", "in", reps.ids),
                ("period_type", "=", "month"),
                ("date_start", "=", month_start),
            ]
        )
        planned = {(plan.user_id, plan.company_id) for plan in plans}
        # made for the reps: their reminder is what tells them, not a "created"
        # note and an "assigned to you" email per plan, and it subscribes them
        # all at once (Odoo's chatter subscribes each plan's rep on its own)
        plans |= (
            self.sudo()
            .with_context(tracking_disable=True, **{REPS_PLANS: True})
            .create(
                [
                    {
                        "user_id": rep.id,
                        "company_id": rep._visit_company().id,
                        "period_type": "month",
                        "date_start": month_start,
                    }
                    for rep in reps
                    if (rep, rep._visit_company()) not in planned
                ]
            )
        )
        return plans.filtered(lambda plan: plan.state in ("draft", "rejected"))

    @client_action()
    def action_reset_to_draft(self):
        self.check_access("write")
        for plan in self:
            if plan.state not in ("submitted", "rejected"):
                raise UserError(
                    self.env._("Only a submitted or rejected plan goes back to draft.")
                )
        self.activity_unlink([self._review_activity])
        self.sudo().write({"state": "draft"})
        return True
