# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain

from odoo.addons.visit_management.models.res_partner import CONTACT_VISIT_FIELDS
from odoo.addons.visit_management.tools import client_action

RESIDENT_ROLES = [
    ("owner", "Owner"),
    ("tenant", "Tenant"),
    ("family", "Family Member"),
]
# Whom the office calls first in a household.
ROLE_PRIORITY = {"owner": 0, "tenant": 1, "family": 2}
# The age from which a resident living without their children is visited at
# festivals (年满六十周岁子女不在身边的老年人).
AGED_YEARS = 60
# What the property office writes on a resident.
RESIDENT_PARTNER_FIELDS = (
    "resident_unit_id",
    "resident_role",
    "resident_move_in_date",
    "resident_birth_date",
    "resident_disabled",
    "resident_without_children",
    "resident_key",
    "resident_key_note",
)


class ResPartner(models.Model):
    _inherit = "res.partner"
    _user_fields = dict.fromkeys(
        ("create", "open"), (*CONTACT_VISIT_FIELDS, *RESIDENT_PARTNER_FIELDS)
    )

    resident_unit_id = fields.Many2one(
        "property.unit",
        string="Unit",
        index=True,
        tracking=True,
        help="The unit this resident lives in.",
    )
    resident_estate_id = fields.Many2one(
        related="resident_unit_id.estate_id",
        string="Estate",
        store=True,
        index=True,
    )
    resident_role = fields.Selection(selection=RESIDENT_ROLES, tracking=True)
    resident_move_in_date = fields.Date(
        string="Move-in Date",
        tracking=True,
        help="The day the resident moved in (入伙日期): the office visits them "
        "within a month.",
    )
    resident_birth_date = fields.Date(
        string="Date of Birth", groups="visit_management.group_visit_user"
    )
    resident_age = fields.Integer(
        string="Age",
        compute="_compute_resident_age",
        groups="visit_management.group_visit_user",
    )
    resident_aged = fields.Boolean(
        string="Aged 60+",
        compute="_compute_resident_age",
        search="_search_resident_aged",
        groups="visit_management.group_visit_user",
    )
    resident_disabled = fields.Boolean(
        string="Disabled", groups="visit_management.group_visit_user"
    )
    resident_without_children = fields.Boolean(
        string="Children Live Elsewhere",
        help="An elderly resident whose children do not live with them.",
        groups="visit_management.group_visit_user",
    )
    resident_key = fields.Boolean(
        string="Other Key Resident",
        help="Visited at major festivals for another reason (see the note).",
        groups="visit_management.group_visit_user",
    )
    resident_key_note = fields.Char(
        string="Why a Key Resident", groups="visit_management.group_visit_user"
    )
    resident_care = fields.Boolean(
        string="Festival Visit",
        compute="_compute_resident_care",
        search="_search_resident_care",
        groups="visit_management.group_visit_user",
        help="Disabled residents, residents aged 60 or more whose children live "
        "elsewhere, and other key residents: visited at major festivals.",
    )

    @api.depends("resident_birth_date")
    def _compute_resident_age(self):
        today = fields.Date.context_today(self)
        for partner in self:
            birth = partner.resident_birth_date
            age = relativedelta(today, birth).years if birth else 0
            partner.resident_age = age
            partner.resident_aged = bool(birth) and age >= AGED_YEARS

    def _search_resident_aged(self, operator, value):
        if operator != "in":
            return NotImplemented
        aged = self._aged_domain(fields.Date.context_today(self))
        domains = [aged if flag else ~aged for flag in set(value)]
        return Domain.OR(domains)

    @api.model
    def _aged_domain(self, day):
        """Residents aged 60 or more on that day."""
        return Domain(
            "resident_birth_date", "<=", day - relativedelta(years=AGED_YEARS)
        )

    @api.depends(
        "resident_unit_id",
        "resident_disabled",
        "resident_without_children",
        "resident_key",
        "resident_birth_date",
    )
    def _compute_resident_care(self):
        for partner in self:
            partner.resident_care = bool(partner.resident_unit_id) and (
                partner.resident_disabled
                or partner.resident_key
                or (partner.resident_aged and partner.resident_without_children)
            )

    def _search_resident_care(self, operator, value):
        if operator != "in":
            return NotImplemented
        care = self._care_domain(fields.Date.context_today(self))
        domains = [care if flag else ~care for flag in set(value)]
        return Domain.OR(domains)

    @api.model
    def _care_domain(self, day):
        """Residents visited at a festival on that day: the disabled, the aged
        whose children live elsewhere, and other key residents."""
        return Domain("resident_unit_id", "!=", False) & (
            Domain("resident_disabled", "=", True)
            | Domain("resident_key", "=", True)
            | (Domain("resident_without_children", "=", True) & self._aged_domain(day))
        )

    @api.constrains("resident_unit_id", "resident_role")
    def _check_resident_role(self):
        for partner in self:
            if partner.resident_unit_id and not partner.resident_role:
                raise ValidationError(
                    self.env._(
                        "Say whether %(resident)s is an owner, a tenant or a family "
                        "member of %(unit)s.",
                        resident=partner.name,
                        unit=partner.resident_unit_id.display_name,
                    )
                )

    @api.constrains("resident_birth_date")
    def _check_resident_birth_date(self):
        today = fields.Date.context_today(self)
        for partner in self:
            if partner.resident_birth_date and partner.resident_birth_date > today:
                raise ValidationError(
                    self.env._(
                        "%(resident)s cannot be born in the future.",
                        resident=partner.name,
                    )
                )

    @api.model
    def _household_contacts(self, unit_ids):
        """{unit id: the resident the office calls} of these units."""
        residents = defaultdict(self.browse)
        for resident in self.search_fetch(
            [("resident_unit_id", "in", unit_ids), ("resident_role", "!=", False)],
            ["resident_unit_id", "resident_role"],
        ):
            residents[resident.resident_unit_id.id] |= resident
        return {
            unit_id: unit_residents._household_contact()
            for unit_id, unit_residents in residents.items()
        }

    def _household_contact(self):
        """The resident of a household the office calls: owners first, then
        tenants, then family members; the oldest record among equals."""
        residents = self.filtered("resident_role")
        if not residents:
            return self.browse()
        return min(
            residents,
            key=lambda partner: (ROLE_PRIORITY[partner.resident_role], partner.id),
        )

    @api.model
    @client_action()
    def get_import_templates(self):
        """Residents too: each in their unit, written "Estate / Building /
        Number"."""
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Residents"),
                "template": "/visit_management_property/static/xls/"
                "property_residents.xlsx",
            },
        ]
