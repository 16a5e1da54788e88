# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import HttpCase, tagged


@tagged("post_install", "-at_install")
class TestPartnerVisitsTour(HttpCase):
    def test_partner_visits_page_tour(self):
        partner = self.env["res.partner"].create(
            {"name": "Tour Customer", "is_company": True}
        )
        self.start_tour(
            f"/odoo/contacts/{partner.id}",
            "visit_management_partner_visits_tour",
            login="admin",
        )
        self.assertEqual(
            partner.visit_tier, "a", "the tour set the tier through the form"
        )
