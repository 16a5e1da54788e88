# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from psycopg2.errors import CheckViolation

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import mute_logger

from .reception_common import ReceptionCommon


class TestReceptionFields(ReceptionCommon):
    def test_defaults(self):
        reception = self._create_reception()
        self.assertTrue(reception.name.startswith("RC/"))
        self.assertEqual(reception.state, "requested")
        self.assertEqual(reception.user_id, self.rep)
        self.assertEqual(reception.team_id, self.team)
        self.assertEqual(reception.manager_id, self.manager)
        self.assertEqual(reception.people_count, 1)
        for fname in (
            "room_user_id",
            "catering_user_id",
            "material_user_id",
            "pickup_user_id",
        ):
            self.assertEqual(reception[fname], self.rep, fname)
        self.assertEqual(reception.visitor_ids.name, "Wang Wei")
        self.assertEqual(reception.visitor_ids.function, "Buyer")
        self.assertEqual(reception.visitor_ids.company_name, "Huadong Trading Co.")
        self.assertIn(self.rep.partner_id, reception.message_partner_ids)

    def test_people_count_follows_the_visitors(self):
        reception = self._create_reception(
            visitor_ids=[
                (0, 0, {"partner_id": self.contact.id}),
                (0, 0, {"partner_id": self.contact2.id}),
                (0, 0, {"name": "Zhou Min"}),
            ],
            companion_ids=[(6, 0, self.rep2.ids)],
        )
        self.assertEqual(reception.people_count, 3)
        # visitors, host and companion
        self.assertEqual(reception.attendee_count, 5)
        reception.people_count = 4
        self.assertEqual(reception.attendee_count, 6)

    def test_visitor_must_belong_to_the_visiting_company(self):
        stranger = self.env["res.partner"].create(
            {"name": "Chen Jie", "parent_id": self.customer_b.id}
        )
        with self.assertRaises(ValidationError):
            self._create_reception(
                visitor_ids=[(0, 0, {"partner_id": stranger.id})],
            )

    @mute_logger("odoo.sql_db")
    def test_end_after_start(self):
        with self.assertRaises(CheckViolation):
            self._create_reception(stop_datetime=self.start)

    def test_pickup_needs_a_place(self):
        with self.assertRaises(ValidationError):
            self._create_reception(pickup_needed=True)
        reception = self._create_reception(
            pickup_needed=True, pickup_place="Shanghai Hongqiao Station"
        )
        self.assertTrue(reception.pickup_needed)


class TestReceptionWorkflow(ReceptionCommon):
    def test_request_confirm_check_in_done(self):
        reception = self._create_reception(companion_ids=[(6, 0, self.rep2.ids)])
        reception.action_confirm()
        self.assertEqual(reception.state, "confirmed")
        message = reception.message_ids[:1]
        self.assertIn("confirmed", message.body)
        self.assertEqual(message.author_id, self.rep.partner_id)
        self.assertEqual(
            self._notified(message),
            self.rep2.partner_id,
            "everyone involved told, but the host who confirmed",
        )
        reception.action_check_in()
        self.assertEqual(reception.state, "in_progress")
        self.assertTrue(reception.checked_in_datetime)
        reception.action_done()
        self.assertEqual(reception.state, "done")
        self.assertTrue(reception.done_datetime)

    def test_steps_in_order_only(self):
        reception = self._create_reception()
        for step in ("action_check_in", "action_done"):
            with self.subTest(step=step), self.assertRaises(UserError):
                getattr(reception, step)()
        reception.action_confirm()
        with self.assertRaises(UserError):
            reception.action_confirm()
        with self.assertRaises(UserError):
            reception.action_done()
        reception.action_check_in()
        reception.action_done()
        for step in ("action_confirm", "action_cancel", "action_reschedule"):
            with self.subTest(step=step), self.assertRaises(UserError):
                getattr(reception, step)()

    def test_cancel(self):
        for steps in ((), ("action_confirm",), ("action_confirm", "action_check_in")):
            with self.subTest(steps=steps):
                reception = self._create_reception()
                for step in steps:
                    getattr(reception, step)()
                reception.action_cancel()
                self.assertEqual(reception.state, "cancelled")
                self.assertIn("cancelled", reception.message_ids[:1].body)
                with self.assertRaises(UserError):
                    reception.note = "<p>Too late</p>"
                with self.assertRaises(UserError):
                    reception.action_confirm()

    def test_status_changes_only_through_the_buttons(self):
        reception = self._create_reception()
        for vals in (
            {"state": "confirmed"},
            {"checked_in_datetime": self.start},
            {"done_datetime": self.start},
        ):
            with self.subTest(vals=vals), self.assertRaises(UserError):
                reception.write(vals)
        with self.assertRaises(UserError):
            self._create_reception(state="done")

    def test_only_requested_or_cancelled_bookings_are_deleted(self):
        confirmed = self._create_reception()
        confirmed.action_confirm()
        with self.assertRaises(UserError):
            confirmed.unlink()
        confirmed.action_cancel()
        requested = self._create_reception()
        (confirmed | requested).unlink()
        self.assertFalse((confirmed | requested).exists())


