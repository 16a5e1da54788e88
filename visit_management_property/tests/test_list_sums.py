# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

# A grouped list shows no sum of these columns: floors, days and draw numbers
# add up to nothing; rates and averages are averaged.
AGGREGATORS = {
    "property.building": {"floor_count": None},
    "property.unit": {"floor": None},
    "property.festival": {"lead_days": None},
    "property.callback.sample": {"draw_number": None},
    "property.callback.assessment": dict.fromkeys(
        ("callback_rate", "timeliness", "satisfaction", "score"), "avg"
    ),
    "property.callback.assessment.line": dict.fromkeys(
        ("callback_rate", "timeliness", "satisfaction", "score"), "avg"
    ),
}


class TestListSums(TransactionCase):
    def test_no_meaningless_sums(self):
        for model, aggregators in AGGREGATORS.items():
            described = self.env[model].fields_get(list(aggregators), ["aggregator"])
            for name, aggregator in aggregators.items():
                with self.subTest(model=model, field=name):
                    self.assertEqual(described[name].get("aggregator"), aggregator)
