# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from odoo.addons.visit_management_property.models import property_callback_rules

from .common import PropertyCommon

TODAY = "2026-11-20 04:00:00"


@freeze_time(TODAY)
class TestMoveInCallbacks(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rules = cls.env["property.callback.rules"]
        cls.company.property_mass_move_in_threshold = 5

    def test_one_visit_per_household_within_the_delay(self):
        recent, old, future, shared = self._create_units(self.building, 4, prefix="M")
        owner = self._create_resident(
            recent, "New Owner", resident_move_in_date=date(2026, 10, 5)
        )
        # family members are visited with their household, not on their own
        self._create_resident(
            recent, "Her Son", role="family", resident_move_in_date=date(2026, 10, 5)
        )
        self._create_resident(old, "Old", resident_move_in_date=date(2026, 8, 19))
        self._create_resident(future, "Soon", resident_move_in_date=date(2026, 11, 21))
        tenant = self._create_resident(
            shared, "Tenant", role="tenant", resident_move_in_date=date(2026, 8, 20)
        )
        self._create_resident(
            shared, "Co-tenant", role="tenant", resident_move_in_date=date(2026, 8, 25)
        )
        self._run_cron("ir_cron_property_move_in_callbacks")
        visits = self._callbacks("move_in")
        self.assertEqual(visits.unit_id, recent | shared, "within the last 3 months")
        visit = visits.filtered(lambda callback: callback.unit_id == recent)
        self.assertEqual(visit.resident_id, owner)
        self.assertEqual(visit.due_date, date(2026, 11, 5), "within a month")
        self.assertEqual(visit.latest_date, date(2027, 1, 5), "at most 3 months")
        self.assertEqual(visit.method, "onsite")
        self.assertEqual(visit.user_id, self.office_manager)
        self.assertEqual(self._callback_activities(visit).user_id, self.office_manager)
        # the caller hears of the new visits in one digest
        self._run_cron("visit_management.ir_cron_visit_reminder_digest")
        (digest,) = self.env["mail.message"].search(
            [
                (
                    "notification_ids.res_partner_id",
                    "=",
                    self.office_manager.partner_id.id,
                ),
                ("subject", "=", "Visit reminders: 2 new"),
            ]
        )
        self.assertIn(f"/odoo/property.resident.callback/{visit.id}", digest.body)
        shared_visit = visits - visit
        self.assertEqual(shared_visit.resident_id, tenant)
        self.assertEqual(shared_visit.due_date, date(2026, 9, 20), "the first in")
        self.assertFalse(self.env["property.callback.sample"].search([]))
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(self._callbacks("move_in"), visits, "idempotent")

    def test_run_cut_short_goes_on_where_it_stopped(self):
        (unit,) = self._create_units(self.building, 1, prefix="M")
        for household in (unit, self.unit_b):
            self._create_resident(
                household,
                f"Newcomer {household.name}",
                role="tenant",
                resident_move_in_date=date(2026, 10, 5),
            )
        with self._cut_after_one_batch((property_callback_rules, "ESTATE_BATCH")):
            self._run_cron("ir_cron_property_move_in_callbacks")
        first = self._callbacks("move_in")
        self.assertEqual(first.unit_id, unit, "the first estate before the time was up")
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(self._callbacks("move_in").unit_id, unit | self.unit_b)
        self.assertEqual(self._callbacks("move_in", unit_id=unit.id), first)

    def test_mass_move_in_visits_a_reproducible_sample(self):
        units = self._households(
            self.building, 10, resident_move_in_date=date(2026, 11, 1)
        )
        few = self._households(
            self.building_b, 5, resident_move_in_date=date(2026, 11, 2)
        )
        self._run_cron("ir_cron_property_move_in_callbacks")
        visits = self._callbacks("move_in", estate_id=self.estate.id)
        self.assertEqual(len(visits), 6, "60% of 10 households")
        self.assertLessEqual(visits.unit_id, units)
        self.assertEqual(
            self._callbacks("move_in", estate_id=self.estate_b.id).unit_id,
            few,
            "5 households are not more than the threshold: all visited",
        )
        sample = self.env["property.callback.sample"].search([])
        self.assertEqual(sample.estate_id, self.estate)
        self.assertEqual(sample.sample_type, "move_in")
        self.assertEqual(sample.period_date, date(2026, 11, 1))
        self.assertEqual((sample.household_count, sample.percent), (10, 60))
        self.assertEqual(sample.candidate_unit_ids, units)
        self.assertEqual(sample.selected_unit_ids, visits.unit_id)
        self.assertEqual(sample.selected_count, 6)
        self.assertEqual(
            set(sample._redraw()), set(visits.unit_id.ids), "the seed redoes it"
        )
        first_choice = visits.unit_id
        # a second run changes nothing; a fresh draw picks the same households
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(self._callbacks("move_in", estate_id=self.estate.id), visits)
        visits.sudo().with_context(tracking_disable=True).unlink()
        sample.unlink()
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(
            self._callbacks("move_in", estate_id=self.estate.id).unit_id, first_choice
        )

    def test_later_households_of_a_mass_month_are_drawn_among_themselves(self):
        self._households(self.building, 4, resident_move_in_date=date(2026, 11, 1))
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(len(self._callbacks("move_in")), 4, "not a mass move-in yet")
        later = self._households(
            self.building, 6, prefix="L", resident_move_in_date=date(2026, 11, 10)
        )
        self._run_cron("ir_cron_property_move_in_callbacks")
        visits = self._callbacks("move_in")
        self.assertEqual(len(visits), 6, "60% of the 10 households of the month")
        sample = self.env["property.callback.sample"].search([])
        self.assertEqual(sample.candidate_unit_ids, later)
        self.assertEqual(sample.size, 2)
        self.assertEqual(len(visits.unit_id & later), 2)
        more = self._households(
            self.building, 5, prefix="X", resident_move_in_date=date(2026, 11, 15)
        )
        self._run_cron("ir_cron_property_move_in_callbacks")
        second = self.env["property.callback.sample"].search([("draw_number", "=", 2)])
        self.assertEqual(second.candidate_unit_ids, more, "not the earlier ones")
        self.assertEqual(second.size, 3, "60% of 15 is 9, 6 visited already")
        self.assertEqual(len(self._callbacks("move_in")), 9)
        self.assertEqual(set(second._redraw()), set(second.selected_unit_ids.ids))

    def test_settings(self):
        self._households(self.building, 10, resident_move_in_date=date(2026, 11, 1))
        self.company.property_move_in_callbacks = False
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertFalse(self._callbacks("move_in"))
        self.company.write(
            {"property_move_in_callbacks": True, "property_mass_move_in_percent": 100}
        )
        self._run_cron("ir_cron_property_move_in_callbacks")
        self.assertEqual(len(self._callbacks("move_in")), 10)
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.company.property_mass_move_in_percent = 0
            self.env.flush_all()


@freeze_time(TODAY)
class TestOriginCallbacks(PropertyCommon):
    def _resolve(self, complaint):
        complaint.resolution = "Apologised; the guard was retrained."
        complaint.action_resolve()
        return complaint

    def test_management_complaints_are_called_back_before_closing(self):
        complaint = self._resolve(
            self._create_complaint(user=self.office_user, caused_by_management=True)
        )
        callback = complaint.callback_ids
        self.assertEqual(callback.callback_type, "complaint")
        self.assertEqual(callback.resident_id, self.owner)
        self.assertEqual(callback.method, "phone")
        self.assertEqual(callback.user_id, self.office_manager)
        self.assertEqual(callback.due_date, date(2026, 11, 23))
        with self.assertRaises(ValidationError, msg="not called back yet"):
            complaint.action_close()
        callback.action_no_answer()
        with self.assertRaises(ValidationError):
            complaint.action_close()
        callback.action_no_answer()
        callback.action_no_answer()
        self.assertEqual(callback.state, "unreachable")
        # unreachable by phone is not yet a callback: on-site or a letter first
        with self.assertRaisesRegex(ValidationError, "visit on site or send a letter"):
            complaint.with_user(self.office_user).action_close()
        callback.with_user(self.office_user).action_switch_onsite()
        for _attempt in range(3):
            callback.with_user(self.office_user).action_no_answer()
        self.assertEqual((callback.state, callback.method), ("unreachable", "onsite"))
        complaint.with_user(self.office_user).action_close()
        self.assertEqual(complaint.state, "closed")
        # reopened and resolved again: still the one callback
        complaint.action_reopen()
        self._resolve(complaint)
        self.assertEqual(complaint.callback_ids, callback)

    def test_manager_closes_an_unreachable_complaint_with_a_reason(self):
        complaint = self._resolve(
            self._create_complaint(user=self.office_user, caused_by_management=True)
        )
        for _attempt in range(3):
            complaint.callback_ids.with_user(self.office_user).action_no_answer()
        as_clerk = complaint.with_user(self.office_user)
        with self.assertRaisesRegex(UserError, "you cannot change"):
            as_clerk.unreachable_close_reason = "Nobody cares"
        with self.assertRaisesRegex(ValidationError, "a manager says why"):
            as_clerk.action_close()
        complaint.with_user(self.office_manager).write(
            {"unreachable_close_reason": "Moved abroad; the family was told."}
        )
        as_clerk.action_close()
        self.assertEqual(complaint.state, "closed")

    def test_other_complaints_follow_the_setting(self):
        other = self._resolve(self._create_complaint())
        self.assertFalse(other.callback_required)
        self.assertFalse(other.callback_ids)
        other.action_close()
        self.company.property_complaint_callback_all = True
        every = self._resolve(self._create_complaint())
        self.assertTrue(every.callback_ids)
        with self.assertRaises(ValidationError):
            every.action_close()
        every.callback_ids.action_done()
        every.action_close()
        self.assertEqual(every.state, "closed")

    def test_catch_up_creates_missing_callbacks_once(self):
        self.company.property_complaint_callbacks = False
        complaint = self._resolve(self._create_complaint(caused_by_management=True))
        self.assertFalse(complaint.callback_ids)
        self.company.property_complaint_callbacks = True
        self._run_cron("ir_cron_property_origin_callbacks")
        self._run_cron("ir_cron_property_origin_callbacks")
        self.assertEqual(len(complaint.callback_ids), 1)
        self.assertEqual(complaint.callback_ids.due_date, date(2026, 11, 23))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self._create_callback(callback_type="complaint", complaint_id=complaint.id)
            self.env.flush_all()

    def test_catch_up_cut_short_goes_on_where_it_stopped(self):
        self.company.property_complaint_callbacks = False
        complaints = self._resolve(
            self._create_complaint(caused_by_management=True)
        ) | self._resolve(
            self._create_complaint(resident=self.owner_b, caused_by_management=True)
        )
        self.company.property_complaint_callbacks = True
        # estate by estate
        with self._cut_after_one_batch((property_callback_rules, "ESTATE_BATCH")):
            self._run_cron("ir_cron_property_origin_callbacks")
        self.assertEqual([len(c.callback_ids) for c in complaints], [1, 0])
        self._run_cron("ir_cron_property_origin_callbacks")
        self.assertEqual([len(c.callback_ids) for c in complaints], [1, 1])

    def test_repairs_of_the_listed_categories(self):
        leak = self._create_repair(category="leak", technician_id=self.supervisor.id)
        electrical = self._create_repair(
            category="electrical", technician_id=self.supervisor.id
        )
        (leak | electrical).action_assign()
        (leak | electrical).action_done()
        callback = leak.callback_ids
        self.assertEqual(callback.callback_type, "repair")
        self.assertEqual(
            callback.user_id, self.supervisor, "the maintenance supervisor"
        )
        self.assertEqual(callback.due_date, date(2026, 11, 23))
        self.assertFalse(electrical.callback_ids)
        self.env.ref(
            "visit_management_property.repair_category_electrical"
        ).callback_required = True
        self._run_cron("ir_cron_property_origin_callbacks")
        self.assertTrue(electrical.callback_ids)
        self.assertEqual(leak.callback_ids, callback)

    def test_incident_follow_up_visit(self):
        incident = self._create_incident(
            emergency_actions="Water shut off.", cause="Old pipe."
        )
        incident.action_close()
        visit = incident.callback_ids
        self.assertEqual(visit.callback_type, "incident")
        self.assertEqual(visit.method, "onsite")
        self.assertEqual(visit.user_id, self.office_manager)
        self.assertEqual(visit.unit_id, self.unit)
        self.assertEqual(visit.due_date, date(2026, 11, 23))
        self.company.property_incident_callbacks = False
        other = self._create_incident(
            unit=self.unit_b, emergency_actions="Fire put out.", cause="Candle."
        )
        other.action_close()
        self.assertFalse(other.callback_ids)


class TestFestivalVisits(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.festival = cls.env["property.festival"].create(
            {"name": "Spring Festival 2027", "date": date(2027, 2, 6), "lead_days": 7}
        )
        cls.disabled = cls._create_resident(
            cls.unit, "Disabled A", role="family", resident_disabled=True
        )
        # 60 on the festival, not yet when the visits are prepared
        cls.turning_60 = cls._create_resident(
            cls.unit,
            "Elder A",
            role="family",
            resident_birth_date=date(1967, 2, 1),
            resident_without_children=True,
        )
        cls.with_children = cls._create_resident(
            cls.unit,
            "Elder With Son",
            role="family",
            resident_birth_date=date(1940, 1, 1),
        )
        cls.key_b = cls._create_resident(cls.unit_b, "Key B", resident_key=True)

    def _visits(self):
        return self._callbacks("festival", festival_id=self.festival.id)

    def test_wizard_for_chosen_estates(self):
        wizard = (
            self.env["property.festival.wizard"]
            .with_user(self.manager)
            .create({"festival_id": self.festival.id})
        )
        self.assertEqual(wizard.estate_ids, self.estate | self.estate_b)
        wizard.estate_ids = self.estate
        action = wizard.action_create_visits()
        visits = self._visits()
        self.assertEqual(visits.resident_id, self.disabled | self.turning_60)
        self.assertEqual(set(visits.mapped("method")), {"onsite"})
        self.assertEqual(set(visits.mapped("due_date")), {date(2027, 2, 6)})
        self.assertEqual(visits.user_id, self.office_manager)
        self.assertEqual(
            self.env["property.resident.callback"].search(action["domain"]), visits
        )
        # again, with both estates: only the missing ones
        wizard.estate_ids = self.estate | self.estate_b
        wizard.action_create_visits()
        self.assertEqual(len(self._visits()), 3)
        self.assertEqual((self._visits() - visits).resident_id, self.key_b)

    def test_run_cut_short_goes_on_where_it_stopped(self):
        with freeze_time("2027-01-30 04:00:00"):
            with self._cut_after_one_batch((property_callback_rules, "ESTATE_BATCH")):
                self._run_cron("ir_cron_property_festival_visits")
            self.assertLess(len(self._visits()), 3, "one estate of one festival")
            self.assertFalse(self.festival.done_date, "not done before every estate")
            self._run_cron("ir_cron_property_festival_visits")
        self.assertEqual(
            self._visits().resident_id, self.disabled | self.turning_60 | self.key_b
        )
        self.assertEqual(len(self._visits()), 3, "each resident visited once")
        self.assertEqual(self.festival.done_date, date(2027, 2, 6))

    def test_cron_prepares_the_festival_once(self):
        with freeze_time("2027-01-29 04:00:00"):
            self._run_cron("ir_cron_property_festival_visits")
        self.assertFalse(self._visits(), "8 days before: not yet")
        with freeze_time("2027-01-30 04:00:00"):
            self._run_cron("ir_cron_property_festival_visits")
            self._run_cron("ir_cron_property_festival_visits")
        visits = self._visits()
        self.assertEqual(
            visits.resident_id, self.disabled | self.turning_60 | self.key_b
        )
        self.assertEqual(self.festival.done_date, date(2027, 2, 6))
        self.company.property_festival_visits = False
        national_day = self.env["property.festival"].create(
            {"name": "National Day", "date": date(2027, 10, 1), "yearly": True}
        )
        with freeze_time("2027-09-30 04:00:00"):
            self._run_cron("ir_cron_property_festival_visits")
        self.assertFalse(self._callbacks("festival", festival_id=national_day.id))
        self.company.property_festival_visits = True
        with freeze_time("2027-09-30 04:00:00"):
            self._run_cron("ir_cron_property_festival_visits")
        self.assertEqual(
            len(self._callbacks("festival", festival_id=national_day.id)), 3
        )
        self.assertEqual(national_day.date, date(2028, 10, 1), "next year's")
        self.assertEqual(national_day.done_date, date(2027, 10, 1))


@freeze_time(TODAY)
class TestRoutineCallbacks(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.units = cls._households(cls.building, 20)
        cls.rules = cls.env["property.callback.rules"]

    def _routine(self, estate=None):
        return self._callbacks(
            "routine",
            estate_id=(estate or self.estate).id,
            period_date=date(2026, 11, 1),
        )

    def test_ten_to_fifteen_households_without_complaints_or_repairs(self):
        complained = self.units[0]
        self._create_complaint(resident=complained.owner_id)
        repaired = self.units[1]
        repair = self._create_repair(
            resident=repaired.owner_id, requested_datetime="2026-11-02 01:00:00"
        )
        repair.technician_id = self.supervisor
        repair.action_assign()
        repair.action_done()
        # an old complaint that is closed does not keep a household out
        old = self._create_complaint(
            resident=self.units[2].owner_id, received_datetime="2026-09-01 01:00:00"
        )
        old.resolution = "Done"
        old.action_resolve()
        old.action_close()
        recent = self._create_callback(
            resident=self.units[3].owner_id,
            callback_type="routine",
            period_date=date(2026, 8, 1),
            due_date=date(2026, 8, 31),
        )
        long_ago = self._create_callback(
            resident=self.units[4].owner_id,
            callback_type="routine",
            period_date=date(2026, 7, 1),
            due_date=date(2026, 7, 31),
        )
        self._run_cron("ir_cron_property_routine_callbacks")
        callbacks = self._routine()
        self.assertGreaterEqual(len(callbacks), 10)
        self.assertLessEqual(len(callbacks), 15)
        self.assertEqual(len(callbacks.unit_id), len(callbacks), "one per household")
        sample = self.env["property.callback.sample"].search(
            [("estate_id", "=", self.estate.id), ("sample_type", "=", "routine")]
        )
        eligible = sample.candidate_unit_ids
        self.assertNotIn(complained, eligible)
        self.assertNotIn(repaired, eligible)
        self.assertNotIn(recent.unit_id, eligible, "called back 3 months ago")
        self.assertIn(long_ago.unit_id, eligible, "4 months ago")
        self.assertIn(self.units[2], eligible)
        self.assertEqual(len(eligible), 21 - 3, "20 households and unit 301")
        self.assertEqual(sample.selected_unit_ids, callbacks.unit_id)
        self.assertEqual(sample.size, len(callbacks))
        self.assertEqual(set(sample._redraw()), set(callbacks.unit_id.ids))
        self.assertEqual(set(callbacks.mapped("due_date")), {date(2026, 11, 30)})
        self.assertEqual(set(callbacks.mapped("method")), {"phone"})
        # estate B has one household: it is picked
        self.assertEqual(self._routine(self.estate_b).unit_id, self.unit_b)
        # idempotent within the month, even once callbacks are done
        callbacks[0].action_done()
        self._run_cron("ir_cron_property_routine_callbacks")
        self.assertEqual(self._routine(), callbacks)

    def test_run_cut_short_goes_on_where_it_stopped(self):
        with self._cut_after_one_batch((property_callback_rules, "ESTATE_BATCH")):
            self._run_cron("ir_cron_property_routine_callbacks")
        first = self._routine()
        self.assertTrue(first)
        self.assertFalse(self._routine(self.estate_b), "left to the next run")
        self._run_cron("ir_cron_property_routine_callbacks")
        self.assertEqual(self._routine(self.estate_b).unit_id, self.unit_b)
        self.assertEqual(self._routine(), first, "not drawn again")

    def test_next_month_spreads_to_other_households(self):
        self._run_cron("ir_cron_property_routine_callbacks")
        november = self._routine().unit_id
        with freeze_time("2026-12-01 04:00:00"):
            self._run_cron("ir_cron_property_routine_callbacks")
        december = self._callbacks(
            "routine", estate_id=self.estate.id, period_date=date(2026, 12, 1)
        ).unit_id
        self.assertTrue(december)
        self.assertFalse(november & december)
        self.assertEqual(len(november | december), 21, "everyone within two months")

    def test_the_household_contact_is_called(self):
        # each household's first resident is now family, a tenant came next,
        # the owner was recorded last: the owner is called, not the oldest
        for unit in self.units:
            unit.owner_id.resident_role = "family"
            self._create_resident(unit, f"Tenant {unit.name}", role="tenant")
            self._create_resident(unit, f"Owner recorded last {unit.name}")
        self._run_cron("ir_cron_property_routine_callbacks")
        callbacks = self._routine().filtered(lambda c: c.unit_id in self.units)
        self.assertTrue(callbacks)
        for callback in callbacks:
            self.assertEqual(
                callback.resident_id.name,
                f"Owner recorded last {callback.unit_id.name}",
            )

    def test_settings_and_opt_out(self):
        self.company.write({"property_routine_min": 2, "property_routine_max": 2})
        self.estate_b.routine_callbacks = False
        self._run_cron("ir_cron_property_routine_callbacks")
        self.assertEqual(len(self._routine()), 2)
        self.assertFalse(self._routine(self.estate_b))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.company.property_routine_min = 3
            self.env.flush_all()
