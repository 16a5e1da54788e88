# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from odoo.addons.visit_management.tests.translation_checks import (
    TranslationFileChecks,
)


class TestTranslations(TranslationFileChecks, TransactionCase):
    _module = "visit_management_sale"

    def test_chinese_labels_in_database(self):
        env = self._load_zh_cn()

        order_fields = env["sale.order"].fields_get(["visit_is_sample"], ["string"])
        self.assertEqual(order_fields["visit_is_sample"]["string"], "仅发样品")
        application_fields = env["visit.new.customer.application"].fields_get(
            ["first_deal_order_id"], ["string"]
        )
        self.assertEqual(
            application_fields["first_deal_order_id"]["string"], "首笔订单"
        )
        self.assertEqual(
            env._("The first order %(order)s is not confirmed.", order="S00042"),
            "首笔订单 S00042 尚未确认。",
        )
