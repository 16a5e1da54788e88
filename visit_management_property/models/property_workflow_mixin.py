# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class PropertyWorkflowMixin(models.AbstractModel):
    """What the property office's records share: the estate (and so the company
    and who may see them), a unit and a resident, and a status that only the
    buttons move."""

    _name = "property.workflow.mixin"
    _description = "Property Office Record"
    # Fields only the workflow actions write, as superuser, once they have checked
    # the user may write the record: nobody closes a complaint by writing its
    # status over RPC and skipping the checks of the Close button.
    _workflow_fields = ("state",)

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

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._check_workflow_fields(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_workflow_fields(vals)
        return super().write(vals)

    def _check_workflow_fields(self, vals):
        if not self.env.su and set(self._workflow_fields) & set(vals):
            raise UserError(
                self.env._(
                    "The status of a %(document)s changes only with its buttons.",
                    document=self._description,
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
