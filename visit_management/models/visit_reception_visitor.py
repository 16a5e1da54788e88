# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from .selections import GENDERS


class VisitReceptionVisitor(models.Model):
    """A line of the visitor register (来访客户信息登记表): who came, as they
    confirmed it on arrival."""

    _name = "visit.reception.visitor"
    _description = "Reception Visitor"
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
        """Saves what the visitors confirmed onto the customer file: each
        visitor's contact is updated, or created under the visiting company, and
        the company's business scope is completed.

        Runs as superuser on purpose: receptionists need not be contact managers,
        and what they may write is bounded (these fields, on contacts of the
        visiting company only, see _check_partner)."""
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
            partner = visitor.partner_id.sudo()
            if partner:
                changed = {
                    key: value for key, value in values.items() if partner[key] != value
                }
                if changed:
                    partner.write(changed)
            else:
                company = visitor.reception_id.partner_id
                visitor.partner_id = Partner.create(
                    {**values, "parent_id": company.id, "type": "contact"}
                )
            company = visitor.reception_id.partner_id.sudo()
            if visitor.business_scope and company.visit_business_scope != (
                visitor.business_scope
            ):
                company.visit_business_scope = visitor.business_scope
