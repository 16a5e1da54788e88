# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from odoo.addons.visit_management.tools import client_action


class PropertyCallbackRecordWizard(models.TransientModel):
    """Prints the visit and callback record of estates for a month."""

    _name = "property.callback.record.wizard"
    _inherit = ["visit.typed.values"]
    _description = "Print Visit and Callback Record"

    estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        required=True,
        default=lambda self: self.env["property.estate"].browse(
            self.env.context.get("active_ids")
            if self.env.context.get("active_model") == "property.estate"
            else []
        ),
    )
    month = fields.Date(
        required=True,
        default=lambda self: fields.Date.context_today(self).replace(day=1),
        help="Any day of the month to print.",
    )

    @client_action(single=True)
    def action_print(self):
        return self.env.ref(
            "visit_management_property.action_report_callback_record"
        ).report_action(
            self.estate_ids, data={"month": fields.Date.to_string(self.month)}
        )
