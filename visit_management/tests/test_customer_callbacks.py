# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import VisitCommon

# Noon in Shanghai on 14 December 2026.
NOW = datetime(2026, 12, 14, 4, 0)
CALL = "mail.mail_activity_data_call"


@freeze_time(NOW)
class TestCustomerCallbacks(VisitCommon):
    """The after-sale callbacks of key customers (003 大客户回访): due on a day
    the server sets, done when the rep records the call, counted in the
    monthly assessment's callback rate."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.rep.tz = cls.rep2.tz = "Asia/Shanghai"

    def _start(self, kinds, user=None, partner=None, start=date(2026, 12, 14)):
        return self.env["visit.customer.callback"]._start_ladder(
            [
                {
                    "partner": partner or self.customer,
                    "user": user or self.rep,
                    "company": self.company,
                    "date": start,
                    "kinds": kinds,
                    "origin": "WH/OUT/00042",
                }
            ]
        )

    def test_the_ladder_of_a_key_customer(self):
        thank_you, usage = self._start(("thank_you", "usage_check"))
        self.assertEqual(thank_you.due_date, date(2026, 12, 15), "the next day")
        self.assertEqual(usage.due_date, date(2027, 1, 14), "within a month")
        self.assertEqual(thank_you.team_id, self.team)
        self.assertEqual(thank_you.display_name, "Thank-you Call: Huadong Trading Co.")
        call = thank_you.activity_ids
        self.assertEqual(call.activity_type_id, self.env.ref(CALL))
        self.assertEqual(
            (call.user_id, call.date_deadline), (self.rep, date(2026, 12, 15))
        )
        self.assertTrue(call.visit_digest_pending, "told in the rep's next digest")

        # a C customer is not a key customer, until the company says so
        self.customer.visit_tier = "c"
        self.assertFalse(self._start(("thank_you",)))
        self.company.visit_after_sale_tier = "c"
        self.assertTrue(self._start(("thank_you",)))

    def test_the_rep_records_the_call_the_server_dates_it(self):
        callback = self._start(("repair",))
        self.assertEqual(callback.due_date, date(2026, 12, 21), "within a week")
        as_rep = callback.with_user(self.rep)
        with self.assertRaisesRegex(UserError, "Write what the customer said"):
            as_rep.action_done()
        for forged in (
            {"due_date": date(2027, 1, 31)},
            {"state": "done"},
            {"done_date": datetime(2026, 12, 20, 4, 0)},
            {"start_date": date(2026, 12, 31)},
        ):
            with self.assertRaises(UserError, msg=forged):
                as_rep.write(forged)
        as_rep.write(
            {"outcome": "Pump fixed, running well.", "satisfaction": "satisfied"}
        )
        with freeze_time(datetime(2026, 12, 21, 15, 30)):  # 23:30 on the due day
            as_rep.action_done()
        self.assertEqual(callback.state, "done")
        self.assertEqual(callback.done_date, datetime(2026, 12, 21, 15, 30))
        self.assertTrue(callback.done_on_time)
        self.assertFalse(callback.activity_ids, "the call is done")
        with self.assertRaisesRegex(UserError, "no longer due"):
            as_rep.action_done()
        with self.assertRaises(UserError):
            as_rep.write({"outcome": "Something else"})

    def test_done_after_the_due_day_is_late(self):
        callback = self._start(("thank_you",))
        callback.with_user(self.rep).outcome = "Thanked the buyer."
        with freeze_time(datetime(2026, 12, 15, 16, 30)):  # 00:30 on the 16th
            callback.with_user(self.rep).action_done()
        self.assertFalse(callback.done_on_time)

    def test_who_sees_moves_and_cancels(self):
        callback = self._start(("usage_check",))
        with self.assertRaises(AccessError):
            callback.with_user(self.rep2).read(["state"])
        with self.assertRaises(AccessError):
            callback.with_user(self.manager_b).read(["state"])
        with self.assertRaisesRegex(UserError, "team leader"):
            callback.with_user(self.rep).action_cancel()
        as_manager = callback.with_user(self.manager)
        as_manager.due_date = date(2027, 1, 20)
        self.assertEqual(callback.due_date, date(2027, 1, 20))
        as_manager.action_cancel()
        self.assertEqual(callback.state, "cancelled")
        self.assertFalse(callback.activity_ids)

    def test_a_rep_logs_a_repair_request(self):
        callback = (
            self.env["visit.customer.callback"]
            .with_user(self.rep)
            .create({"partner_id": self.customer.id, "kind": "repair"})
        )
        self.assertEqual(callback.user_id, self.rep)
        self.assertEqual(callback.due_date, date(2026, 12, 21))
        with self.assertRaises(UserError):
            self.env["visit.customer.callback"].with_user(self.rep).create(
                {
                    "partner_id": self.customer.id,
                    "kind": "repair",
                    "start_date": date(2026, 12, 31),
                }
            )

    def test_the_callback_rate_in_the_assessment(self):
        self.company.visit_assessment_weight_callback = 10
        on_time, late, missed, cancelled = self._start(
            ("thank_you", "thank_you", "thank_you", "thank_you"),
            start=date(2026, 11, 20),
        )
        (on_time | late).write({"outcome": "Called."})
        with freeze_time(datetime(2026, 11, 21, 4, 0)):
            on_time.with_user(self.rep).action_done()
        with freeze_time(datetime(2026, 11, 23, 4, 0)):
            late.with_user(self.rep).action_done()
        cancelled.with_user(self.manager).action_cancel()
        self.env["visit.penalty.rule"].create(
            {
                "name": "Callback missed",
                "condition": "missed_callbacks",
                "points": 5,
                "per_failure": True,
            }
        )
        assessment = self.env["visit.assessment"]._assess_month(date(2026, 11, 1))
        assessment = assessment.filtered(lambda a: a.user_id == self.rep)
        self.assertEqual(
            (assessment.callback_due_count, assessment.callback_done_count), (3, 1)
        )
        self.assertAlmostEqual(assessment.callback_rate, 100 / 3, places=2)
        penalty = assessment.penalty_ids.filtered(
            lambda line: line.rule_id.condition == "missed_callbacks"
        )
        self.assertEqual((penalty.failures, penalty.points), (2, 10))
        self.assertTrue(missed.exists())
