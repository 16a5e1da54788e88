# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import threading
import time
from datetime import timedelta

import psycopg2
from psycopg2.errors import ExclusionViolation

from odoo import SUPERUSER_ID, api, fields
from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase
from odoo.tools import mute_logger

from odoo.addons.visit_management.models.visit_reception import ROOM_LOCK_SPACE

from .parallel import run_at_once
from .reception_common import ReceptionCommon


class TestReceptionRoom(ReceptionCommon):
    def _confirmed(self, **values):
        values.setdefault("room_id", self.room.id)
        reception = self._create_reception(**values)
        reception.action_confirm()
        return reception

    def test_overlapping_confirmation_names_the_other_booking(self):
        first = self._confirmed()
        second = self._create_reception(
            room_id=self.room.id,
            start_datetime=self.start + timedelta(hours=1),
            stop_datetime=self.stop + timedelta(hours=1),
        )
        with self.assertRaisesRegex(ValidationError, first.name):
            second.action_confirm()
        self.assertEqual(second.state, "requested")
        # another room, or the same room once the first visit is over
        second.room_id = self.big_room
        second.action_confirm()
        self.assertEqual(second.state, "confirmed")

    def test_back_to_back_bookings_share_the_room(self):
        self._confirmed()
        after = self._confirmed(
            start_datetime=self.stop, stop_datetime=self.stop + timedelta(hours=1)
        )
        self.assertEqual(after.state, "confirmed")

    def test_only_confirmed_and_ongoing_bookings_hold_the_room(self):
        requested = self._create_reception(room_id=self.room.id)
        other = self._create_reception(room_id=self.room.id)
        self.assertEqual(requested.room_id, other.room_id)
        requested.action_confirm()
        requested.action_check_in()
        with self.assertRaises(ValidationError):
            other.action_confirm()
        requested.action_done()
        other.action_confirm()
        self.assertEqual(other.state, "confirmed")
        cancelled = self._confirmed(room_id=self.big_room.id)
        cancelled.action_cancel()
        self._confirmed(room_id=self.big_room.id)

    def test_bookings_without_room_never_clash(self):
        first = self._create_reception()
        second = self._create_reception()
        (first | second).action_confirm()
        self.assertEqual(set((first | second).mapped("state")), {"confirmed"})

    def test_moving_into_a_taken_slot_is_refused(self):
        first = self._confirmed()
        second = self._confirmed(
            start_datetime=self.stop, stop_datetime=self.stop + timedelta(hours=2)
        )
        with self.assertRaisesRegex(ValidationError, first.name):
            second._reschedule(
                self.start + timedelta(hours=1), self.stop, "Customer is early"
            )
        self.assertEqual(second.start_datetime, self.stop)
        elsewhere = self._confirmed(room_id=self.big_room.id)
        with self.assertRaisesRegex(ValidationError, first.name):
            elsewhere.room_id = self.room

    @mute_logger("odoo.sql_db")
    def test_the_database_refuses_an_overlap(self):
        """Without the ORM's check, the exclusion constraint still holds."""
        self._confirmed()
        second = self._create_reception(room_id=self.room.id)
        self.env.flush_all()
        with self.assertRaises(ExclusionViolation), self.env.cr.savepoint():
            self.env.cr.execute(
                "UPDATE visit_reception SET state = 'confirmed' WHERE id = %s",
                (second.id,),
            )

    def test_capacity(self):
        visitors = [(0, 0, {"name": f"Visitor {i}"}) for i in range(4)]
        # 4 visitors, the host and a companion: 6 seats are enough
        reception = self._create_reception(
            room_id=self.room.id,
            visitor_ids=visitors,
            companion_ids=[(6, 0, self.rep2.ids)],
        )
        self.assertEqual(reception.attendee_count, 6)
        with (
            self.assertRaisesRegex(ValidationError, "seats 6 people, but 7"),
            self.env.cr.savepoint(),
        ):
            reception.people_count = 5
        with (
            self.assertRaisesRegex(ValidationError, "choose a bigger room"),
            self.env.cr.savepoint(),
        ):
            reception.companion_ids = self.rep2 | self.manager
        with self.assertRaisesRegex(ValidationError, "seats 6 people"):
            self._create_reception(
                room_id=self.room.id, visitor_ids=visitors * 2, people_count=8
            )
        reception.write({"room_id": self.big_room.id, "people_count": 12})
        self.assertEqual(reception.attendee_count, 14)


