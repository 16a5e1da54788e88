# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import uuid
from datetime import date, datetime, timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.service.model import call_kw
from odoo.tests import new_test_user

from ..models.visit_offline_operation import OFFLINE_TEXT_FIELDS
from .common import TESTS_NOW
from .test_today import TodayCommon
from .test_visit_report import METRES_PER_DEGREE, VisitReportCase
from .test_visit_report_evidence import _jpeg

EPOCH = datetime(1970, 1, 1)


def phone_ms(moment):
    """A UTC time as the phone's clock gives it: milliseconds since 1970."""
    return int((moment - EPOCH).total_seconds() * 1000)


class OfflineCase(VisitReportCase):
    """A rep's planned visit of the tests' today, and the changes the Visits
    app sends for it, as the app sends them: one call_kw per change."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.visit_min_dwell_minutes = 10
        # planned earlier this month: the visit took place on the tests' today
        plan = cls._create_plan(month=date(2026, 11, 1))
        plan.action_submit()
        plan.with_user(cls.manager).action_approve()
        cls.line = plan.line_ids

    def _operation(self, kind, minutes_ago, values=None, visit=None, **extra):
        return {
            "uuid": str(uuid.uuid4()),
            "kind": kind,
            "visit": visit or {"plan_line_id": self.line.id},
            "known_state": "draft",
            "phone_time": phone_ms(TESTS_NOW - timedelta(minutes=minutes_ago)),
            "values": values or {},
            **extra,
        }

    def _position(self, metres_north=20):
        return {
            "method": "gps",
            "latitude": self.customer.partner_latitude
            + metres_north / METRES_PER_DEGREE,
            "longitude": self.customer.partner_longitude,
            "accuracy": 12,
        }

    def _sync(self, operation, user=None):
        return call_kw(
            self.env["visit.offline.operation"].with_user(user or self.rep),
            "sync_operation",
            [operation],
            {},
        )

    def _whole_visit(self):
        """What a rep does at the customer's without a network, two hours ago:
        check in, write, promise, photograph, check out 40 minutes later, submit."""
        return [
            self._operation("check_in", 120, self._position()),
            self._operation(
                "texts", 110, {"customer_needs": {"old": "", "new": "Needs 200 pumps"}}
            ),
            self._operation(
                "commitment",
                100,
                {"name": "Send the price list", "deadline": "2026-11-30"},
            ),
            self._operation(
                "photo", 95, {"image": _jpeg(80, 60).decode(), "kind": "shelf"}
            ),
            self._operation("check_out", 80, self._position(40)),
            self._operation("submit", 79),
        ]


class TestOfflineVisit(OfflineCase):
    def test_whole_visit_offline_reaches_the_server(self):
        answers = [self._sync(operation) for operation in self._whole_visit()]
        self.assertEqual([a["state"] for a in answers], ["applied"] * 6, answers)
        report = self.line.report_ids
        self.assertEqual(report.state, "submitted")
        self.assertEqual({a["report_id"] for a in answers}, {report.id})
        # the phone's clock for when, the server's for when it arrived
        self.assertEqual(report.checkin_time, TESTS_NOW - timedelta(minutes=120))
        self.assertEqual(report.checkout_time, TESTS_NOW - timedelta(minutes=80))
        self.assertEqual(report.checkin_received_time, TESTS_NOW)
        self.assertTrue(report.checkin_offline and report.checkout_offline)
        self.assertEqual(report.dwell_minutes, 40)
        self.assertEqual(report.in_place_reason, "inside")
        self.assertIn("Recorded without a network", report.checkin_message)
        self.assertEqual(report.end_datetime, report.checkout_time)
        self.assertIn("200 pumps", report.customer_needs)
        self.assertEqual(report.commitment_ids.name, "Send the price list")
        photo = report.photo_ids
        self.assertEqual(photo.kind, "shelf")
        self.assertTrue(photo.offline)
        self.assertEqual(photo.phone_datetime, TESTS_NOW - timedelta(minutes=95))
        self.assertEqual(photo.capture_datetime, TESTS_NOW)
        self.assertNotEqual(photo.image, photo.sudo().image_original)
        history = (
            self.env["visit.report.check.in"]
            .with_user(self.manager)
            .search([("report_id", "=", report.id)])
        )
        self.assertEqual(history.mapped("offline"), [True, True])
        # the manager's filter "Checked In Offline"
        self.assertEqual(
            self.env["visit.report"]
            .with_user(self.manager)
            .search([("checkin_offline", "=", True)]),
            report,
        )
        self.assertEqual(history.mapped("received_time"), [TESTS_NOW, TESTS_NOW])

    def test_a_replayed_queue_changes_nothing(self):
        """The reply was lost and the phone sends the whole queue again: each
        change is answered as the first time, and nothing is added."""
        queue = self._whole_visit()
        first = [self._sync(operation) for operation in queue]
        report = self.line.report_ids
        facts = (
            report.write_date,
            len(report.check_in_ids),
            len(report.commitment_ids),
            len(report.photo_ids),
            len(report.message_ids),
        )
        second = [self._sync(operation) for operation in queue]
        self.assertEqual(second, first)
        report.invalidate_recordset()
        self.assertEqual(
            facts,
            (
                report.write_date,
                len(report.check_in_ids),
                len(report.commitment_ids),
                len(report.photo_ids),
                len(report.message_ids),
            ),
        )
        self.assertEqual(
            self.env["visit.offline.operation"].search_count(
                [("uuid", "in", [operation["uuid"] for operation in queue])]
            ),
            6,
        )

    def test_offline_by_the_phones_word_or_by_its_delay(self):
        """Recorded a minute ago without a network: offline, the phone's time;
        a phone clock a minute fast never puts it after its arrival."""
        operation = self._operation("check_in", 1, self._position(), offline=True)
        self._sync(operation)
        report = self.line.report_ids
        self.assertTrue(report.checkin_offline)
        self.assertEqual(report.checkin_time, TESTS_NOW - timedelta(minutes=1))
        self._sync(self._operation("check_out", -1, self._position(), offline=True))
        self.assertTrue(report.checkout_offline)
        self.assertEqual(report.checkout_time, TESTS_NOW)

    def test_a_live_change_is_judged_by_the_server_clock(self):
        """Sent as it happens (the phone's time a few seconds off): not
        offline, the server's time counts and the phone's is kept."""
        operation = self._operation("check_in", 0, self._position())
        operation["phone_time"] -= 30_000
        self._sync(operation)
        report = self.line.report_ids
        self.assertFalse(report.checkin_offline)
        self.assertEqual(report.checkin_time, TESTS_NOW)
        self.assertEqual(report.checkin_client_time, TESTS_NOW - timedelta(seconds=30))

    def test_a_late_sync_is_judged_by_the_manager(self):
        """Synced 30 hours after it was recorded, over the company's 24: not in
        place; the rep says why, the manager accepts."""
        self._sync(self._operation("check_in", 30 * 60, self._position()))
        self._sync(self._operation("check_out", 29 * 60, self._position()))
        report = self.line.report_ids
        self.assertEqual(report.in_place_reason, "offline_late")
        self.assertTrue(report.checkin_to_judge, "on the manager's list to judge")
        self.assertIn("synced more than 24 h", report.checkin_message)
        refused = self._sync(self._operation("submit", 29 * 60))
        self.assertEqual(refused["state"], "refused")
        self.assertIn("say why before submitting", refused["message"])
        self._sync(
            self._operation(
                "texts",
                29 * 60,
                {"checkin_outside_reason": {"old": "", "new": "No signal in the mine"}},
            )
        )
        self.assertEqual(self._sync(self._operation("submit", 1))["state"], "applied")
        report.with_user(self.manager).action_geofence_accept()
        self.assertTrue(report.in_place)
        self.company.visit_offline_max_sync_hours = 48
        self.assertEqual(report.in_place_reason, "accepted")


class TestOfflineConflicts(OfflineCase):
    def test_a_text_changed_meanwhile_is_not_overwritten(self):
        self._sync(self._operation("check_in", 60, self._position()))
        report = self.line.report_ids
        report.with_user(self.manager).customer_needs = "<p>Needs 50 valves</p>"
        answer = self._sync(
            self._operation(
                "texts",
                50,
                {
                    "customer_needs": {"old": "", "new": "Needs 200 pumps"},
                    "opinions": {"old": "", "new": "Likes the catalogue"},
                },
            )
        )
        self.assertEqual(answer["state"], "conflict")
        self.assertIn("Needs and Problems", answer["message"])
        self.assertEqual(answer["server_values"], {"customer_needs": "Needs 50 valves"})
        self.assertIn("50 valves", report.customer_needs)
        self.assertFalse(report.opinions)
        # the rep keeps theirs, knowing the server's
        answer = self._sync(
            self._operation(
                "texts",
                0,
                {
                    "customer_needs": {
                        "old": "Needs 50 valves",
                        "new": "Needs 200 pumps",
                    }
                },
            )
        )
        self.assertEqual(answer["state"], "applied")
        self.assertIn("200 pumps", report.customer_needs)

    def test_a_report_returned_meanwhile_is_not_changed(self):
        """The phone knew the report submitted; the manager returned it since:
        the change made on the old state is a conflict, nothing is written."""
        report = self._create_report(plan_line_id=self.line.id)
        report.action_submit()
        self._return(report)
        answer = self._sync(
            self._operation(
                "texts",
                5,
                {"opinions": {"old": "", "new": "Fine"}},
                visit={"report_id": report.id},
                known_state="draft",
            )
        )
        self.assertEqual(answer["state"], "conflict")
        self.assertIn("returned now", answer["message"])
        self.assertFalse(report.opinions)
        report.with_user(self.rep).action_submit()
        report.with_user(self.manager).action_approve()
        answer = self._sync(
            self._operation(
                "check_in", 5, self._position(), visit={"report_id": report.id}
            )
        )
        self.assertEqual(answer["state"], "conflict")
        self.assertIn("approved now", answer["message"])
        self.assertFalse(report.checkin_method)


class TestOfflineRefusals(OfflineCase):
    def test_refused_changes_say_why_and_record_nothing(self):
        checked_in = self._operation("check_in", 30, self._position())
        ahead = self._operation("check_in", -30, self._position())
        answer = self._sync(ahead)
        self.assertEqual(answer["state"], "refused")
        self.assertIn("clock is ahead", answer["message"])
        self.assertFalse(self.line.report_ids)
        self._sync(checked_in)
        answer = self._sync(self._operation("check_out", 40, self._position()))
        self.assertEqual(answer["state"], "refused")
        self.assertIn("before the check-in", answer["message"])
        self.assertFalse(self.line.report_ids.checkout_time)
        # another rep's visit
        answer = self._sync(
            self._operation("check_in", 10, self._position()), self.rep2
        )
        self.assertEqual(answer["state"], "refused")
        self.assertEqual(len(self.line.report_ids.check_in_ids), 1)

    def test_only_visit_users_sync(self):
        employee = new_test_user(self.env, "visit_employee", groups="base.group_user")
        for user in (employee, self.portal_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self._sync(self._operation("check_in", 5, self._position()), user)
        self.assertFalse(self.env["visit.offline.operation"].search([]))

    def test_another_users_change_is_not_answered(self):
        operation = self._operation("check_in", 30, self._position())
        self._sync(operation)
        with self.assertRaisesRegex(UserError, "synced by another user"):
            self._sync(operation, self.rep2)

    def test_only_what_the_app_sends_is_taken(self):
        """Server facts cannot ride along: every key is allow-listed."""
        bad = [
            self._operation("delete", 1),
            {**self._operation("texts", 1), "uuid": "1"},
            {**self._operation("texts", 1), "visit": {"plan_line_id": True}},
            {**self._operation("texts", 1), "user_id": self.rep2.id},
            self._operation("check_in", 1, {"method": "teleport"}),
            self._operation("check_in", 1, {**self._position(), "latitude": 95}),
            self._operation("texts", 1, {"in_place": {"old": "", "new": "1"}}),
            self._operation(
                "commitment",
                1,
                {"name": "x", "deadline": "2026-12-01", "activity_id": 1},
            ),
            self._operation(
                "photo", 1, {"image": _jpeg(8, 8).decode(), "offline": False}
            ),
        ]
        for operation in bad:
            with self.subTest(operation=operation):
                try:
                    answer = self._sync(operation)
                except ValidationError:
                    continue
                self.assertEqual(answer["state"], "refused", operation)
        report = self.line.report_ids
        self.assertFalse(
            report.checkin_method or report.commitment_ids or report.photo_ids
        )


class TestOfflineDay(TodayCommon):
    def _day(self, user):
        return call_kw(self.env["visit.today"].with_user(user), "visit_app_day", [], {})

    def test_the_day_as_the_app_keeps_it(self):
        """Everything the app shows without a network, in one call: the rep's
        visits of today only, with the customer, contact, place and map."""
        line = self._approved_plan_today(
            self.rep, [(self.workshop, 14, 0, None)]
        ).line_ids
        day = self._day(self.rep)
        self.assertEqual(
            [field["name"] for field in day["text_fields"]], list(OFFLINE_TEXT_FIELDS)
        )
        [visit] = day["visits"]
        self.assertEqual(visit["visit"], {"plan_line_id": line.id})
        self.assertEqual(visit["customer"], "Minhang Hardware")
        self.assertEqual(visit["time"], "14:00")
        self.assertIn("Jianchuan Road", visit["place"])
        self.assertTrue(visit["map_url"])
        self.assertIsNone(visit["report"])
        self.assertEqual(self._day(self.rep2)["visits"], [])
        report = line._visit_report()
        report.with_user(self.rep).opinions = "<p>Likes the <b>catalogue</b></p>"
        self.env.invalidate_all()  # a request of its own
        [visit] = self._day(self.rep)["visits"]
        self.assertEqual(visit["key"], f"line-{line.id}")
        self.assertEqual(visit["visit"], {"report_id": report.id})
        self.assertEqual(visit["report"]["state"], "draft")
        self.assertEqual(
            visit["report"]["texts"]["opinions"].strip(), "Likes the *catalogue*"
        )