class TestReceptionWhoMay(ReceptionCommon):
    """A visit user creates and confirms their bookings (as host or as whoever
    booked them); a manager all of their team's; an administrator any."""

    def test_host_confirms_own_booking(self):
        reception = self._create_reception()
        reception.action_confirm()
        self.assertEqual(reception.state, "confirmed")

    def test_receptionist_confirms_what_they_booked(self):
        reception = self._create_reception(user=self.receptionist)
        self.assertEqual(reception.user_id, self.rep)
        reception.action_confirm()
        reception.action_check_in()
        self.assertEqual(reception.state, "in_progress")

    def test_companion_and_other_reps_do_not_decide(self):
        """A companion sees the booking but does not decide; a rep of another
        team does not even see it."""
        reception = self._create_reception(companion_ids=[(6, 0, self.rep2.ids)])
        for user, error in ((self.rep2, UserError), (self.rep_b, AccessError)):
            for step in ("action_confirm", "action_cancel", "action_reschedule"):
                with (
                    self.subTest(user=user.login, step=step),
                    self.assertRaises(error) as caught,
                ):
                    getattr(reception.with_user(user), step)()
                if error is UserError:
                    self.assertNotIsInstance(caught.exception, AccessError)
        self.assertEqual(reception.state, "requested")

    def test_team_manager_confirms_the_teams_bookings(self):
        reception = self._create_reception()
        reception.with_user(self.manager).action_confirm()
        self.assertEqual(reception.state, "confirmed")
        other = self._create_reception()
        with self.assertRaises(AccessError):
            other.with_user(self.manager_b).action_confirm()
        other.with_user(self.visit_admin).action_confirm()
        self.assertEqual(other.state, "confirmed")


class TestReceptionReschedule(ReceptionCommon):
    def _reschedule(self, reception, user=None, hours=24, reason="Flight changed"):
        """Reschedules the way the host does: button, then wizard."""
        reception = reception.with_user(user or self.rep)
        action = reception.action_reschedule()
        self.assertEqual(action["res_model"], "visit.reception.reschedule.wizard")
        wizard = (
            reception.env[action["res_model"]]
            .with_context(**action["context"])
            .create(
                {
                    "start_datetime": self.start + timedelta(hours=hours),
                    "stop_datetime": self.stop + timedelta(hours=hours),
                    "reason": reason,
                }
            )
        )
        self.assertEqual(wizard.reception_id, reception)
        return wizard.action_reschedule()

    def test_reschedule_keeps_the_history_and_tells_everyone(self):
        reception = self._create_reception(
            companion_ids=[(6, 0, self.rep2.ids)],
            catering="working_meal",
            catering_user_id=self.receptionist.id,
            tracking=True,
        )
        reception.action_confirm()
        self._reschedule(reception)
        self.assertEqual(reception.start_datetime, self.start + timedelta(days=1))
        self.assertEqual(reception.stop_datetime, self.stop + timedelta(days=1))
        self.assertEqual(reception.state, "confirmed")
        self.env.cr.flush()  # tracking is written by the precommit hooks
        reception.invalidate_recordset(["message_ids"])
        tracked = reception.sudo().message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "start_datetime"
        )
        self.assertEqual(tracked.old_value_datetime, self.start)
        self.assertEqual(tracked.new_value_datetime, self.start + timedelta(days=1))
        message = reception.message_ids.filtered(
            lambda message: "Flight changed" in (message.body or "")
        )
        self.assertEqual(len(message), 1)
        self.assertIn("rescheduled", message.body)
        self.assertEqual(message.author_id, self.rep.partner_id)
        self.assertEqual(
            self._notified(message),
            (self.rep2 | self.receptionist).partner_id,
            "the companion and the person in charge of catering; the host moved it",
        )

    def test_reschedule_needs_a_reason_and_new_times(self):
        reception = self._create_reception()
        with self.assertRaises(ValidationError):
            self._reschedule(reception, reason="  ")
        with self.assertRaises(ValidationError):
            self._reschedule(reception, hours=0)
        Wizard = self.env["visit.reception.reschedule.wizard"]
        with self.assertRaises(ValidationError):
            Wizard.create(
                {
                    "reception_id": reception.id,
                    "start_datetime": self.stop,
                    "stop_datetime": self.start,
                    "reason": "Backwards",
                }
            )
        self.assertEqual(reception.start_datetime, self.start)

    def test_requested_booking_may_move_too(self):
        reception = self._create_reception(user=self.receptionist)
        self._reschedule(reception, user=self.receptionist, hours=3)
        self.assertEqual(reception.start_datetime, self.start + timedelta(hours=3))
        self.assertEqual(reception.state, "requested")
