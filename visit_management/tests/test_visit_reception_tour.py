# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import datetime

from odoo.tests import HttpCase, new_test_user, tagged

from .common import REP_GROUPS


@tagged("post_install", "-at_install")
class TestReceptionTour(HttpCase):
    """The host confirms and reschedules a booking from the board and form."""

    def test_confirm_and_reschedule_in_the_browser(self):
        host = new_test_user(self.env, "tour_host", groups=REP_GROUPS, tz="UTC")
        team = self.env["crm.team"].create(
            {"name": "Tour Team", "member_ids": [(6, 0, host.ids)]}
        )
        partner = self.env["res.partner"].create(
            {"name": "Tour Visitor Co.", "is_company": True}
        )
        reception = (
            self.env["visit.reception"]
            .with_user(host)
            .create(
                {
                    "partner_id": partner.id,
                    "team_id": team.id,
                    "start_datetime": datetime(2030, 12, 10, 10, 0),
                    "stop_datetime": datetime(2030, 12, 10, 12, 0),
                    "visitor_ids": [(0, 0, {"name": "Tour Visitor"})],
                    "material_ids": [(0, 0, {"name": "Brochures"})],
                }
            )
        )
        self.start_tour(
            "/odoo/visit-receptions",
            "visit_management_reception_tour",
            login="tour_host",
        )
        self.assertEqual(reception.state, "confirmed")
        self.assertEqual(reception.start_datetime, datetime(2030, 12, 10, 11, 0))
        self.assertEqual(
            reception.calendar_event_id.start, datetime(2030, 12, 10, 11, 0)
        )
