# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .selections import TIERS

# Customers whose dates one transaction of the due-dates cron recomputes.
DUE_DATES_BATCH = 10000
# Where an interrupted run of the cron stopped: "<day>/<last partner id>".
DUE_DATES_RESUME_PARAM = "visit_management.due_dates_resume"


class ResPartner(models.Model):
    _inherit = "res.partner"

    visit_tier = fields.Selection(
        selection=TIERS,
        string="Customer Tier",
        tracking=True,
        index=True,
        help="Customer grade by nature, size, sales volume and growth trend: "
        "it sets how often the customer must be visited.",
    )
    # only for visit users: others have no access to visit reports
    visit_report_ids = fields.One2many(
        "visit.report",
        "partner_id",
        string="Visit Reports",
        groups="visit_management.group_visit_user",
    )
    visit_report_count = fields.Integer(
        string="Visits",
        compute="_compute_visit_report_count",
        groups="visit_management.group_visit_user",
    )
    visit_key_contact = fields.Boolean(
        string="Key Contact",
        help="A key person of the customer (decision maker, buyer, ...).",
    )
    visit_key_contact_count = fields.Integer(
        string="Key Contacts", compute="_compute_visit_key_contact_count", store=True
    )
    visit_key_contact_warning = fields.Boolean(
        string="Too Few Key Contacts", compute="_compute_visit_key_contact_warning"
    )
    last_visit_date = fields.Date(
        string="Last Visit", compute="_compute_visit_dates", store=True
    )
    last_onsite_visit_date = fields.Date(
        string="Last On-site Visit", compute="_compute_visit_dates", store=True
    )
    last_phone_visit_date = fields.Date(
        string="Last Phone Visit", compute="_compute_visit_dates", store=True
    )
    next_visit_date = fields.Date(
        string="Next Visit Due",
        compute="_compute_visit_dates",
        store=True,
        index=True,
        help="The earliest date a visit is due under the frequency rules of the "
        "customer's tier (and region, when the company uses region rules).",
    )
    visit_overdue = fields.Boolean(
        compute="_compute_visit_overdue",
        search="_search_visit_overdue",
    )
    visit_overdue_notified_date = fields.Date(
        string="Overdue Notice Sent",
        readonly=True,
        copy=False,
        help="When the rep was told this customer's visit is overdue; cleared once "
        "the customer is visited, so the next overdue visit is told again.",
    )

    visit_new_customer_application_ids = fields.One2many(
        "visit.new.customer.application",
        "partner_id",
        string="New Customer Applications",
        groups="visit_management.group_visit_user",
    )
    visit_developed_by_id = fields.Many2one(
        "res.users",
        string="Developed By",
        compute="_compute_visit_developed",
        store=True,
        help="The rep whose new-customer application for this customer was confirmed.",
    )
    visit_developed_date = fields.Date(
        string="Developed On",
        compute="_compute_visit_developed",
        store=True,
        help="The day the new-customer application was confirmed.",
    )

    def _compute_visit_report_count(self):
        counts = dict(
            self.env["visit.report"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.visit_report_count = counts.get(partner, 0)

    @api.depends(
        "visit_new_customer_application_ids.state",
        "visit_new_customer_application_ids.confirm_date",
        "visit_new_customer_application_ids.user_id",
    )
    def _compute_visit_developed(self):
        confirmed = (
            self.env["visit.new.customer.application"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", [pid for pid in self._origin.ids if pid]),
                    ("state", "=", "confirmed"),
                ]
            )
        )
        by_partner = {
            application.partner_id.id: application for application in confirmed
        }
        for partner in self:
            application = by_partner.get(partner._origin.id)
            partner.visit_developed_by_id = (
                application.user_id if application else False
            )
            partner.visit_developed_date = (
                application.confirm_date if application else False
            )

    @api.depends("child_ids.visit_key_contact", "child_ids.active")
    def _compute_visit_key_contact_count(self):
        # every active key contact counts, whoever triggers the recomputation
        counts = dict(
            self.sudo()
            .with_context(active_test=True)
            ._read_group(
                [("parent_id", "in", self.ids), ("visit_key_contact", "=", True)],
                ["parent_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.visit_key_contact_count = counts.get(partner, 0)

    @api.depends(
        "visit_tier",
        "visit_key_contact_count",
        "company_id.visit_key_contact_minimum",
    )
    @api.depends_context("company")
    def _compute_visit_key_contact_warning(self):
        for partner in self:
            minimum = (partner.company_id or self.env.company).visit_key_contact_minimum
            partner.visit_key_contact_warning = (
                partner.visit_tier in ("a", "b")
                and partner.visit_key_contact_count < minimum
            )

    @api.depends(
        "visit_tier",
        "city",
        "state_id",
        "company_id",
        "user_id",
        "visit_report_ids.state",
        "visit_report_ids.visit_date",
        "visit_report_ids.visit_mode",
    )
    def _compute_visit_dates(self):
        today = fields.Date.context_today(self)
        dates = self.env["visit.frequency.rule"]._visit_dates_by_partner(self.ids)
        for partner in self:
            if not partner.id:  # a new record in a form: due from today
                last_onsite = last_phone = False
                next_due = partner.visit_tier and today
            else:
                last_onsite, last_phone, next_due = dates.get(partner.id)
            partner.last_onsite_visit_date = last_onsite
            partner.last_phone_visit_date = last_phone
            partner.last_visit_date = max(
                filter(None, [last_onsite, last_phone]), default=False
            )
            partner.next_visit_date = next_due

    @api.depends("next_visit_date")
    def _compute_visit_overdue(self):
        today = fields.Date.context_today(self)
        for partner in self:
            partner.visit_overdue = bool(
                partner.next_visit_date and partner.next_visit_date < today
            )

    def _search_visit_overdue(self, operator, value):
        if operator != "in":
            return NotImplemented
        today = fields.Date.context_today(self)
        overdue = Domain("next_visit_date", "<", today)
        not_overdue = Domain("next_visit_date", "=", False) | Domain(
            "next_visit_date", ">=", today
        )
        domains = [overdue if flag else not_overdue for flag in set(value)]
        return Domain.OR(domains)

    # ------------------------------------------------------------------
    # Scheduled action: due and overdue visits
    # ------------------------------------------------------------------
    @api.model
    def _cron_visit_due_dates(self):
        """Recomputes the stored visit dates of every tiered customer in batches,
        then tells each rep, in one activity, which of their customers became
        overdue. Each batch is committed: a run stopped by its time limit resumes
        after the last batch it finished; a second run changes nothing and tells
        nobody twice."""
        today = fields.Date.context_today(self)
        params = self.env["ir.config_parameter"].sudo()
        resume = params.get_param(DUE_DATES_RESUME_PARAM, "")
        day, _sep, last_id = resume.partition("/")
        last_id = int(last_id) if day == str(today) else 0
        remaining = self._tiered_partner_ids_after(last_id, count=True)
        while remaining:
            batch = self._tiered_partner_ids_after(last_id)
            self._store_visit_dates(batch)
            self._notify_newly_overdue(batch, today)
            last_id, remaining = batch[-1], max(remaining - len(batch), 0)
            time_left = self.env["ir.cron"]._commit_progress(
                len(batch), remaining=remaining
            )
            if remaining and not time_left:
                params.set_param(DUE_DATES_RESUME_PARAM, f"{today}/{last_id}")
                return
        if resume:
            params.set_param(DUE_DATES_RESUME_PARAM, False)

    @api.model
    def _tiered_partner_ids_after(self, last_id, count=False):
        """The next batch of tiered customers by id, or how many remain."""
        query = SQL(
            "FROM res_partner WHERE visit_tier IS NOT NULL AND id > %s", last_id
        )
        self.flush_model(["visit_tier"])
        if count:
            return self.env.execute_query(SQL("SELECT COUNT(*) %s", query))[0][0]
        rows = self.env.execute_query(
            SQL("SELECT id %s ORDER BY id LIMIT %s", query, DUE_DATES_BATCH)
        )
        return [partner_id for (partner_id,) in rows]

    @api.model
    def _store_visit_dates(self, partner_ids):
        """Writes the visit dates of these customers where they changed, in one
        statement (the same values the ORM computes, without a query per record)."""
        dates = self.env["visit.frequency.rule"]._visit_dates_query(partner_ids)
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner partner
                   SET last_onsite_visit_date = new.last_onsite,
                       last_phone_visit_date = new.last_phone,
                       last_visit_date = new.last_visit,
                       next_visit_date = new.next_due
                  FROM (SELECT partner_id, last_onsite, last_phone,
                               GREATEST(last_onsite, last_phone) AS last_visit,
                               MIN(due_date) AS next_due
                          FROM (%s) dates
                      GROUP BY partner_id, last_onsite, last_phone) new
                 WHERE partner.id = new.partner_id
                   AND (partner.last_onsite_visit_date, partner.last_phone_visit_date,
                        partner.last_visit_date, partner.next_visit_date)
                       IS DISTINCT FROM
                       (new.last_onsite, new.last_phone, new.last_visit, new.next_due)
                """,
                dates,
            )
        )
        self.invalidate_model(
            [
                "last_onsite_visit_date",
                "last_phone_visit_date",
                "last_visit_date",
                "next_visit_date",
            ]
        )

    @api.model
    def _notify_newly_overdue(self, partner_ids, today):
        """Flags the customers of this batch that became overdue and gives each
        rep one activity listing theirs. Rows another worker holds are skipped:
        it flags and notifies them itself, so nobody is told twice."""
        self.flush_model(["visit_overdue_notified_date", "next_visit_date", "user_id"])
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner SET visit_overdue_notified_date = NULL
                 WHERE id = ANY(%(ids)s)
                   AND visit_overdue_notified_date IS NOT NULL
                   AND (next_visit_date IS NULL OR next_visit_date >= %(today)s)
                """,
                ids=partner_ids,
                today=today,
            )
        )
        rows = self.env.execute_query(
            SQL(
                """
                UPDATE res_partner SET visit_overdue_notified_date = %(today)s
                 WHERE id IN (SELECT id FROM res_partner
                               WHERE id = ANY(%(ids)s)
                                 AND visit_overdue_notified_date IS NULL
                                 AND next_visit_date < %(today)s
                                 FOR NO KEY UPDATE SKIP LOCKED)
             RETURNING id, user_id
                """,
                ids=partner_ids,
                today=today,
            )
        )
        self.invalidate_model(["visit_overdue_notified_date"])
        overdue_by_rep = defaultdict(list)
        for partner_id, user_id in rows:
            if user_id:
                overdue_by_rep[user_id].append(partner_id)
        self.env["mail.activity"]._visit_post_lists(
            "visit_management.mail_activity_visit_overdue",
            {
                self.env["res.users"].browse(user_id): self.browse(partner_ids)
                for user_id, partner_ids in overdue_by_rep.items()
            },
            lambda env: env._("Customers whose visit is overdue"),
        )

    def action_view_visit_reports(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visits of %(partner)s", partner=self.display_name),
            "res_model": "visit.report",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }
