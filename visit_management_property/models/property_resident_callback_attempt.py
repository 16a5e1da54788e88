# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models

from .selections import CALLBACK_METHODS


class PropertyResidentCallbackAttempt(models.Model):
    """A try at reaching a resident that failed (no answer, nobody at home)."""

    _name = "property.resident.callback.attempt"
    _inherit = ["visit.write.guard"]
    _description = "Failed Callback Attempt"
    # recorded only by the callback's buttons
    _guard_parent = "callback_id"
    _order = "attempt_datetime, id"

    callback_id = fields.Many2one(
        "property.resident.callback", required=True, ondelete="cascade", index=True
    )
    estate_id = fields.Many2one(related="callback_id.estate_id", store=True)
    company_id = fields.Many2one(related="callback_id.company_id", store=True)
    attempt_datetime = fields.Datetime(
        string="When", required=True, default=fields.Datetime.now
    )
    method = fields.Selection(selection=CALLBACK_METHODS, required=True)
    user_id = fields.Many2one(
        "res.users", string="By", default=lambda self: self.env.user
    )
    note = fields.Char()
