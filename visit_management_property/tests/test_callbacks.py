# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.exceptions import UserError, ValidationError

from odoo.addons.visit_management.tests.spies import spy

from .common import PropertyCommon


class TestCallbacks(PropertyCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.today = fields.Date.context_today(cls.env["property.resident.callback"])

    def test_defaults_by_type_and_caller_activity(self):
        routine = self._create_callback(user=self.office_user)
        self.assertEqual(routine.unit_id, self.unit)
        self.assertEqual(routine.estate_id, self.estate)
        self.assertEqual(routine.method, "phone")
        self.assertEqual(routine.user_id, self.office_manager, "the office manager")
        self.assertEqual(routine.due_date, self.today + timedelta(days=7))
        activity = self._callback_activities(routine)
        self.assertEqual(activity.user_id, self.office_manager)
        self.assertEqual(activity.date_deadline, routine.due_date)
        move_in = self._create_callback(callback_type="move_in")
        self.assertEqual(move_in.method, "onsite", "the director visits new owners")
        repair = self._create_callback(callback_type="repair")
        self.assertEqual(repair.user_id, self.supervisor, "the maintenance supervisor")
        self.assertEqual(repair.method, "phone")
        # a new caller or due date moves the activity
        routine.write({"user_id": self.office_user.id, "due_date": self.today})
        activity = self._callback_activities(routine)
        self.assertEqual(activity.user_id, self.office_user)
        self.assertEqual(activity.date_deadline, self.today)

    def test_done_on_time_or_late(self):
        on_time = self._create_callback(user=self.office_user, satisfaction="4")
        on_time.with_user(self.office_user).action_done()
        self.assertEqual(on_time.state, "done")
        self.assertTrue(on_time.done_datetime)
        self.assertEqual(on_time.done_date, self.today)
        self.assertTrue(on_time.on_time)
        self.assertFalse(self._callback_activities(on_time), "the activity is done")
        late = self._create_callback(due_date=self.today - timedelta(days=1))
        late.user_id = False
        late.with_user(self.office_user).action_done()
        self.assertFalse(late.on_time)
        self.assertEqual(late.user_id, self.office_user, "who did it is the caller")
        with self.assertRaises(UserError):
            late.action_done()
        with self.assertRaises(UserError):
            late.with_user(self.office_user).write({"state": "todo"})

    def test_three_unanswered_calls_make_the_resident_unreachable(self):
        callback = self._create_callback(user=self.office_user).with_user(
            self.office_user
        )
        callback.action_no_answer()
        callback.action_no_answer()
        self.assertEqual(callback.state, "todo")
        self.assertEqual(callback.attempt_count, 2)
        self.assertFalse(callback.can_switch_method)
        with self.assertRaises(UserError):
            callback.action_switch_onsite()
        callback.action_no_answer()
        self.assertEqual(callback.state, "unreachable")
        self.assertEqual(callback.attempt_count, 3)
        self.assertEqual(set(callback.attempt_ids.mapped("method")), {"phone"})
        self.assertEqual(callback.attempt_ids.user_id, self.office_user)
        self.assertIn("attempt 3 of 3", callback.message_ids[0].body)
        self.assertIn("attempt 1 of 3", callback.message_ids[2].body)
        self.assertFalse(self._callback_activities(callback))
        with self.assertRaises(UserError):
            callback.action_no_answer()
        # then an on-site visit: its own count of attempts
        self.assertTrue(callback.can_switch_method)
        callback.action_switch_onsite()
        self.assertEqual((callback.state, callback.method), ("todo", "onsite"))
        self.assertEqual(
            self._callback_activities(callback).user_id, self.office_manager
        )
        callback.action_no_answer()
        self.assertEqual(callback.state, "todo", "first time nobody was at home")
        self.assertEqual(callback.attempt_count, 4)
        callback.action_done()
        self.assertEqual(callback.state, "done")

    def test_unreachable_then_letter_and_company_limit(self):
        self.company.property_callback_max_attempts = 1
        callback = self._create_callback()
        callback.action_no_answer()
        self.assertEqual(callback.state, "unreachable")
        callback.action_switch_letter()
        self.assertEqual(callback.method, "letter")
        callback.action_no_answer()
        self.assertEqual(callback.state, "unreachable")
        self.assertFalse(callback.can_switch_method, "only phone callbacks switch")
        with self.assertRaises(UserError):
            callback.action_switch_onsite()

    def test_cancel_and_reset(self):
        callback = self._create_callback()
        callback.action_cancel()
        self.assertEqual(callback.state, "cancelled")
        self.assertFalse(self._callback_activities(callback))
        with self.assertRaises(UserError):
            callback.action_cancel()
        callback.action_reset()
        self.assertEqual(callback.state, "todo")
        self.assertTrue(self._callback_activities(callback))
        with self.assertRaises(UserError):
            callback.action_reset()

    def test_follow_up_activity(self):
        callback = self._create_callback(
            user=self.office_user,
            follow_up_needed=True,
            follow_up_type="activity",
            problems="The lift is noisy at night.",
        )
        callback.with_user(self.office_user).action_done()
        activity = callback.follow_up_activity_id
        self.assertEqual(activity.user_id, self.office_manager)
        self.assertIn("The lift is noisy at night.", str(activity.note))

    def test_follow_up_complaint_and_repair(self):
        complaint_callback = self._create_callback(
            user=self.office_user,
            follow_up_needed=True,
            follow_up_type="complaint",
            opinions="Guards let strangers in.",
        )
        complaint_callback.with_user(self.office_user).action_done()
        complaint = complaint_callback.follow_up_complaint_id
        self.assertEqual(complaint.resident_id, self.owner)
        self.assertEqual(complaint.unit_id, self.unit)
        self.assertEqual(complaint.description, "Guards let strangers in.")
        self.assertEqual(complaint.state, "new")
        with self.assertRaises(ValidationError):
            self._create_callback(
                follow_up_needed=True, follow_up_type="repair", problems="Drain"
            )
        repair_callback = self._create_callback(
            user=self.office_user,
            follow_up_needed=True,
            follow_up_type="repair",
            follow_up_repair_category_id=self.env.ref(
                "visit_management_property.repair_category_drain"
            ).id,
            problems="The balcony drain is blocked again.",
        )
        repair_callback.with_user(self.office_user).action_done()
        repair = repair_callback.follow_up_repair_id
        self.assertEqual(repair.category_id.code, "drain")
        self.assertEqual(repair.unit_id, self.unit)
        self.assertIn(repair_callback.display_name, repair.message_ids[-1].body)

    def test_origin_reference(self):
        complaint = self._create_complaint()
        callback = self._create_callback(
            callback_type="complaint", complaint_id=complaint.id
        )
        self.assertEqual(callback.origin_ref, complaint)
        self.assertEqual(complaint.callback_ids, callback)
        with self.assertRaises(ValidationError):
            self._create_callback(
                due_date=self.today, latest_date=self.today - timedelta(days=1)
            )


class TestCallbackCompanyCheck(PropertyCommon):
    """The callbacks' company check, by company (visit.company.check): it
    decides as Odoo's check does, in filters that do not grow with the
    callbacks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        other_company = cls.env["res.company"].create({"name": "Other Property Co."})
        estate = cls.env["property.estate"].create(
            {"name": "Elsewhere Gardens", "company_id": other_company.id}
        )
        building = cls.env["property.building"].create(
            {"name": "Building 9", "estate_id": estate.id}
        )
        resident = cls._create_resident(cls._create_unit(building, "901"), "Wang Fang")
        cls.elsewhere_complaint = cls._create_complaint(resident=resident)
        cls.complaints = cls._create_complaint() | cls._create_complaint(
            resident=cls.family
        )

    def _create_callbacks(self, complaints):
        """Callbacks of the company's owner, one per complaint."""
        return self.env["property.resident.callback"].create(
            [
                {
                    "resident_id": self.owner.id,
                    "callback_type": "complaint",
                    "complaint_id": complaint.id,
                }
                for complaint in complaints
            ]
        )

    def test_a_complaint_of_another_company_is_refused(self):
        # Odoo's check, for its message, names the complaint
        with self.assertRaises(UserError) as refused:
            self._create_callbacks(self.complaints | self.elsewhere_complaint)
        self.assertIn(self.elsewhere_complaint.display_name, str(refused.exception))
        callbacks = self._create_callbacks(self.complaints)
        self.assertEqual(callbacks.company_id, self.company)
        with self.assertRaises(UserError):
            callbacks[0].write({"complaint_id": self.elsewhere_complaint.id})
        self.assertEqual(callbacks.complaint_id, self.complaints)

    def test_checked_by_company_not_by_callback(self):
        Complaint = self.env["property.complaint"]

        def checks(count):
            complaints = Complaint.concat(
                *(self._create_complaint() for _i in range(count))
            )
            with spy(Complaint, "_check_company_domain") as domain_of:
                self._create_callbacks(complaints)
            return domain_of.call_count

        self.assertEqual(checks(2), 1)
        self.assertEqual(checks(6), 1)
