# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime, timedelta

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time

from .common import VisitCommon

# Friday 11 December 2026, 10:00 to 11:00 in Shanghai.
FRIDAY_START = datetime(2026, 12, 11, 2, 0)
FRIDAY_END = datetime(2026, 12, 11, 3, 0)


class TestVisitReportTimeliness(VisitCommon):
    def test_deadline_defaults_to_24_hours(self):
        report = self._create_report()
        self.assertEqual(report.report_deadline, datetime(2026, 12, 11, 3, 30))

    def test_deadline_in_working_days(self):
        self.company.write(
            {
                "visit_report_deadline_unit": "working_days",
                "visit_report_deadline_days": 2,
            }
        )
        self.company.resource_calendar_id.tz = "Asia/Shanghai"
        report = self._create_report(
            start_datetime=FRIDAY_START, end_datetime=FRIDAY_END
        )
        tuesday_end = datetime(2026, 12, 15, 15, 59, 59)  # 23:59:59 in Shanghai
        self.assertEqual(report.report_deadline, tuesday_end)
        # Friday 03:00 in Shanghai is still Thursday in UTC: the local day counts.
        early = self._create_report(
            start_datetime=datetime(2026, 12, 10, 18, 0),
            end_datetime=datetime(2026, 12, 10, 19, 0),
        )
        self.assertEqual(early.report_deadline, tuesday_end)

    def test_submitted_late_is_stored_at_submission(self):
        on_time, late = self._create_report(), self._create_report()
        with freeze_time(on_time.report_deadline - timedelta(hours=1)):
            on_time.action_submit()
        with freeze_time(late.report_deadline + timedelta(minutes=1)):
            late.action_submit()
        self.assertFalse(on_time.submitted_late)
        self.assertTrue(late.submitted_late)
        self.assertEqual(
            late.submitted_date, late.report_deadline + timedelta(minutes=1)
        )
        # a later change of the rule does not rewrite what was filed
        self.company.visit_report_deadline_hours = 72
        self.assertTrue(late.submitted_late)


