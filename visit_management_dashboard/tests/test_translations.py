# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase

from odoo.addons.visit_management.tests.translation_checks import (
    TranslationFileChecks,
)


class TestTranslations(TranslationFileChecks, TransactionCase):
    _module = "visit_management_dashboard"

    def test_chinese_dashboard_name(self):
        env = self._load_zh_cn()
        dashboard = env.ref("visit_management_dashboard.spreadsheet_dashboard_visits")
        self.assertEqual(dashboard.name, "拜访")