class TestReceptionRoomRace(TransactionCase):
    """Two users confirm overlapping bookings of one room at the same instant,
    each in their own transaction: the database lets only one of them win."""

    def _setup(self, count=2, step=timedelta(minutes=30)):
        """Committed set-up data: a room and `count` overlapping requested
        bookings, each `step` after the other. Returns their ids and the
        bookings' references."""
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            room = env["visit.meeting.room"].create(
                {"name": "Race Room", "capacity": 10}
            )
            partner = env["res.partner"].create({"name": "Race Visitor Co."})
            team = env["crm.team"].create({"name": "Race Team"})
            # committed bookings a month ahead of the day the suite runs
            start = (fields.Datetime.now() + timedelta(days=30)).replace(
                hour=2, minute=0, second=0
            )
            receptions = env["visit.reception"].create(
                [
                    {
                        "partner_id": partner.id,
                        "team_id": team.id,
                        "room_id": room.id,
                        "start_datetime": start + step * i,
                        "stop_datetime": start + timedelta(hours=2) + step * i,
                    }
                    for i in range(count)
                ]
            )
            return {
                "room": room.id,
                "partner": partner.id,
                "team": team.id,
                "receptions": tuple(receptions.ids),
                "names": receptions.mapped("name"),
            }

    def _cleanup(self, data):
        with self.registry.cursor() as cr:
            ids = data["receptions"]
            cr.execute(
                "DELETE FROM mail_message WHERE model = 'visit.reception' "
                "AND res_id IN %s",
                (ids,),
            )
            cr.execute(
                "DELETE FROM mail_followers WHERE res_model = 'visit.reception' "
                "AND res_id IN %s",
                (ids,),
            )
            cr.execute(
                "DELETE FROM mail_activity WHERE res_model = 'visit.reception' "
                "AND res_id IN %s",
                (ids,),
            )
            cr.execute(
                "DELETE FROM calendar_event WHERE res_model = 'visit.reception' "
                "AND res_id IN %s",
                (ids,),
            )
            cr.execute("DELETE FROM visit_reception WHERE id IN %s", (ids,))
            cr.execute("DELETE FROM visit_meeting_room WHERE id = %s", (data["room"],))
            cr.execute("DELETE FROM crm_team WHERE id = %s", (data["team"],))
            cr.execute("DELETE FROM res_partner WHERE id = %s", (data["partner"],))

    def test_twenty_confirmations_at_once(self):
        """Twenty front desks confirm twenty overlapping bookings of one room at
        the same instant: one wins, nineteen are told the room was just booked,
        no deadlock and no database error."""
        data = self._setup(count=20, step=timedelta(minutes=1))
        try:
            outcomes, plays, seconds = run_at_once(
                self.registry,
                20,
                lambda env, index: (
                    env["visit.reception"]
                    .with_context(no_mail_to_attendees=True)
                    .browse(data["receptions"][index])
                    .action_confirm()
                ),
            )
            refusals = [o for o in outcomes if isinstance(o, ValidationError)]
            self.assertEqual(outcomes.count(True), 1, outcomes)
            self.assertEqual(len(refusals), 19, outcomes)
            for refusal in refusals:
                self.assertRegex(str(refusal), "Race Room (was just|is already) booked")
            self.assertEqual(
                plays, [1] * 20, "a transaction deadlocked and was replayed"
            )
            self.assertLess(seconds, 60)
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT count(*) FROM visit_reception WHERE id IN %s "
                    "AND state = 'confirmed'",
                    (data["receptions"],),
                )
                self.assertEqual(cr.fetchone()[0], 1)
        finally:
            self._cleanup(data)

    def _wait_until_blocked(self, cr, pid, room_id):
        """Waits until the backend `pid` waits for the room's lock: bookings
        of one room queue there, not in the exclusion constraint's index
        (where twenty at once deadlock)."""
        for _i in range(200):
            cr.execute(
                "SELECT locktype, classid::int, objid::int FROM pg_locks "
                "WHERE pid = %s AND NOT granted",
                (pid,),
            )
            waiting = cr.fetchall()
            if waiting:
                self.assertEqual(waiting, [("advisory", ROOM_LOCK_SPACE, room_id)])
                return
            time.sleep(0.05)
        self.fail("the second confirmation never waited for the first")

    def test_second_confirmation_waits_then_is_refused(self):
        data = self._setup()
        first_id, second_id = data["receptions"]
        context = {"no_mail_to_attendees": True}
        outcome = {}
        try:
            with self.registry.cursor() as cr1, self.registry.cursor() as cr2:
                first = api.Environment(cr1, SUPERUSER_ID, context)[
                    "visit.reception"
                ].browse(first_id)
                second = api.Environment(cr2, SUPERUSER_ID, context)[
                    "visit.reception"
                ].browse(second_id)
                first.action_confirm()
                first.env.flush_all()  # the first holds the room, not committed
                cr2.execute("SET LOCAL lock_timeout = '10s'")
                cr2.execute("SELECT pg_backend_pid()")
                pid = cr2.fetchone()[0]

                def confirm_second():
                    # the first booking is not committed: the check cannot see it,
                    # the database makes this one wait for the first transaction
                    try:
                        second.action_confirm()
                        second.env.flush_all()
                        outcome["state"] = second.state
                    except (ValidationError, psycopg2.Error) as error:
                        outcome["error"] = error

                thread = threading.Thread(target=confirm_second)
                thread.start()
                self._wait_until_blocked(cr1, pid, data["room"])
                cr1.commit()
                thread.join(timeout=30)
                self.assertFalse(thread.is_alive())
                self.assertNotIn("state", outcome, "both confirmations won")
                self.assertIsInstance(outcome["error"], ValidationError)
                self.assertIn("Race Room was just booked", str(outcome["error"]))
                cr2.rollback()
            with self.registry.cursor() as cr:
                cr.execute(
                    "SELECT id, state FROM visit_reception WHERE id IN %s ORDER BY id",
                    (data["receptions"],),
                )
                self.assertEqual(
                    cr.fetchall(), [(first_id, "confirmed"), (second_id, "requested")]
                )
            # once the first is committed, the check names it
            with self.registry.cursor() as cr:
                second = api.Environment(cr, SUPERUSER_ID, context)[
                    "visit.reception"
                ].browse(second_id)
                with self.assertRaisesRegex(ValidationError, data["names"][0]):
                    second.action_confirm()
                cr.rollback()
        finally:
            self._cleanup(data)
