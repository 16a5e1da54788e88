# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import re
from datetime import date, datetime

from .test_visit_report_analysis import VisitAnalysisCommon

ROLES = ("rep", "rep2", "rep_b", "manager", "manager_b", "visit_admin")


class TestVisitsByMonth(VisitAnalysisCommon):
    """The monthly counts (visit.report.monthly, kept by PostgreSQL) are those
    of the reports after every kind of write, and each role reads the counts
    of the reports it may read."""

    def _counts(self, user):
        rows = self.env["visit.report.monthly"].with_user(user).search([])
        return {
            (row.month, row.user_id, row.state, row.visit_mode, row.visit_tier): (
                row.nbr,
                row.nbr_in_place,
                row.nbr_valid,
                row.nbr_late,
                round(row.duration, 6),
            )
            for row in rows
        }

    def _counted_from_the_reports(self, user):
        counts = {}
        for report in self.env["visit.report"].with_user(user).search([]):
            key = (
                report.visit_date.replace(day=1),
                report.user_id,
                report.state,
                report.visit_mode,
                report.visit_tier,
            )
            nbr, in_place, valid, late, duration = counts.get(key, (0, 0, 0, 0, 0.0))
            counts[key] = (
                nbr + 1,
                in_place + report.in_place,
                valid + report.is_valid,
                late + report.submitted_late,
                round(duration + report.duration, 6),
            )
        return counts

    def assertCountsAreTheReports(self):
        for role in ROLES:
            user = getattr(self, role)
            with self.subTest(user=user.login):
                self.assertEqual(
                    self._counts(user), self._counted_from_the_reports(user)
                )

    def test_counts_of_the_hand_built_visits(self):
        self.assertCountsAreTheReports()
        december = {
            key[2:]: value
            for key, value in self._counts(self.rep).items()
            if key[:2] == (date(2026, 12, 1), self.rep)
        }
        # the planned visit, approved, checked in on site and late; the draft
        self.assertEqual(
            december,
            {
                ("approved", "onsite", "a"): (1, 1, 1, 1, 1.5),
                ("draft", "onsite", "a"): (1, 0, 1, 0, 1.0),
            },
        )
        # a team leader reads the counts of the team, not those of the other team
        self.assertEqual(
            {key[1] for key in self._counts(self.manager)}, {self.rep, self.rep2}
        )

    def test_counts_follow_every_write(self):
        """A submission, a visit moved to another month, another rep, an
        archive, a restore and a deletion: each is counted at once."""
        self.draft.with_user(self.rep).action_submit()
        self.assertCountsAreTheReports()
        self.draft.with_user(self.rep).write({})  # nothing counted changes
        self.unplanned.sudo().write(
            {
                "start_datetime": datetime(2026, 10, 30, 2, 0),
                "end_datetime": datetime(2026, 10, 30, 3, 0),
            }
        )
        self.assertCountsAreTheReports()
        self.assertIn(
            (date(2026, 10, 1), self.rep, "submitted", "phone", "c"),
            self._counts(self.rep),
        )
        self.rep2_report.sudo().user_id = self.rep
        self.west_dec.with_user(self.manager_b).action_archive()
        self.archived.sudo().action_unarchive()
        self.assertCountsAreTheReports()
        self.assertFalse(self._counts(self.rep2))
        self.archived.with_user(self.rep).unlink()
        self.assertCountsAreTheReports()
        self._create_report(
            user=self.rep_b,
            start_datetime=datetime(2027, 1, 4, 2, 0),
            end_datetime=datetime(2027, 1, 4, 3, 0),
        )
        january = (date(2027, 1, 1), self.rep_b, "draft", "onsite", "a")
        self.assertEqual(self._counts(self.rep_b)[january], (1, 0, 1, 0, 1.0))

    def test_the_pivot_counts_the_done_visits_by_rep_and_month(self):
        """The action's default: the submitted and approved visits."""
        Monthly = self.env["visit.report.monthly"].with_user(self.visit_admin)
        groups = Monthly.formatted_read_group(
            [("state", "in", ("submitted", "approved"))],
            ["user_id", "month:month"],
            ["nbr:sum"],
        )
        self.assertEqual(
            {(g["user_id"][0], g["month:month"][0]): g["nbr:sum"] for g in groups},
            {
                (self.rep.id, "2026-11-01"): 1,
                (self.rep.id, "2026-12-01"): 1,
                (self.rep_b.id, "2026-11-01"): 1,
                (self.rep_b.id, "2026-12-01"): 1,
            },
        )

    def test_a_deleted_team_or_team_leader_leaves_the_counts_right(self):
        """Their reports are counted under no team and no leader; nothing fails
        (two rows of the team's leader once made one group twice)."""
        self.west_nov.sudo().write(
            {
                "start_datetime": self.west_dec.start_datetime,
                "end_datetime": self.west_dec.end_datetime,
                "team_id": False,
                "manager_id": False,
            }
        )
        self.team_b.sudo().unlink()
        self.manager_b.sudo().unlink()
        counts = self._counts(self.visit_admin)
        self.assertEqual(counts, self._counted_from_the_reports(self.visit_admin))
        rows = self.env["visit.report.monthly"].search(
            [("user_id", "=", self.rep_b.id)]
        )
        self.assertFalse(rows.team_id)
        self.assertFalse(rows.manager_id)
        self.assertEqual(sum(rows.mapped("nbr")), 2)

    def test_the_counting_is_never_compiled(self):
        """PostgreSQL cannot estimate the join of a statement's old and new
        rows (half a million for 14,000) and compiled the counting with JIT
        on every reminder flag written: 0.9 s a statement at a million
        reports. The trigger runs with JIT off."""
        self.env.cr.execute(
            "SELECT proconfig FROM pg_proc "
            "WHERE proname = 'visit_report_monthly_trigger'"
        )
        self.assertEqual(self.env.cr.fetchall(), [(["jit=off"],)])

    def test_each_statement_is_counted_by_a_plan_of_its_own(self):
        """The trigger EXECUTEs its counting, planned for each statement's
        rows: written in the function, PostgreSQL planned it once a
        connection, for the first statement's rows, and an update of 27,000
        reports after one of a single report joined their old and new rows
        in a nested loop (half an hour at a million reports). Its counts
        after both are those of the reports."""
        self.env.cr.execute(
            "SELECT prosrc FROM pg_proc WHERE proname = 'visit_report_monthly_trigger'"
        )
        [[source]] = self.env.cr.fetchall()
        self.assertEqual(len(re.findall(r"EXECUTE '\s*WITH c \(sign,", source)), 3)
        reports = self.env["visit.report"].search([])
        self.assertGreater(len(reports), 2)
        reports[0].sudo().write({"visit_mode": "phone"})
        reports.sudo().write({"visit_mode": "onsite"})
        self.assertCountsAreTheReports()
