# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .selections import GENDERS
from .visit_reception import OPEN_STATES


class VisitReceptionVisitor(models.Model):
    """A line of the visitor register (来访客户信息登记表): who came, as they
    confirmed it on arrival."""

    _name = "visit.reception.visitor"
    _inherit = ["visit.write.guard"]
    _description = "Reception Visitor"
    _guard_parent = "reception_id"
    _user_fields = {
        state: (
            "sequence",
            "partner_id",
            "name",
            "gender",
            "function",
            "phone",
            "email",
            "company_name",
            "business_scope",
        )
        for state in OPEN_STATES
    }
    _order = "reception_id, sequence, id"

    reception_id = fields.Many2one(
        "visit.reception", required=True, ondelete="cascade", index=True
    )
    company_id = fields.Many2one(related="reception_id.company_id", store=True)
    sequence = fields.Integer(default=10)
    partner_id = fields.Many2one(
        "res.partner",
        string="Contact",
        index=True,
        help="The visitor's contact in the customer file; created on check-in "
        "when the visitor is new.",
    )
    name = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, precompute=True
    )
    gender = fields.Selection(
        selection=GENDERS,
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    function = fields.Char(
        string="Title",
        compute="_compute_from_partner",
        store=True,
        readonly=False,
        precompute=True,
    )
    phone = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, precompute=True
    )
    email = fields.Char(
        compute="_compute_from_partner", store=True, readonly=False, precompute=True
    )
    company_name = fields.Char(
        compute="_compute_company_name", store=True, readonly=False, precompute=True
    )
    business_scope = fields.Text(
        compute="_compute_company_name",
        store=True,
        readonly=False,
        precompute=True,
        help="The visiting company's line of business (经营范围).",
    )

    @api.depends("partner_id")
    def _compute_from_partner(self):
        for visitor in self:
            partner = visitor.partner_id
            if not partner:
                continue
            visitor.name = partner.name
            visitor.gender = partner.visit_gender
            visitor.function = partner.function
            visitor.phone = partner.phone
            visitor.email = partner.email

    @api.depends("reception_id.partner_id")
    def _compute_company_name(self):
        for visitor in self:
            company = visitor.reception_id.partner_id
            if company and not visitor.company_name:
                visitor.company_name = company.name
            if company and not visitor.business_scope:
                visitor.business_scope = company.visit_business_scope

    @api.constrains("partner_id", "reception_id")
    def _check_partner(self):
        for visitor in self:
            company = visitor.reception_id.partner_id
            partner = visitor.partner_id
            if partner and (
                partner == company or partner.commercial_partner_id != company
            ):
                raise ValidationError(
                    self.env._(
                        "%(contact)s is not a contact of %(partner)s.",
                        contact=partner.name,
                        partner=company.display_name,
                    )
                )

    def _register_on_partners(self):
        """Saves what the visitors confirmed onto the customer file. A new
        visitor becomes a contact of the visiting company (created as superuser:
        receptionists need not be contact managers, and _check_partner keeps it
        under that company). A change to an existing contact, or to the company's
        business scope, is applied with the user's own rights, or proposed as a
        to-do to the customer's salesperson: never as superuser, and never over
        the contact of a user or portal user."""
        Partner = self.env["res.partner"].sudo()
        for visitor in self:
            if not (visitor.name or "").strip():
                raise ValidationError(
                    self.env._(
                        "Give the name of every visitor of %(reception)s.",
                        reception=visitor.reception_id.display_name,
                    )
                )
            values = {
                "name": visitor.name.strip(),
                "visit_gender": visitor.gender,
                "function": visitor.function,
                "phone": visitor.phone,
                "email": visitor.email,
            }
            values = {key: value for key, value in values.items() if value}
            company = visitor.reception_id.partner_id
            if visitor.partner_id:
                visitor._apply_or_propose(visitor.partner_id, values)
            else:
                visitor.sudo().partner_id = Partner.create(
                    {**values, "parent_id": company.id, "type": "contact"}
                )
            if visitor.business_scope:
                visitor._apply_or_propose(
                    company, {"visit_business_scope": visitor.business_scope}
                )

    def _apply_or_propose(self, partner, values):
        self.ensure_one()
        current = partner.sudo()
        changes = {key: value for key, value in values.items() if current[key] != value}
        if not changes:
            return
        users = current.with_context(active_test=False).user_ids
        if not users and self._write_as_user(partner, changes):
            return
        labels = {
            key: current._fields[key]._description_string(self.env) for key in changes
        }
        lines = Markup("").join(
            Markup("<li>%s: %s → %s</li>") % (labels[key], current[key] or "", value)
            for key, value in changes.items()
        )
        current.activity_schedule(
            "mail.mail_activity_data_todo",
            summary=self.env._(
                "Check the details %(visitor)s gave at reception %(reception)s",
                visitor=self.name,
                reception=self.reception_id.name,
            ),
            note=Markup("<ul>%s</ul>") % lines,
            user_id=(
                current.commercial_partner_id.user_id or self.reception_id.user_id
            ).id,
        )

    def _write_as_user(self, partner, changes):
        """Whether the user's own rights (access rights and the visit fields'
        guard alike) let the changes through."""
        try:
            with self.env.cr.savepoint():
                partner.with_env(self.env).write(changes)
        except UserError:
            return False
        return True
