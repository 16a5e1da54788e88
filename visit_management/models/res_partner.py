# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from functools import partial

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL

from ..tools import client_action, run_in_batches, single_run
from .selections import GENDERS, TIERS

# Customers whose dates one transaction of the due-dates cron recomputes.
DUE_DATES_BATCH = 10000
# How many newly overdue customers a rep's to-do lists by name.
OVERDUE_LISTED = 100
# Held while the reps' overdue to-dos are written (an arbitrary key).
OVERDUE_DIGEST_LOCK = 7_418_301


# Where the customer is: what check-ins are judged against.
POSITION_FIELDS = ("partner_latitude", "partner_longitude", "date_localization")
# What a rep writes on a contact of their own customer (or of nobody's).
CONTACT_VISIT_FIELDS = ("visit_gender", "visit_business_scope", "visit_key_contact")
# What a visit manager decides: how often a customer is visited, and where it is.
MASTER_VISIT_FIELDS = ("visit_tier", *POSITION_FIELDS)


class ResPartner(models.Model):
    _name = "res.partner"
    _inherit = ["res.partner", "visit.write.guard"]
    # The guard covers the visit fields and the position (_guard_scope); the
    # rest of a contact is Odoo's, under Odoo's access rights.
    _user_fields = dict.fromkeys(("create", "open"), CONTACT_VISIT_FIELDS)
    _reviewer_fields = dict.fromkeys(("create", "open"), MASTER_VISIT_FIELDS)

    visit_tier = fields.Selection(
        selection=TIERS,
        string="Customer Tier",
        tracking=True,
        index=True,
        help="Customer grade by nature, size, sales volume and growth trend: "
        "it sets how often the customer must be visited.",
    )
    # a rep's customers (their list, their map) among every contact and resident:
    # without it, a scan of the whole partner table (0.3 s at 560,000 partners)
    _visit_tiered_user_idx = models.Index("(user_id) WHERE visit_tier IS NOT NULL")
    # A customer without coordinates: the first precise on-site check-in
    # proposes its position, a manager confirms it.
    visit_proposed_latitude = fields.Float(
        string="Proposed Latitude",
        digits=(10, 7),
        readonly=True,
        groups="visit_management.group_visit_user",
    )
    visit_proposed_longitude = fields.Float(
        string="Proposed Longitude",
        digits=(10, 7),
        readonly=True,
        groups="visit_management.group_visit_user",
    )
    visit_proposed_report_id = fields.Many2one(
        "visit.report",
        string="Position Proposed By",
        readonly=True,
        index="btree_not_null",
        groups="visit_management.group_visit_user",
        help="The visit report whose check-in proposed the customer's position.",
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
    visit_reception_ids = fields.One2many(
        "visit.reception",
        "partner_id",
        string="Receptions",
        groups="visit_management.group_visit_user",
    )
    visit_reception_count = fields.Integer(
        string="Number of Receptions",
        compute="_compute_visit_reception_count",
        groups="visit_management.group_visit_user",
    )
    visit_gender = fields.Selection(selection=GENDERS, string="Gender")
    visit_business_scope = fields.Text(
        string="Business Scope",
        help="The company's line of business (经营范围), as its visitors told it.",
    )
    visit_key_contact = fields.Boolean(
        string="Key Contact",
        help="A key person of the customer (decision maker, buyer, ...).",
    )
    visit_key_contact_count = fields.Integer(
        string="Key Contacts",
        compute="_compute_visit_key_contact_count",
        store=True,
        aggregator=None,
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
    visit_team_id = fields.Many2one(
        related="user_id.sale_team_id",
        store=True,
        index="btree_not_null",
        string="Visit Team",
        help="The salesperson's sales team: whose leader sees the customer's visits.",
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
    visit_dates_refresh_date = fields.Date(
        string="Visit Dates Refreshed On",
        readonly=True,
        copy=False,
        help="The day the scheduled action last recomputed this customer's visit "
        "dates: a run cut short goes on with the customers not refreshed today.",
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

    def _compute_visit_reception_count(self):
        counts = dict(
            self.env["visit.reception"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.visit_reception_count = counts.get(partner, 0)

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
    # The reps' customers
    # ------------------------------------------------------------------
    @api.model
    def _visit_customers_domain(self, reps, created_before=None):
        """The customers of these reps: the tiered companies whose salesperson
        they are (created before the given day, when one is given). Which of the
        rep's companies each counts in: _visit_counts_in."""
        domain = Domain(
            [
                ("user_id", "in", reps.ids),
                ("visit_tier", "!=", False),
                ("is_company", "=", True),
            ]
        )
        if created_before:
            domain &= Domain("create_date", "<", created_before)
        return domain

    def _visit_counts_in(self, company_ids):
        """Of these companies (ids) of its rep, those the customer counts in:
        its own company, or all of them for a customer of no company."""
        self.ensure_one()
        return [self.company_id.id] if self.company_id else list(company_ids)

    # ------------------------------------------------------------------
    # Scheduled action: due and overdue visits
    # ------------------------------------------------------------------
    @api.model
    @single_run
    def _cron_visit_due_dates(self):
        """Recomputes the stored visit dates of every tiered customer and flags
        the ones that became overdue, in batches each committed: a run stopped by
        its time limit resumes after the last batch it finished. Then each rep
        gets one to-do listing their customers that became overdue today. A
        second run changes nothing and makes no second to-do."""
        today = fields.Date.context_today(self)
        finished = run_in_batches(
            self,
            Domain("visit_tier", "!=", False)
            & (
                Domain("visit_dates_refresh_date", "=", False)
                | Domain("visit_dates_refresh_date", "<", today)
                # visited since this morning's run: the overdue flag goes
                | (
                    Domain("visit_overdue_notified_date", "!=", False)
                    & ~Domain("next_visit_date", "<", today)
                )
            ),
            partial(self._store_visit_dates, today=today),
            DUE_DATES_BATCH,
        )
        if finished:
            self._notify_overdue_today(today)

    @api.model
    def _store_visit_dates(self, partners, today):
        """Writes, in one statement, the visit dates of these tiered customers —
        the values the ORM computes — their overdue flag (set on the day a
        customer becomes overdue, cleared once it is not) and the day they were
        refreshed."""
        self.flush_model(["visit_overdue_notified_date", "visit_dates_refresh_date"])
        # the visits of the batch are read by an index range of customer ids
        dates = self.env["visit.frequency.rule"]._visit_dates_query(
            id_range=(min(partners.ids) - 1, max(partners.ids))
        )
        self.env.execute_query(
            SQL(
                """
                UPDATE res_partner partner
                   SET last_onsite_visit_date = new.last_onsite,
                       last_phone_visit_date = new.last_phone,
                       last_visit_date = new.last_visit,
                       next_visit_date = new.next_due,
                       visit_overdue_notified_date = CASE
                           WHEN new.next_due < %(today)s
                           THEN COALESCE(partner.visit_overdue_notified_date,
                                         %(today)s)
                       END,
                       visit_dates_refresh_date = %(today)s
                  FROM (SELECT partner_id, last_onsite, last_phone,
                               GREATEST(last_onsite, last_phone) AS last_visit,
                               MIN(due_date) AS next_due
                          FROM (%(dates)s) dates
                      GROUP BY partner_id, last_onsite, last_phone) new
                 WHERE partner.id = new.partner_id
                   AND partner.id = ANY(%(ids)s)
                """,
                dates=dates,
                ids=partners.ids,
                today=today,
            )
        )
        self.invalidate_model(
            [
                "last_onsite_visit_date",
                "last_phone_visit_date",
                "last_visit_date",
                "next_visit_date",
                "visit_overdue_notified_date",
                "visit_dates_refresh_date",
            ]
        )

    @api.model
    def _notify_overdue_today(self, today):
        """Gives each rep one to-do of the day listing their customers that became
        overdue today (the first OVERDUE_LISTED of them, and how many more). Runs
        in its own transaction, after the batches, under a lock: a second worker
        arriving meanwhile leaves it to the first, one arriving later rewrites
        the same to-dos."""
        lock = self.env.execute_query(
            SQL("SELECT pg_try_advisory_xact_lock(%s)", OVERDUE_DIGEST_LOCK)
        )
        if not lock[0][0]:
            return
        self.flush_model(
            ["visit_overdue_notified_date", "user_id", "visit_tier", "complete_name"]
        )
        rows = self.env.execute_query(
            SQL(
                """
                SELECT user_id, COUNT(*),
                       (ARRAY_AGG(id ORDER BY next_visit_date, id))[1:%(listed)s],
                       (ARRAY_AGG(COALESCE(complete_name, name)
                                  ORDER BY next_visit_date, id))[1:%(listed)s]
                  FROM res_partner
                 WHERE visit_overdue_notified_date = %(today)s
                   AND visit_tier IS NOT NULL
                   AND user_id IS NOT NULL
              GROUP BY user_id
                """,
                today=today,
                listed=OVERDUE_LISTED,
            )
        )
        reps = self.env["res.users"].browse([row[0] for row in rows])
        self.env["mail.activity"]._visit_post_daily_lists(
            "visit_management.mail_activity_visit_overdue",
            {
                # one prefetch for all reps: their languages are read at once
                reps.browse(user_id).with_prefetch(reps.ids): (
                    [(self._name, *link) for link in zip(ids, names, strict=True)],
                    count,
                )
                for user_id, count, ids, names in rows
            },
            lambda env: env._("Customers whose visit became overdue today"),
        )

    def _guard_scope(self, names):
        return super()._guard_scope(names) | (set(names) & set(POSITION_FIELDS))

    def _guard_reviews(self):
        return self.env.user.has_group("visit_management.group_visit_manager")

    def _guard_writable(self, state):
        """A rep writes the visit fields of their own customers' contacts, or of
        customers nobody is in charge of; a manager, of any customer."""
        allowed = super()._guard_writable(state)
        salesperson = self.commercial_partner_id.user_id
        others = self and salesperson and salesperson != self.env.user
        if others and not self._guard_reviews():
            allowed -= set(CONTACT_VISIT_FIELDS)
        return allowed

    @client_action()
    def action_visit_confirm_position(self):
        """A manager takes the position a check-in proposed as the customer's."""
        if not self.env.user.has_group("visit_management.group_visit_manager"):
            raise UserError(
                self.env._("Only a manager confirms a customer's position.")
            )
        for partner in self:
            if not partner.visit_proposed_report_id:
                raise UserError(
                    self.env._(
                        "No check-in proposed a position for %(partner)s.",
                        partner=partner.display_name,
                    )
                )
            report = partner.visit_proposed_report_id
            partner.write(
                {
                    "partner_latitude": partner.visit_proposed_latitude,
                    "partner_longitude": partner.visit_proposed_longitude,
                    "date_localization": fields.Date.context_today(partner),
                }
            )
            partner.sudo().write(
                {
                    "visit_proposed_latitude": 0.0,
                    "visit_proposed_longitude": 0.0,
                    "visit_proposed_report_id": False,
                    # precise now, even where it is the approximate position
                    "visit_approximate_latitude": 0.0,
                    "visit_approximate_longitude": 0.0,
                }
            )
            partner.message_post(
                body=self.env._(
                    "Position confirmed from the check-in of %(report)s.",
                    report=report.name,
                )
            )
        return True

    @client_action(single=True)
    def action_view_visit_reports(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Visits of %(partner)s", partner=self.display_name),
            "res_model": "visit.report",
            "view_mode": "list,form",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    @client_action(single=True)
    def action_visit_plan_visit(self):
        """Plan a Visit (from the map): a new visit to this customer in the
        user's plan of the first month still to plan, started if needed."""
        plans = self.env["visit.plan"]
        month = plans._first_month_to_plan(
            self.env.user, self.env.company, skip_states=("submitted", "approved")
        )
        plan = plans._period_plans(self.env.user, self.env.company, "month", [month])
        if plan and plan.state != "draft":
            raise UserError(
                self.env._(
                    "Your plan %(plan)s is not a draft: set it back to draft to "
                    "plan more visits.",
                    plan=plan.name,
                )
            )
        plan = plan or plans.create({"date_start": month})
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Plan a Visit"),
            "res_model": "visit.plan.line",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_plan_id": plan.id, "default_partner_id": self.id},
        }

    @client_action(single=True)
    def action_view_visit_receptions(self):
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Receptions of %(partner)s", partner=self.display_name),
            "res_model": "visit.reception",
            "view_mode": "list,form,calendar",
            "domain": [("partner_id", "=", self.id)],
            "context": {"default_partner_id": self.id},
        }

    @api.model
    @client_action()
    def get_import_templates(self):
        """The customers template of Odoo's Import screen: tier, salesperson,
        position and key contacts."""
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Customers by Tier"),
                "template": "/visit_management/static/xls/visit_customers.xlsx",
            },
        ]
