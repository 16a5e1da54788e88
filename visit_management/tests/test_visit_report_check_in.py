# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from lxml import etree

from odoo.exceptions import AccessError, UserError
from odoo.service.model import call_kw
from odoo.tests import freeze_time

from .test_visit_report import METRES_PER_DEGREE, VisitReportCase

# 12:00 and 14:00 in Shanghai on the visit's day, and 19:09 the same evening.
NOON, TWO_PM = datetime(2026, 12, 10, 4, 0), datetime(2026, 12, 10, 6, 0)
EVENING = datetime(2026, 12, 10, 11, 9)


class TestCheckInTruth(VisitReportCase):
    """One message and one verdict, the history of the check-ins, the check-out
    before submitting and the visit's times against the check-in's, as the rep
    reaches them over RPC."""

    def _check_in_at(self, report, metres_north, method="action_check_in"):
        return call_kw(
            report.with_user(self.rep),
            method,
            [
                report.ids,
                self.customer.partner_latitude + metres_north / METRES_PER_DEGREE,
                self.customer.partner_longitude,
                10.0,
            ],
            {},
        )

    def test_message_and_verdict_agree_with_the_form(self):
        """Inside the zone but not checked out: the page says the visit is not
        in place yet and why, as the form does."""
        self.company.visit_min_dwell_minutes = 30
        report = self._create_report()
        result = self._check_in_at(report, 151)
        self.assertEqual(report.in_place_reason, "no_check_out")
        self.assertFalse(report.in_place)
        self.assertEqual(
            result,
            {"in_place": False, "waiting": True, "message": report.checkin_message},
        )
        self.assertIn("151 m", result["message"])
        self.assertIn("not in place until you check out", result["message"])
        self.assertIn("30 min", result["message"])
        with freeze_time("2026-11-23 04:45:00"):
            result = self._check_in_at(report, 20, "action_check_out")
        self.assertTrue(report.in_place)
        self.assertEqual(result["message"], report.checkin_message)
        self.assertIn("after 45 min on site", result["message"])
        self.assertIn("In place", result["message"])

    def test_outside_says_why(self):
        report = self._create_report()
        result = self._check_in_at(report, 2002)
        self.assertFalse(result["in_place"])
        self.assertFalse(result["waiting"])
        self.assertIn("2002 m", result["message"])
        self.assertIn("outside the zone of 500 m", result["message"])

    def test_check_in_again_is_kept_in_the_history(self):
        """A check-in 40 m away after one 2,002 m away: the last counts, both
        are kept, and the manager sees them."""
        report = self._create_report()
        self._check_in_at(report, 2002)
        with freeze_time("2026-11-23 04:10:00"):
            result = self._check_in_at(report, 40)
        self.assertTrue(report.in_place)
        self.assertIn("Checked in 2 times", result["message"])
        history = (
            self.env["visit.report.check.in"]
            .with_user(self.manager)
            .search([("report_id", "=", report.id)])
        )
        self.assertEqual(history.mapped("kind"), ["check_in", "check_in"])
        self.assertEqual(history.mapped("verdict"), ["inside", "outside"])
        self.assertEqual(history.mapped("counts"), [True, False])
        self.assertEqual([round(d) for d in history.mapped("distance")], [40, 2002])
        self.assertEqual(history[1].time, datetime(2026, 11, 23, 4, 0))
        self._check_in_at(report, 30, "action_check_out")
        self.assertEqual(len(report.check_in_ids), 3)
        self.assertEqual(report.check_in_count, 2)
        # another team's manager sees none of it
        with self.assertRaises(AccessError):
            history.with_user(self.manager_b).read(["distance"])

    def test_history_is_the_servers(self):
        """The rep cannot add, change or remove a row of the history, nor set it
        on the report."""
        report = self._create_report()
        self._check_in_at(report, 2002)
        row = report.check_in_ids
        History = self.env["visit.report.check.in"].with_user(self.rep)
        with self.assertRaises(AccessError):
            call_kw(
                History, "create", [{"report_id": report.id, "kind": "check_in"}], {}
            )
        with self.assertRaises(AccessError):
            call_kw(History, "write", [row.ids, {"distance": 10.0}], {})
        with self.assertRaises(AccessError):
            call_kw(History, "unlink", [row.ids], {})
        for value in ([(2, row.id)], [(1, row.id, {"distance": 10.0})]):
            with self.assertRaises(UserError):
                call_kw(
                    report.with_user(self.rep),
                    "write",
                    [report.ids, {"check_in_ids": value}],
                    {},
                )
        for name in ("times_mismatch", "checkin_time"):
            with self.assertRaises(UserError):
                call_kw(
                    report.with_user(self.rep), "write", [report.ids, {name: 1}], {}
                )
        self.assertEqual(round(row.distance), 2002)

    def test_check_out_or_say_why_before_submitting(self):
        """Where the company requires a time on site, the verdict waits for the
        check-out: the rep checks out or says why."""
        self.company.visit_min_dwell_minutes = 30
        report = self._create_report()
        self._check_in_at(report, 100)
        with self.assertRaisesRegex(UserError, "did not check out"):
            call_kw(report.with_user(self.rep), "action_submit", [report.ids], {})
        call_kw(
            report.with_user(self.rep),
            "write",
            [report.ids, {"checkout_missing_reason": "The phone's battery died."}],
            {},
        )
        call_kw(report.with_user(self.rep), "action_submit", [report.ids], {})
        self.assertEqual(report.state, "submitted")
        self.assertEqual(
            report.with_user(self.manager).checkout_missing_reason,
            "The phone's battery died.",
        )
        checked_out = self._create_report(contact_id=self.contact2.id)
        self._check_in_at(checked_out, 100)
        self._check_in_at(checked_out, 100, "action_check_out")
        call_kw(checked_out.with_user(self.rep), "action_submit", [checked_out.ids], {})
        self.assertEqual(checked_out.state, "submitted")

    def test_times_against_the_check_in(self):
        """A report claiming 12:00-14:00 with a check-in at 19:09 is flagged for
        the reviewer; the rep takes the check-in times in one click."""
        report = self._create_report(start_datetime=NOON, end_datetime=TWO_PM)
        self.assertFalse(report.times_mismatch)
        with freeze_time(EVENING):
            self._check_in_at(report, 50)
        self.assertTrue(report.times_mismatch)
        flagged = self.env["visit.report"].with_user(self.manager)
        self.assertEqual(flagged.search([("times_mismatch", "=", True)]), report)
        with freeze_time(datetime(2026, 12, 10, 12, 0)):
            self._check_in_at(report, 50, "action_check_out")
        call_kw(
            report.with_user(self.rep), "action_use_check_in_times", [report.ids], {}
        )
        self.assertEqual(report.start_datetime, EVENING)
        self.assertEqual(report.end_datetime, datetime(2026, 12, 10, 12, 0))
        self.assertFalse(report.times_mismatch)
        # within the tolerance: no warning
        report.with_user(self.rep).start_datetime = datetime(2026, 12, 10, 11, 30)
        self.assertFalse(report.times_mismatch)

    def test_check_out_proposes_the_end(self):
        report = self._create_report(start_datetime=NOON, end_datetime=False)
        with freeze_time(datetime(2026, 12, 10, 4, 5)):
            self._check_in_at(report, 50)
        with freeze_time(TWO_PM):
            self._check_in_at(report, 50, "action_check_out")
        self.assertEqual(report.end_datetime, TWO_PM)
        self.assertFalse(report.times_mismatch)

    def test_unplanned_visit_needs_a_purpose(self):
        report = self._create_report(visit_mode="phone", purpose=False)
        with self.assertRaisesRegex(UserError, "unplanned visit: say its purpose"):
            call_kw(report.with_user(self.rep), "action_submit", [report.ids], {})
        report.with_user(self.rep).purpose = "relationship"
        report.with_user(self.rep).action_submit()
        self.assertEqual(report.state, "submitted")

    def test_rep_widens_the_customer_picker(self):
        """The toggle is the rep's to set, on an open report only."""
        report = self._create_report()
        call_kw(
            report.with_user(self.rep),
            "web_save",
            [report.ids, {"show_all_customers": True}],
            {"specification": {"show_all_customers": {}}},
        )

    def test_qr_scan_without_a_position_says_so(self):
        report = self._create_report()
        report.sudo().write({"checkin_method": "qr", "checkin_time": NOON})
        self.assertEqual(report.in_place_reason, "qr_unlocated")
        self.assertIn("QR code, without a position", report.checkin_message)
        self.assertIn("Not in place", report.checkin_message)

    def test_customer_picker_starts_on_the_reps_customers(self):
        """The form offers the rep's own customers until All Customers is on;
        purpose is required on an unplanned visit."""
        arch = self.env["visit.report"].with_user(self.rep).get_views([(False, "form")])
        form = etree.fromstring(arch["views"]["form"]["arch"])
        picker = form.xpath("//group[@name='visit']//field[@name='partner_id']")[0]
        domain = picker.get("domain")
        self.assertIn("if show_all_customers else", domain)
        self.assertIn("('user_id', '=', user_id)", domain)
        purpose = form.xpath("//field[@name='purpose']")[0]
        self.assertEqual(purpose.get("required"), "is_unplanned")
