# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _visit_delivered_on_confirmation(self):
        """Orders with goods to ship start their ladder at the delivery."""
        return (
            super()
            ._visit_delivered_on_confirmation()
            .filtered(lambda order: not order.picking_ids)
        )