class TestVisitReportValidity(VisitCommon):
    def _visit(self, day, contact, submit=True):
        start = datetime.combine(day, datetime.min.time()) + timedelta(hours=2)
        report = self._create_report(
            contact_id=contact.id,
            start_datetime=start,
            end_datetime=start + timedelta(hours=1),
        )
        if submit:
            report.action_submit()
        return report

    def test_same_contact_two_months_in_a_row(self):
        november = self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        self.assertTrue(november.is_valid)
        self.assertFalse(november.invalid_reason)
        self.assertFalse(december.is_valid)
        self.assertIn("Wang Wei", december.invalid_reason)

    def test_reason_reads_in_the_readers_language(self):
        """Stored is the kind of invalidity; the sentence is the reader's."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"].search(
            [("name", "=", "visit_management")]
        )._update_translations(["zh_CN"], overwrite=True)
        self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        self.assertEqual(december.invalid_kind, "repeated_contact")
        read = december.with_user(self.manager)
        self.assertEqual(
            read.with_context(lang="zh_CN").invalid_reason,
            "连续两个月只拜访了同一联系人（Wang Wei）。",
        )
        self.assertEqual(
            read.with_context(lang="en_US").invalid_reason,
            "Only the same contact was visited two months in a row (Wang Wei).",
        )

    def test_earlier_month_submitted_last(self):
        november = self._visit(date(2026, 11, 12), self.contact, submit=False)
        december = self._visit(date(2026, 12, 3), self.contact)
        self.assertTrue(december.is_valid)  # a draft is not a visit done yet
        november.action_submit()
        self.assertFalse(december.is_valid)

    def test_another_contact_in_the_later_month(self):
        november = self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact2)
        self.assertTrue(november.is_valid)
        self.assertTrue(december.is_valid)
        self.assertFalse(december.invalid_reason)

    def test_two_contacts_in_the_later_month(self):
        self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        self.assertFalse(december.is_valid)
        self._visit(date(2026, 12, 20), self.contact2)
        self.assertTrue(december.is_valid)

    def test_changing_the_earlier_month_revalidates_the_later(self):
        november = self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        self.assertFalse(december.is_valid)
        november.sudo().contact_id = self.contact2
        self.assertTrue(december.is_valid)
        november.sudo().contact_id = self.contact
        self.assertFalse(december.is_valid)

    def test_archiving_does_not_rewrite_validity(self):
        november = self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        november.with_user(self.manager).action_archive()
        self.assertFalse(december.is_valid)

    def test_verification_call_decides(self):
        self._visit(date(2026, 11, 12), self.contact)
        december = self._visit(date(2026, 12, 3), self.contact)
        as_manager = december.with_user(self.manager)
        as_manager.write({"verification_done": True, "verification_score": 60})
        self.assertTrue(december.is_valid)
        self.assertFalse(december.invalid_reason)
        as_manager.verification_score = 59
        self.assertFalse(december.is_valid)
        self.assertIn("verification", december.invalid_reason)
        self.company.visit_verification_pass_score = 50
        self.assertTrue(december.is_valid)
        with self.assertRaisesRegex(ValidationError, "between 0 and 100"):
            as_manager.verification_score = 101

    def test_rep_cannot_verify_own_visit(self):
        self.rep.group_ids += self.env.ref("visit_management.group_visit_manager")
        report = self._visit(date(2026, 12, 3), self.contact)
        with self.assertRaisesRegex(UserError, "you cannot change Verification"):
            report.write({"verification_done": True, "verification_score": 90})


class TestVisitReportBadInput(VisitCommon):
    def test_end_before_start(self):
        with self.assertRaisesRegex(ValidationError, "cannot end before"):
            self._create_report(start_datetime=FRIDAY_END, end_datetime=FRIDAY_START)

    def test_partner_of_another_company(self):
        other_company = self.env["res.company"].create({"name": "Other Co."})
        stranger = self.env["res.partner"].create(
            {"name": "Stranger Ltd", "is_company": True, "company_id": other_company.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a customer of"):
            self._create_report(partner_id=stranger.id, contact_id=False)

    def test_contact_of_another_partner(self):
        other_contact = self.env["res.partner"].create(
            {"name": "Zhao Lei", "parent_id": self.customer_b.id}
        )
        with self.assertRaisesRegex(ValidationError, "not a contact of"):
            self._create_report(contact_id=other_contact.id)
        with self.assertRaisesRegex(ValidationError, "not a contact of"):
            self._create_report(contact_id=self.customer.id)

    def test_out_of_range_coordinates(self):
        report = self._create_report()
        for latitude, longitude in ((-90.5, 121.0), (31.0, 180.5)):
            with self.assertRaisesRegex(ValidationError, "between"):
                report.action_check_in(latitude, longitude)
        self.assertFalse(report.checkin_method)


class TestVisitReportQueries(VisitCommon):
    def _recompute_query_count(self, reports):
        """Queries issued to recompute validity and in-place for these reports."""
        self.env.flush_all()
        self.env.invalidate_all()
        for fname in ("is_valid", "in_place"):
            self.env.add_to_compute(reports._fields[fname], reports)
        before = self.env.cr.sql_log_count
        reports.flush_recordset()
        return self.env.cr.sql_log_count - before

    def test_recompute_does_not_grow_with_reports(self):
        values = [
            {
                "user_id": self.rep.id,
                "partner_id": self.customer.id,
                "contact_id": (self.contact if i % 2 else self.contact2).id,
                "visit_mode": "onsite",
                "start_datetime": datetime(2026, 11 + i % 2, 1 + i % 28, 2, 0),
                "end_datetime": datetime(2026, 11 + i % 2, 1 + i % 28, 3, 0),
                "checkin_method": "gps",
                "checkin_latitude": 31.2304 + i / 100000,
                "checkin_longitude": 121.4737,
            }
            for i in range(50)
        ]
        reports = self.env["visit.report"].create(values)
        one = self._recompute_query_count(reports[:1])
        fifty = self._recompute_query_count(reports)
        self.assertEqual(fifty, one)
