# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models

from odoo.addons.visit_management.tools import client_action


class PropertyEstate(models.Model):
    """A residential estate (小区) and the property office (管理处) that runs it."""

    _name = "property.estate"
    _description = "Residential Estate"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    code = fields.Char()
    active = fields.Boolean(default=True)
    address = fields.Text()
    company_id = fields.Many2one(
        "res.company",
        required=True,
        default=lambda self: self.env.company,
        index=True,
        tracking=True,
    )
    manager_id = fields.Many2one(
        "res.users",
        string="Office Manager",
        tracking=True,
        check_company=True,
        index=True,
        help="The director of the property office (管理处主任): makes the move-in, "
        "complaint, incident, festival and routine callbacks.",
    )
    repair_supervisor_id = fields.Many2one(
        "res.users",
        string="Maintenance Supervisor",
        tracking=True,
        check_company=True,
        help="Calls back residents after repairs to check their quality; the office "
        "manager when empty.",
    )
    user_ids = fields.Many2many(
        "res.users",
        "property_estate_res_users_rel",
        "estate_id",
        "user_id",
        string="Office Users",
        check_company=True,
        help="The property-office staff who see and handle this estate's records.",
    )
    building_ids = fields.One2many("property.building", "estate_id", string="Buildings")
    unit_ids = fields.One2many("property.unit", "estate_id", string="Units")
    resident_ids = fields.One2many(
        "res.partner", "resident_estate_id", string="Residents"
    )
    building_count = fields.Integer(compute="_compute_counts")
    unit_count = fields.Integer(compute="_compute_counts")
    resident_count = fields.Integer(compute="_compute_counts")
    routine_callbacks = fields.Boolean(
        default=True,
        help="Pick households of this estate for the monthly routine callbacks.",
    )

    _name_company_uniq = models.Constraint(
        "UNIQUE(name, company_id)",
        "An estate name is used once per company.",
    )

    def _compute_counts(self):
        counts = {}
        for model, field in (
            ("property.building", "estate_id"),
            ("property.unit", "estate_id"),
            ("res.partner", "resident_estate_id"),
        ):
            counts[model] = dict(
                self.env[model]._read_group(
                    [(field, "in", self.ids)], [field], ["__count"]
                )
            )
        for estate in self:
            estate.building_count = counts["property.building"].get(estate, 0)
            estate.unit_count = counts["property.unit"].get(estate, 0)
            estate.resident_count = counts["res.partner"].get(estate, 0)

    @api.model
    @client_action()
    def get_import_templates(self):
        """Estates with their buildings."""
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Estates"),
                "template": "/visit_management_property/static/xls/"
                "property_estates.xlsx",
            },
        ]
