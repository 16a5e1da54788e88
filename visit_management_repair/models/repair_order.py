# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class RepairOrder(models.Model):
    _inherit = "repair.order"

    visit_callback_ids = fields.One2many(
        "visit.customer.callback",
        "repair_id",
        string="Follow-ups",
        groups="visit_management.group_visit_user",
    )

    def _action_repair_confirm(self):
        result = super()._action_repair_confirm()
        self._visit_follow_up()
        return result

    def _visit_follow_up(self):
        """A key customer's repair is followed up within a week of its
        confirmation, by the customer's salesperson, once per repair."""
        Callback = self.env["visit.customer.callback"].sudo()
        followed = Callback.search([("repair_id", "in", self.ids)]).repair_id
        Callback._start_ladder(
            [
                {
                    "partner": repair.partner_id,
                    "user": repair.sale_order_id.user_id
                    or repair.partner_id.commercial_partner_id.user_id,
                    "company": repair.company_id,
                    "date": fields.Date.context_today(repair),
                    "kinds": ("repair",),
                    "origin": repair.name,
                    "repair_id": repair.id,
                }
                for repair in self - followed
                if repair.partner_id
            ]
        )
