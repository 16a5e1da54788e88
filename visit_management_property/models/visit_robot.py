# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VisitRobot(models.Model):
    _inherit = "visit.robot"

    estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        help="The estates whose events the group hears of (complaints, repairs, "
        "callbacks); none: every estate.",
    )

    def _hears(self, record):
        """A robot of some estates hears of those estates' records only."""
        if self.estate_ids:
            estate = record["estate_id"] if "estate_id" in record._fields else None
            return estate in self.estate_ids
        return super()._hears(record)
