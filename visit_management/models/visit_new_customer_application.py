# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime, time

import pytz
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import format_amount, format_date

from ..tools import client_action
from .visit_frequency_rule import DONE_STATES

# What the rep writes on a draft application; what the manager checked stays as
# it was once it is submitted.
APPLICATION_FIELDS = (
    "user_id",
    "company_id",
    "team_id",
    "partner_id",
    "discovery",
    "negotiation_history",
    "report_ids",
    "lead_ids",
    "expected_contribution",
    "expected_yearly_sales",
    "credit_standing",
    "support_needed",
    "first_deal_lead_id",
)


class VisitNewCustomerApplication(models.Model):
    """新客户开发申请表: a rep claims a customer as newly developed. The customer
    must have done no business with the company in the years before the first
    deal, and the application is filed within a delay after that deal."""

    _name = "visit.new.customer.application"
    _numbered = True
    _description = "New Customer Application"
    _inherit = ["mail.thread", "mail.activity.mixin", "visit.approval.mixin"]
    _order = "id desc"
    _check_company_auto = True
    _review_activity = "visit_management.mail_activity_visit_new_customer_review"
    _state_subtypes = {
        "submitted": "visit_management.mt_visit_application_submitted",
        "confirmed": "visit_management.mt_visit_application_confirmed",
        "refused": "visit_management.mt_visit_application_refused",
    }
    _user_fields = {"create": APPLICATION_FIELDS, "draft": APPLICATION_FIELDS}

    name = fields.Char(
        string="Reference", required=True, readonly=True, copy=False, default="/"
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("submitted", "Submitted"),
            ("confirmed", "Confirmed"),
            ("refused", "Refused"),
        ],
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
        group_expand=True,
    )
    partner_id = fields.Many2one(
        "res.partner",
        string="Customer",
        required=True,
        check_company=True,
        index=True,
        tracking=True,
        domain="[('is_company', '=', True)]",
        help="The customer as named on its invoicing details.",
    )
    currency_id = fields.Many2one(related="company_id.currency_id")
    # How the customer was developed (开拓经过)
    discovery = fields.Text(
        string="How the Customer Was Found",
        help="Where the information about the customer and its needs came from.",
    )
    negotiation_history = fields.Html(
        string="Contacts and Negotiations",
        help="How the two sides got in touch, and what was negotiated.",
    )
    report_ids = fields.Many2many(
        "visit.report",
        string="Visit Reports",
        domain="[('partner_id', '=', partner_id)]",
        help="The visits that developed the customer.",
    )
    lead_ids = fields.Many2many(
        "crm.lead",
        string="Opportunities",
        domain="[('partner_id', 'child_of', partner_id)]",
        help="The opportunities that developed the customer.",
    )
    # Assessment (评价)
    expected_contribution = fields.Text(
        help="What the customer will bring the company in the long run."
    )
    expected_yearly_sales = fields.Monetary()
    credit_standing = fields.Text(
        help="The customer's credit: payments on time, reputation."
    )
    support_needed = fields.Text(
        help="The support the rep needs from the company for this customer."
    )
    # First deal
    first_deal_lead_id = fields.Many2one(
        "crm.lead",
        string="First Deal",
        check_company=True,
        tracking=True,
        domain="[('partner_id', 'child_of', partner_id), ('won_status', '=', 'won')]",
        help="The won opportunity of the first deal with the customer.",
    )
    first_deal_date = fields.Date(
        compute="_compute_first_deal_date",
        store=True,
        help="The day of the first deal, in the rep's timezone.",
    )
    apply_deadline = fields.Date(
        string="Apply By",
        compute="_compute_apply_deadline",
        store=True,
        help="The last day the application is accepted: the company's delay "
        "after the first deal.",
    )
    # Eligibility, as the system checks it
    history_start = fields.Date(
        string="History Checked From",
        compute="_compute_history_window",
        help="The first day checked for business: the company's number of years "
        "before the first deal (before today without one), plus a day.",
    )
    history_end = fields.Date(
        string="History Checked Until",
        compute="_compute_history_window",
        help="The last day checked for business: the day before the first deal "
        "(yesterday without one).",
    )
    history_count = fields.Integer(
        string="Business Found",
        compute="_compute_history",
        help="Won opportunities, visit reports marked as business and (with Sales) "
        "confirmed sale orders of the customer in the years checked, samples "
        "excluded.",
    )
    history_html = fields.Html(
        string="History Checked", compute="_compute_history", sanitize=False
    )
    is_new_customer = fields.Boolean(compute="_compute_history")
    is_late = fields.Boolean(
        compute="_compute_is_late",
        help="Filed (or, for a draft, today) after the last day accepted.",
    )
    claimed_by_id = fields.Many2one(
        "visit.new.customer.application",
        string="Confirmed Application",
        compute="_compute_claimed_by_id",
        compute_sudo=True,
        help="The confirmed application that already holds this customer.",
    )
    eligibility_message = fields.Char(compute="_compute_eligibility_message")
    is_eligible = fields.Boolean(compute="_compute_eligibility_message")
    # Review
    submitted_date = fields.Datetime(readonly=True, copy=False)
    confirm_date = fields.Date(string="Confirmed On", readonly=True, copy=False)
    refuse_reason = fields.Text(string="Refusal Reason", readonly=True, copy=False)
    checked_history = fields.Html(
        string="History Checked at Confirmation",
        readonly=True,
        copy=False,
        sanitize=False,
        help="The business history the system showed when the application was "
        "confirmed, kept as it was.",
    )

    _partner_confirmed_uniq = models.UniqueIndex(
        "(partner_id) WHERE state = 'confirmed'",
        "This customer already has a confirmed new-customer application.",
    )

    @api.depends("first_deal_lead_id.date_closed", "user_id.tz")
    def _compute_first_deal_date(self):
        for application in self:
            application.first_deal_date = min(
                application._first_deal_dates(), default=False
            )

    def _first_deal_dates(self):
        """The days of the deals recorded as the first one (the sale bridge adds
        its order)."""
        self.ensure_one()
        closed = self.first_deal_lead_id.date_closed
        return [self._rep_day(closed)] if closed else []

    @api.depends("first_deal_date", "company_id.visit_new_customer_apply_days")
    def _compute_apply_deadline(self):
        for application in self:
            application.apply_deadline = application.first_deal_date and (
                application.first_deal_date
                + relativedelta(
                    days=application.company_id.visit_new_customer_apply_days
                )
            )

    @api.depends("first_deal_date", "company_id.visit_new_customer_years")
    def _compute_history_window(self):
        for application in self:
            start, end = application._history_window()
            application.history_start = start + relativedelta(days=1)
            application.history_end = end - relativedelta(days=1)

    @api.depends(
        "partner_id",
        "company_id",
        "first_deal_date",
        "first_deal_lead_id",
        "company_id.visit_new_customer_years",
    )
    def _compute_history(self):
        for application in self:
            if not application.partner_id:
                application.history_count = 0
                application.history_html = False
                application.is_new_customer = False
                continue
            sections = application._history_sections()
            application.history_count = sum(len(s["rows"]) for s in sections)
            application.is_new_customer = not application.history_count
            application.history_html = application._render_history(sections)

    @api.depends("state", "submitted_date", "apply_deadline")
    def _compute_is_late(self):
        for application in self:
            filed = application._filing_day()
            application.is_late = bool(
                application.apply_deadline and filed > application.apply_deadline
            )

    @api.depends("partner_id", "state")
    def _compute_claimed_by_id(self):
        confirmed = self.search(
            [("partner_id", "in", self.partner_id.ids), ("state", "=", "confirmed")]
        )
        holders = {application.partner_id: application for application in confirmed}
        for application in self:
            holder = holders.get(application.partner_id)
            application.claimed_by_id = (
                holder if holder and holder != application._origin else False
            )

    @api.depends(
        "partner_id",
        "first_deal_date",
        "apply_deadline",
        "is_late",
        "is_new_customer",
        "history_count",
        "claimed_by_id",
    )
    def _compute_eligibility_message(self):
        for application in self:
            message = application._eligibility_problem()
            application.is_eligible = bool(application.partner_id and not message)
            if application.partner_id and not message:
                company = application.company_id
                message = self.env._(
                    "New customer: no business with the company in the %(years)s "
                    "years before the first deal, and filed within %(days)s days of "
                    "it (by %(deadline)s).",
                    years=company.visit_new_customer_years,
                    days=company.visit_new_customer_apply_days,
                    deadline=format_date(self.env, application.apply_deadline),
                )
            application.eligibility_message = message

    # ------------------------------------------------------------------
    # Eligibility
    # ------------------------------------------------------------------
    def _rep_day(self, moment):
        """The day of a UTC datetime in the rep's timezone."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        return pytz.utc.localize(moment).astimezone(tz).date()

    def _rep_day_start(self, day):
        """The UTC datetime at which a day starts in the rep's timezone."""
        self.ensure_one()
        tz = pytz.timezone(self.user_id.tz or "UTC")
        start = tz.localize(datetime.combine(day, time.min))
        return start.astimezone(pytz.utc).replace(tzinfo=None)

    def _filing_day(self):
        """The day the application was filed: submitted, or today for a draft."""
        self.ensure_one()
        if self.submitted_date and self.state != "draft":
            return self._rep_day(self.submitted_date)
        return fields.Date.context_today(self.with_context(tz=self.user_id.tz))

    def _history_window(self):
        """(start, end): business counts when dated after the start and before
        the end. The end is the first deal (today without one); the start, the
        company's number of years before it. Business on the very day N years
        before the first deal is outside: the customer had N full years without
        business."""
        self.ensure_one()
        end = self.first_deal_date or fields.Date.context_today(self)
        years = self.company_id.visit_new_customer_years
        return end - relativedelta(years=years), end

    def _history_sections(self):
        """The business the customer did with the company in the window, by
        kind: [{"title": str, "rows": [{"date", "name", "user", "detail"}]}].
        Read as superuser: the rep must not see other reps' records, but the
        check covers them all."""
        self.ensure_one()
        start, end = self._history_window()
        leads = self._history_leads(start, end)
        reports = self._history_reports(start, end)
        return [
            {
                "title": self.env._("Won opportunities"),
                "rows": [
                    {
                        "date": self._rep_day(lead.date_closed),
                        "name": lead.name,
                        "user": lead.user_id.name or "",
                        "detail": format_amount(
                            self.env, lead.expected_revenue, lead.company_currency
                        )
                        if lead.company_currency
                        else "",
                    }
                    for lead in leads
                ],
            },
            {
                "title": self.env._("Visit reports marked as business"),
                "rows": [
                    {
                        "date": report.visit_date,
                        "name": report.name,
                        "user": report.user_id.name or "",
                        "detail": report.partner_id.name,
                    }
                    for report in reports
                ],
            },
        ]

    def _history_leads(self, start, end):
        """Won opportunities of the customer (or its contacts) closed in the
        window, the first deal itself excluded."""
        self.ensure_one()
        return (
            self.env["crm.lead"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.id),
                    ("won_status", "=", "won"),
                    ("id", "!=", self.first_deal_lead_id.id),
                    ("company_id", "in", [self.company_id.id, False]),
                    (
                        "date_closed",
                        ">=",
                        self._rep_day_start(start + relativedelta(days=1)),
                    ),
                    ("date_closed", "<", self._rep_day_start(end)),
                ],
                order="date_closed, id",
            )
        )

    def _history_reports(self, start, end):
        """Filed visit reports of the customer marked as business and not as
        samples only, in the window; archived ones count (archiving hides a
        visit, it does not undo it)."""
        self.ensure_one()
        return (
            self.env["visit.report"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("partner_id", "child_of", self.partner_id.id),
                    ("company_id", "=", self.company_id.id),
                    ("is_business", "=", True),
                    ("is_sample", "=", False),
                    ("state", "in", DONE_STATES),
                    ("visit_date", ">", start),
                    ("visit_date", "<", end),
                ],
                order="visit_date, id",
            )
        )

    def _render_history(self, sections):
        self.ensure_one()
        return self.env["ir.qweb"]._render(
            "visit_management.visit_new_customer_history",
            {
                "sections": sections,
                "start": format_date(self.env, self.history_start),
                "end": format_date(self.env, self.history_end),
                "format_date": lambda day: format_date(self.env, day),
            },
        )

    def _eligibility_problem(self):
        """Why the application cannot be submitted, or False."""
        self.ensure_one()
        if not self.partner_id:
            return False
        company = self.company_id
        if self.claimed_by_id:
            holder = self.claimed_by_id
            return self.env._(
                "%(partner)s was already developed by %(rep)s (application "
                "%(application)s, confirmed on %(date)s).",
                partner=self.partner_id.display_name,
                rep=holder.user_id.name,
                application=holder.name,
                date=format_date(self.env, holder.confirm_date),
            )
        if not self.first_deal_date:
            return self.env._(
                "Record the first deal: the won opportunity (or confirmed sale "
                "order) of the first business with %(partner)s.",
                partner=self.partner_id.display_name,
            )
        if self.is_late:
            return self.env._(
                "Too late: the first deal with %(partner)s was on %(date)s, and an "
                "application is accepted within %(days)s days of it, until "
                "%(deadline)s.",
                partner=self.partner_id.display_name,
                date=format_date(self.env, self.first_deal_date),
                days=company.visit_new_customer_apply_days,
                deadline=format_date(self.env, self.apply_deadline),
            )
        if not self.is_new_customer:
            return self.env._(
                "Not a new customer: %(partner)s did business with the company in "
                "the %(years)s years before the first deal (%(count)s records "
                "found, see the history checked).",
                partner=self.partner_id.display_name,
                years=company.visit_new_customer_years,
                count=self.history_count,
            )
        return False

    def _check_eligible(self):
        for application in self:
            problem = application._eligibility_problem()
            if problem:
                raise UserError(problem)

    # ------------------------------------------------------------------
    # CRUD
    # ------------------------------------------------------------------
    @api.ondelete(at_uninstall=False)
    def _unlink_except_filed(self):
        if any(application.state != "draft" for application in self):
            raise UserError(
                self.env._(
                    "Only draft applications can be deleted: filed ones are kept."
                )
            )

    def _track_subtype(self, init_values):
        self.ensure_one()
        return self._submission_subtype(init_values) or super()._track_subtype(
            init_values
        )

    # ------------------------------------------------------------------
    # Workflow
    # ------------------------------------------------------------------
    @client_action()
    def action_submit(self):
        self.check_access("write")
        for application in self:
            if application.state != "draft":
                raise UserError(
                    self.env._(
                        "Only a draft application can be submitted (%(application)s).",
                        application=application.name,
                    )
                )
        self._check_eligible()
        self._check_has_reviewer()
        now = fields.Datetime.now()
        for application in self:
            application.sudo().write(
                {"state": "submitted", "submitted_date": now, "refuse_reason": False}
            )
            application._schedule_review_activity(
                self.env._(
                    "Confirm the new customer %(partner)s",
                    partner=application.partner_id.name,
                ),
                fields.Date.context_today(application),
            )
        return True

    @client_action()
    def action_confirm(self):
        """The manager confirms after reading the history the system checked;
        the customer then counts as developed by the rep on this day."""
        self._check_review("submitted")
        self._check_eligible()
        today = fields.Date.context_today(self)
        for application in self:
            application._review(
                {
                    "state": "confirmed",
                    "confirm_date": today,
                    "checked_history": application.history_html,
                },
                self.env._(
                    "Your new customer %(partner)s was confirmed.",
                    partner=application.partner_id.name,
                ),
            )
        return True

    @client_action()
    def action_refuse(self):
        """Opens the wizard that asks for the reason."""
        self._check_review("submitted")
        return self._open_reason_wizard(self.env._("Refuse New Customer Application"))

    def _action_refuse(self, reason):
        return self._review(
            {"state": "refused", "refuse_reason": reason},
            self.env._(
                "Your new customer application was refused: %(reason)s", reason=reason
            ),
        )

    @client_action()
    def action_reset_to_draft(self):
        self.check_access("write")
        for application in self:
            if application.state not in ("submitted", "refused"):
                raise UserError(
                    self.env._(
                        "Only a submitted or refused application goes back to draft."
                    )
                )
        self.activity_unlink([self._review_activity])
        self.sudo().write({"state": "draft"})
        return True
