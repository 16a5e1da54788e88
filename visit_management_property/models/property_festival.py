# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from dateutil.relativedelta import relativedelta

from odoo import api, fields, models


class PropertyFestival(models.Model):
    """A major festival (重大节日) at which the office visits its key residents:
    the disabled and the elderly whose children live elsewhere."""

    _name = "property.festival"
    _description = "Festival Visits"
    _order = "date, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    date = fields.Date(
        required=True,
        help="This year's date of the festival. Lunar festivals (Spring Festival, "
        "Mid-Autumn) move: set next year's date once this one is done.",
    )
    lead_days = fields.Integer(
        string="Prepare (days before)",
        default=7,
        aggregator=None,
        help="The visits are created so many days before the festival.",
    )
    yearly = fields.Boolean(
        string="Same Date Every Year",
        help="Move the date one year on once its visits are created (solar "
        "festivals such as National Day).",
    )
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company
    )
    estate_ids = fields.Many2many(
        "property.estate",
        string="Estates",
        check_company=True,
        help="The estates whose key residents are visited; all when empty.",
    )
    done_date = fields.Date(
        string="Visits Created For",
        readonly=True,
        copy=False,
        help="The festival date whose visits the scheduled action created.",
    )

    _lead_days_positive = models.Constraint(
        "CHECK(lead_days >= 0)", "Visits are prepared before the festival."
    )

    def _target_estates(self):
        self.ensure_one()
        return self.estate_ids or self.env["property.estate"].search(
            [("company_id", "=", self.company_id.id)]
        )

    @api.model
    def _due_festivals(self, today):
        """Festivals whose visits are to be created today."""
        festivals = self.search(
            [
                ("date", ">=", today),
                ("company_id.property_festival_visits", "=", True),
            ]
        )
        return festivals.filtered(
            lambda festival: (
                festival.done_date != festival.date
                and festival.date - relativedelta(days=festival.lead_days) <= today
            )
        )

    def _mark_done(self):
        for festival in self:
            values = {"done_date": festival.date}
            if festival.yearly:
                values["date"] = festival.date + relativedelta(years=1)
            festival.write(values)
