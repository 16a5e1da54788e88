# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class VisitMeetingRoom(models.Model):
    _name = "visit.meeting.room"
    _description = "Meeting Room"
    _order = "sequence, name, id"
    _check_company_auto = True

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    capacity = fields.Integer(
        required=True,
        default=8,
        help="How many people the room seats: visitors, host and companions.",
    )
    location = fields.Char(help="Building, floor, where to find the room.")
    equipment = fields.Text(help="Projector, screen, video conference, whiteboard...")
    company_id = fields.Many2one(
        "res.company", required=True, default=lambda self: self.env.company, index=True
    )

    _capacity_positive = models.Constraint(
        "CHECK(capacity > 0)", "A meeting room seats at least one person."
    )

    def _location_label(self):
        """What a calendar event shows as its place: the room and where it is."""
        self.ensure_one()
        return ", ".join(part for part in (self.name, self.location) if part)
