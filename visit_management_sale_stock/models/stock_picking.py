# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class StockPicking(models.Model):
    _inherit = "stock.picking"

    def _action_done(self):
        result = super()._action_done()
        deliveries = self.filtered(
            lambda picking: (
                picking.state == "done"
                and picking.picking_type_code == "outgoing"
                and picking.sale_id
                and not picking.return_id
            )
        )
        # the order's first delivery starts its ladder (the sale bridge starts
        # one per order)
        done_on = {}
        for picking in deliveries.sorted("date_done"):
            done_on.setdefault(picking.sale_id, picking.date_done)
        deliveries.sale_id._visit_start_after_sale(done_on.get)
        return result
