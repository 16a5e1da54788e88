# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import TransactionCase


class TestResLang(TransactionCase):
    def _web_client_week_start(self, code):
        """The first day of the week the web client's date pickers get."""
        return self.env["ir.http"]._get_translations_for_webclient(["web"], code)[1][
            "week_start"
        ]

    def test_chinese_weeks_start_on_monday(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.assertEqual(self.env.ref("base.lang_zh_CN").week_start, "1")
        self.assertEqual(self._web_client_week_start("zh_CN"), 1)
        self.assertEqual(self._web_client_week_start("en_US"), 7)
