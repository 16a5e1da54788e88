# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

# Who and where a record is about: written by the office until the record closes.
RESIDENT_FIELDS = ("resident_id", "unit_id", "estate_id")


class PropertyWorkflowMixin(models.AbstractModel):
    """What the property office's records share: the estate (and so the company
    and who may see them), a unit and a resident, and a status that only the
    buttons move."""

    _name = "property.workflow.mixin"
    _inherit = "visit.write.guard"
    _description = "Property Office Record"

    resident_id = fields.Many2one(
        "res.partner",
        index=True,
        tracking=True,
        domain="[('resident_unit_id', '!=', False)]",
    )
    unit_id = fields.Many2one(
        "property.unit",
        compute="_compute_unit_id",
        store=True,
        readonly=False,
        precompute=True,
        index=True,
        tracking=True,
    )
    estate_id = fields.Many2one(
        "property.estate",
        compute="_compute_estate_id",
        store=True,
        readonly=False,
        precompute=True,
        required=True,
        index=True,
        tracking=True,
    )
    company_id = fields.Many2one(
        related="estate_id.company_id", store=True, index=True, precompute=True
    )

    @api.depends("resident_id")
    def _compute_unit_id(self):
        for record in self:
            record.unit_id = record.resident_id.resident_unit_id or record.unit_id

    @api.depends("unit_id")
    def _compute_estate_id(self):
        for record in self:
            record.estate_id = record.unit_id.estate_id or record.estate_id

    @api.constrains("unit_id", "estate_id")
    def _check_unit_estate(self):
        for record in self:
            if record.unit_id and record.unit_id.estate_id != record.estate_id:
                raise ValidationError(
                    self.env._(
                        "The unit %(unit)s is not in the estate %(estate)s.",
                        unit=record.unit_id.display_name,
                        estate=record.estate_id.name,
                    )
                )

    def _check_state(self, states, message):
        """Raises the message unless every record is in one of the states."""
        for record in self:
            if record.state not in states:
                raise UserError(message(record))

    def _workflow_write(self, values):
        """Writes workflow fields for a user allowed to write these records."""
        self.check_access("write")
        return self.sudo().write(values)
