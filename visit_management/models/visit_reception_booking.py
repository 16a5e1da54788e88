# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).


from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from .visit_reception import ROOM_HOLDING_STATES, ROOM_LOCK_SPACE


class VisitReception(models.Model):
    """The booking's room: two bookings holding a room never overlap (the
    exclusion constraint, and a lock taken before the check), and the room
    holds the party."""

    _inherit = "visit.reception"

    # ------------------------------------------------------------------
    # The room
    # ------------------------------------------------------------------
    def _lock_rooms(self, vals):
        """One booking change per room at a time: concurrent confirmations of
        one room wait here for each other, rooms taken in id order, instead of
        deadlocking in the exclusion constraint's index. The lock ends with the
        transaction."""
        room_ids = set(self.room_id.ids)
        if vals.get("room_id"):
            room_ids.add(vals["room_id"])
        for room_id in sorted(room_ids):
            self.env.cr.execute(
                SQL("SELECT pg_advisory_xact_lock(%s, %s)", ROOM_LOCK_SPACE, room_id)
            )

    def _check_room_free(self, vals):
        """Refuses, naming the other booking, a write that would make these
        bookings hold a room another booking already holds at an overlapping
        time. The exclusion constraint guards the same rule against two
        transactions that cannot see each other yet."""
        for reception in self:
            room = self.env["visit.meeting.room"].browse(
                vals.get("room_id", reception.room_id.id)
            )
            state = vals.get("state", reception.state)
            if not room or state not in ROOM_HOLDING_STATES:
                continue
            start = fields.Datetime.to_datetime(
                vals.get("start_datetime", reception.start_datetime)
            )
            stop = fields.Datetime.to_datetime(
                vals.get("stop_datetime", reception.stop_datetime)
            )
            other = self.sudo().search(
                [
                    ("id", "!=", reception.id),
                    ("room_id", "=", room.id),
                    ("state", "in", ROOM_HOLDING_STATES),
                    ("start_datetime", "<", stop),
                    ("stop_datetime", ">", start),
                ],
                limit=1,
            )
            if other:
                raise ValidationError(
                    self.env._(
                        "%(room)s is already booked from %(start)s to %(stop)s by "
                        "%(other)s (host: %(host)s): choose another room or time "
                        "for %(reception)s.",
                        room=room.display_name,
                        start=reception._format_time(other.start_datetime),
                        stop=reception._format_time(other.stop_datetime),
                        other=other.name,
                        host=other.user_id.name,
                        reception=reception.display_name,
                    )
                )

    @api.constrains("room_id", "people_count", "companion_ids", "user_id")
    def _check_room_capacity(self):
        for reception in self:
            room = reception.room_id
            if (
                room
                and reception.state != "cancelled"
                and room.capacity < reception.attendee_count
            ):
                raise ValidationError(
                    self.env._(
                        "%(room)s seats %(capacity)s people, but %(count)s are "
                        "expected (%(visitors)s visitors, the host and "
                        "%(companions)s companions): choose a bigger room.",
                        room=room.display_name,
                        capacity=room.capacity,
                        count=reception.attendee_count,
                        visitors=reception.people_count,
                        companions=len(reception.companion_ids - reception.user_id),
                    )
                )
