# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import ValidationError

from odoo.addons.visit_management.tools import client_action


class PropertyUnit(models.Model):
    """A household's flat or house: the unit the property office calls back."""

    _name = "property.unit"
    _description = "Residential Unit"
    _inherit = ["mail.thread"]
    _order = "estate_id, building_id, floor, name, id"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(string="Number", required=True)
    active = fields.Boolean(default=True)
    building_id = fields.Many2one(
        "property.building",
        index=True,
        check_company=True,
        domain="[('estate_id', '=?', estate_id)]",
    )
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        ondelete="cascade",
        check_company=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    complete_name = fields.Char(
        string="Full Name",
        compute="_compute_complete_name",
        store=True,
        help="Estate / building / number: how spreadsheets name a resident's unit.",
    )
    floor = fields.Integer(aggregator=None)
    area = fields.Float(string="Area (m²)", digits=(10, 2))
    resident_ids = fields.One2many(
        "res.partner", "resident_unit_id", string="Residents"
    )
    resident_count = fields.Integer(compute="_compute_resident_count")
    owner_id = fields.Many2one(
        "res.partner",
        compute="_compute_owner_id",
        help="The resident the office calls first: an owner, else a tenant.",
    )
    note = fields.Text()

    _number_uniq = models.UniqueIndex(
        "(estate_id, COALESCE(building_id, 0), name)",
        "A unit number is used once per building.",
    )

    @api.depends("building_id")
    def _compute_estate_id(self):
        for unit in self:
            unit.estate_id = unit.building_id.estate_id or unit.estate_id

    @api.depends("name", "building_id.name", "estate_id.name")
    def _compute_complete_name(self):
        for unit in self:
            unit.complete_name = " / ".join(
                filter(None, [unit.estate_id.name, unit.building_id.name, unit.name])
            )

    def _compute_resident_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("resident_unit_id", "in", self.ids)],
                ["resident_unit_id"],
                ["__count"],
            )
        )
        for unit in self:
            unit.resident_count = counts.get(unit, 0)

    @api.depends("resident_ids.resident_role")
    def _compute_owner_id(self):
        for unit in self:
            unit.owner_id = unit.resident_ids._household_contact()

    @api.constrains("building_id", "estate_id")
    def _check_building_estate(self):
        for unit in self:
            if unit.building_id and unit.building_id.estate_id != unit.estate_id:
                raise ValidationError(
                    self.env._(
                        "The building %(building)s is not in the estate %(estate)s.",
                        building=unit.building_id.name,
                        estate=unit.estate_id.name,
                    )
                )

    @api.model
    @client_action()
    def get_import_templates(self):
        """Units, each in its building, written "Estate / Building"."""
        return [
            *super().get_import_templates(),
            {
                "label": self.env._("Import Template for Units"),
                "template": "/visit_management_property/static/xls/property_units.xlsx",
            },
        ]
