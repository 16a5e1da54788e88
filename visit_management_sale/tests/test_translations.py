# Copyright 2026 Visit Management Authors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import polib

from odoo.tests import TransactionCase
from odoo.tools.misc import file_path

from odoo.addons.visit_management.tests.test_translations import placeholders


class TestTranslations(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.po = polib.pofile(file_path("visit_management_sale/i18n/zh_CN.po"))
        cls.pot = polib.pofile(
            file_path("visit_management_sale/i18n/visit_management_sale.pot")
        )

    def test_po_file_is_complete(self):
        self.assertEqual(self.po.metadata.get("Language"), "zh_CN")
        self.assertIn("charset=UTF-8", self.po.metadata.get("Content-Type", ""))
        for entry in self.po:
            with self.subTest(msgid=entry.msgid):
                self.assertTrue(entry.msgstr.strip(), "untranslated")
                self.assertNotIn("fuzzy", entry.flags)
                self.assertFalse(entry.obsolete)
                self.assertEqual(placeholders(entry.msgid), placeholders(entry.msgstr))
        po_entries = {entry.msgid: entry for entry in self.po}
        self.assertTrue(self.pot)
        for entry in self.pot:
            with self.subTest(msgid=entry.msgid):
                self.assertIn(entry.msgid, po_entries)
                self.assertEqual(
                    po_entries[entry.msgid].occurrences,
                    entry.occurrences,
                    "the .po does not match the .pot: regenerate it",
                )

    def test_chinese_labels_in_database(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        module = self.env["ir.module.module"].search(
            [("name", "=", "visit_management_sale")]
        )
        module._update_translations(["zh_CN"], overwrite=True)
        env = self.env(context=dict(self.env.context, lang="zh_CN"))
        self.env.registry.clear_cache()
        self.env.invalidate_all()

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
