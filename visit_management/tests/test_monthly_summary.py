# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time

from .common import VisitCommon

SUMMARY_LATE = "mail_activity_visit_summary_late"
ASSESSMENT_CRON = "ir_cron_visit_monthly_assessment"


@freeze_time(datetime(2026, 12, 1, 1, 0))
class TestMonthlySummary(VisitCommon):
    """Each team leader reports the month by the 3rd of the next (003): the
    server makes the summaries, dates their submission, counts the late ones
    and reminds the leaders who owe one."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager.tz = cls.manager_b.tz = "Asia/Shanghai"

    def _summary(self, team):
        return self.env["visit.monthly.summary"].search(
            [("team_id", "=", team.id), ("month", "=", date(2026, 11, 1))]
        )

    def _submit(self, summary, user, moment):
        with freeze_time(moment):
            summary.with_user(user).summary = "<p>40 visits, two new customers.</p>"
            summary.with_user(user).action_submit()

    def test_the_leaders_report_by_the_3rd(self):
        self._run_cron(ASSESSMENT_CRON)
        self._run_cron(ASSESSMENT_CRON)
        east, west = self._summary(self.team), self._summary(self.team_b)
        self.assertEqual(len(east), 1, "one summary a team and month")
        self.assertEqual(
            (east.manager_id, east.deadline), (self.manager, date(2026, 12, 3))
        )
        self.assertEqual(west.manager_id, self.manager_b)

        with self.assertRaisesRegex(UserError, "Write the summary"):
            east.with_user(self.manager).action_submit()
        # 23:30 on the 3rd in Shanghai: on time
        self._submit(east, self.manager, datetime(2026, 12, 3, 15, 30))
        self.assertEqual(east.state, "submitted")
        self.assertEqual(east.submitted_date, datetime(2026, 12, 3, 15, 30))
        self.assertFalse(east.submitted_late)
        with self.assertRaises(UserError):
            east.with_user(self.manager).summary = "<p>Rewritten</p>"

        # the 4th: the leader still owing one is reminded, once
        with freeze_time(datetime(2026, 12, 4, 1, 0)):
            self._run_cron(ASSESSMENT_CRON)
            self._run_cron(ASSESSMENT_CRON)
        self.assertFalse(self._activities(SUMMARY_LATE, self.manager))
        (reminder,) = self._activities(SUMMARY_LATE, self.manager_b)
        self.assertIn(f"/odoo/visit.monthly.summary/{west.id}", reminder.note)
        self._submit(west, self.manager_b, datetime(2026, 12, 4, 2, 0))
        self.assertTrue(west.submitted_late)

    def test_who_reads_and_submits(self):
        self._run_cron(ASSESSMENT_CRON)
        east = self._summary(self.team)
        with self.assertRaises(AccessError):
            east.with_user(self.rep).read(["summary"])
        with self.assertRaises(AccessError):
            east.with_user(self.manager_b).read(["summary"])
        for forged in (
            {"state": "submitted"},
            {"submitted_date": datetime(2026, 12, 2, 1, 0)},
            {"deadline": date(2026, 12, 31)},
            {"submitted_late": False},
        ):
            with self.assertRaises(UserError, msg=forged):
                east.with_user(self.manager).write(forged)
        self.assertEqual(
            self.env["visit.monthly.summary"]
            .with_user(self.visit_admin)
            .search([("month", "=", date(2026, 11, 1))])
            .team_id
            & (self.team | self.team_b),
            self.team | self.team_b,
            "the administrators read every team's",
        )
        self.assertEqual(
            self.env["visit.monthly.summary"]
            .with_user(self.manager)
            .search([("month", "=", date(2026, 11, 1))])
            .team_id,
            self.team,
        )
