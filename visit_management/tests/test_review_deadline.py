# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import freeze_time

from .test_visit_report import VisitReportCase

REVIEW_LATE = "visit_management.mail_activity_visit_review_late"


class TestReviewDeadline(VisitReportCase):
    """The manager reviews the reports by 9:15 the next working day (domain §3,
    003): the deadline by the company's calendar, reviews counted late, and
    one reminder to the manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company.resource_calendar_id.tz = "Asia/Shanghai"

    def _reminders(self):
        return self.env["mail.activity"].search(
            [
                ("activity_type_id", "=", self.env.ref(REVIEW_LATE).id),
                ("user_id", "=", self.manager.id),
            ]
        )

    def _submitted_at(self, moment):
        with freeze_time(moment):
            report = self._create_report()
            report.action_submit()
        return report

    def test_next_working_day_at_9_15(self):
        # Monday noon in Shanghai: Tuesday 9:15 (01:15 UTC)
        monday = self._submitted_at(datetime(2026, 11, 23, 4, 0))
        self.assertEqual(monday.review_deadline, datetime(2026, 11, 24, 1, 15))
        # Friday evening: Monday 9:15
        friday = self._submitted_at(datetime(2026, 11, 27, 11, 0))
        self.assertEqual(friday.review_deadline, datetime(2026, 11, 30, 1, 15))
        with freeze_time(datetime(2026, 11, 24, 1, 0)):
            monday.with_user(self.manager).action_approve()
        self.assertFalse(monday.reviewed_late)
        with freeze_time(datetime(2026, 11, 30, 2, 0)):
            self._return(friday)
        self.assertTrue(friday.reviewed_late)
        self.assertEqual(friday.reviewed_date, datetime(2026, 11, 30, 2, 0))
        # resubmitted: a new deadline, not reviewed yet
        with freeze_time(datetime(2026, 11, 30, 3, 0)):
            friday.with_user(self.rep).action_submit()
        self.assertEqual(friday.review_deadline, datetime(2026, 12, 1, 1, 15))
        self.assertFalse(friday.reviewed_date or friday.reviewed_late)

    def test_the_company_sets_the_deadline(self):
        self.company.write(
            {"visit_review_deadline_days": 0, "visit_review_deadline_time": 18.5}
        )
        report = self._submitted_at(datetime(2026, 11, 23, 4, 0))
        self.assertEqual(report.review_deadline, datetime(2026, 11, 23, 10, 30))

    def test_the_manager_is_reminded_once(self):
        report = self._submitted_at(datetime(2026, 11, 23, 4, 0))
        overview = self.env["visit.team.overview"].with_user(self.manager)
        with freeze_time(datetime(2026, 11, 24, 1, 0)):
            self._run_cron("visit_management.ir_cron_visit_report_reminders")
        self.assertFalse(self._reminders())
        with freeze_time(datetime(2026, 11, 24, 2, 0)):
            self._run_cron("visit_management.ir_cron_visit_report_reminders")
            self._run_cron("visit_management.ir_cron_visit_report_reminders")
        [reminder] = self._reminders()
        self.assertIn(f"/odoo/visit.report/{report.id}", reminder.note)
        self.assertIn("past their review deadline", reminder.summary)
        self.assertEqual(overview.browse(self.manager.id).review_overdue_count, 1)
        with freeze_time(datetime(2026, 11, 24, 3, 0)):
            report.with_user(self.manager).action_approve()
        self.assertTrue(report.reviewed_late)
        overview.invalidate_model()
        self.assertEqual(overview.browse(self.manager.id).review_overdue_count, 0)
        # counted per manager: the reports reviewed late, grouped by manager
        self.assertEqual(
            self.env["visit.report"]
            .with_user(self.manager)
            ._read_group([("reviewed_late", "=", True)], ["manager_id"], ["__count"]),
            [(self.manager, 1)],
        )
