# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import fields
from odoo.tests import HttpCase, new_test_user, tagged

from .common import REP_GROUPS


@tagged("post_install", "-at_install")
class TestReceptionTour(HttpCase):
    """The host confirms and reschedules a booking from the board and form."""

    def test_confirm_and_reschedule_in_the_browser(self):
        # a week from now, by the clock the browser shares with the server
        start = (fields.Datetime.now() + timedelta(days=7)).replace(
            hour=10, minute=0, second=0, microsecond=0
        )
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
                    "start_datetime": start,
                    "stop_datetime": start + timedelta(hours=2),
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
        moved = start + timedelta(hours=1)
        self.assertEqual(reception.start_datetime, moved)
        self.assertEqual(reception.stop_datetime, moved + timedelta(hours=2))
        self.assertEqual(reception.calendar_event_id.start, moved)
