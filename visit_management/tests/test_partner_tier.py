# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase


class TestPartnerTier(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.partner = cls.env["res.partner"].create({"name": "Tiered Customer"})
        # end the creation as a saved form would, so later writes are tracked
        cls.env.cr.flush()

    def test_tier_labels(self):
        selection = dict(
            self.env["res.partner"]
            ._fields["visit_tier"]
            ._description_selection(self.env)
        )
        self.assertEqual(selection, {"a": "A", "b": "B", "c": "C", "d": "D"})

    def test_tier_change_is_tracked(self):
        self.partner.visit_tier = "b"
        self.env.flush_all()
        self.env.cr.flush()  # runs the pre-commit hooks that write tracking values
        tracked = self.partner.message_ids.tracking_value_ids.filtered(
            lambda value: value.field_id.name == "visit_tier"
        )
        self.assertEqual(tracked.mapped("new_value_char"), ["B"])
        self.assertFalse(tracked.old_value_char)

    def test_tier_filter_and_group_by(self):
        others = self.env["res.partner"].create(
            [{"name": "C one", "visit_tier": "c"}, {"name": "C two", "visit_tier": "c"}]
        )
        self.partner.visit_tier = "a"
        found = self.env["res.partner"].search([("visit_tier", "=", "c")])
        self.assertEqual(found & (others | self.partner), others)
        groups = dict(
            self.env["res.partner"]._read_group(
                [("id", "in", (others | self.partner).ids)], ["visit_tier"], ["__count"]
            )
        )
        self.assertEqual(groups, {"a": 1, "c": 2})

    def test_search_view_offers_tier_filters(self):
        arch = self.env["res.partner"].get_view(view_type="search")["arch"]
        for name in ("visit_tier_a", "visit_tier_d", "group_by_visit_tier"):
            self.assertIn(f'name="{name}"', arch)

    def test_partner_form_has_visits_page(self):
        arch = self.env["res.partner"].get_view(view_type="form")["arch"]
        self.assertIn('name="visits"', arch)
        self.assertIn('name="visit_tier"', arch)
