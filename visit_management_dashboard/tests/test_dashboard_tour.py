# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).

from odoo.tests import tagged

from odoo.addons.visit_management.tests.test_journey_tours import JourneyCase


@tagged("post_install", "-at_install")
class TestDashboardTour(JourneyCase):
    """The team leader opens the Visits dashboard in the browser."""

    def test_the_team_leader_opens_the_dashboard(self):
        self.env["visit.customer.callback"]._start_ladder(
            [
                {
                    "partner": self.customer,
                    "user": self.rep,
                    "company": self.env.company,
                    "date": self.today.replace(day=1),
                    "kinds": ("thank_you", "usage_check"),
                }
            ]
        )
        self.env["visit.assessment"]._assess_month(self.today.replace(day=1))
        dashboard = self.env.ref(
            "visit_management_dashboard.spreadsheet_dashboard_visits"
        )
        self._tour(
            self.manager,
            f"/odoo/dashboards?dashboard_id={dashboard.id}",
            "visit_management_dashboard_tour",
        )
        self.assertScreenshots("visits_dashboard")
