# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged

from .read_only_cursor import ReadOnlyCursorMixin
from .test_today import TodayCommon

# The screens that only read, as a rep and as a team leader open them.
REP_SCREENS = (
    "visit_management.visit_today_action",
    "visit_management.res_partner_action_visit_customers",
    "visit_management.visit_report_analysis_action",
    "visit_management.visit_report_action_analysis",
    "visit_management.visit_plan_action_analysis",
    "visit_management.visit_plan_line_action_analysis",
    "visit_management.visit_report_monthly_action",
    "visit_management.visit_assessment_action",
)
MANAGER_SCREENS = (
    "visit_management.visit_today_rep_action",
    "visit_management.visit_assessment_action_team",
    "visit_management.visit_reception_action_analysis",
)


@tagged("post_install", "-at_install")
class TestReadPathsOnReplica(ReadOnlyCursorMixin, HttpCase, TodayCommon):
    """Today, the maps, the pivots, the analysis views and the customer lists
    are served on a read-only cursor, so that a PostgreSQL streaming replica
    (Odoo's db_replica_host) takes the morning's reads off the primary."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._approved_plan_today(
            cls.rep, [(cls.customer, 10, 0, None), (cls.workshop, 15, 0, None)]
        )
        report = cls._create_report(
            start_datetime=cls._at(10), end_datetime=cls._at(11)
        )
        report.with_user(cls.rep).action_submit()

    def test_the_reps_screens_read_on_a_replica(self):
        self.authenticate("visit_rep", "visit_rep")
        for action in REP_SCREENS:
            with self.subTest(action=action):
                self.assertServedReadOnly(self._open_screen(action))
        day, cursors = self._call("visit.today", "visit_app_day")
        self.assertEqual(cursors, [True])
        # the two planned visits and the visit already reported
        self.assertEqual(len(day["visits"]), 3)
        position = [31.2304, 121.4737]
        data, cursors = self._call(
            "res.partner",
            "visit_map_data",
            [("visit_tier", "!=", False)],
            position=position,
        )
        self.assertEqual(cursors, [True])
        self.assertEqual([p["id"] for p in data["points"]], self.customer.ids)

    def test_the_team_leaders_screens_read_on_a_replica(self):
        self.authenticate("visit_manager", "visit_manager")
        for action in MANAGER_SCREENS:
            with self.subTest(action=action):
                self.assertServedReadOnly(self._open_screen(action))
        self.assertServedReadOnly(
            self._open_views(
                "visit.team.overview", [[False, "form"]], res_id=self.manager.id
            )
        )

    def test_a_call_that_writes_goes_to_the_primary(self):
        """What the check above relies on: a write is never served read-only."""
        self.authenticate("visit_rep", "visit_rep")
        line = self.env["visit.today"].search(
            [
                ("user_id", "=", self.rep.id),
                ("partner_id", "=", self.customer.id),
                ("report_id", "=", False),
            ]
        )
        _result, cursors = self._call(
            "visit.today", "action_check_in", line.ids, 31.2304, 121.4737, 10.0
        )
        self.assertEqual(cursors, [False])
        self.assertTrue(line.report_id.checkin_time)
