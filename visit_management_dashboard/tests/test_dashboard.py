# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import date, datetime
from unittest.mock import patch

from odoo.tests import HttpCase, freeze_time, new_test_user, tagged

from odoo.addons.visit_management.tests.common import MANAGER_GROUPS, REP_GROUPS


@tagged("post_install", "-at_install")
@freeze_time("2026-12-14 02:00:00")
class TestVisitsDashboard(HttpCase):
    """The Visits dashboard loads for a team leader from Odoo's Dashboards app,
    and each of its pivots computes on the team's data."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # records are created at the test's clock, not the database's
        cls.startClassPatcher(patch.object(cls.cr, "now", datetime.now))
        cls.manager = new_test_user(cls.env, "dash_manager", groups=MANAGER_GROUPS)
        cls.rep = new_test_user(cls.env, "dash_rep", groups=REP_GROUPS)
        cls.team = cls.env["crm.team"].create(
            {"name": "East", "user_id": cls.manager.id, "member_ids": cls.rep.ids}
        )
        cls.customer = cls.env["res.partner"].create(
            {
                "name": "Huadong Trading Co.",
                "is_company": True,
                "visit_tier": "a",
                "user_id": cls.rep.id,
            }
        )
        # on file since October and never visited: overdue
        cls.env.flush_all()
        cls.env.cr.execute(
            "UPDATE res_partner SET create_date = '2026-10-01' WHERE id = %s",
            [cls.customer.id],
        )
        cls.customer.invalidate_recordset(["create_date"])
        cls.env.add_to_compute(cls.customer._fields["next_visit_date"], cls.customer)
        cls.env["visit.customer.callback"]._start_ladder(
            [
                {
                    "partner": cls.customer,
                    "user": cls.rep,
                    "company": cls.env.company,
                    "date": date(2026, 11, 20),
                    "kinds": ("thank_you", "usage_check"),
                }
            ]
        )
        cls.assessment = (
            cls.env["visit.assessment"]
            ._assess_month(date(2026, 11, 1))
            .filtered(lambda assessment: assessment.user_id == cls.rep)
        )
        cls.dashboard = cls.env.ref(
            "visit_management_dashboard.spreadsheet_dashboard_visits"
        )

    def _pivot_groups(self, pivot):
        """What the dashboard's pivot reads, as the team leader."""
        Model = self.env[pivot["model"]].with_user(self.manager)
        names = [measure["fieldName"] for measure in pivot["measures"]]
        aggregates = [
            name if name == "__count" else f"{name}:{Model._fields[name].aggregator}"
            for name in names
        ]
        groupby = [group["fieldName"] for group in pivot["rows"] + pivot["columns"]]
        return Model.formatted_read_group(pivot["domain"], groupby, aggregates)

    def test_the_team_leader_loads_it_and_its_pivots_compute(self):
        self.assertIn(self.manager, self.dashboard.group_ids.all_user_ids)
        self.assertNotIn(self.rep, self.dashboard.group_ids.all_user_ids)
        self.authenticate(self.manager.login, self.manager.login)
        response = self.url_open(f"/spreadsheet/dashboard/data/{self.dashboard.id}")
        pivots = response.json()["snapshot"]["pivots"]
        self.assertEqual(len(pivots), 4)
        by_name = {pivot["name"]: pivot for pivot in pivots.values()}

        (east,) = [
            group
            for group in self._pivot_groups(by_name["Assessments by team"])
            if group["team_id"] and group["team_id"][0] == self.team.id
        ]
        self.assertEqual(east["coverage_rate:avg"], self.assessment.coverage_rate)
        self.assertEqual(east["callback_rate:avg"], 0.0, "the thank-you call missed")

        self.assertTrue(self.customer.with_user(self.manager).visit_overdue)
        (overdue,) = [
            group
            for group in self._pivot_groups(by_name["Overdue customers by team"])
            if group["visit_team_id"] and group["visit_team_id"][0] == self.team.id
        ]
        self.assertEqual(overdue["__count"], 1)

        callbacks = self._pivot_groups(by_name["After-sale callbacks"])
        self.assertEqual(
            sorted(
                (group["kind"], group["state"], group["__count"]) for group in callbacks
            ),
            [("thank_you", "due", 1), ("usage_check", "due", 1)],
        )
        self._pivot_groups(by_name["Receptions by status"])
