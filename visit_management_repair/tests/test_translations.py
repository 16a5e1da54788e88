# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from odoo.addons.visit_management.tests.translation_checks import (
    TranslationFileChecks,
)


class TestTranslations(TranslationFileChecks, TransactionCase):
    _module = "visit_management_repair"

    def test_chinese_labels_in_database(self):
        env = self._load_zh_cn()
        labels = env["repair.order"].fields_get(["visit_callback_ids"], ["string"])
        self.assertEqual(labels["visit_callback_ids"]["string"], "跟踪回访")
