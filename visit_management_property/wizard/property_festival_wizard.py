# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from odoo.addons.visit_management.tools import client_action


class PropertyFestivalWizard(models.TransientModel):
    """Creates the on-site festival visits of the key residents of some estates
    now, without waiting for the scheduled action."""

    _name = "property.festival.wizard"
    _inherit = ["visit.typed.values"]
    _description = "Create Festival Visits"

    festival_id = fields.Many2one("property.festival", required=True)
    estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        compute="_compute_estate_ids",
        store=True,
        readonly=False,
        required=True,
    )

    @api.depends("festival_id")
    def _compute_estate_ids(self):
        for wizard in self:
            wizard.estate_ids = wizard.festival_id._target_estates()

    @client_action(single=True)
    def action_create_visits(self):
        # the estates the user may see, in the festival's company
        estates = self.estate_ids.filtered(
            lambda estate: estate.company_id == self.festival_id.company_id
        )
        estates.check_access("read")
        rules = self.env["property.callback.rules"]
        locked = estates.sudo().try_lock_for_update(allow_referencing=True)
        if locked != estates.sudo():
            raise UserError(
                self.env._(
                    "Festival visits of %(estates)s are being created right now; "
                    "try again in a moment.",
                    estates=", ".join((estates.sudo() - locked).mapped("name")),
                )
            )
        callbacks = rules._festival_visits(self.festival_id.sudo(), locked)
        return {
            "type": "ir.actions.act_window",
            "name": self.env._(
                "Visits for %(festival)s", festival=self.festival_id.name
            ),
            "res_model": "property.resident.callback",
            "view_mode": "list,form",
            "domain": [
                ("festival_id", "=", self.festival_id.id),
                ("period_date", "=", self.festival_id.date),
                ("estate_id", "in", estates.ids),
            ],
            "context": {"created_ids": callbacks.ids},
        }
