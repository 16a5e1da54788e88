# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo import fields

from .reception_common import ReceptionCommon


class TestReceptionPreparation(ReceptionCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = "Asia/Shanghai"

    def _prepared(self, **values):
        """A booking needing everything: room, working meal, materials, pick-up
        and a translator, each prepared by someone."""
        defaults = {
            "room_id": self.room.id,
            "companion_ids": [(6, 0, self.rep2.ids)],
            "catering": "working_meal",
            "catering_covers": 4,
            "catering_user_id": self.receptionist.id,
            "material_ids": [
                (0, 0, {"name": "Company profile", "quantity": 5}),
                (0, 0, {"name": "2027 price proposal", "confidential": True}),
            ],
            "material_user_id": self.rep2.id,
            "pickup_needed": True,
            "pickup_place": "Pudong Airport T2",
            "pickup_datetime": self.start - timedelta(hours=2),
            "translator_needed": True,
            "agenda": "<p>10:00 welcome, 10:30 product demo</p>",
        }
        return self._create_reception(**{**defaults, **values})

    def _checklist(self, reception):
        activity_type = self.env.ref(
            "visit_management.mail_activity_visit_reception_prep"
        )
        return reception.activity_ids.filtered(
            lambda activity: activity.activity_type_id == activity_type
        )

    def test_confirm_puts_the_meeting_in_the_calendars(self):
        reception = self._prepared()
        self.assertFalse(reception.calendar_event_id)
        reception.action_confirm()
        event = reception.calendar_event_id
        self.assertTrue(event)
        self.assertEqual((event.start, event.stop), (self.start, self.stop))
        self.assertEqual(event.user_id, self.rep)
        self.assertEqual(event.partner_ids, (self.rep | self.rep2).partner_id)
        self.assertEqual(event.location, "Huangshan, Building A, 3F")
        self.assertIn("Huadong Trading Co.", event.name)
        self.assertIn("product demo", str(event.description))
        self.assertEqual(
            (event.res_model, event.res_id), (reception._name, reception.id)
        )

    def test_confirm_hands_out_the_checklist(self):
        reception = self._prepared()
        self.assertFalse(self._checklist(reception))
        reception.action_confirm()
        checklist = self._checklist(reception)
        by_user = {activity.summary: activity.user_id for activity in checklist}
        self.assertEqual(
            by_user,
            {
                "Prepare the meeting room Huangshan": self.rep,
                "Arrange the catering: Working Meal, 4 covers": self.receptionist,
                "Prepare the materials (2 items)": self.rep2,
                "Arrange the pick-up at Pudong Airport T2": self.rep,
                "Find a translator": self.rep,
            },
        )
        # the day before the visit
        self.assertEqual(set(checklist.mapped("date_deadline")), {date(2026, 12, 9)})

    def test_checklist_only_for_what_the_visit_needs(self):
        reception = self._create_reception()
        reception.action_confirm()
        self.assertTrue(reception.calendar_event_id)
        self.assertFalse(reception.calendar_event_id.location)
        self.assertFalse(self._checklist(reception))

    def test_deadline_by_the_hosts_day_and_the_company_lead_time(self):
        # 20:00 UTC on 9 December is 04:00 on 10 December in Shanghai
        start = datetime(2026, 12, 9, 20, 0)
        reception = self._prepared(
            start_datetime=start,
            stop_datetime=start + timedelta(hours=2),
            pickup_datetime=start - timedelta(hours=2),
        )
        reception.action_confirm()
        self.assertEqual(
            set(self._checklist(reception).mapped("date_deadline")),
            {date(2026, 12, 9)},
        )
        self.company.visit_reception_prep_days = 3
        later = self._prepared(room_id=self.big_room.id)
        later.action_confirm()
        self.assertEqual(
            set(self._checklist(later).mapped("date_deadline")), {date(2026, 12, 7)}
        )

    def test_deadline_never_in_the_past(self):
        start = fields.Datetime.now().replace(microsecond=0) + timedelta(hours=3)
        reception = self._prepared(
            start_datetime=start,
            stop_datetime=start + timedelta(hours=1),
            pickup_datetime=start,
        )
        reception.action_confirm()
        today = fields.Date.context_today(reception)
        for deadline in self._checklist(reception).mapped("date_deadline"):
            self.assertGreaterEqual(deadline, today)

    def test_reschedule_moves_the_meeting_and_the_checklist(self):
        reception = self._prepared()
        reception.action_confirm()
        reception._reschedule(
            self.start + timedelta(days=5), self.stop + timedelta(days=5), "Holiday"
        )
        event = reception.calendar_event_id
        self.assertEqual(event.start, self.start + timedelta(days=5))
        self.assertEqual(event.stop, self.stop + timedelta(days=5))
        self.assertEqual(
            set(self._checklist(reception).mapped("date_deadline")),
            {date(2026, 12, 14)},
        )

    def test_changes_follow_into_the_meeting(self):
        reception = self._prepared()
        reception.action_confirm()
        reception.write(
            {"room_id": self.big_room.id, "companion_ids": [(6, 0, self.manager.ids)]}
        )
        event = reception.calendar_event_id
        self.assertEqual(event.location, "Taishan, Building B, 1F")
        self.assertEqual(event.partner_ids, (self.rep | self.manager).partner_id)

    def test_cancel_clears_the_meeting_and_the_checklist(self):
        reception = self._prepared()
        reception.action_confirm()
        event = reception.calendar_event_id
        reception.action_cancel()
        self.assertFalse(event.exists())
        self.assertFalse(self._checklist(reception))
