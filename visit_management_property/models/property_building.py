# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models


class PropertyBuilding(models.Model):
    _name = "property.building"
    _description = "Estate Building"
    _order = "estate_id, sequence, name, id"
    _rec_name = "complete_name"
    _check_company_auto = True

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    estate_id = fields.Many2one(
        "property.estate",
        required=True,
        ondelete="cascade",
        index=True,
        check_company=True,
    )
    company_id = fields.Many2one(related="estate_id.company_id", store=True, index=True)
    complete_name = fields.Char(
        string="Full Name",
        compute="_compute_complete_name",
        store=True,
        help="Estate / building: how spreadsheets name the building of a unit.",
    )
    floor_count = fields.Integer(string="Floors", aggregator=None)
    unit_ids = fields.One2many("property.unit", "building_id", string="Units")

    _name_uniq = models.Constraint(
        "UNIQUE(estate_id, name)",
        "A building name is used once per estate.",
    )

    @api.depends("name", "estate_id.name")
    def _compute_complete_name(self):
        for building in self:
            building.complete_name = " / ".join(
                filter(None, [building.estate_id.name, building.name])
            )
