# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import new_test_user

from odoo.addons.visit_management.models import visit_reception_preparation

from .reception_common import ReceptionCommon


class TestReceptionReminders(ReceptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.now = fields.Datetime.now().replace(microsecond=0)

    def _booking(self, start, hours=2, confirm=True, **values):
        reception = self._create_reception(
            start_datetime=start, stop_datetime=start + timedelta(hours=hours), **values
        )
        if confirm:
            reception.action_confirm()
        return reception

    def _tomorrow(self, **values):
        """A confirmed visit in 20 hours: the room for the host, the catering
        for the receptionist."""
        defaults = {
            "room_id": self.room.id,
            "catering": "tea",
            "catering_user_id": self.receptionist.id,
        }
        return self._booking(self.now + timedelta(hours=20), **{**defaults, **values})

    # ------------------------------------------------------------------
    # The day before
    # ------------------------------------------------------------------
    def test_day_before_reminds_the_people_with_open_items(self):
        reception = self._tomorrow()
        later = self._booking(self.now + timedelta(days=3), room_id=self.room.id)
        self._run_cron("ir_cron_visit_reception_reminders")
        for user in (self.rep, self.receptionist):
            with self.subTest(user=user.login):
                todo = self._activities(
                    "mail_activity_visit_reception_reminder", user=user
                )
                self.assertEqual(len(todo), 1)
                self.assertIn(reception.display_name, str(todo.note))
                self.assertNotIn(later.name, str(todo.note))
        self.assertTrue(reception.prep_reminded)
        self.assertFalse(later.prep_reminded)

    def test_day_before_lists_are_in_each_persons_language(self):
        """One run lists the visits for people of two languages: each to-do's
        summary is in its person's language."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "visit_management")]
        )._update_translations(["zh_CN"], overwrite=True)
        self.receptionist.lang = "zh_CN"
        self._tomorrow()
        self._run_cron("ir_cron_visit_reception_reminders")
        summaries = {
            user: self._activities(
                "mail_activity_visit_reception_reminder", user=user
            ).summary
            for user in (self.rep, self.receptionist)
        }
        self.assertEqual(
            summaries[self.rep],
            "Receptions within a day, with preparation still open",
        )
        self.assertEqual(
            summaries[self.receptionist], "一天内的来访接待，仍有准备工作未完成"
        )

    def test_day_before_queries_do_not_grow_with_the_people(self):
        """Each person gets their to-do in their language, the languages read
        at once: three caterers cost the queries of one (after a first run that
        reads what every run then finds in the caches)."""
        caterers = [
            new_test_user(self.env, f"visit_caterer_{i}", groups="base.group_user")
            for i in range(5)
        ]

        def queries(host, people):
            for caterer in people:
                self._tomorrow(
                    user=host,
                    team_id=self.team.id,
                    user_id=host.id,
                    room_id=False,
                    catering_user_id=caterer.id,
                )
            return self._cron_queries("ir_cron_visit_reception_reminders")

        queries(self.manager, caterers[:1])
        one = queries(self.rep, caterers[1:2])
        three = queries(self.rep2, caterers[2:])
        self.assertEqual(three, one)
        for caterer in caterers:
            self.assertTrue(
                self._activities("mail_activity_visit_reception_reminder", user=caterer)
            )

    def test_done_items_are_not_reminded(self):
        reception = self._tomorrow()
        catering = reception.activity_ids.filtered(
            lambda activity: activity.user_id == self.receptionist
        )
        catering.action_feedback(feedback="Tea ordered")
        self._run_cron("ir_cron_visit_reception_reminders")
        self.assertFalse(
            self._activities(
                "mail_activity_visit_reception_reminder", user=self.receptionist
            )
        )
        # the host is reminded of the room, still to prepare
        self.assertTrue(
            self._activities("mail_activity_visit_reception_reminder", user=self.rep)
        )

    def test_reminder_is_idempotent(self):
        first = self._tomorrow()
        self._run_cron("ir_cron_visit_reception_reminders")
        self._run_cron("ir_cron_visit_reception_reminders")
        todo = self._activities("mail_activity_visit_reception_reminder", user=self.rep)
        self.assertEqual(len(todo), 1, "one to-do per person")
        self.assertEqual(str(todo.note).count(first.name), 1, "one reminder each")
        # a booking becoming due later is added to the same to-do
        second = self._tomorrow(room_id=self.big_room.id)
        self._run_cron("ir_cron_visit_reception_reminders")
        todo = self._activities("mail_activity_visit_reception_reminder", user=self.rep)
        self.assertEqual(len(todo), 1)
        self.assertEqual(str(todo.note).count(first.name), 1)
        self.assertEqual(str(todo.note).count(second.name), 1)

    def test_rescheduled_visit_is_reminded_again(self):
        reception = self._tomorrow()
        self._run_cron("ir_cron_visit_reception_reminders")
        self.assertTrue(reception.prep_reminded)
        start = self.now + timedelta(hours=22)
        reception._reschedule(start, start + timedelta(hours=2), "Traffic")
        self.assertFalse(reception.prep_reminded)

    def test_requested_and_cancelled_bookings_are_not_reminded(self):
        requested = self._tomorrow(confirm=False)
        cancelled = self._tomorrow(room_id=self.big_room.id)
        cancelled.action_cancel()
        self._run_cron("ir_cron_visit_reception_reminders")
        self.assertFalse(self._activities("mail_activity_visit_reception_reminder"))
        self.assertFalse(requested.prep_reminded or cancelled.prep_reminded)

    # ------------------------------------------------------------------
    # Visits left open
    # ------------------------------------------------------------------
    def test_visit_left_open_is_flagged_once_for_the_host(self):
        forgotten = self._booking(self.now - timedelta(days=2))
        ongoing = self._booking(self.now - timedelta(days=3), room_id=self.room.id)
        ongoing.action_check_in()
        recent = self._booking(self.now - timedelta(hours=6))
        closed = self._booking(self.now - timedelta(days=4))
        closed.action_check_in()
        closed.action_done()
        self._run_cron("ir_cron_visit_reception_reminders")
        self._run_cron("ir_cron_visit_reception_reminders")
        flagged = self._activities("mail_activity_visit_reception_close")
        self.assertEqual(
            {(activity.res_id, activity.user_id) for activity in flagged},
            {(forgotten.id, self.rep), (ongoing.id, self.rep)},
        )
        self.assertTrue(forgotten.close_flagged and ongoing.close_flagged)
        self.assertFalse(recent.close_flagged or closed.close_flagged)
        self.assertIn("Close", flagged[:1].summary)

    def test_run_cut_short_goes_on_where_it_stopped(self):
        first, second = self._tomorrow(), self._tomorrow(room_id=False)
        forgotten = self._booking(self.now - timedelta(days=2))
        with self._cut_after_one_batch((visit_reception_preparation, "REMINDER_BATCH")):
            self._run_cron("ir_cron_visit_reception_reminders")
        self.assertEqual(
            (first | second | forgotten).mapped("prep_reminded"), [True, False, False]
        )
        self.assertFalse(forgotten.close_flagged, "in a later batch")
        self._run_cron("ir_cron_visit_reception_reminders")
        self.assertTrue(second.prep_reminded and forgotten.close_flagged)
        todo = self._activities("mail_activity_visit_reception_reminder", self.rep)
        self.assertEqual(len(todo), 1, "one list, both visits in it")
        for reception in (first, second):
            self.assertEqual(str(todo.note).count(reception.display_name), 1)

    # ------------------------------------------------------------------
    # Set-based
    # ------------------------------------------------------------------
    def _queries(self, count):
        """Queries of one run over `count` bookings due tomorrow and `count`
        bookings left open."""
        for i in range(count):
            self._booking(
                self.now + timedelta(hours=20, minutes=i),
                catering="tea",
                catering_user_id=self.receptionist.id,
            )
            self._booking(self.now - timedelta(days=2, minutes=i))
        return self._cron_queries("ir_cron_visit_reception_reminders")

    def test_reminders_and_visits_to_close_share_a_batch(self):
        """A day's few receptions to remind and to close are one transaction,
        not one for each kind."""
        reception = self._tomorrow()
        forgotten = self._booking(self.now - timedelta(days=2))
        self.assertEqual(self._cron_batches("ir_cron_visit_reception_reminders"), 1)
        self.assertTrue(reception.prep_reminded and forgotten.close_flagged)

    def test_a_days_bookings_are_found_and_locked_without_a_count(self):
        """A day's bookings (one batch) are found and locked by one query, not
        counted first; more than a batch are counted, so that the scheduler
        knows what its next run has left to do."""

        def reads_of_bookings(statements):
            reads = [s for s in statements if s.startswith("SELECT")]
            return (
                [s for s in reads if 'COUNT(*) FROM "visit_reception"' in s],
                [s for s in reads if "SKIP LOCKED" in s],
            )

        reception = self._tomorrow()
        forgotten = self._booking(self.now - timedelta(days=2))
        counts, found = reads_of_bookings(
            self._cron_statements("ir_cron_visit_reception_reminders")
        )
        self.assertEqual((len(counts), len(found)), (0, 1))
        self.assertTrue(reception.prep_reminded and forgotten.close_flagged)

        later = (
            self._tomorrow(room_id=False),
            self._booking(self.now - timedelta(days=3)),
        )
        with self._cut_after_one_batch((visit_reception_preparation, "REMINDER_BATCH")):
            counts, found = reads_of_bookings(
                self._cron_statements("ir_cron_visit_reception_reminders")
            )
        self.assertEqual((len(counts), len(found)), (1, 1))
        progress = self.env["ir.cron.progress"].search(
            [
                (
                    "cron_id",
                    "=",
                    self.env.ref(
                        "visit_management.ir_cron_visit_reception_reminders"
                    ).id,
                )
            ],
            order="id desc",
            limit=1,
        )
        self.assertEqual((progress.done, progress.remaining), (1, 1))
        self.assertEqual(
            [later[0].prep_reminded, later[1].close_flagged].count(True), 1
        )

    def test_queries_do_not_grow_with_the_bookings(self):
        self._queries(1)  # warm the caches, open the to-do lists
        one = self._queries(1)
        many = self._queries(6)
        self.assertEqual(one, many)
