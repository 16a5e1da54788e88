# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.fields import Domain

from .selections import TIERS


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

    def _compute_visit_report_count(self):
        counts = dict(
            self.env["visit.report"]._read_group(
                [("partner_id", "in", self.ids)], ["partner_id"], ["__count"]
            )
        )
        for partner in self:
            partner.visit_report_count = counts.get(partner, 0)

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
